package annotate

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/newsann/newsann/annotate/internal/scratch"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// resolve links short forms to full mentions, then keeps the best of
// overlapping candidates and orders the survivors by position.
//
// Candidates are swept in text order and gathered into clusters of
// transitively overlapping ones; a lone candidate stands, and within a
// cluster the highest priority wins (then the longer, then the earlier),
// then the next best that overlaps nothing chosen, and so on.
func (s *state) resolve() {
	s.disambiguate()
	s.linkShortForms()
	s.linkSurnames()
	s.unlinkForeignGeneric()
	cs := s.cands
	order := s.survivors()
	for lo := 0; lo < len(order); {
		hi, end := lo+1, cs[order[lo]].last
		for hi < len(order) && cs[order[hi]].first < end {
			end = max(end, cs[order[hi]].last)
			hi++
		}
		switch hi - lo {
		case 1:
			s.chosen = append(s.chosen, &cs[order[lo]])
		case 2:
			// Two that overlap, the most common cluster: the better
			// stands, as chooseIn would decide without its sorts.
			c := &cs[order[lo]]
			if o := &cs[order[lo+1]]; better(o, c) < 0 {
				c = o
			}
			s.chosen = append(s.chosen, c)
		default:
			s.chooseIn(order[lo:hi])
		}
		lo = hi
	}
	s.order = order
}

// survivors returns, in s.order, the candidates that may become mentions
// in text order: by first token, then the longer first, then in the order
// they were proposed. The index by first token (candAt) lists each
// token's candidates in the order they were proposed, so only the few
// that start at one token are sorted, by their end, not all of them (a
// stable sort of the document's candidates was a sixth of the stage).
// Only the tokens that start a candidate (a few in a hundred, marked in
// candFirst) are visited, found a word of marks at a time, rather than
// every token's list, most of them empty.
func (s *state) survivors() []int {
	cs := s.cands
	order := s.order[:0]
	longer := func(a, b int) int { return cmp.Compare(cs[b].last, cs[a].last) }
	for w, marks := range s.candFirst {
		for ; marks != 0; marks &= marks - 1 {
			lo := len(order)
			for _, ci := range s.candAt[w*64+bits.TrailingZeros64(marks)] {
				c := &cs[ci]
				if c.dropped || (c.short && c.entity == "") || internal(c.label) {
					continue // dropped by a rule, no full mention to stand on, or for rules only
				}
				order = append(order, int(ci))
			}
			if len(order)-lo > 1 {
				slices.SortStableFunc(order[lo:], longer)
			}
		}
	}
	s.order = order
	return order
}

// internal reports whether a label is one rules use among themselves
// ("_NAME"); such candidates never become mentions.
func internal(label string) bool { return len(label) > 0 && label[0] == '_' }

// chooseIn picks non-overlapping candidates from one cluster, best first,
// and appends them in text order. It sorts cluster, a part of the
// caller's scratch, in place.
func (s *state) chooseIn(cluster []int) {
	cs := s.cands
	best := cluster
	slices.SortStableFunc(best, func(a, b int) int { return better(&cs[a], &cs[b]) })
	picked := s.picked[:0]
	for _, i := range best {
		c := &cs[i]
		free := true
		for _, j := range picked {
			if c.first < cs[j].last && cs[j].first < c.last {
				free = false
				break
			}
		}
		if free {
			picked = append(picked, i)
		}
	}
	slices.SortFunc(picked, func(a, b int) int { return cmp.Compare(cs[a].first, cs[b].first) })
	for _, i := range picked {
		s.chosen = append(s.chosen, &cs[i])
	}
	s.picked = picked
}

// better orders candidates of a cluster best first: the higher priority,
// then the longer, then the earlier. It returns as soon as one decides
// (cmp.Or would work out all three).
func better(x, y *candidate) int {
	if x.priority != y.priority {
		return cmp.Compare(y.priority, x.priority)
	}
	if lx, ly := x.end-x.start, y.end-y.start; lx != ly {
		return cmp.Compare(ly, lx)
	}
	return cmp.Compare(x.start, y.start)
}

