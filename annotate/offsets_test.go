package annotate

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestOffsetIndexBothWays walks texts of ASCII, of two- and three-byte
// characters and of astral-plane emoji, long enough to cross the index's
// marks, and checks that byte and unit offsets convert into each other in
// every unit: at each character start, inside multi-byte characters, and
// inside UTF-16 surrogate pairs.
func TestOffsetIndexBothWays(t *testing.T) {
	texts := map[string]string{
		"ascii":      strings.Repeat("Fidan met Araghchi in Ankara. ", 12),
		"multi-byte": strings.Repeat("Türkiye — Erdoğan’s “visit” to Zürich; ", 12),
		"astral":     strings.Repeat("a 😀 é 🇹🇷 Türkiye — 𝔸 ", 20),
		"empty":      "",
	}
	for name, text := range texts {
		checkBothWays(t, name, text)
	}
}

// FuzzOffsetIndex holds the index to TestOffsetIndexBothWays's walk for
// any valid UTF-8 text: scan's eight-byte steps over ASCII must land
// where its byte-by-byte loop would.
func FuzzOffsetIndex(f *testing.F) {
	f.Add("Fidan met Araghchi in Ankara. Türkiye — Erdoğan’s “visit” to Zürich; a 😀 é 🇹🇷")
	f.Add(strings.Repeat("abcdefg😀", 20))
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkBothWays(t, "fuzz", text)
	})
}

// checkBothWays walks text and checks every conversion of every unit.
func checkBothWays(t *testing.T, name, text string) {
	t.Helper()
	for _, u := range []OffsetUnit{Codepoints, UTF16, Bytes} {
		x := NewOffsetIndex(text, u)
		units := 0
		for i, r := range text {
			w := 1
			switch {
			case u == Bytes:
				w = utf8.RuneLen(r)
			case u == UTF16 && r >= 0x10000:
				w = 2
			}
			if got := x.ToUnits(i); got != units {
				t.Fatalf("%s %v: ToUnits(%d) = %d, want %d", name, u, i, got, units)
			}
			if got, ok := x.ToBytes(units); got != i || !ok {
				t.Fatalf("%s %v: ToBytes(%d) = %d, %v, want %d, true", name, u, units, got, ok, i)
			}
			for j := 1; j < utf8.RuneLen(r); j++ { // bytes inside the character
				want := units + w // its end
				if u == Bytes {
					want = units + j
				}
				if got := x.ToUnits(i + j); got != want {
					t.Fatalf("%s %v: ToUnits(%d) inside %q = %d, want %d", name, u, i+j, r, got, want)
				}
			}
			if u == UTF16 && w == 2 {
				if got, ok := x.ToBytes(units + 1); ok {
					t.Fatalf("%s: ToBytes(%d) inside the surrogate pair of %q = %d, true", name, units+1, r, got)
				}
			}
			units += w
		}
		if got := x.Len(); got != units {
			t.Fatalf("%s %v: Len = %d, want %d", name, u, got, units)
		}
		if got := x.ToUnits(len(text)); got != units {
			t.Fatalf("%s %v: ToUnits(end) = %d, want %d", name, u, got, units)
		}
		if got, ok := x.ToBytes(units); got != len(text) || !ok {
			t.Fatalf("%s %v: ToBytes(%d) = %d, %v, want the end %d", name, u, units, got, ok, len(text))
		}
		for _, out := range []int{-1, units + 1} {
			if _, ok := x.ToBytes(out); ok {
				t.Errorf("%s %v: ToBytes(%d) outside the text converted", name, u, out)
			}
		}
	}
}

