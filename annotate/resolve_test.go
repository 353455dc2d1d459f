package annotate

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/newsann/newsann/annotate/internal/bitset"
	"github.com/newsann/newsann/annotate/synth"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// resolveCorpus runs each text of the benchmark corpus through the
// pipeline's stages before resolve and calls f with the state, which it
// then returns to the pool.
func resolveCorpus(t *testing.T, f func(s *state)) {
	t.Helper()
	a, docs := testCorpus(t)
	for i, d := range docs {
		in := Input{ID: synth.ID(i), Text: d, Date: lexicon.MustDate("2025-11-14")}
		s := a.pool.Get().(*state)
		s.a, s.in, s.text = a, &in, in.Text
		for _, st := range a.stages {
			if st.name == "resolve" {
				break
			}
			st.run(s)
		}
		f(s)
		s.reset()
		a.pool.Put(s)
	}
}

// survivorsRef is survivors as it was first written: every candidate that
// may become a mention, stably sorted by first token, then the longer
// first.
func survivorsRef(s *state) []int {
	cs := s.cands
	var order []int
	for i := range cs {
		if cs[i].dropped || (cs[i].short && cs[i].entity == "") || internal(cs[i].label) {
			continue
		}
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(cs[a].first, cs[b].first), cmp.Compare(cs[b].last, cs[a].last))
	})
	return order
}

// TestSurvivorsAgree holds survivors, which reads the index by first
// token, to the stable sort of all candidates it replaced.
func TestSurvivorsAgree(t *testing.T) {
	resolveCorpus(t, func(s *state) {
		s.disambiguate()
		s.linkShortForms()
		s.linkSurnames()
		s.unlinkForeignGeneric()
		want := survivorsRef(s)
		if got := s.survivors(); !slices.Equal(got, want) {
			t.Fatalf("%s: survivors %v, want %v", s.in.ID, got, want)
		}
	})
}

// FuzzSurvivors holds survivors to the stable sort on candidates of any
// spans, proposed in any order, some of them dropped, short or internal.
func FuzzSurvivors(f *testing.F) {
	f.Add([]byte{0, 1, 0, 2, 3, 1, 0, 2, 0, 1, 1, 1, 5, 6, 2})
	f.Add([]byte{4, 1, 4, 1, 4, 2, 3, 3, 0, 9, 4, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		const ntoks = 16
		s := &state{candAt: make([][]int32, ntoks), candFirst: bitset.New(ntoks)}
		for ; len(data) >= 3; data = data[3:] {
			first := int(data[0]) % ntoks
			c := candidate{first: first, last: first + 1 + int(data[1])%4, label: "PERSON", entity: "x"}
			switch data[2] % 8 {
			case 1:
				c.dropped = true
			case 2:
				c.short, c.entity = true, ""
			case 3:
				c.short = true
			case 4:
				c.label = "_NAME"
			}
			s.addCand(c)
		}
		want := survivorsRef(s)
		if got := s.survivors(); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("survivors %v, want %v", got, want)
		}
	})
}

// TestEntryOfAgrees holds entryOf, which reads a lexicon candidate's
// entry from the candidate, to the lexicon's lookup by id, for every
// candidate and settled mention of the corpus.
func TestEntryOfAgrees(t *testing.T) {
	resolveCorpus(t, func(s *state) {
		s.resolve()
		cs := make([]*candidate, 0, len(s.cands)+len(s.chosen))
		for i := range s.cands {
			cs = append(cs, &s.cands[i])
		}
		for _, c := range append(cs, s.chosen...) {
			if got, want := s.entryOf(c), s.a.lex.Entry(c.entity); got != want {
				t.Fatalf("%s: entryOf(%q) = %p, want %p", s.in.ID, c.entity, got, want)
			}
		}
	})
}

