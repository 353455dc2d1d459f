package annotate

import (
	"fmt"
	"strings"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/lexicon"
)

// candidate is a proposed mention. Stages propose; resolve chooses among
// overlapping proposals.
type candidate struct {
	first, last int // token range, last exclusive
	start, end  int // byte offsets
	label       string
	entity      string // lexicon id or minted id
	name        string // display name of a minted entity
	source      string
	priority    int // higher wins an overlap
	value       string
	anchor      string
	refersTo    string
	attrs       map[string]string
	// explain says why the candidate exists; for lexicon matches it is
	// formatted from why only when the caller asked for explanations.
	explain string
	why     *lexicon.Candidate
	rule    *rules.Rule // the rule that proposed it, if any
	// entry is the lexicon entry of a rule's mention that took its entity
	// from another candidate or a name (entryAt), for entryOf.
	entry   *lexicon.Entry
	dropped bool // a rule said it is wrong
	// short marks a surname-like form that stands only when the document
	// also has a full mention of one of alts.
	short bool
	alts  []lexicon.Candidate
}

// kindRank breaks ties between entries that share a name when no rule
// has decided: a state before a place of the same name, and so on.
func kindRank(k lexicon.Kind) int {
	switch k {
	case lexicon.Country:
		return 8
	case lexicon.Territory:
		return 7
	case lexicon.Organization:
		return 6
	case lexicon.Person:
		return 5
	case lexicon.City:
		return 4
	case lexicon.Region:
		return 3
	case lexicon.Nationality:
		return 2
	case lexicon.Title:
		return 1
	}
	return 0
}

// gazetteer proposes a mention for every lexicon name found in the text,
// sentence by sentence (a name never spans two sentences).
func (s *state) gazetteer() {
	m := s.a.matcher
	s.resetCands() // and lexAt
	// The longest name at every token, not only where the previous name
	// ended: "the Gulf Cooperation Council" holds both "the Gulf" and
	// "Gulf Cooperation Council", and resolve prefers the longer.
	for _, sn := range s.sents {
		toks, ids := s.toks[sn.first:sn.last], s.ids[sn.first:sn.last]
		m.MatchEach(s.text, toks, ids, func(mt lexicon.Match) {
			first, last := sn.first+mt.Start, sn.first+mt.End
			s.candFirst.Add(int32(first)) // for resetCands to empty lexAt[first]
			for _, c := range mt.Candidates {
				s.lexAt[first] = append(s.lexAt[first], rules.LexSpan{End: last, Entry: c.Entry, Form: c.Form})
			}
			s.propose(first, last, mt.Candidates)
		})
	}
}

// isMentionable reports whether an entry's names make mentions of their
// own. Every kind does; the function stays as the one place to say so.
func isMentionable(e *lexicon.Entry) bool { return e != nil }

func (s *state) propose(first, last int, cands []lexicon.Candidate) {
	// Most names have one candidate, a full name of a mentionable entry:
	// then the matcher's own slice serves, with no copy.
	// So do the matcher's candidates when all are short forms of
	// mentionable entries (a surname), the next most common case.
	full, short := cands, []lexicon.Candidate(nil)
	allShort := true
	for _, c := range cands {
		if !isMentionable(c.Entry) || c.Form == lexicon.FormShort {
			full = nil
		}
		if !isMentionable(c.Entry) || c.Form != lexicon.FormShort {
			allShort = false
		}
	}
	if allShort {
		full, short = nil, cands
	} else if full == nil {
		for _, c := range cands {
			if !isMentionable(c.Entry) {
				continue
			}
			if c.Form == lexicon.FormShort {
				short = append(short, c)
			} else {
				full = append(full, c)
			}
		}
	}
	if len(full) == 0 && len(short) == 0 {
		return
	}
	c := s.newCand(first, last)
	c.start, c.end = s.toks[first].Start, s.toks[last-1].End
	c.source = "lexicon"
	if len(full) > 0 {
		best := 0
		for i, f := range full[1:] {
			b := full[best]
			if kindRank(f.Entry.Kind) > kindRank(b.Entry.Kind) ||
				(kindRank(f.Entry.Kind) == kindRank(b.Entry.Kind) && f.Form < b.Form) {
				best = i + 1
			}
		}
		c.entity = full[best].Entry.ID
		c.label = labelOf(full[best])
		c.priority = 10*(last-first) + kindRank(full[best].Entry.Kind)
		c.why = &full[best]
		if len(full) > 1 {
			c.alts = full
			c.attrs = map[string]string{"ambiguous": idsOf(full)}
		}
		if e := full[best].Entry; e.Kind == lexicon.Title && e.Type != "" && e.Type != "office" {
			// An honorific ("Mr.", "Sheikh") or a rank ("Gen."): a TITLE
			// that is no office, which the checks leave alone.
			if c.attrs == nil {
				c.attrs = map[string]string{}
			}
			c.attrs["type"] = e.Type
		}
	} else {
		c.short = true
		c.alts = short
		c.label = labelOf(short[0])
		c.priority = 10*(last-first) - 5
	}
}

// entryOf returns the lexicon entry of c's entity, nil for a minted
// one. A lexicon name's candidate has the entry at hand (why), and so
// has a rule's that took its entity from one (entry), which spares a
// lookup by id in the lexicon's map, a cache miss or two in a large one,
// at each of the several reads of every candidate; so does a minted id,
// which has a ':' no id of the lexicon has (mint).
func (s *state) entryOf(c *candidate) *lexicon.Entry {
	if e := c.entryAtHand(); e != nil {
		return e
	}
	if c.entity == "" || strings.IndexByte(c.entity, ':') >= 0 {
		return nil
	}
	return s.a.lex.Entry(c.entity)
}

// entryAtHand returns the lexicon entry of c's entity when c holds it,
// nil when it does not (the entity may still be the lexicon's). Each
// pointer is checked against the entity, which linking and deciding may
// have changed since it was set.
func (c *candidate) entryAtHand() *lexicon.Entry {
	switch {
	case c.why != nil && c.why.Entry.ID == c.entity:
		return c.why.Entry
	case c.entry != nil && c.entry.ID == c.entity:
		return c.entry
	}
	return nil
}

func labelOf(c lexicon.Candidate) string {
	if c.Form == lexicon.FormDemonym {
		return "NATIONALITY"
	}
	return c.Entry.Kind.Label()
}

func idsOf(cs []lexicon.Candidate) string {
	ids := make([]string, 0, len(cs))
	for _, c := range cs {
		ids = append(ids, c.Entry.ID)
	}
	return strings.Join(ids, " ")
}

func explainLexicon(c lexicon.Candidate) string {
	return fmt.Sprintf("lexicon %s of %s (%s)", c.Form, c.Entry.ID, c.Entry.Pos)
}

func explainRule(r *rules.Rule) string {
	return fmt.Sprintf("rule %s (%s)", r.ID, r.Pos)
}
