package timex

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsann/newsann/annotate/token"
)

// TestTokenRanges holds tokenRanges, which walks spans in order sentence
// by sentence, to tokenRangesSlow, which gives each token its sentence,
// on random texts and spans: in order, touching, empty, with gaps,
// overlapping and reversed.
func TestTokenRanges(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "May", "3", "10:30", ".", "the", "\n\n", ",", "year"}
	for range 3000 {
		var text []byte
		for range r.IntN(30) {
			text = append(text, words[r.IntN(len(words))]...)
			text = append(text, ' ')
		}
		var sents [][2]int
		pos := 0
		for range r.IntN(6) {
			if r.IntN(8) == 0 {
				pos = r.IntN(len(text) + 2)
			}
			a := pos + r.IntN(4)
			b := a + r.IntN(12) - 1
			sents = append(sents, [2]int{a, b})
			pos = max(b, pos)
		}
		checkRanges(t, string(text), sents)
	}
}

// FuzzTokenRanges is TestTokenRanges on any text and three spans.
func FuzzTokenRanges(f *testing.F) {
	f.Add("The talks ended. They resume on May 3.", 0, 16, 17, 38, 40, 40)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		checkRanges(t, text, [][2]int{{a, b}, {c, d}, {e, g}})
	})
}

func checkRanges(t *testing.T, text string, sents [][2]int) {
	t.Helper()
	toks := token.Tokenize(nil, text)
	if len(toks) == 0 {
		return
	}
	st := &state{toks: toks}
	want := tokenRangesSlow(nil, toks, sents)
	if got := st.tokenRanges(sents); !slices.Equal(got, want) {
		t.Fatalf("%q, sentences %v: token ranges %v, want %v", text, sents, got, want)
	}
}
