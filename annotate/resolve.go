package annotate

import (
	"cmp"
	"slices"

	"github.com/newsann/newsann/lexicon"
)

// resolve links short forms to full mentions, then keeps the best of
// overlapping candidates (higher priority, then longer, then earlier) and
// orders the survivors by position.
func (s *state) resolve() {
	s.linkShortForms()
	cs := s.cands
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := &cs[a], &cs[b]
		return cmp.Or(
			cmp.Compare(y.priority, x.priority),
			cmp.Compare(y.end-y.start, x.end-x.start),
			cmp.Compare(x.start, y.start),
		)
	})
	taken := make([]bool, len(s.toks))
	for _, i := range order {
		c := cs[i]
		if c.short && c.entity == "" {
			continue // no full mention to stand on
		}
		free := true
		for t := c.first; t < c.last; t++ {
			if taken[t] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for t := c.first; t < c.last; t++ {
			taken[t] = true
		}
		s.chosen = append(s.chosen, c)
	}
	slices.SortFunc(s.chosen, func(x, y candidate) int {
		return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.end, y.end))
	})
}

// linkShortForms gives each short form ("Araghchi") the entity of a full
// mention in the same document. Where several entries share the short
// form, the one whose full mention comes last before it wins, else the
// first after it. A short form with no full mention is left unlinked and
// dropped.
func (s *state) linkShortForms() {
	full := map[string][]int{} // entity -> starts of full mentions
	for _, c := range s.cands {
		if !c.short && c.entity != "" {
			full[c.entity] = append(full[c.entity], c.start)
		}
	}
	for i := range s.cands {
		c := &s.cands[i]
		if !c.short {
			continue
		}
		var best *lexicon.Entry
		bestDist := 1 << 62
		for _, alt := range c.alts {
			for _, st := range full[alt.Entry.ID] {
				d := c.start - st
				if d < 0 {
					d = -d + 1<<40 // a later full mention counts, after any earlier one
				}
				if d < bestDist {
					best, bestDist = alt.Entry, d
				}
			}
		}
		if best != nil {
			c.entity = best.ID
			c.label = best.Kind.Label()
			c.explain = "lexicon short form of " + best.ID + " after its full mention"
		}
	}
}
