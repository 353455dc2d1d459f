package rules

import (
	"math/bits"
	"slices"

	"github.com/newsann/newsann/annotate/token"
)

// A token's classes are its answers, one bit each, to the token-level
// questions rules ask most: is:<name>, in:<list>, and whether a lexicon
// name covers it. A unit whose test is a conjunction of such questions
// and their negations ("[is:cap & !in:name-stop & !lexicon]") is compiled
// into masks over the bits (classMask). Its test is then a few ANDs on a
// word the Doc computes once per token and document, instead of a walk of
// the test tree (and a memo lookup) at every token, by every rule, in
// every phase.

// classSet numbers the classes of a rule set: up to 64, given out as
// units are compiled; questions past that stay tests.
type classSet struct {
	n       int                          // bits given out
	fns     [64]func(d *Doc, i int) bool // the question of each bit below the lists'
	is      map[string]int               // is: name -> bit
	in      map[string]int               // list -> bit
	lex     int                          // the bit of "a lexicon name covers the token", or -1
	lexMask uint64                       // lex's bit, or 0
	// lists marks the list bits, and words gives each vocabulary word's
	// list bits: a token's lists are one table read.
	lists uint64
	words []uint64
	// fields marks the bits of the is: classes a token's own fields
	// decide (fieldClasses), and byField gives those of a token by its
	// fields' signature (fieldSig): the first question about one of them
	// answers them all with one table read, instead of a call each.
	fields  uint64
	byField [256]uint64
}

// fieldClasses are the is: classes a token's kind, case, spacing and
// length alone decide.
var fieldClasses = []string{"title", "upper", "lower", "cap", "word", "number", "punct", "spaced", "newline", "initial"}

// fieldSig returns the signature of a token's fields that decide the
// fieldClasses, for classSet.byField; not ok for a kind or case past the
// few the signature has room for.
func fieldSig(t *token.Token) (sig int, ok bool) {
	if t.Kind >= 8 || t.Case >= 4 {
		return 0, false
	}
	sig = int(t.Case) | int(t.Kind)<<2
	if t.Space {
		sig |= 1 << 5
	}
	if t.Newlines > 0 {
		sig |= 1 << 6
	}
	if t.End-t.Start == 1 {
		sig |= 1 << 7
	}
	return sig, true
}

// sigToken returns a token of signature sig.
func sigToken(sig int) token.Token {
	t := token.Token{Case: token.Case(sig & 3), Kind: token.Kind(sig >> 2 & 7), Space: sig&(1<<5) != 0, End: 2}
	if sig&(1<<6) != 0 {
		t.Newlines = 1
	}
	if sig&(1<<7) != 0 {
		t.End = 1
	}
	return t
}

// classMask is a unit's test over the classes: a token passes when it has
// every bit of all, a bit of each any mask and no bit of none. With rest,
// the test has conjuncts beyond the masks, which then only rule tokens
// out. The conjuncts of one class each ("[is:cap & is:word]") are all,
// one AND, rather than a mask each.
type classMask struct {
	all  uint64
	any  []uint64 // masks of several bits
	none uint64
	need uint64 // every bit the masks read
	rest bool
	// restTest is the conjunction of the conjuncts beyond the masks (with
	// rest), cheapest first: where the masks hold, it decides the test,
	// and the conjuncts the masks answered are not asked again.
	restTest  test
	restCheap bool   // restTest costs less than a memo lookup
	restTests []test // the conjuncts of restTest, while compiling
}

// passes reports whether a token of class bits f passes the masks.
func (m *classMask) passes(f uint64) bool {
	if f&m.none != 0 || f&m.all != m.all {
		return false
	}
	for _, a := range m.any {
		if f&a == 0 {
			return false
		}
	}
	return true
}

// newClassSet returns an empty class set for a vocabulary of n words.
func newClassSet(n int) *classSet {
	return &classSet{is: map[string]int{}, in: map[string]int{}, lex: -1, words: make([]uint64, n+1)}
}

// bit gives out the next bit, or -1 when all are taken.
func (c *classSet) bit() int {
	if c.n == 64 {
		return -1
	}
	c.n++
	return c.n - 1
}

// isBit returns the bit of is:name (a name the parser has checked), or
// -1 when all are taken.
func (c *classSet) isBit(name string) int {
	if b, ok := c.is[name]; ok {
		return b
	}
	b := c.bit()
	if b >= 0 {
		c.fns[b] = isTests[name]
		if slices.Contains(fieldClasses, name) {
			c.fields |= 1 << b
			d := &Doc{Toks: make([]token.Token, 1)}
			for sig := range c.byField {
				d.Toks[0] = sigToken(sig)
				if c.fns[b](d, 0) {
					c.byField[sig] |= 1 << b
				}
			}
		}
	}
	c.is[name] = b
	return b
}

func (c *classSet) listBit(rs *RuleSet, list string) int {
	if b, ok := c.in[list]; ok {
		return b
	}
	b := c.bit()
	c.in[list] = b
	if b >= 0 {
		c.lists |= 1 << b
		for _, id := range rs.listIDs[list] {
			c.words[id] |= 1 << b
		}
	}
	return b
}

// lexBit returns the bit of "a lexicon name covers the token": the
// covers of t, a plain lexicon test (any one: they ask the same).
func (c *classSet) lexBit(t *lexTest) int {
	if c.lex < 0 {
		if c.lex = c.bit(); c.lex >= 0 {
			c.fns[c.lex] = t.covers
			c.lexMask = 1 << c.lex
		}
	}
	return c.lex
}