// surnamesRef returns the candidates linkSurnames as first written adds:
// every capitalised word outside the candidates' spans whose key is the
// last name of one person of the document, looked up by key.
func surnamesRef(s *state) []candidate {
	type person struct {
		entity, name, label string
		n                   int
	}
	bySurname := map[string]person{}
	for i := range s.cands {
		c := &s.cands[i]
		if c.dropped || c.label != "PERSON" || c.entity == "" || c.short || c.last-c.first < 2 {
			continue
		}
		last := c.last - 1
		if s.toks[last].Case != token.Title && s.toks[last].Case != token.Upper {
			continue
		}
		k := s.key(last)
		p, ok := bySurname[k]
		switch {
		case !ok:
			bySurname[k] = person{entity: c.entity, name: c.name, label: c.label, n: 1}
		case p.entity != c.entity:
			p.n++
			bySurname[k] = p
		}
	}
	covered := make([]bool, len(s.toks))
	for i := range s.cands {
		c := &s.cands[i]
		if c.short && c.entity != "" && c.label == "PERSON" || !c.dropped && c.last-c.first >= 2 {
			for t := c.first; t < c.last; t++ {
				covered[t] = true
			}
		}
	}
	var out []candidate
	for i := range s.toks {
		if covered[i] || s.toks[i].Kind != token.Word || (s.toks[i].Case != token.Title && s.toks[i].Case != token.Upper) {
			continue
		}
		p, ok := bySurname[s.key(i)]
		if !ok || p.n > 1 {
			continue
		}
		out = append(out, candidate{
			first: i, last: i + 1, start: s.toks[i].Start, end: s.toks[i].End,
			label: p.label, entity: p.entity, name: p.name, source: "rule:person.surname",
			priority: 10 + ruleBonus,
		})
	}
	return out
}

// TestSurnamesAgree holds linkSurnames, which passes over the words
// without the vocabulary id of a last name, to the lookup of every
// capitalised word's key it replaced.
func TestSurnamesAgree(t *testing.T) {
	n := 0
	resolveCorpus(t, func(s *state) {
		s.disambiguate()
		s.linkShortForms()
		want := surnamesRef(s)
		before := len(s.cands)
		s.linkSurnames()
		got := s.cands[before:]
		if !slices.EqualFunc(got, want, func(a, b candidate) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
			t.Fatalf("%s: surnames\n%v\nwant\n%v", s.in.ID, got, want)
		}
		n += len(got)
	})
	if n == 0 {
		t.Fatal("no last names linked in the corpus")
	}
}

