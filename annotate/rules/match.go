package rules

import (
	"regexp"
	"slices"
	"strings"
)

// Capture is the token range a named part of a pattern matched.
type Capture struct {
	Name       string
	Start, End int // token indexes, End exclusive
}

// Match is one match of a rule: the token range of the whole pattern and
// its captures.
type Match struct {
	Rule       *Rule
	Start, End int
	Caps       []Capture
}

// Clone returns a copy of m that shares nothing Apply reuses: Apply's
// emit is given a Match that is valid only during the call.
func (m *Match) Clone() *Match {
	c := *m
	c.Caps = slices.Clone(m.Caps)
	return &c
}

// Cap returns the range of capture name; ok is false when the pattern did
// not capture it (an optional part that did not match).
func (m *Match) Cap(name string) (start, end int, ok bool) {
	for i := len(m.Caps) - 1; i >= 0; i-- { // the last wins in repeats
		if m.Caps[i].Name == name {
			return m.Caps[i].Start, m.Caps[i].End, true
		}
	}
	return 0, 0, false
}

// maxSteps bounds the backtracking work at one start position, so that a
// pathological pattern cannot stall a corpus run.
const maxSteps = 20000

// firstUnits returns the units one of which every match must pass at its
// first token, or nil when the pattern can begin in a way no unit
// describes (a lookbehind is skipped; it consumes nothing). Checking them
// through the memo is how a rule is ruled out at most tokens.
func firstUnits(n node) []*unit {
	if optional(n) {
		return nil // it can match nothing, so it can begin anywhere
	}
	return firstOf(n)
}

// firstOf is firstUnits for a part of a pattern: for a part that can match
// nothing, the units of its non-empty matches.
func firstOf(n node) []*unit {
	us, ok := appendFirst(nil, n)
	if !ok {
		return nil
	}
	return us
}

// appendFirst appends firstOf(n) to dst, into the one slice rather than a
// slice made for each unit and each part; it reports false, with dst as
// it was, where firstOf is nil. A part's first units are never an empty
// list but for nil.
func appendFirst(dst []*unit, n node) ([]*unit, bool) {
	start := len(dst)
	switch n := n.(type) {
	case *unit:
		return append(dst, n), true
	case *capture:
		return appendFirst(dst, n.elem)
	case *seq:
		// The units of the optional elements met so far, and of the
		// first that is not.
		for _, e := range n.elems {
			if _, ok := e.(*look); ok {
				continue
			}
			var ok bool
			if dst, ok = appendFirst(dst, e); !ok {
				return dst[:start], false
			}
			if !optional(e) {
				return dst, true
			}
		}
		return dst, len(dst) > start // all optional: the caller goes on past it
	case *repeat:
		return appendFirst(dst, n.elem)
	case *alt:
		for _, a := range n.alts {
			var ok bool
			if dst, ok = appendFirst(dst, a); !ok {
				return dst[:start], false
			}
		}
		return dst, len(dst) > start
	}
	return dst, false
}

func orOf(a, b test) test {
	if a == nil {
		return b
	}
	return &orTest{a: a, b: b}
}

// optional reports whether n can match nothing.
func optional(n node) bool {
	switch n := n.(type) {
	case *repeat:
		return n.min == 0 || optional(n.elem)
	case *capture:
		return optional(n.elem)
	case *seq:
		for _, e := range n.elems {
			if _, ok := e.(*look); ok {
				continue
			}
			if !optional(e) {
				return false
			}
		}
		return true
	case *alt:
		for _, a := range n.alts {
			if optional(a) {
				return true
			}
		}
		return false
	case *look:
		return true
	}
	return false
}

// trigger says at which tokens a test can pass, for the rule index:
// tokens with one of words (vocabulary numbers), tokens where a lexicon
// name or a mention starts, or anywhere.
type trigger struct {
	words     []int32
	lex, ment bool
	cap       bool // capitalised words
	any       bool
}

// selectivity ranks triggers: fewer tokens to try is better.
func (t trigger) selectivity() int {
	switch {
	case t.any:
		return 4
	case t.cap:
		return 3
	case t.lex || t.ment:
		if len(t.words) > 0 {
			return 2
		}
		return 1
	}
	return 0
}

// triggerOf returns the trigger of the bound test t. A word rs does not
// number is left out: no token has it.
func triggerOf(t test, rs *RuleSet) trigger {
	switch t := t.(type) {
	case *keyTest:
		return trigger{words: rs.vocabIDs(t.fold)}
	case *anyKeyTest:
		return trigger{words: rs.vocabIDs(t.folds...)}
	case *inTest:
		var words []int32
		for _, l := range t.lists {
			words = append(words, rs.listIDs[l]...)
		}
		return trigger{words: words}
	case *lexTest:
		return trigger{lex: true}
	case *mentionTest:
		return trigger{ment: true}
	case *isTest:
		for _, n := range t.names {
			if n != "cap" && n != "title" && n != "upper" && n != "initial" {
				return trigger{any: true}
			}
		}
		return trigger{cap: true}
	case *andTest:
		a, b := triggerOf(t.a, rs), triggerOf(t.b, rs)
		if b.selectivity() < a.selectivity() {
			return b
		}
		return a
	case *orTest:
		a, b := triggerOf(t.a, rs), triggerOf(t.b, rs)
		if a.any || b.any {
			return trigger{any: true}
		}
		return trigger{words: append(append([]int32(nil), a.words...), b.words...), lex: a.lex || b.lex, ment: a.ment || b.ment, cap: a.cap || b.cap}
	}
	return trigger{any: true}
}

