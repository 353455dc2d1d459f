package lexicon

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/token"
)

// allNames calls fn with every name of every entry of l.
func allNames(l *Lexicon, fn func(e *Entry, form Form, name string)) {
	for _, e := range l.entries {
		for form := FormName; form <= FormShort; form++ {
			for _, s := range e.names(form) {
				fn(e, form, s)
			}
		}
	}
}

// sameTables reports how two matchers' tables differ, if they do.
func sameTables(t testing.TB, got, want *Matcher) {
	t.Helper()
	if got.maxLen != want.maxLen {
		t.Errorf("maxLen %d, want %d", got.maxLen, want.maxLen)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"first", got.first, want.first},
		{"firstInfo", got.firstInfo, want.firstInfo},
		{"info", got.info, want.info},
		{"start", got.start, want.start},
		{"payloads", got.payloads, want.payloads},
		{"cands", got.cands, want.cands},
		{"reqs", got.reqs, want.reqs},
		{"texts", got.texts, want.texts},
		{"vocabulary keys", got.vocab.keys(), want.vocab.keys()},
		{"edges", got.edges.edges(), want.edges.edges()},
		{"edge filter", got.edges.filter, want.edges.filter},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s differ", c.name)
		}
	}
	if !bytes.Equal(got.vocab.arena, want.vocab.arena) {
		t.Error("vocabulary arenas differ")
	}
	if got.edges.fshift != want.edges.fshift {
		t.Errorf("edge filter shift %d, want %d", got.edges.fshift, want.edges.fshift)
	}
	if got.vocab.n != want.vocab.n || got.edges.n != want.edges.n {
		t.Errorf("%d keys and %d edges, want %d and %d", got.vocab.n, got.edges.n, want.vocab.n, want.edges.n)
	}
}

// sameMatches checks that two matchers find the same names in the test
// articles and look up every name of l alike.
func sameMatches(t *testing.T, l *Lexicon, got, want *Matcher) {
	t.Helper()
	paths, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	f := token.NewFolder()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		toks := token.Tokenize(nil, s)
		gi, wi := got.Keys(nil, f, s, toks), want.Keys(nil, f, s, toks)
		if !slices.Equal(gi, wi) {
			t.Errorf("%s: token ids differ", p)
			continue
		}
		gm, wm := got.Match(nil, s, toks, gi), want.Match(nil, s, toks, wi)
		if len(wm) == 0 || !reflect.DeepEqual(gm, wm) {
			t.Errorf("%s: %d matches, want the %d of the compiled matcher", p, len(gm), len(wm))
		}
	}
	n := 0
	allNames(l, func(e *Entry, form Form, name string) {
		n++
		g, w := got.Lookup(name), want.Lookup(name)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("Lookup(%q) = %v, want %v", name, g, w)
		}
		if g, w := got.Named(name), want.Named(name); !reflect.DeepEqual(g, w) {
			t.Errorf("Named(%q) = %v, want %v", name, g, w)
		}
	})
	if n < 1000 {
		t.Errorf("only %d names", n)
	}
}

// TestStoredMatcher: the matcher Default loads from compiled.bin is the
// one compiling its entries gives, table for table and match for match.
func TestStoredMatcher(t *testing.T) {
	l, stale, err := loadCompiled(compiled, compiledText())
	if err != nil {
		t.Fatal(err)
	}
	if stale != nil {
		t.Fatalf("the stored matcher was not used: %v", stale)
	}
	fresh := compile(l)
	if len(fresh.problems) > 0 {
		t.Fatalf("the default gazetteer has name problems: %v", fresh.problems)
	}
	sameTables(t, l.matcher, fresh)
	sameMatches(t, l, l.matcher, fresh)
	m0 := l.matcher
	// The edges' stored slots are those of a table they are added to in
	// order (newEdgeTab for their number, as the loader makes it).
	laid := newEdgeTab(m0.edges.n)
	for _, e := range m0.edges.edges() {
		laid.add(e.node, e.id, e.child)
	}
	if !reflect.DeepEqual(laid.slots, m0.edges.slots) {
		t.Error("the stored edge slots are not those adding the edges gives")
	}
	// The tables that point into compiled.bin (readOnly) are full: an
	// append copies them rather than writing to it.
	m := l.matcher
	for name, c := range map[string][2]int{
		"arena":     {len(m.vocab.arena), cap(m.vocab.arena)},
		"reqs":      {len(m.reqs), cap(m.reqs)},
		"info":      {len(m.info), cap(m.info)},
		"firstInfo": {len(m.firstInfo), cap(m.firstInfo)},
	} {
		if c[0] != c[1] {
			t.Errorf("%s: length %d, capacity %d", name, c[0], c[1])
		}
	}
}