// TestSpanToBytes: a span is converted to bytes when it lies within the
// text on character boundaries, and refused with the reason otherwise.
func TestSpanToBytes(t *testing.T) {
	text := "Türkiye 😀 ok" // ü is 2 bytes, the emoji 4 bytes and 2 UTF-16 units
	tests := []struct {
		unit OffsetUnit
		in   Span
		want Span
		err  string
	}{
		{Codepoints, Span{0, 7}, Span{0, 8}, ""},
		{Codepoints, Span{8, 9}, Span{9, 13}, ""},
		{UTF16, Span{8, 10}, Span{9, 13}, ""},
		{UTF16, Span{8, 9}, Span{}, "offsets 8-9 split a surrogate pair"},
		{Bytes, Span{0, 8}, Span{0, 8}, ""},
		{Bytes, Span{0, 2}, Span{}, "offsets 0-2 split a character"},
		{Bytes, Span{13, 16}, Span{13, 16}, ""},
		{Bytes, Span{10, 16}, Span{}, "offsets 10-16 split a character"},
		{Codepoints, Span{3, 2}, Span{}, "offsets 3-2 out of range (the text has 12 codepoints)"},
		{UTF16, Span{0, 14}, Span{}, "offsets 0-14 out of range (the text has 13 utf16)"},
	}
	for _, tt := range tests {
		x := NewOffsetIndex(text, tt.unit)
		got, err := x.SpanToBytes(tt.in)
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s %v: error %v, want %q", tt.unit, tt.in, err, tt.err)
			}
		case err != nil || got != tt.want:
			t.Errorf("%s %v = %v, %v; want %v", tt.unit, tt.in, got, err, tt.want)
		}
	}
}

// TestUnitCursor holds convertOffsets's sweep to ToUnits, the reference:
// over texts of every kind of character, invalid UTF-8 among them, long
// enough to cross many marks, it converts offsets in runs that go forward
// (as a document's spans do), jump back, land inside characters and fall
// outside the text.
func TestUnitCursor(t *testing.T) {
	pieces := []string{"a", "Fidan ", "é", "—", "“", "😀", "🇹🇷", "\xff", "\xe2\x80", "\x80", "\n\n", "Türkiye "}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		text := randomText(rng, pieces, 400)
		offsets := make([]int, rng.IntN(200))
		for i := range offsets {
			switch o := rng.IntN(10); {
			case o == 0 || i == 0:
				offsets[i] = rng.IntN(len(text)+3) - 1 // anywhere, even outside
			case o < 8:
				offsets[i] = offsets[i-1] + rng.IntN(80) // on, as spans go
			default:
				offsets[i] = max(-1, offsets[i-1]-rng.IntN(200)) // back
			}
		}
		checkCursor(t, fmt.Sprint("text ", n), text, offsets)
	}
}

// FuzzUnitCursor holds the sweep to ToUnits for any text and any
// offsets in ToUnits's range, from 0 to a little past the text's end,
// which data holds as bytes (each an offset step, back or on).
func FuzzUnitCursor(f *testing.F) {
	f.Add("Türkiye — Erdoğan’s “visit” to Zürich; a 😀 é 🇹🇷\xff", []byte{3, 10, 200, 5, 130, 64})
	f.Fuzz(func(t *testing.T, text string, data []byte) {
		offsets := make([]int, len(data))
		at := 0
		for i, d := range data {
			at = min(max(at+int(int8(d)), 0), len(text)+64)
			offsets[i] = at
		}
		checkCursor(t, "fuzz", text, offsets)
	})
}

// checkCursor converts offsets, in order, with a sweep over text and
// with ToUnits, in both units that have an index.
func checkCursor(t *testing.T, name, text string, offsets []int) {
	t.Helper()
	for _, u := range []OffsetUnit{Codepoints, UTF16} {
		x := NewOffsetIndex(text, u)
		if x.index == nil {
			continue // plain ASCII: convertOffsets does not convert
		}
		c := newUnitSweep(text, u)
		for i, b := range offsets {
			if got, want := c.toUnits(b), x.ToUnits(b); got != want {
				t.Fatalf("%s %v: offset %d (%d of %v): sweep %d, ToUnits %d", name, u, b, i, offsets, got, want)
			}
		}
	}
}