// compile returns the masks of test t, or nil when no conjunct of t is a
// class question.
func (c *classSet) compile(rs *RuleSet, t test) *classMask {
	m := &classMask{}
	c.conjuncts(rs, t, m)
	if len(m.any) == 0 && m.none == 0 {
		return nil
	}
	if m.rest {
		rest := slices.Clone(m.restTests)
		slices.SortStableFunc(rest, func(a, b test) int { return cost(a) - cost(b) })
		m.restTest = rest[0]
		for _, r := range rest[1:] {
			m.restTest = &andTest{a: m.restTest, b: r}
		}
		m.restCheap = len(rest) == 1 && cheap(rest[0])
	}
	m.restTests = nil
	any := m.any[:0]
	for _, a := range m.any {
		if a&(a-1) == 0 {
			m.all |= a
		} else {
			any = append(any, a)
		}
	}
	m.any = any
	return m
}

func (c *classSet) conjuncts(rs *RuleSet, t test, m *classMask) {
	if a, ok := t.(*andTest); ok {
		c.conjuncts(rs, a.a, m)
		c.conjuncts(rs, a.b, m)
		return
	}
	if b, ok := c.testMask(rs, t, false); ok {
		m.any = append(m.any, b)
		m.need |= b
		return
	}
	if n, ok := t.(*notTest); ok {
		if b, ok := c.testMask(rs, n.t, true); ok {
			m.none |= b
			m.need |= b
			return
		}
	}
	m.rest = true
	m.restTests = append(m.restTests, t)
}

// testMask returns the bits of which a token has one exactly when it
// passes the token-level test t or, with covers, when t covers it (what
// a negation of t rules out). Only covers has a mask for a plain lexicon
// test: passing one starts a name, which may span several tokens.
func (c *classSet) testMask(rs *RuleSet, t test, covers bool) (uint64, bool) {
	switch t := t.(type) {
	case *isTest, *inTest:
		return c.classMaskOf(rs, t)
	case *lexTest:
		if covers && t.field == "" {
			if b := c.lexBit(t); b >= 0 {
				return 1 << b, true
			}
		}
	case *orTest:
		a, oka := c.testMask(rs, t.a, covers)
		b, okb := c.testMask(rs, t.b, covers)
		return a | b, oka && okb
	}
	return 0, false
}

// classMaskOf returns the bits of an is: or in: test's classes.
func (c *classSet) classMaskOf(rs *RuleSet, t test) (uint64, bool) {
	var m uint64
	switch t := t.(type) {
	case *isTest:
		for _, n := range t.names {
			b := c.isBit(n)
			if b < 0 {
				return 0, false
			}
			m |= 1 << b
		}
	case *inTest:
		for _, l := range t.lists {
			b := c.listBit(rs, l)
			if b < 0 {
				return 0, false
			}
			m |= 1 << b
		}
	}
	return m, m != 0
}

// classes returns token i's class bits, of which at least need are
// computed.
func (d *Doc) classes(i int, need uint64) uint64 {
	miss := need &^ d.clsKnown[i]
	if miss == 0 {
		return d.cls[i]
	}
	c := d.vocab.classes
	v, known := d.cls[i], d.clsKnown[i]
	if miss&c.lists != 0 {
		if w := d.words[i]; w > 0 {
			v |= c.words[w]
		}
		known |= c.lists
	}
	if miss&c.fields != 0 {
		if sig, ok := fieldSig(&d.Toks[i]); ok {
			v |= c.byField[sig]
			known |= c.fields
			miss &^= c.fields
		}
	}
	m := miss &^ c.lists
	if lex := c.lexMask; m&lex != 0 && d.lexCovered {
		// A lexicon name covers the token (lexBit): read off the
		// covers markLex worked out, without the call.
		if d.lexFrom[i] > 0 {
			v |= lex
		}
		known |= lex
		m &^= lex
	}
	for ; m != 0; m &= m - 1 {
		b := bits.TrailingZeros64(m)
		if c.fns[b](d, i) {
			v |= 1 << b
		}
		known |= 1 << b
	}
	d.cls[i], d.clsKnown[i] = v, known
	return v
}

// knownAt answers unitAt for the commonest unit, a token's classes
// against one mask, when the classes it reads are known; known is false
// otherwise. Small enough to be inlined where units are asked most (the
// machine's steps, a rule's first units), it spares them two calls.
func (d *Doc) knownAt(u *unit, i int) (pass, known bool) {
	if !u.oneMask || u.mask.need&^d.clsKnown[i] != 0 {
		return false, false
	}
	f, m := d.cls[i], u.mask
	return f&m.none == 0 && f&m.all == m.all && (u.any0 == 0 || f&u.any0 != 0), true
}

// unitAt evaluates u's test at token i: through its class masks when it
// has them, else directly when it is cheap, else through the memo.
func (d *Doc) unitAt(u *unit, i int) (int, bool) {
	if m := u.mask; m != nil && d.cls != nil {
		if !m.passes(d.classes(i, m.need)) {
			return 0, false
		}
		if !m.rest {
			return i + 1, true
		}
		// The masks hold: the rest decides (the memo keeps its answers
		// under the unit's id, for they are the test's where the masks
		// hold). A token-level conjunct ends at i+1.
		var end int
		var ok bool
		if m.restCheap {
			end, ok = m.restTest.at(d, i)
		} else {
			end, ok = d.memoAt(u, m.restTest, i)
		}
		return max(end, i+1), ok
	}
	if u.cheap {
		return u.test.at(d, i)
	}
	return d.memoAt(u, u.test, i)
}
