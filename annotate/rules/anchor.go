package rules

import (
	"github.com/newsann/newsann/annotate/internal/bitset"
	"github.com/newsann/newsann/annotate/token"
)

// An anchor is a unit every match of a rule passes at a bounded distance
// from its first token, whose test needs a word of a need set: a number
// ("[re:/[0-9]{1,3}/]"), a word of a list ("[in:sport-verbs]"). A rule is
// tried at a token only when a word of the set is within that distance:
// "Mets 5 Cubs 3" is looked for at the capitalised words a number follows
// within two tokens, not at every capitalised word of a sentence that has
// a number somewhere. The need sets (Rule.need) ask only whether the
// sentence has such a word, and ahead whether one comes after the start.
type anchor struct {
	set int32 // the need set (RuleSet.needSets), one of the rule's
	// lo and hi bound the anchor's distance in tokens from the start.
	// With span, a unit at the start may consume a lexicon name or a
	// mention: hi then grows by the longest one starting there, less one.
	lo, hi int
	span   bool
	// words marks the vocabulary words of the set; number, that a number
	// token is one.
	words  bitset.Set
	number bool
}

// extent is the number of tokens a part of a pattern consumes: between lo
// and hi, plus (span) the length less one of a lexicon name or mention at
// the match's start. ok is false when there is no bound.
type extent struct {
	lo, hi   int
	span, ok bool
}

// add returns the extent of e followed by f.
func (e extent) add(f extent) extent {
	return extent{lo: e.lo + f.lo, hi: e.hi + f.hi, span: e.span || f.span, ok: e.ok && f.ok}
}

// maxAnchorDist bounds an anchor's distance: past it, a scan for the
// anchor would cost more than the try it might spare.
const maxAnchorDist = 8

// extentOf returns the extent of n. atStart says n begins at the match's
// start in every match: only there can a unit that spans a name or
// mention be bounded, by the spans that start at the token.
func extentOf(n node, atStart bool) extent {
	switch n := n.(type) {
	case *unit:
		if tokenLevel(n.test) {
			return extent{lo: 1, hi: 1, ok: true}
		}
		return extent{lo: 1, hi: 1, span: true, ok: atStart}
	case *capture:
		return extentOf(n.elem, atStart)
	case *look:
		return extent{ok: true}
	case *seq:
		e := extent{ok: true}
		for _, el := range n.elems {
			e = e.add(extentOf(el, atStart && e.hi == 0))
			if !e.ok {
				return e
			}
		}
		return e
	case *alt:
		e := extent{lo: -1, ok: true}
		for _, a := range n.alts {
			f := extentOf(a, atStart)
			if e.lo < 0 || f.lo < e.lo {
				e.lo = f.lo
			}
			e.hi, e.span, e.ok = max(e.hi, f.hi), e.span || f.span, e.ok && f.ok
		}
		e.lo = max(e.lo, 0)
		return e
	case *repeat:
		if n.max < 0 {
			return extent{}
		}
		if n.max == 0 {
			return extent{ok: true}
		}
		e := extentOf(n.elem, atStart) // the first copy
		if n.max > 1 {
			later := extentOf(n.elem, false)
			e.hi += (n.max - 1) * later.hi
			e.ok = e.ok && later.ok
		}
		e.lo *= n.min
		return e
	}
	return extent{}
}

// anchorsOf returns the anchors of pattern n, bound to rs: the units with
// a need set that every match passes at a bounded distance from its
// start, other than at the start itself (the rule's first units).
func anchorsOf(n node, rs *RuleSet, needIDs *needSets) []anchor {
	var as []anchor
	names := needIDs.names
	add := func(ws []int32, at extent) {
		if at.hi == 0 || at.hi > maxAnchorDist {
			return
		}
		a := anchor{lo: at.lo, hi: at.hi, span: at.span, words: bitset.New(len(rs.vocab) + 1)}
		num := rs.vocab[numberWord]
		for _, w := range ws {
			switch {
			case w == num:
				a.number = true
			case w <= 0 || names.Has(w):
				return // no word, or a lexicon name's kind or entry
			default:
				a.words.Add(w)
			}
		}
		a.set = int32(rs.needSet(ws, needIDs))
		as = append(as, a)
	}
	// walk collects the anchors of n, which begins at distance at in
	// every match.
	var walk func(n node, at extent)
	walk = func(n node, at extent) {
		if !at.ok {
			return
		}
		switch n := n.(type) {
		case *unit:
			if ws := wordsOf(n.test, rs); ws != nil {
				add(ws, at)
			}
		case *capture:
			walk(n.elem, at)
		case *seq:
			for _, el := range n.elems {
				walk(el, at)
				at = at.add(extentOf(el, at.hi == 0))
				if !at.ok {
					return
				}
			}
		case *repeat:
			if n.min > 0 {
				walk(n.elem, at)
			}
		case *look:
			if !n.negate && !n.behind {
				walk(n.elem, at)
			}
		case *alt:
			// Alternatives of single units: their words together.
			var union []int32
			for _, a := range n.alts {
				if !oneUnit(a) {
					return
				}
				for _, u := range firstUnits(a) {
					ws := wordsOf(u.test, rs)
					if ws == nil {
						return
					}
					union = append(union, ws...)
				}
			}
			add(union, at)
		}
	}
	walk(n, extent{ok: true})
	return as
}

// hasAnchor reports whether a word of a's set is at a token from i+a.lo
// to i+a.hi (more with a.span) and no later than last, the sentence's
// last token with a word of the set.
func (d *Doc) hasAnchor(a *anchor, i int, last int) bool {
	hi := i + a.hi
	if a.span {
		end := i + 1
		for _, s := range d.Lex[i] {
			end = max(end, s.End)
		}
		for _, m := range d.Ments[i] {
			end = max(end, m.End)
		}
		hi += end - i - 1
	}
	for j := i + a.lo; j <= min(hi, last); j++ {
		if w := d.words[j]; w > 0 && int(w/64) < len(a.words) && a.words.Has(w) || a.number && d.Toks[j].Kind == token.Number {
			return true
		}
	}
	return false
}

// prevWords returns, for program p that begins with a lookbehind of
// units one token long each, the words one of which a token they pass
// has: the lookbehind holds at a start only when the token before it
// has one. Nil when p begins otherwise or a unit may pass on a token of
// no word of the vocabulary (a number, a lexicon name's kind).
func prevWords(p *program, rs *RuleSet) bitset.Set {
	if len(p.insts) == 0 || p.insts[0].op != opLook {
		return nil
	}
	l := &p.looks[p.insts[0].x]
	if !l.behind || l.negate || l.units == nil || l.spans {
		return nil
	}
	names := map[int32]bool{rs.vocab[numberWord]: true}
	for _, kw := range rs.kindWords {
		names[kw.word] = true
	}
	for _, w := range rs.entryWords {
		names[w] = true
	}
	set := bitset.New(len(rs.vocab) + 1)
	for _, u := range l.units {
		ws := wordsOf(u.test, rs)
		if ws == nil {
			return nil
		}
		for _, w := range ws {
			if w <= 0 || names[w] {
				return nil
			}
			set.Add(w)
		}
	}
	return set
}
