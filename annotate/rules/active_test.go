package rules

import (
	"math/rand/v2"
	"slices"
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

// TestCapKindLists: the rules activeRules lists for each kind of
// capitalised word are those of the phase's capitalised-word rules, in
// order, that the sentence activates and that the walk once tried at such
// a word (a rule needing capitals only at a word in capitals, one needing
// the sentence's start only there); and every rule of the active lists
// is on, as try, which no longer asks, needs.
func TestCapKindLists(t *testing.T) {
	rs := defaultRules(t)
	text := "THE MINISTER SAID. Turkish Foreign Minister Hakan Fidan said on Monday that he met the U.S. envoy; Fidan told reporters. " +
		"The ministry said so. NATO and Turkey condemned the attack; Sheikh Big Red visited Turkey. Albion 2 Cowdenbeath 0. The envoy said."
	d := withMentions(NewDoc(text, testLex(t), splitSentences))
	d.bindVocab(rs)
	sawUpper, sawStart := false, false
	for _, phase := range rs.Phases() {
		pi := rs.index[phase]
		for _, r := range pi.cap {
			sawUpper, sawStart = sawUpper || r.capUpper, sawStart || r.capStart
		}
		for si := range d.SentStart {
			ar := pi.activate(d, si, nil)
			for c := range capKinds {
				upper, start := capKind(c)&capInUpper != 0, capKind(c)&capAtStart != 0
				var want []*Rule
				for _, r := range pi.cap {
					if !ar.on[r.bit] || r.capUpper && !upper || r.capStart && !start {
						continue
					}
					want = append(want, r)
				}
				if !slices.Equal(ar.capr[c], want) {
					t.Errorf("phase %d, sentence %d, upper %v, start %v: %v, want %v", phase, si, upper, start, ruleIDs(ar.capr[c]), ruleIDs(want))
				}
			}
			for _, l := range [][]*Rule{ar.lex, ar.ment, ar.anyr, ar.capr[capUpperStart]} {
				for _, r := range l {
					if !ar.on[r.bit] {
						t.Errorf("phase %d, sentence %d: %s listed, not on", phase, si, r.ID)
					}
				}
			}
		}
	}
	if !sawUpper || !sawStart {
		t.Errorf("no rule needs capitals (%v) or the sentence's start (%v): nothing tested", sawUpper, sawStart)
	}
}
