package annotate

import (
	"strings"

	"github.com/newsann/newsann/annotate/internal/scratch"
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
	var direct map[*lexicon.Entry]int
	var sameState, state map[string]int
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
			score := weightSame * direct[e]
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
// each entity of the lexicon, of places and people of each state, and of
// each state. The maps are the state's own, cleared and refilled for
// each text. Entities are counted by their entry, whose pointer hashes
// faster than an id; a minted entity, which no reading of a shared name
// can be, is not counted.
//
// Only what disambiguate reads is certain to be counted: the readings of
// the shared names it decides, and their states. A name is counted when
// its id, and its state when its state's, passes a filter of those
// (idFilter); most are not, and cost no map assignment.
func (s *state) evidence() (direct map[*lexicon.Entry]int, sameState, state map[string]int) {
	if s.direct == nil {
		s.direct, s.sameState, s.inState = map[*lexicon.Entry]int{}, map[string]int{}, map[string]int{}
	}
	direct, sameState, state = s.direct, s.sameState, s.inState
	clear(direct)
	clear(sameState)
	clear(state)
	var readings, states idFilter
	for i := range s.cands {
		c := &s.cands[i]
		if len(c.alts) < 2 || c.short || c.dropped || c.rule != nil {
			continue // not decided by disambiguate
		}
		for _, alt := range c.alts {
			readings.add(alt.Entry.ID)
			if st := stateOf(alt.Entry); st != "" {
				states.add(st)
			}
		}
	}
	for i := range s.cands {
		c := &s.cands[i]
		if c.entity == "" || len(c.alts) > 1 || c.dropped || internal(c.label) {
			continue
		}
		e := s.entryOf(c)
		if e == nil {
			continue
		}
		if readings.has(e.ID) {
			direct[e]++
		}
		st := stateOf(e)
		if !states.has(st) {
			continue // no state, or none disambiguate reads
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
func selfCount(e *lexicon.Entry, st string, direct map[*lexicon.Entry]int) int {
	if e.Kind == lexicon.Country {
		return 0
	}
	return direct[e]
}

// stateOf returns the state an entry belongs to: itself for a country,
// else its country field.
func stateOf(e *lexicon.Entry) string {
	if e.Kind == lexicon.Country {
		return e.ID
	}
	return e.Country
}

// unlinkForeignGeneric unlinks one-word names that many states give
// their own institutions and parties ("Congress", "Democrats", "Labor":
// the rule set's generic-org-words) from the lexicon entry of one state,
// when the document's evidence is not for that state: when nothing else
// in the document belongs to it, or when the sentence names people,
// bodies or places of another state, none of it, and the document says
// more of that other state. The name stays an organization, of an entity
// minted from its words, with the entry it was taken from in
// attrs.unlinked: "Bolsonaro's allies in Congress" is not the US Congress.
func (s *state) unlinkForeignGeneric() {
	if s.a.rules == nil {
		return
	}
	// The candidates to decide: few, most documents have none. The
	// slices and the map are the state's own, reused between documents.
	todo := s.todo[:0]
	defer func() { s.todo = todo }()
	for i := range s.cands {
		c := &s.cands[i]
		if c.label == "ORGANIZATION" && c.last-c.first == 1 && c.rule == nil && !c.dropped && c.entity != "" &&
			s.a.lists.genericOrg.Has(&s.rdoc, c.first) {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return
	}
	// The state of every other candidate, and how often each state is
	// named in the document.
	s.candStates = scratch.Resize(s.candStates, len(s.cands))
	states := s.candStates
	clear(states)
	// The states numbered (byState), and the count of each number: a map
	// of the counts cost a hash and an assignment for every candidate.
	byState, counts := &s.byState, s.stateCount[:0]
	byState.reset(0) // a document names few states; it grows when more
	doc := func(st string) int {
		if n, ok := byState.get(st); ok {
			return counts[n]
		}
		return 0
	}
	for k := range s.cands {
		o := &s.cands[k]
		if o.dropped || o.entity == "" || strings.IndexByte(o.entity, ':') >= 0 || internal(o.label) ||
			o.label == "ORGANIZATION" && o.last-o.first == 1 && s.a.lists.genericOrg.Has(&s.rdoc, o.first) {
			continue // no state to read, or a generic name itself
		}
		if oe := s.entryOf(o); oe != nil {
			states[k] = stateOf(oe)
			if states[k] != "" {
				n, ok := byState.index(states[k], int32(len(counts)))
				if !ok {
					counts = append(counts, 0)
				}
				counts[n]++
			}
		}
	}
	s.stateCount = counts
	for _, i := range todo {
		c := &s.cands[i]
		e := s.entryOf(c)
		if e == nil || e.Country == "" {
			continue
		}
		home := e.Country
		foreign := doc(home) == 0
		if !foreign {
			// The candidates of the sentence, through the index by first
			// token (a scan of all of them made a long text quadratic).
			// Which of two states named equally often becomes other does
			// not change the outcome.
			sent := s.sents[s.sentOf[c.first]]
			other, own := "", false
			for t := sent.first; t < sent.last; t++ {
				for _, k := range s.candAt[t] {
					st := states[k]
					if st == "" {
						continue
					}
					switch {
					case st == home:
						own = true
					case other == "" || doc(st) > doc(other):
						other = st
					}
				}
			}
			foreign = !own && other != "" && doc(other) > doc(home)
		}
		if !foreign {
			continue
		}
		id, name := s.mint(c.label, c.first, c.last)
		if c.attrs == nil {
			c.attrs = map[string]string{}
		}
		c.attrs["unlinked"] = e.ID
		c.entity, c.name, c.why = id, name, nil
	}
}
