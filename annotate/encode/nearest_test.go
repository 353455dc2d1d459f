package encode

import (
	"math/rand/v2"
	"testing"

	"github.com/newsann/newsann/annotate"
)

// TestNearestAgrees: on ordered mentions, the binary search picks what a
// scan of every mention picks, ties and the excluded mention included.
func TestNearestAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 2000 {
		var spans []annotate.Span
		pos := 0
		for range r.IntN(12) {
			pos += r.IntN(4)
			n := 1 + r.IntN(3)
			spans = append(spans, annotate.Span{Start: pos, End: pos + n})
			pos += n
		}
		var list []int
		for i := range spans {
			if r.IntN(3) > 0 {
				list = append(list, i)
			}
		}
		a := r.IntN(pos + 3)
		s := annotate.Span{Start: a, End: a + r.IntN(4)}
		not := -1
		if len(list) > 0 && r.IntN(2) == 0 {
			not = list[r.IntN(len(list))]
		}
		got := nearest(list, spans, true, s, not)
		want := nearest(list, spans, false, s, not)
		if got != want {
			t.Fatalf("round %d: spans %v, list %v, s %v, not %d: binary search %d, scan %d", round, spans, list, s, not, got, want)
		}
	}
}