// defaultSection returns the default files and the offset of the
// matcher section in compiled.bin.
func defaultSection(t testing.TB) ([]*File, int) {
	files, r, err := decodeFiles(string(compiled))
	if err != nil {
		t.Fatal(err)
	}
	return files, r.i
}

// withChecksum returns data with its last 4 bytes set to the checksum of
// the rest.
func withChecksum(data []byte) []byte {
	end := len(data) - 4
	binary.LittleEndian.PutUint32(data[end:], crc32.ChecksumIEEE(data[:end]))
	return data
}

// checkFallback loads data, which must not panic. When it gives a
// lexicon, its matcher must work on the test articles.
func checkFallback(t *testing.T, what string, data []byte, wantStale bool) {
	t.Helper()
	l, stale, err := loadCompiled(data, string(data))
	if err != nil {
		return // the files themselves are damaged: an error is right
	}
	if wantStale && stale == nil {
		t.Fatalf("%s: stored matcher used", what)
	}
	m := l.Matcher()
	toks := token.Tokenize(nil, fuzzText)
	m.Match(nil, fuzzText, toks, m.Keys(nil, token.NewFolder(), fuzzText, toks))
	for _, name := range []string{"Iran", "Abbas Araghchi", "NATO"} {
		if len(l.Matcher().Lookup(name)) == 0 && stale != nil {
			t.Errorf("%s: the compiled fallback does not find %q", what, name)
		}
	}
}