// linkShortForms gives each short form ("Araghchi") the entity of a full
// mention in the same document: of the entries that share the short form,
// the one whose full mention comes last before it, else the first after
// it. A short form with no full mention is left unlinked and dropped.
//
// Candidates are in text order, so one pass forward finds the nearest
// full mention before each short form, and one pass back the nearest
// after; the map is the state's own, reused between documents. It is
// keyed by entry, whose pointer hashes faster than an id, and holds only
// the lexicon's entities: a short form's readings are entries of the
// lexicon, and a minted entity is none.
//
// Only the full mentions that may be a short form's reading are noted:
// those whose entity passes a filter of the readings' ids (idFilter), read
// off the candidate without a call (a lexicon candidate's entity is its
// entry's id). Noting every full mention cost a map assignment each, the
// most of the stage. The pass forward stops at the last short form, and
// the pass back, when one is left unlinked, at the first such.
func (s *state) linkShortForms() {
	firstShort, lastShort := -1, -1
	var readings idFilter
	for i := range s.cands {
		c := &s.cands[i]
		if !c.short {
			continue
		}
		if firstShort < 0 {
			firstShort = i
		}
		lastShort = i
		for _, alt := range c.alts {
			readings.add(alt.Entry.ID)
		}
	}
	if firstShort < 0 {
		return
	}
	nearest := func(seen map[*lexicon.Entry]int, c *candidate, dist func(int) int) (*lexicon.Entry, int) {
		var best *lexicon.Entry
		bestDist := -1
		for _, alt := range c.alts {
			if st, ok := seen[alt.Entry]; ok {
				if d := dist(st); bestDist < 0 || d < bestDist {
					best, bestDist = alt.Entry, d
				}
			}
		}
		return best, bestDist
	}
	clear(s.seen)
	if s.seen == nil {
		s.seen = map[*lexicon.Entry]int{}
	}
	unlinked := -1 // the first short form the pass forward leaves unlinked
	for i := range s.cands[:lastShort+1] {
		c := &s.cands[i]
		if !c.short {
			if readings.has(c.entity) {
				if e := s.entryOf(c); e != nil {
					s.seen[e] = c.start
				}
			}
			continue
		}
		if best, _ := nearest(s.seen, c, func(st int) int { return c.start - st }); best != nil {
			s.link(c, best)
		} else if unlinked < 0 && c.entity == "" {
			unlinked = i
		}
	}
	if unlinked < 0 {
		return
	}
	clear(s.seen)
	for i := len(s.cands) - 1; i >= unlinked; i-- {
		c := &s.cands[i]
		if !c.short {
			if readings.has(c.entity) {
				if e := s.entryOf(c); e != nil {
					s.seen[e] = c.start
				}
			}
			continue
		}
		if c.entity != "" {
			continue // linked to an earlier mention
		}
		if best, _ := nearest(s.seen, c, func(st int) int { return st - c.start }); best != nil {
			s.link(c, best)
		}
	}
}

func (s *state) link(c *candidate, e *lexicon.Entry) {
	c.entity, c.entry = e.ID, e
	c.label = e.Kind.Label()
	if s.a.opts.Explain {
		c.explain = "lexicon short form of " + e.ID + " after its full mention (" + e.Pos.String() + ")"
	}
}

// person is one of the people of a document with a last name, for
// linkSurnames: the first such, and how many distinct people have it.
type person struct {
	entity, name string
	label        string
	n            int // how many distinct people have this surname
}

// linkSurnames gives a person's last name, used alone elsewhere in the
// document ("Yeltsin" after "Boris Yeltsin"), that person's entity, for
// people the rules found as well as those of the lexicon. Only a
// capitalised word that is not part of another candidate's span is taken,
// and only when one person of the document has that last name.
func (s *state) linkSurnames() {
	// The people by last name: the index numbers the names, people holds
	// the person of each number.
	clear(s.surnamePeople) // hold no strings of the last document
	bySurname, people := &s.bySurname, s.surnamePeople[:0]
	bySurname.reset(0) // a document names few people; it grows when more
	// The vocabulary ids of the last names, marked in a bit set by id.
	s.surnameIDs.Reset(s.a.matcher.Tokens())
	for i := range s.cands {
		c := &s.cands[i]
		if c.dropped || c.label != "PERSON" || c.entity == "" || c.short || c.last-c.first < 2 {
			continue
		}
		last := c.last - 1
		if s.toks[last].Case != token.Title && s.toks[last].Case != token.Upper {
			continue
		}
		pi, ok := bySurname.index(s.key(last), int32(len(people)))
		switch {
		case !ok:
			people = append(people, person{entity: c.entity, name: c.name, label: c.label, n: 1})
			s.surnameIDs.Add(s.ids[last])
		case people[pi].entity != c.entity:
			people[pi].n++
		}
	}
	s.surnamePeople = people
	if len(people) == 0 {
		return
	}
	// The capitalised words that may be one of the last names: those
	// with the vocabulary id of one. A key has one id, so a word without
	// one of these ids has none of the keys: most words are passed over
	// with one read of a bit, not a lookup of their key in the map.
	hits, bits := s.surnameAt[:0], s.surnameIDs.Set
	for i, id := range s.ids {
		if !bits.Has(id) || s.toks[i].Kind != token.Word || (s.toks[i].Case != token.Title && s.toks[i].Case != token.Upper) {
			continue
		}
		hits = append(hits, i)
	}
	s.surnameAt = hits
	if len(hits) == 0 {
		return
	}
	s.covered = scratch.Resize(s.covered, len(s.toks))
	covered := s.covered
	clear(covered)
	for i := range s.cands {
		c := &s.cands[i]
		if c.short && c.entity != "" && c.label == "PERSON" {
			// A short form already linked to a lexicon person ("Lula's"
			// after "Luiz Inacio Lula da Silva") keeps that person.
			for t := c.first; t < c.last; t++ {
				covered[t] = true
			}
			continue
		}
		if c.dropped || c.last-c.first < 2 {
			continue // single-token candidates (a country "Jordan") may be overridden
		}
		for t := c.first; t < c.last; t++ {
			covered[t] = true
		}
	}
	for _, i := range hits {
		if covered[i] {
			continue
		}
		pi, ok := bySurname.get(s.key(i))
		if !ok || people[pi].n > 1 {
			continue
		}
		p := &people[pi]
		c := s.newCand(i, i+1)
		c.start, c.end = s.toks[i].Start, s.toks[i].End
		c.label, c.entity, c.name, c.source = p.label, p.entity, p.name, "rule:person.surname"
		c.priority = 10 + ruleBonus
		if s.a.opts.Explain {
			c.explain = "last name of " + p.entity + " mentioned in full in the document"
		}
	}
}
