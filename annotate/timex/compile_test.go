package timex

import (
	"strconv"
	"testing"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// FuzzAtoi holds atoi, which rules out non-numbers by their bytes, to
// strconv.Atoi.
func FuzzAtoi(f *testing.F) {
	for _, s := range []string{"", "0", "12", "-3", "+4", "+-5", "--6", "-", "+", "1a", "a1", "٣", "99999999999999999999", "-9223372036854775808", "1_000", " 1", "0x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := atoi(s)
		want, err := strconv.Atoi(s)
		if ok != (err == nil) || ok && n != want {
			t.Fatalf("atoi(%q) = %d, %v; strconv.Atoi: %d, %v", s, n, ok, want, err)
		}
	})
}

// TestOneWord holds oneWord to split: the word of a spelling of one
// token, and not ok for none or several.
func TestOneWord(t *testing.T) {
	newCompiler := func() *compiler {
		return &compiler{f: token.NewFolder(), t: &tables{ids: map[string]int32{}, strs: []string{""}, strIdx: map[string]int32{"": 0}}}
	}
	a, b := newCompiler(), newCompiler()
	for _, s := range []string{"", " ", "May", "may", "MAY", "mid-May", "next week", "o'clock", "a.m.", "2024", "Mon.", "‘til", "the", "The"} {
		id, ok := a.oneWord(s)
		ids, _ := b.split(s)
		if ok != (len(ids) == 1) || ok && a.t.words[id] != b.t.words[ids[0]] {
			t.Errorf("oneWord(%q) = %d, %v; split gives %v", s, id, ok, ids)
		}
	}
}

// TestLexWordsTable holds LexWords, which rewrites the TokenMap's table,
// to asking Word about each id, for a matcher that numbers some of the
// tagger's words and lacks the others.
func TestLexWordsTable(t *testing.T) {
	g := mustTagger(t)
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	words := g.Words()
	for _, m := range []*lexicon.Matcher{lex.Matcher(), lex.Matcher().WithWords(words[:len(words)/2]), lex.Matcher().WithWords(words)} {
		lw := g.LexWords(m)
		tm := m.TokenMap(func(yield func(string, int32) bool) {
			for id, w := range g.t.words {
				if w != "" && !yield(w, int32(id)+1) {
					return
				}
			}
		})
		if len(lw.byLex) != m.Tokens() {
			t.Fatalf("%d ids, want %d", len(lw.byLex), m.Tokens())
		}
		for id, got := range lw.byLex {
			want := int32(lexLookup)
			if n, ok := tm.Word(int32(id)); ok {
				want = n - 1
			}
			if got != want {
				t.Fatalf("id %d: %d, want %d", id, got, want)
			}
		}
	}
}
