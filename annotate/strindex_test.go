package annotate

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestStrIndexAgrees holds strIndex to a map numbering the same strings
// in the same order, over documents of every size in turn, sized at
// reset for as many strings as they have or fewer (so that the table
// grows, in its array or out of it), with many repeated strings, some
// differing only in their last byte.
func TestStrIndexAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var x strIndex
	for doc := range 300 {
		n := rng.IntN(1 << uint(rng.IntN(11)))
		x.reset(rng.IntN(n + 1))
		want := map[string]int32{}
		var keys []string
		for range n {
			k := fmt.Sprintf("person:name-%d", rng.IntN(max(1, n/2)))
			if rng.IntN(4) == 0 {
				k = fmt.Sprintf("q%d", rng.IntN(20))
			}
			keys = append(keys, k)
			w, wok := want[k]
			next := int32(-1) // to be ignored: k is there
			if !wok {
				w = int32(len(want))
				want[k], next = w, w
			}
			if got, ok := x.index(k, next); got != w || ok != wok {
				t.Fatalf("doc %d: index(%q) = %d, %v; want %d, %v", doc, k, got, ok, w, wok)
			}
		}
		for _, k := range keys {
			if got, ok := x.get(k); !ok || got != want[k] {
				t.Fatalf("doc %d: get(%q) = %d, %v; want %d, true", doc, k, got, ok, want[k])
			}
		}
		for _, k := range []string{"", "person:name-", "absent", "q"} {
			if _, ok := x.get(k); ok {
				t.Fatalf("doc %d: get(%q) found a string never added", doc, k)
			}
		}
	}
}
