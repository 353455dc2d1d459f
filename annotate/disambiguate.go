package annotate

import (
	"github.com/newsann/newsann/lexicon"
)

// Weights of the evidence for one reading of a shared name (Georgia the
// country or the US state). A mention of the same entity elsewhere (the
// demonym "Georgian") counts most; a place or person of the same state
// (Tbilisi, Atlanta) next; the rule set's preferred reading a little; a
// mention of the state itself (the United States) least, since news names
// big states everywhere.
const (
	weightSame      = 6
	weightSameState = 4
	weightPreferred = 2
	weightState     = 1
)

// disambiguate decides each lexicon name that several entries share,
// from the other names of the document, the rule set's preferences
// ("prefer:" in rule files) and, last, the kinds' order. The reading
// chosen is recorded in attrs.ambiguous (all readings) and attrs.decided
// (context, preference or default).
func (s *state) disambiguate() {
	var direct, sameState, state map[string]int
	for i := range s.cands {
		c := &s.cands[i]
		if len(c.alts) < 2 || c.short || c.dropped || c.rule != nil {
			continue
		}
		if direct == nil {
			direct, sameState, state = s.evidence()
		}
		best, bestScore, decided := -1, -1, "default"
		prefer := ""
		if s.a.rules != nil {
			prefer = s.a.rules.Prefer(lexicon.NameKey(s.folder, s.text[c.start:c.end]))
		}
		for k, alt := range c.alts {
			e := alt.Entry
			st := stateOf(e)
			score := weightSame * direct[e.ID]
			if st != "" {
				score += weightSameState * (sameState[st] - selfCount(e, st, direct))
				if e.Kind != lexicon.Country {
					score += weightState * state[st]
				}
			}
			ctx := score > 0
			if e.ID == prefer {
				score += weightPreferred
			}
			if score > bestScore || (score == bestScore && kindRank(e.Kind) > kindRank(c.alts[best].Entry.Kind)) {
				best, bestScore = k, score
				switch {
				case ctx:
					decided = "context"
				case e.ID == prefer:
					decided = "preference"
				default:
					decided = "default"
				}
			}
		}
		alt := c.alts[best]
		c.entity = alt.Entry.ID
		c.label = labelOf(alt)
		c.why = &c.alts[best]
		c.attrs = map[string]string{"ambiguous": idsOf(c.alts), "decided": decided}
	}
}

// evidence counts, over the unambiguous names of the document: mentions of
// each entity, of places and people of each state, and of each state.
func (s *state) evidence() (direct, sameState, state map[string]int) {
	direct, sameState, state = map[string]int{}, map[string]int{}, map[string]int{}
	for i := range s.cands {
		c := &s.cands[i]
		if c.entity == "" || len(c.alts) > 1 || c.dropped || internal(c.label) {
			continue
		}
		direct[c.entity]++
		e := s.a.lex.Entry(c.entity)
		if e == nil {
			continue
		}
		st := stateOf(e)
		if st == "" {
			continue
		}
		if e.Kind == lexicon.Country || e.Kind == lexicon.Territory && e.ID == st {
			state[st]++
		} else {
			sameState[st]++
		}
	}
	return direct, sameState, state
}

// selfCount is how much of sameState[st] the entity itself contributed,
// which must not count as support from "other" names.
func selfCount(e *lexicon.Entry, st string, direct map[string]int) int {
	if e.Kind == lexicon.Country {
		return 0
	}
	return direct[e.ID]
}

// stateOf returns the state an entry belongs to: itself for a country,
// else its country field.
func stateOf(e *lexicon.Entry) string {
	if e.Kind == lexicon.Country {
		return e.ID
	}
	return e.Country
}