// vocabIDs returns the vocabulary numbers of keys, leaving out the keys
// rs does not number.
func (rs *RuleSet) vocabIDs(keys ...string) []int32 {
	var ws []int32
	for _, k := range keys {
		if w := rs.vocab[k]; w > 0 {
			ws = append(ws, w)
		}
	}
	return ws
}

// captures lists the capture names of a pattern.
func captures(n node, out map[string]bool) {
	switch n := n.(type) {
	case *capture:
		out[n.name] = true
		captures(n.elem, out)
	case *seq:
		for _, e := range n.elems {
			captures(e, out)
		}
	case *alt:
		for _, e := range n.alts {
			captures(e, out)
		}
	case *repeat:
		captures(n.elem, out)
	}
}

// eachUnit calls f with every unit of a pattern, lookarounds included, in
// the order they are written.
func eachUnit(n node, f func(*unit)) {
	switch n := n.(type) {
	case *unit:
		f(n)
	case *capture:
		eachUnit(n.elem, f)
	case *seq:
		for _, e := range n.elems {
			eachUnit(e, f)
		}
	case *alt:
		for _, e := range n.alts {
			eachUnit(e, f)
		}
	case *repeat:
		eachUnit(n.elem, f)
	case *look:
		eachUnit(n.elem, f)
	}
}

// appendUnits appends the units of a pattern to dst, in the order
// eachUnit calls them: Compile lists a rule's units once (Rule.units) for
// the walks that ask each unit something, rather than walking the
// pattern for each (a thirtieth of compiling).
func appendUnits(dst []*unit, n node) []*unit {
	switch n := n.(type) {
	case *unit:
		dst = append(dst, n)
	case *capture:
		dst = appendUnits(dst, n.elem)
	case *seq:
		for _, e := range n.elems {
			dst = appendUnits(dst, e)
		}
	case *alt:
		for _, e := range n.alts {
			dst = appendUnits(dst, e)
		}
	case *repeat:
		dst = appendUnits(dst, n.elem)
	case *look:
		dst = appendUnits(dst, n.elem)
	}
	return dst
}

// bindTests resolves every test of a pattern's units against the rule
// set, and makes units with the same source share one test (and one memo
// id).
func bindTests(us []*unit, rs *RuleSet) {
	for _, n := range us {
		if u, ok := rs.tests[n.src]; ok {
			*n = *u // the same source: the same test, id, mask and cost
			continue
		}
		n.test.bind(rs)
		n.id, n.cheap = int32(len(rs.tests)+1), cheap(n.test)
		n.mask = rs.classes.compile(rs, n.test)
		if k, ok := n.test.(*keyTest); ok && k.word > 0 {
			n.key = k
		}
		if k := n.mask; k != nil && !k.rest && len(k.any) <= 1 {
			n.oneMask = true
			if len(k.any) == 1 {
				n.any0 = k.any[0]
			}
		}
		rs.tests[n.src] = n
	}
}

// usesPOS reports whether a pattern's units need part-of-speech tags.
func usesPOS(us []*unit) bool {
	found := false
	var walkTest func(t test)
	walkTest = func(t test) {
		switch t := t.(type) {
		case *posTest:
			found = true
		case *andTest:
			walkTest(t.a)
			walkTest(t.b)
		case *orTest:
			walkTest(t.a)
			walkTest(t.b)
		case *notTest:
			walkTest(t.t)
		}
	}
	for _, u := range us {
		walkTest(u.test)
	}
	return found
}

// literals calls f with every literal word of a pattern's units.
func literals(us []*unit, f func(string)) {
	for _, u := range us {
		testLiterals(u.test, f)
	}
}

// testLiterals calls f with the words a test names, also inside [a & b]
// and [a | b]: the sentence filter and the index read them by their
// vocabulary numbers, so a word left out would be number 0, which no
// token has, and the rule would never run.
func testLiterals(t test, f func(string)) {
	switch t := t.(type) {
	case *keyTest:
		f(t.key)
	case *anyKeyTest:
		for _, w := range t.keys {
			f(w)
		}
	case *andTest:
		testLiterals(t.a, f)
		testLiterals(t.b, f)
	case *orTest:
		testLiterals(t.a, f)
		testLiterals(t.b, f)
	}
}