// TestStoredMatcherFallback: a missing, damaged or stale matcher section
// makes Default compile the matcher (or, when the files are damaged too,
// fail), never panic or use tables that do not fit.
func TestStoredMatcherFallback(t *testing.T) {
	files, at := defaultSection(t)
	clone := func() []byte { return bytes.Clone(compiled) }

	// No matcher section: the files alone, as EncodeFiles writes them.
	l, stale, err := loadCompiled(EncodeFiles(files), string(EncodeFiles(files)))
	if err != nil || stale == nil || l.Matcher().Lookup("Iran") == nil {
		t.Errorf("files only: %v, stale %v", err, stale)
	}

	// Truncated anywhere: an error (files cut) or the fallback.
	for n := 0; n < len(compiled); n += len(compiled)/12 + 1 {
		checkFallback(t, "truncated", compiled[:n:n], true)
	}
	lx, _, err := loadCompiled(compiled, compiledText())
	if err != nil {
		t.Fatal(err)
	}
	for n := at; n < len(compiled); n += max((len(compiled)-at)/200, 1) {
		d := compiled[:n:n]
		if m, err := loadMatcher(d, string(d), at, lx); m != nil || err == nil {
			t.Fatalf("truncated at %d: stored matcher used", n)
		}
	}

	// A changed byte anywhere in the matcher section fails the checksum.
	for i := at; i < len(compiled); i += (len(compiled)-at)/6 + 1 {
		d := clone()
		d[i] ^= 0x41
		checkFallback(t, "damaged", d, true)
	}

	// A changed byte behind a checksum made to fit: the bounds checks
	// catch what would index out of range; what they pass must still
	// match without panicking.
	section := compiled[at+len(matcherMagic) : len(compiled)-4]
	text := token.Tokenize(nil, fuzzText)
	for i := 0; i < len(section); i += len(section)/100 + 1 {
		for _, x := range []byte{0x01, 0xff} {
			d := bytes.Clone(section)
			d[i] ^= x
			m, err := decodeMatcher(string(d), 0, lx)
			if err != nil {
				continue
			}
			m.Match(nil, fuzzText, text, m.Keys(nil, token.NewFolder(), fuzzText, text))
			m.Lookup("Abbas Araghchi")
		}
	}

	// Tables for other entries: one entry fewer.
	fewer := slices.Clone(files)
	last := len(fewer) - 1
	fewer[last] = &File{Path: fewer[last].Path, AsOf: fewer[last].AsOf, Variants: fewer[last].Variants, Entries: fewer[last].Entries[:len(fewer[last].Entries)-1]}
	l, err = buildWith(fewer, Options{SkipValidation: true}, func(l *Lexicon) *Matcher {
		m, err := loadMatcher(compiled, string(compiled), at, l)
		stale = err
		return m
	})
	if err != nil || stale == nil || !strings.Contains(stale.Error(), "entries") {
		t.Errorf("one entry fewer: %v, stale %v", err, stale)
	}

	// A name that no longer tokenizes and folds as when compiled.bin was
	// written (as after a change to the tokenizer): a witness fails.
	ws := lx.matcher.witnesses(lx)
	if len(ws) < 20 {
		t.Fatalf("%d witnesses", len(ws))
	}
	for _, w := range []witness{ws[0], ws[len(ws)/2], ws[len(ws)-1]} {
		files, _ := defaultSection(t)
		changed := false
		for _, f := range files {
			for _, e := range f.Entries {
				if e.ID == w.e.ID {
					if w.form == FormName {
						e.Name = "Qq" + e.Name
					} else {
						list := slices.Clone(e.names(w.form))
						list[w.i] = "Qq" + list[w.i]
						switch w.form {
						case FormAlias:
							e.Aliases = list
						case FormDemonym:
							e.Demonyms = list
						case FormShort:
							e.Short = list
						}
					}
					changed = true
				}
			}
		}
		if !changed {
			t.Fatalf("witness %s not found", w.e.ID)
		}
		l, err := buildWith(files, Options{SkipValidation: true}, func(l *Lexicon) *Matcher {
			m, err := loadMatcher(compiled, string(compiled), at, l)
			stale = err
			return m
		})
		if err != nil || stale == nil || !strings.Contains(stale.Error(), "no longer matches") {
			t.Errorf("witness %s/%s changed: %v, stale %v", w.e.ID, w.form, err, stale)
		} else if l.Matcher().Lookup("Qq"+w.e.names(w.form)[w.i]) == nil {
			t.Errorf("witness %s/%s changed: the compiled fallback does not find the new name", w.e.ID, w.form)
		}
	}

	// DecodeFiles reads compiled.bin's files and skips the matcher, but
	// still refuses other trailing bytes.
	if got, err := DecodeFiles(compiled); err != nil || len(got) != len(files) {
		t.Errorf("DecodeFiles(compiled.bin): %d files, %v", len(got), err)
	}
	if _, err := DecodeFiles(append(EncodeFiles(files), "junk"...)); err == nil {
		t.Error("DecodeFiles accepts trailing junk")
	}
}