// TestScanReference holds the index to a reference that decodes a
// character at a time from the text's start, with none of scan's steps
// over ASCII: over texts where ASCII runs of every length meet two-,
// three- and four-byte characters and invalid bytes (each one unit, as
// utf8.DecodeRuneInString counts them), every byte offset converts to
// units and every unit offset back to bytes as it does.
func TestScanReference(t *testing.T) {
	pieces := []string{"a", "ab", "abcdefg", "Fidan met ", "é", "—", "😀", "\xff", "\xe2\x80", "\x80", "\xf0\x9f\x98"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 400 {
		checkScanReference(t, fmt.Sprint("text ", n), randomText(rng, pieces, 120))
	}
}

// FuzzScanReference is TestScanReference for any text, valid UTF-8 or
// not.
func FuzzScanReference(f *testing.F) {
	f.Add("Türkiye — Erdoğan’s “visit”\xff to Zürich; a 😀 é 🇹🇷 abcdefgh\xe2\x80")
	f.Fuzz(func(t *testing.T, text string) {
		checkScanReference(t, "fuzz", text)
	})
}

// checkScanReference converts every byte and unit offset of text, in
// both units with an index, and compares them with a walk over text's
// characters from its start.
func checkScanReference(t *testing.T, name, text string) {
	t.Helper()
	for _, u := range []OffsetUnit{Codepoints, UTF16} {
		// toUnits[b]: the unit offset of byte b (of the character's end
		// inside one); toBytes[v]: the byte offset of unit v, and whether
		// it starts a character.
		toUnits := make([]int, len(text)+1)
		var toBytes []int
		var starts []bool
		units := 0
		for i := 0; i < len(text); {
			r, w := utf8.DecodeRuneInString(text[i:])
			toBytes, starts = append(toBytes, i), append(starts, true)
			step := 1
			if u == UTF16 && r >= 0x10000 {
				step = 2
				toBytes, starts = append(toBytes, i+w), append(starts, false)
			}
			toUnits[i] = units
			units += step
			for j := 1; j < w; j++ {
				toUnits[i+j] = units
			}
			i += w
		}
		toUnits[len(text)] = units
		toBytes, starts = append(toBytes, len(text)), append(starts, true)

		x := NewOffsetIndex(text, u)
		if got := x.Len(); got != units {
			t.Fatalf("%s %v: Len %d, want %d", name, u, got, units)
		}
		for b := 0; b <= len(text); b++ {
			want := toUnits[b]
			if got := x.ToUnits(b); got != want {
				t.Fatalf("%s %v %q: ToUnits(%d) = %d, want %d", name, u, text, b, got, want)
			}
		}
		for v := 0; v <= units; v++ {
			if got, ok := x.ToBytes(v); got != toBytes[v] || ok != starts[v] {
				t.Fatalf("%s %v %q: ToBytes(%d) = %d, %v, want %d, %v", name, u, text, v, got, ok, toBytes[v], starts[v])
			}
		}
	}
}

// convertOffsetsRef is convertOffsets as first written: every offset
// converted on its own by an index.
func convertOffsetsRef(text string, d *Document, u OffsetUnit) {
	x := NewOffsetIndex(text, u)
	if x.index == nil {
		return
	}
	span := func(s *Span) { s.Start, s.End = x.ToUnits(s.Start), x.ToUnits(s.End) }
	for i := range d.Sentences {
		span(&d.Sentences[i])
	}
	for i := range d.Mentions {
		m := &d.Mentions[i]
		m.Start, m.End = x.ToUnits(m.Start), x.ToUnits(m.End)
	}
	for i := range d.Relations {
		span(&d.Relations[i].Evidence)
	}
	for i := range d.Events {
		span(&d.Events[i].Trigger)
		span(&d.Events[i].Evidence)
	}
	for i := range d.Findings {
		f := &d.Findings[i]
		f.Start, f.End = x.ToUnits(f.Start), x.ToUnits(f.End)
	}
}

// TestConvertOffsetsAgrees holds convertOffsets to convertOffsetsRef on
// the corpus's documents, and on random ones: sentences in order and
// mentions mostly so (some across sentences, some out of order, some
// past the last sentence), relations, events and findings anywhere.
func TestConvertOffsetsAgrees(t *testing.T) {
	a, docs := testCorpus(t)
	for i, text := range docs {
		d, err := a.Annotate(t.Context(), Input{ID: "x", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []OffsetUnit{Codepoints, UTF16} {
			checkConvert(t, fmt.Sprint("document ", i), text, u, d)
		}
	}
	pieces := []string{"a", "Fidan ", "é", "—", "“", "😀", "🇹🇷", "\xff", "\xe2\x80", "Türkiye ", strings.Repeat("x", 70)}
	rng := rand.New(rand.NewPCG(15, 16))
	for n := range 500 {
		text := randomText(rng, pieces, 200)
		span := func(lo int) Span {
			s := min(lo+rng.IntN(40), len(text))
			return Span{s, min(s+rng.IntN(30), len(text))}
		}
		d := &Document{}
		for at := 0; at < len(text); {
			s := span(at)
			d.Sentences = append(d.Sentences, Span{at, s.End})
			at = s.End + 1
		}
		for at := 0; at < len(text)+20; {
			s := span(at)
			if rng.IntN(10) == 0 {
				s = span(rng.IntN(len(text) + 1))
			}
			d.Mentions = append(d.Mentions, Mention{Start: s.Start, End: s.End})
			at = max(at+1, s.End+rng.IntN(20))
		}
		for range rng.IntN(10) {
			d.Relations = append(d.Relations, Relation{Evidence: span(rng.IntN(len(text) + 1))})
			d.Events = append(d.Events, Event{Trigger: span(rng.IntN(len(text) + 1)), Evidence: span(rng.IntN(len(text) + 1))})
			s := span(rng.IntN(len(text) + 1))
			d.Findings = append(d.Findings, Finding{Start: s.Start, End: s.End})
		}
		for _, u := range []OffsetUnit{Codepoints, UTF16, Bytes} {
			checkConvert(t, fmt.Sprintf("text %d %q", n, text), text, u, d)
		}
	}
}

// checkConvert converts copies of d's offsets with convertOffsets and
// convertOffsetsRef, and compares them.
func checkConvert(t *testing.T, name, text string, u OffsetUnit, d *Document) {
	t.Helper()
	got, want := copyOffsets(d), copyOffsets(d)
	convertOffsets(text, got, u)
	convertOffsetsRef(text, want, u)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s %v: converted\n%+v\nwant\n%+v", name, u, got, want)
	}
}

// copyOffsets returns a Document with copies of d's spans, all
// convertOffsets rewrites.
func copyOffsets(d *Document) *Document {
	c := &Document{
		Sentences: slices.Clone(d.Sentences),
		Relations: make([]Relation, len(d.Relations)),
		Events:    make([]Event, len(d.Events)),
	}
	for _, m := range d.Mentions {
		c.Mentions = append(c.Mentions, Mention{Start: m.Start, End: m.End})
	}
	for i, r := range d.Relations {
		c.Relations[i].Evidence = r.Evidence
	}
	for i, e := range d.Events {
		c.Events[i].Trigger, c.Events[i].Evidence = e.Trigger, e.Evidence
	}
	for _, f := range d.Findings {
		c.Findings = append(c.Findings, Finding{Start: f.Start, End: f.End})
	}
	return c
}

// isASCIIRef is isASCII a byte at a time.
func isASCIIRef(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// TestIsASCIIAgrees holds isASCII, which reads 32 and 8 bytes at a time,
// to isASCIIRef over texts of every length up to 100 with one byte of
// 128 or more, or none, at every place.
func TestIsASCIIAgrees(t *testing.T) {
	for n := range 100 {
		b := []byte(strings.Repeat("x", n))
		if got := isASCII(string(b)); !got {
			t.Fatalf("isASCII of %d ASCII bytes = false", n)
		}
		for i := range n {
			for _, c := range []byte{0x80, 0xc3, 0xff} {
				b[i] = c
				if got, want := isASCII(string(b)), isASCIIRef(string(b)); got != want {
					t.Fatalf("isASCII(%q) = %v, want %v", b, got, want)
				}
				b[i] = 'x'
			}
		}
	}
}

// FuzzIsASCII is TestIsASCIIAgrees for any text.
func FuzzIsASCII(f *testing.F) {
	f.Add("Türkiye — Erdoğan’s “visit” abcdefghijklmnopqrstuvwxyz0123456789\xff")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := isASCII(text), isASCIIRef(text); got != want {
			t.Fatalf("isASCII(%q) = %v, want %v", text, got, want)
		}
	})
}
