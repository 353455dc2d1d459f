package rules

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// The cover questions as they were asked through the list of covering
// starts of each token (coverIndex), before Doc.lexCoverFrom: the
// reference for lexTest.covers and is:inside.

func refLexCovers(t *lexTest, d *Doc, cover [][]int32, i int) bool {
	for _, j := range cover[i] {
		for _, s := range d.Lex[j] {
			if s.End > i && t.pass(d, s) {
				return true
			}
		}
	}
	return false
}

func refInside(d *Doc, cover [][]int32, i int) bool {
	for _, j := range cover[i] {
		if int(j) < i {
			for _, s := range d.Lex[j] {
				if s.End > i {
					return true
				}
			}
		}
	}
	return false
}

// lexSpansDoc builds a Doc of n tokens whose lexicon names are read from
// spec, three bytes a name: its start, its length and its entry. Names
// may overlap and nest, and more than one may start at a token.
func lexSpansDoc(n int, spec []byte) *Doc {
	entries := []*lexicon.Entry{
		{ID: "a", Kind: lexicon.Country},
		{ID: "b", Kind: lexicon.Person},
		{ID: "c", Kind: lexicon.Title},
		{ID: "d", Kind: lexicon.Organization},
	}
	d := &Doc{Lex: make([][]LexSpan, n)}
	d.Toks = make([]token.Token, n)
	for k := 0; k+2 < len(spec) && n > 0; k += 3 {
		start := int(spec[k]) % n
		end := start + 1 + int(spec[k+1])%6 // may reach past the text
		d.Lex[start] = append(d.Lex[start], LexSpan{End: end, Entry: entries[int(spec[k+2])%len(entries)]})
	}
	return d
}

// checkLexCovers compares the cover questions with the reference at
// every token of d, and the covers bindVocab works out with those of
// lexFromIndex.
func checkLexCovers(t *testing.T, rs *RuleSet, d *Doc) {
	t.Helper()
	n := len(d.Toks)
	cover := coverIndex(nil, n, d.Lex)
	lazy := slices.Clone(lexFromIndex(nil, n, d.Lex))
	d.Sent, d.keyEnd = make([]int32, n), make([]int32, n)
	if n > 0 {
		d.SentStart, d.SentEnd = []int32{0}, []int32{int32(n)}
	}
	d.lexFrom = slices.Repeat([]int32{7}, n) // left by another text
	d.bindVocab(rs)
	if !slices.Equal(d.lexFrom, lazy) {
		t.Fatalf("bindVocab's covers %v, lexFromIndex's %v (names %v)", d.lexFrom, lazy, d.Lex)
	}
	tests := []*lexTest{
		{},
		{field: "kind", vals: []string{"country", "title"}},
		{field: "entry", vals: []string{"b"}},
		{field: "kind", vals: []string{"organization"}},
	}
	inside := isTests["inside"]
	for i := range d.Toks {
		for _, lt := range tests {
			if got, want := lt.covers(d, i), refLexCovers(lt, d, cover, i); got != want {
				t.Fatalf("token %d, test %+v: covers %v, reference %v (names %v)", i, lt, got, want, d.Lex)
			}
		}
		if got, want := inside(d, i), refInside(d, cover, i); got != want {
			t.Fatalf("token %d: inside %v, reference %v (names %v)", i, got, want, d.Lex)
		}
	}
}

func TestLexCoversAgree(t *testing.T) {
	rs := mustCompileOne(t, "[is:cap]")
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := r.IntN(30)
		spec := make([]byte, 3*r.IntN(12))
		for k := range spec {
			spec[k] = byte(r.UintN(256))
		}
		checkLexCovers(t, rs, lexSpansDoc(n, spec))
	}
}

func FuzzLexCovers(f *testing.F) {
	f.Add(uint8(10), []byte{0, 2, 0, 1, 0, 1, 5, 5, 2})
	f.Add(uint8(4), []byte{3, 5, 3, 0, 0, 0})
	rs := mustCompileOne(f, "[is:cap]")
	f.Fuzz(func(t *testing.T, n uint8, spec []byte) {
		checkLexCovers(t, rs, lexSpansDoc(int(n)%64, spec))
	})
}

func mustCompileOne(t testing.TB, pattern string) *RuleSet {
	t.Helper()
	rs, err := compileOne(t, pattern)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestEntryWordOf: the filter of entry ids passes every entry a rule
// names, and the words it gives are the map's, for every entry of the
// gazetteer and ids like the named ones.
func TestEntryWordOf(t *testing.T) {
	rs := defaultRules(t)
	if len(rs.entryWords) == 0 {
		t.Fatal("the default rules name no entry")
	}
	ids := []string{"", "m", "x", strings.Repeat("a", 70), strings.Repeat("a", 80)}
	for id := range rs.entryWords {
		ids = append(ids, id, id+"x", id[:len(id)-1], "x"+id[1:])
	}
	for _, e := range defaultLexicon(t).Entries() {
		ids = append(ids, e.ID)
	}
	for _, id := range ids {
		if got, want := rs.entryWordOf(id), rs.entryWords[id]; got != want {
			t.Errorf("entry %q: word %d, the map's %d", id, got, want)
		}
	}
	// Long ids share the filter's last bit.
	long := mustCompileOne(t, "[entry:"+strings.Repeat("b", 64)+"|"+strings.Repeat("b", 90)+"] x")
	for _, n := range []int{64, 90, 63, 70} {
		id := strings.Repeat("b", n)
		if got, want := long.entryWordOf(id), long.entryWords[id]; got != want || (n == 64 || n == 90) && got == 0 {
			t.Errorf("entry of %d bytes: word %d, the map's %d", n, got, want)
		}
	}
}