// smallCompiled is the compiled form of matchLexicon, a seed for fuzzing.
func smallCompiled(tb testing.TB) []byte {
	data, err := EncodeCompiled(mustParse(tb, matchLexicon))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// exercise runs the matcher over text and the names of l, which must not
// panic.
func exercise(l *Lexicon, text string) {
	m := l.Matcher()
	f := token.NewFolder()
	toks := token.Tokenize(nil, text)
	ids := m.Keys(nil, f, text, toks)
	m.Match(nil, text, toks, ids)
	allNames(l, func(_ *Entry, _ Form, name string) {
		m.Lookup(name)
		m.Named(name)
	})
}

const fuzzText = "Iran's foreign minister met Muhammad bin Salman, NATO and al-Qaeda in the United States of America; the Sorbonne, Türkiye, Guinea-Bissau."

// FuzzDecodeCompiled: any compiled file gives files or an error, and a
// lexicon (with its stored matcher or a compiled one) or an error, never
// a panic.
func FuzzDecodeCompiled(f *testing.F) {
	small := smallCompiled(f)
	f.Add(small)
	f.Add(small[:len(small)/2])
	f.Add(EncodeFiles(mustParse(f, matchLexicon)))
	f.Fuzz(func(t *testing.T, data []byte) {
		DecodeFiles(data)
		l, _, err := loadCompiled(data, string(data))
		if err == nil {
			exercise(l, fuzzText)
		}
	})
}

// FuzzDecodeMatcher fuzzes the matcher section itself, behind the
// checksum: whatever it holds, the loader refuses it or gives a matcher
// that can be used without panicking.
func FuzzDecodeMatcher(f *testing.F) {
	small := smallCompiled(f)
	files, r, err := decodeFiles(string(small))
	if err != nil {
		f.Fatal(err)
	}
	section := small[r.i+len(matcherMagic) : len(small)-4]
	l, err := Build(files, Options{SkipValidation: true})
	if err != nil {
		f.Fatal(err)
	}
	if m, err := decodeMatcher(string(section), 0, l); err != nil {
		f.Fatal(err)
	} else {
		sameTables(f, m, l.matcher)
	}
	f.Add(section)
	f.Fuzz(func(t *testing.T, section []byte) {
		m, err := decodeMatcher(string(section), 0, l)
		if err != nil {
			return
		}
		ll := *l
		ll.matcher = m
		exercise(&ll, fuzzText)
	})
}

// TestStr: strings of every length read back as written, those of
// under 128 bytes (one-byte lengths, reader.str's short path) and longer.
func TestStr(t *testing.T) {
	w := &writer{}
	for n := range 300 {
		w.str(strings.Repeat("x", n))
	}
	w.uint(42)
	r := &reader{s: string(w.buf)}
	for n := range 300 {
		if got := r.str(); got != strings.Repeat("x", n) {
			t.Fatalf("string of %d bytes reads as %d", n, len(got))
		}
	}
	if got := r.uint(); got != 42 {
		t.Errorf("the reader is not left after the strings (%d)", got)
	}
}

// TestColumn: a column reads back the numbers written, in the width
// their largest needs.
func TestColumn(t *testing.T) {
	for _, c := range []struct {
		nums  []int
		width int
	}{
		{nil, 1},
		{[]int{0, 1, 255}, 1},
		{[]int{256, 0, 7}, 2},
		{[]int{1, 65535}, 2},
		{[]int{65536, 3}, 4},
		{[]int{1<<31 - 1, 0, 1 << 20}, 4},
	} {
		w := &writer{}
		w.column(len(c.nums), func(i int) int { return c.nums[i] })
		w.uint(42)
		r := &reader{s: string(w.buf)}
		col := r.column(len(c.nums))
		if col.width != c.width {
			t.Errorf("%v: width %d, want %d", c.nums, col.width, c.width)
		}
		// Every run of numbers reads back, from any start.
		for i := range c.nums {
			for j := i; j <= len(c.nums); j++ {
				got := make([]uint32, j-i)
				col.read(i, got)
				for k, n := range got {
					if int(n) != c.nums[i+k] {
						t.Errorf("%v: number %d reads %d", c.nums, i+k, n)
					}
				}
			}
		}
		if got := r.uint(); got != 42 {
			t.Errorf("%v: the reader is not left after the column (%d)", c.nums, got)
		}
	}
}
