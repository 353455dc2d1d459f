package timex

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
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

// TestTagSentences holds TagSentences, given sentences as token ranges,
// to Tag given their byte spans, on the test articles cut into sentences
// at random, with and without the tokens' sentence numbers (sentOf);
// ranges that do not cover the tokens in order are Tag's own sentences,
// whatever numbers come with them.
func TestTagSentences(t *testing.T) {
	g := mustTagger(t)
	date := lexicon.MustDate("2025-11-14")
	r := rand.New(rand.NewPCG(3, 4))
	for _, text := range append(articles(t), triggerTexts...) {
		toks := token.Tokenize(nil, text)
		if len(toks) == 0 {
			continue
		}
		for range 3 {
			var ranges [][2]int32
			var spans [][2]int
			sentOf := make([]int32, len(toks))
			for first := 0; first < len(toks); {
				last := min(first+1+r.IntN(40), len(toks))
				for i := first; i < last; i++ {
					sentOf[i] = int32(len(ranges))
				}
				ranges = append(ranges, [2]int32{int32(first), int32(last)})
				spans = append(spans, [2]int{toks[first].Start, toks[last-1].End})
				first = last
			}
			want := g.Tag(text, toks, spans, date)
			for _, of := range [][]int32{nil, sentOf} {
				if diff := cmp.Diff(want, g.TagSentences(text, toks, nil, nil, ranges, of, date)); diff != "" {
					t.Fatalf("%.60q, sentences %v, given numbers %t: TagSentences differs from Tag (-Tag +TagSentences):\n%s", text, ranges, of != nil, diff)
				}
			}
		}
		own := g.Tag(text, toks, nil, date)
		ones := make([]int32, len(toks))
		for i := range ones {
			ones[i] = 1
		}
		for _, bad := range [][][2]int32{nil, {{0, int32(len(toks) - 1)}}, {{1, int32(len(toks))}}, {{0, 0}, {0, int32(len(toks))}}} {
			for _, of := range [][]int32{nil, ones} {
				if diff := cmp.Diff(own, g.TagSentences(text, toks, nil, nil, bad, of, date)); diff != "" {
					t.Fatalf("%.60q, sentences %v: TagSentences differs from Tag's own sentences:\n%s", text, bad, diff)
				}
			}
		}
	}
}