// requiredWords appends to dst the word sets a sentence must contain for
// n to match in it: literal words and lists of units that every match
// passes through (not optional, not in one branch of an alternative, not
// negated), and of positive lookarounds. With ahead, lookbehinds are left
// out: the sets are then of words every match has at or after its first
// token. The sets may be the rule set's own (wordsOf): not to be changed.
// Compile reads them at once, so it passes the slice it used for the rule
// before, rather than growing a new one for each rule.
func requiredWords(dst [][]int32, n node, rs *RuleSet, ahead bool) [][]int32 {
	switch n := n.(type) {
	case *unit:
		if ws := wordsOf(n.test, rs); ws != nil {
			dst = append(dst, ws)
		}
	case *capture:
		dst = requiredWords(dst, n.elem, rs, ahead)
	case *seq:
		for _, e := range n.elems {
			dst = requiredWords(dst, e, rs, ahead)
		}
	case *repeat:
		if n.min > 0 {
			dst = requiredWords(dst, n.elem, rs, ahead)
		}
	case *look:
		if !n.negate && !(ahead && n.behind) {
			dst = requiredWords(dst, n.elem, rs, ahead)
		}
	case *alt:
		// Each branch must have a required word set; the union of
		// their first sets is required of the alternative. A branch's
		// sets are appended to dst and dropped once read.
		var union []int32
		for _, a := range n.alts {
			at := len(dst)
			dst = requiredWords(dst, a, rs, ahead)
			if len(dst) == at {
				return dst
			}
			union = append(union, dst[at]...)
			dst = dst[:at]
		}
		dst = append(dst, union)
	}
	return dst
}

// digitsOnly recognises the compiled form of regular expressions that
// match digits only, such as ^(?:[0-9]{1,3})$.
var digitsOnly = regexp.MustCompile(`^\^\(\?:(\[0-9\]|\\d)(\{[0-9,]+\}|\+|\*)?\)\$$`)

// numberWord is the vocabulary's pseudo-word for "a number": a sentence
// has it when it has a number token, so that rules that need numbers skip
// sentences without.
const numberWord = "\x00number"

// wordsOf returns the vocabulary words a token passing t must be one of,
// or nil when t does not limit the words. The slice may be the rule
// set's own (RuleSet.listIDs): not to be changed.
func wordsOf(t test, rs *RuleSet) []int32 {
	switch t := t.(type) {
	case *isTest:
		if len(t.names) == 1 && t.names[0] == "number" {
			return []int32{rs.vocab[numberWord]}
		}
		return nil
	case *reTest:
		// A pattern of digits only ("[0-9]{1,3}") needs a number.
		if digitsOnly.MatchString(t.re.String()) {
			return []int32{rs.vocab[numberWord]}
		}
		return nil
	case *keyTest:
		return []int32{rs.vocab[t.fold]}
	case *anyKeyTest:
		var ws []int32
		for _, k := range t.folds {
			ws = append(ws, rs.vocab[k])
		}
		return ws
	case *inTest:
		if len(t.lists) == 1 { // the list's own numbers, not a copy
			if ws := rs.listIDs[t.lists[0]]; len(ws) > 0 {
				return ws
			}
			return nil
		}
		var ws []int32
		for _, l := range t.lists {
			ws = append(ws, rs.listIDs[l]...)
		}
		slices.Sort(ws)
		return ws
	case *andTest:
		if ws := wordsOf(t.a, rs); ws != nil {
			return ws
		}
		return wordsOf(t.b, rs)
	case *lexTest:
		// A lexicon name of given kinds or entries: the sentence must
		// have one.
		var word func(string) string
		switch t.field {
		case "kind":
			word = kindWord
		case "entry":
			word = entryWord
		default:
			return nil
		}
		var ws []int32
		for _, v := range t.vals {
			ws = append(ws, rs.vocab[word(v)])
		}
		return ws
	}
	return nil
}

// entryWord is the vocabulary's pseudo-word for "a lexicon name of entry
// id", for the entries rules name ([entry:male]).
func entryWord(id string) string { return "\x00entry:" + id }

// entries calls f with every entry id a pattern's units' tests name.
func entries(us []*unit, f func(string)) {
	var walk func(t test)
	walk = func(t test) {
		switch t := t.(type) {
		case *lexTest:
			if t.field == "entry" {
				for _, v := range t.vals {
					f(v)
				}
			}
		case *andTest:
			walk(t.a)
			walk(t.b)
		case *orTest:
			walk(t.a)
			walk(t.b)
		case *notTest:
			walk(t.t)
		}
	}
	for _, u := range us {
		walk(u.test)
	}
}

// kindWord is the vocabulary's pseudo-word for "a lexicon name of kind k".
func kindWord(k string) string { return "\x00kind:" + k }

// pseudoWord reports whether w is one of the vocabulary's words for a
// class of tokens (numberWord, kindWord, entryWord), which no token is
// spelled as.
func pseudoWord(w string) bool { return strings.HasPrefix(w, "\x00") }