// evidenceRef is evidence as first written, its entities counted by id,
// minted ones too.
func evidenceRef(s *state) (direct, sameState, state map[string]int) {
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

// TestEvidenceAgrees holds evidence, which counts entities by entry,
// leaves minted ones out and counts only what passes its filters, to the
// count by id it replaced: the same count for every reading of the shared
// names disambiguate decides, and the same counts of their states.
// Disambiguation reads nothing else, and short-form linking nothing that
// changed with it (the entries it notes come from entryOf, which
// TestEntryOfAgrees holds to the lookup by id).
func TestEvidenceAgrees(t *testing.T) {
	n := 0
	resolveCorpus(t, func(s *state) {
		direct, sameState, state := s.evidence()
		refDirect, refSame, refState := evidenceRef(s)
		for i := range s.cands {
			c := &s.cands[i]
			if len(c.alts) < 2 || c.short || c.dropped || c.rule != nil {
				continue
			}
			for _, alt := range c.alts {
				e := alt.Entry
				if direct[e] != refDirect[e.ID] {
					t.Fatalf("%s: %s counted %d times, by id %d", s.in.ID, e.ID, direct[e], refDirect[e.ID])
				}
				n += direct[e]
				if st := stateOf(e); sameState[st] != refSame[st] || state[st] != refState[st] {
					t.Fatalf("%s: state %s counted %d and %d, by id %d and %d", s.in.ID, st,
						sameState[st], state[st], refSame[st], refState[st])
				}
			}
		}
	})
	if n == 0 {
		t.Fatal("no reading of a shared name counted in the corpus")
	}
}

// TestGenericOrgListAgrees holds the bit set of generic-org-words that
// unlinkForeignGeneric reads to the rule set's list looked up by key, at
// every token of the corpus.
func TestGenericOrgListAgrees(t *testing.T) {
	n := 0
	resolveCorpus(t, func(s *state) {
		for i := range s.toks {
			got, want := s.a.lists.genericOrg.Has(&s.rdoc, i), s.a.rules.InList("generic-org-words", s.key(i))
			if got != want {
				t.Fatalf("%s: token %d %q: in generic-org-words %v, want %v", s.in.ID, i, s.key(i), got, want)
			}
			if got {
				n++
			}
		}
	})
	if n == 0 {
		t.Fatal("no generic organization words in the corpus")
	}
}

// linkShortFormsRef is linkShortForms as first written: every full
// mention of a lexicon entity noted, in a pass forward over all the
// candidates and a pass back over all of them.
func linkShortFormsRef(s *state) {
	nearest := func(seen map[*lexicon.Entry]int, c *candidate, dist func(int) int) *lexicon.Entry {
		var best *lexicon.Entry
		bestDist := -1
		for _, alt := range c.alts {
			if st, ok := seen[alt.Entry]; ok {
				if d := dist(st); bestDist < 0 || d < bestDist {
					best, bestDist = alt.Entry, d
				}
			}
		}
		return best
	}
	seen := map[*lexicon.Entry]int{}
	for i := range s.cands {
		c := &s.cands[i]
		if !c.short {
			if e := s.entryOf(c); e != nil {
				seen[e] = c.start
			}
			continue
		}
		if best := nearest(seen, c, func(st int) int { return c.start - st }); best != nil {
			s.link(c, best)
		}
	}
	clear(seen)
	for i := len(s.cands) - 1; i >= 0; i-- {
		c := &s.cands[i]
		if !c.short {
			if e := s.entryOf(c); e != nil {
				seen[e] = c.start
			}
			continue
		}
		if c.entity != "" {
			continue
		}
		if best := nearest(seen, c, func(st int) int { return st - c.start }); best != nil {
			s.link(c, best)
		}
	}
}

// TestLinkShortFormsAgrees holds linkShortForms, which notes only the
// full mentions whose id passes the filter of the short forms' readings
// and stops its passes at the short forms, to the passes over every
// candidate it replaced, over the corpus.
func TestLinkShortFormsAgrees(t *testing.T) {
	linked := 0
	resolveCorpus(t, func(s *state) {
		s.disambiguate()
		ref := slices.Clone(s.cands)
		got := s.cands
		s.cands = ref
		linkShortFormsRef(s)
		s.cands = got
		s.linkShortForms()
		for i := range got {
			g, w := &got[i], &ref[i]
			if g.entity != w.entity || g.entry != w.entry || g.label != w.label {
				t.Fatalf("%s: candidate %d %q linked to %q (%s), want %q (%s)", s.in.ID, i,
					s.text[g.start:g.end], g.entity, g.label, w.entity, w.label)
			}
			if g.short && g.entity != "" {
				linked++
			}
		}
	})
	if linked == 0 {
		t.Fatal("no short form linked in the corpus")
	}
}

// TestClusterOfTwoAgrees holds resolve, which decides a cluster of two
// candidates without chooseIn, to chooseIn for every cluster, over the
// corpus.
func TestClusterOfTwoAgrees(t *testing.T) {
	twos := 0
	resolveCorpus(t, func(s *state) {
		s.resolve()
		got := slices.Clone(s.chosen)
		s.chosen = s.chosen[:0]
		cs, order := s.cands, s.survivors() // afresh: chooseIn sorted clusters in place
		for lo := 0; lo < len(order); {
			hi, end := lo+1, cs[order[lo]].last
			for hi < len(order) && cs[order[hi]].first < end {
				end = max(end, cs[order[hi]].last)
				hi++
			}
			if hi-lo == 2 {
				twos++
			}
			s.chooseIn(order[lo:hi])
			lo = hi
		}
		if !slices.EqualFunc(got, s.chosen, func(a, b *candidate) bool {
			return a.first == b.first && a.last == b.last && a.entity == b.entity && a.label == b.label && a.source == b.source
		}) {
			t.Fatalf("%s: chosen differ from chooseIn's", s.in.ID)
		}
	})
	if twos == 0 {
		t.Fatal("no cluster of two in the corpus")
	}
}

// TestResetCandsEmpties checks what resetCands relies on to empty only
// the lists candFirst marks: after it, every list of candAt, lexAt and
// mentAt is empty, to the end of their arrays, over the corpus's texts
// annotated by one state in an order that mixes long and short texts.
func TestResetCandsEmpties(t *testing.T) {
	a, docs := testCorpus(t)
	s := a.pool.Get().(*state)
	defer a.pool.Put(s)
	order := make([]int, 0, 2*len(docs))
	for i := range docs {
		order = append(order, i, len(docs)-1-i)
	}
	for _, i := range order {
		in := Input{ID: synth.ID(i), Text: docs[i], Date: lexicon.MustDate("2025-11-14")}
		s.a, s.in, s.text = a, &in, in.Text
		for _, st := range a.stages {
			if st.name == "lexicon" {
				s.resetCands()
				for k, l := range s.candAt[:cap(s.candAt)] {
					if len(l) > 0 {
						t.Fatalf("text %d: candAt[%d] not emptied", i, k)
					}
				}
				for k, l := range s.lexAt[:cap(s.lexAt)] {
					if len(l) > 0 {
						t.Fatalf("text %d: lexAt[%d] not emptied", i, k)
					}
				}
				for k, l := range s.mentAt[:cap(s.mentAt)] {
					if len(l) > 0 {
						t.Fatalf("text %d: mentAt[%d] not emptied", i, k)
					}
				}
			}
			st.run(s)
		}
		s.reset()
	}
}
