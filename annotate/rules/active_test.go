package rules

import (
	"math/rand/v2"
	"testing"
)

// TestActiveSetsLikeMap: the table of active rules answers as the Go map
// it replaced, for keys alike but in one word or bit, through its growth.
func TestActiveSetsLikeMap(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 50 {
		var s activeSets
		m := map[activeKey]*activeRules{}
		key := func() activeKey {
			switch r.IntN(3) {
			case 0:
				return activeKey{uint64(r.IntN(40)), 0}
			case 1:
				return activeKey{1 << r.IntN(64), 1 << r.IntN(64)}
			}
			return activeKey{r.Uint64(), r.Uint64() & uint64(round)}
		}
		for range 1 + r.IntN(3000) {
			k := key()
			if got, want := s.get(k), m[k]; got != want {
				t.Fatalf("round %d, key %x: got %p, want %p", round, k, got, want)
			}
			if m[k] == nil {
				ar := &activeRules{}
				m[k] = ar
				s.put(k, ar)
			}
		}
		if s.n != len(m) {
			t.Fatalf("round %d: %d kept, want %d", round, s.n, len(m))
		}
		for k, ar := range m {
			if got := s.get(k); got != ar {
				t.Fatalf("round %d, key %x: got %p, want %p", round, k, got, ar)
			}
		}
	}
}
