package annotate

import (
	"testing"

	"github.com/newsann/newsann/annotate/token"
)

// FuzzIsQuoteMark checks that isQuoteMark, which passes over a token by
// its first byte, tells every token of any text as comparing its whole
// text with the marks (quoteMark) does.
func FuzzIsQuoteMark(f *testing.F) {
	for _, s := range []string{
		"\u201cWe will,\u201d she said. \u00abNon\u00bb, \u201eJa\u201c and \"yes\".",
		"\u2019tis \u2018so\u2019 \u00e9t\u00e9 \u00a0 \u2014 \u20ac5",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := &state{text: text, toks: token.Tokenize(nil, text)}
		for i, tok := range s.toks {
			gotOK, gotDir := s.isQuoteMark(i)
			wantOK, wantDir := quoteMark(tok.Text(text))
			if gotOK != wantOK || gotDir != wantDir {
				t.Errorf("%q: isQuoteMark = %v, %d; the marks' texts say %v, %d", tok.Text(text), gotOK, gotDir, wantOK, wantDir)
			}
		}
	})
}

// TestChosenLookupsAgree holds the quotes' lookups of settled mentions,
// binary searches, to the tables by token they replaced, at every token
// of the corpus.
func TestChosenLookupsAgree(t *testing.T) {
	resolveCorpus(t, func(s *state) {
		s.resolve()
		s.indexChosen()
		n := len(s.toks) + 1
		byFirst, byLast, lastPerson := make([]int32, n), make([]int32, n), make([]int32, n)
		for i := range n {
			byFirst[i], byLast[i], lastPerson[i] = -1, -1, -1
		}
		for k := range s.chosen {
			byFirst[s.chosen[k].first] = int32(k)
			byLast[s.chosen[k].last] = int32(k)
		}
		last, k := int32(-1), 0
		for i := range n {
			for k < len(s.chosen) && s.chosen[k].last <= i {
				if c := &s.chosen[k]; c.label == "PERSON" && c.entity != "" {
					last = int32(k)
				}
				k++
			}
			lastPerson[i] = last
		}
		at := func(k int32) *candidate {
			if k < 0 {
				return nil
			}
			return &s.chosen[k]
		}
		for i := range n {
			if got, want := s.chosenStarting(i), at(byFirst[i]); got != want {
				t.Fatalf("%s: chosenStarting(%d) = %v, want %v", s.in.ID, i, got, want)
			}
			if got, want := s.chosenEnding(i), at(byLast[i]); got != want {
				t.Fatalf("%s: chosenEnding(%d) = %v, want %v", s.in.ID, i, got, want)
			}
			if got, want := s.lastPersonBefore(i), at(lastPerson[i]); got != want {
				t.Fatalf("%s: lastPersonBefore(%d) = %v, want %v", s.in.ID, i, got, want)
			}
		}
	})
}
