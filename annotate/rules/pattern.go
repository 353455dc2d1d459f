package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The pattern language, in the spirit of spaCy's Matcher, CoreNLP's
// TokensRegex and GATE's JAPE. A pattern is a sequence of elements:
//
//	word, "word"          a token whose folded key is word ("said", "'s", ",")
//	[test]                a token (or a whole mention/lexicon name) passing test
//	$macro                the pattern text of a macro defined in the file
//	( a b | c )           a group with alternatives
//	e?  e*  e+  e{m,n}    quantifiers (greedy)
//	e@name                capture what e matched under name
//	<( … )  !<( … )       what must (must not) come just before
//	>( … )  !>( … )       what must (must not) come just after
//
// Tests inside [ ] combine with & (and), | (or), ! (not) and parentheses:
//
//	text:Abc   key:abc   in:list   re:regex   shape:Xxxx
//	is:title|upper|lower|cap|word|number|punct|start|end|spaced
//	kind:K  type:T  entry:ID  form:F  lexicon   (a lexicon name here; consumes it)
//	capital                                     (a lexicon name of a capital city)
//	label:L  mention                            (a current mention here; consumes it)
//	pos:TAG                                     (part of speech, computed lazily)
//	acronym-of:CAPTURE  (the token abbreviates what CAPTURE matched: "ISF")
//
// Values may be alternatives joined by | inside a test: label:COUNTRY|ORGANIZATION.

// node is a pattern element.
type node interface{ String() string }

type (
	// seq matches its elements one after another.
	seq struct{ elems []node }
	// alt matches one of its alternatives, tried in order.
	alt struct{ alts []node }
	// repeat matches elem between min and max times, greedily (max -1: no bound).
	repeat struct {
		elem     node
		min, max int
	}
	// capture records the span elem matched.
	capture struct {
		name string
		elem node
	}
	// look asserts that elem matches just before (behind) or after the
	// current position, or (negate) that it does not.
	look struct {
		elem           node
		behind, negate bool
		maxLen         int // the most tokens elem can span (-1: no bound)
	}
	// unit is one token or one mention, passing test. id numbers the
	// distinct tests of a rule set (by their source), for the memo.
	unit struct {
		test  test
		src   string
		id    int32
		cheap bool // the test costs less than a memo lookup (set by bindTests)
		// mask is the test over the token classes (classes.go), or nil.
		mask *classMask
		// oneMask: mask is the whole test, with at most one any mask,
		// any0 (0 for none): the machine reads it without a call
		// (machine.unitEnd).
		oneMask bool
		any0    uint64
		// key is the test when it is a literal word the vocabulary
		// numbers: the machine compares the token's number inline.
		key *keyTest
	}
)

// wordUnit returns a unit testing for the literal word, written src in
// the pattern: the unit and its test are made in one allocation, as most
// units of the patterns are words.
func wordUnit(word, src string) *unit {
	wu := &struct {
		u unit
		t keyTest
	}{}
	wu.t.key = word
	wu.u.test, wu.u.src = &wu.t, src
	return &wu.u
}

func (s *seq) String() string {
	parts := make([]string, len(s.elems))
	for i, e := range s.elems {
		parts[i] = e.String()
	}
	return strings.Join(parts, " ")
}

func (a *alt) String() string {
	parts := make([]string, len(a.alts))
	for i, e := range a.alts {
		parts[i] = e.String()
	}
	return "(" + strings.Join(parts, " | ") + ")"
}

func (r *repeat) String() string {
	switch {
	case r.min == 0 && r.max == 1:
		return r.elem.String() + "?"
	case r.min == 0 && r.max < 0:
		return r.elem.String() + "*"
	case r.min == 1 && r.max < 0:
		return r.elem.String() + "+"
	case r.max < 0:
		return fmt.Sprintf("%s{%d,}", r.elem, r.min)
	}
	return fmt.Sprintf("%s{%d,%d}", r.elem, r.min, r.max)
}

func (c *capture) String() string { return c.elem.String() + "@" + c.name }

func (l *look) String() string {
	s := ">("
	if l.behind {
		s = "<("
	}
	if l.negate {
		s = "!" + s
	}
	return s + l.elem.String() + ")"
}

func (u *unit) String() string { return u.src }

// PatternError is a syntax error in a pattern, at a byte column of it.
type PatternError struct {
	Col int // 1-based column in the pattern
	Msg string
}

func (e *PatternError) Error() string { return fmt.Sprintf("column %d: %s", e.Col, e.Msg) }

// Bounds on one pattern, so that a hostile or mistaken rule file is
// refused with an error rather than taking the time and memory of
// analyses that grow with its nesting and size. The default rules stay
// far below them (at most a few dozen elements and 4 levels).
const (
	maxPatternNodes = 2000 // elements, macros expanded
	maxPatternNest  = 32   // groups and lookarounds inside each other
	maxMacroDepth   = 8    // macros expanding macros, against cycles
)

// parser reads a pattern string.
type parser struct {
	src    string
	i      int
	macros map[string]string
	depth  int // macro expansion depth, against cycles
	lists  map[string]bool
	nest   int  // groups open around the current position
	nodes  *int // elements parsed, shared with macro expansions
	// trees holds the macros parsed so far, shared by the patterns of a
	// rule set (nil: none kept), and peak the deepest nesting and
	// expansion reached, shared with macro expansions, which a kept
	// macro's bounds are measured by.
	trees map[string]*macroTree
	peak  *peak
}

// macroTree is a macro's parsed pattern, kept so that the rules using a
// macro parse it once (the default rules' macros use one another, and
// expanding them again for each use was most of the parsing). A pattern
// is a tree whatever is around it; only the bounds on the whole pattern
// depend on where the macro is, so a use that could cross one parses the
// macro again, meeting its error where the text would.
type macroTree struct {
	n     node
	nodes int // the elements it counts towards maxPatternNodes
	nest  int // the groups it opens inside each other
	depth int // the macros it expands inside each other
}

// peak is the deepest a parse has gone.
type peak struct{ nest, depth int }

// fits reports whether the macro's tree, used at p's position, keeps the
// pattern within its bounds: then it is what parsing the macro there
// returns.
func (t *macroTree) fits(p *parser) bool {
	return *p.nodes+t.nodes <= maxPatternNodes && p.nest+t.nest <= maxPatternNest && p.depth+t.depth <= maxMacroDepth
}

func (p *parser) open() {
	p.nest++
	p.peak.nest = max(p.peak.nest, p.nest)
	if p.nest > maxPatternNest {
		p.fail("groups nested more than %d deep", maxPatternNest)
	}
}

func (p *parser) fail(format string, args ...any) {
	panic(&PatternError{Col: p.i + 1, Msg: fmt.Sprintf(format, args...)})
}

// parsePattern parses src. macros are expanded where $name appears, as
// if their text were there; lists names the lists `in:` may refer to.
// trees keeps the macros parsed, for the next patterns (nil: none kept):
// those patterns share the trees.
func parsePattern(src string, macros map[string]string, lists map[string]bool, trees map[string]*macroTree) (n node, err error) {
	p := &parser{src: src, macros: macros, lists: lists, nodes: new(int), trees: trees, peak: &peak{}}
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(*PatternError)
			if !ok {
				panic(r)
			}
			n, err = nil, pe
		}
	}()
	n = p.sequence()
	p.skipSpace()
	if p.i < len(p.src) {
		p.fail("unexpected %q", p.src[p.i:p.i+1])
	}
	if s, ok := n.(*seq); ok && len(s.elems) == 0 {
		p.fail("empty pattern")
	}
	return n, nil
}

func (p *parser) skipSpace() {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t' || p.src[p.i] == '\n') {
		p.i++
	}
}

func (p *parser) peek() byte {
	if p.i < len(p.src) {
		return p.src[p.i]
	}
	return 0
}

// sequence := alternative ( "|" alternative )*, as a seq or an alt.
func (p *parser) sequence() node {
	// Gathered on the stack, as elements does: most sequences have one
	// alternative, returned as it is.
	var buf [4]node
	alts := buf[:0]
	for {
		alts = append(alts, p.elements())
		p.skipSpace()
		if p.peek() != '|' {
			break
		}
		p.i++
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return &alt{alts: append([]node(nil), alts...)}
}

func (p *parser) elements() node {
	// Gathered on the stack and copied once: appended to the seq's
	// slice, most of a rule set's sequences were made in two to four
	// allocations, the most of any step of parsing. A sequence of one
	// element is that element: every walk of a pattern treats the two
	// alike.
	var buf [8]node
	elems := buf[:0]
	for {
		p.skipSpace()
		c := p.peek()
		if c == 0 || c == ')' || c == '|' {
			break
		}
		elems = append(elems, p.element())
	}
	if len(elems) == 1 {
		return elems[0]
	}
	s := &seq{}
	if len(elems) > 0 {
		s.elems = make([]node, len(elems))
		copy(s.elems, elems)
	}
	return s
}

// element := atom quantifier* capture?
func (p *parser) element() node {
	if *p.nodes++; *p.nodes > maxPatternNodes {
		p.fail("pattern too large: over %d elements with its macros expanded", maxPatternNodes)
	}
	e := p.atom()
	for {
		switch p.peek() {
		case '?':
			p.i++
			e = &repeat{elem: e, min: 0, max: 1}
		case '*':
			p.i++
			e = &repeat{elem: e, min: 0, max: -1}
		case '+':
			p.i++
			e = &repeat{elem: e, min: 1, max: -1}
		case '{':
			e = p.bounds(e)
		case '@':
			p.i++
			name := p.name()
			if name == "" {
				p.fail("capture needs a name after @")
			}
			e = &capture{name: name, elem: e}
		default:
			return e
		}
	}
}

func (p *parser) bounds(e node) node {
	start := p.i
	end := strings.IndexByte(p.src[p.i:], '}')
	if end < 0 {
		p.fail("unclosed {")
	}
	body := p.src[p.i+1 : p.i+end]
	p.i += end + 1
	lo, hi, ok := strings.Cut(body, ",")
	min, err1 := strconv.Atoi(strings.TrimSpace(lo))
	max := min
	var err2 error
	if ok {
		if strings.TrimSpace(hi) == "" {
			max = -1
		} else {
			max, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
	}
	if err1 != nil || err2 != nil || min < 0 || (max >= 0 && max < min) || max > 64 {
		p.i = start
		p.fail("bad repetition {%s}: want {n}, {m,n} or {m,} with 0 <= m <= n <= 64", body)
	}
	return &repeat{elem: e, min: min, max: max}
}

func (p *parser) name() string {
	start := p.i
	for p.i < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.i:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.') {
			break
		}
		p.i += n
	}
	return p.src[start:p.i]
}

func (p *parser) atom() node {
	p.skipSpace()
	start := p.i
	switch c := p.peek(); {
	case c == '(':
		p.open()
		p.i++
		inner := p.sequence()
		p.skipSpace()
		if p.peek() != ')' {
			p.fail("unclosed (")
		}
		p.i++
		p.nest--
		return inner
	case c == '[':
		end := p.closing('[', ']')
		body := p.src[p.i+1 : end]
		p.i = end + 1
		t := p.parseTest(body, start+1)
		return &unit{test: t, src: p.src[start:p.i]}
	case c == '"':
		end := strings.IndexByte(p.src[p.i+1:], '"')
		if end < 0 {
			p.fail("unclosed quote")
		}
		word := p.src[p.i+1 : p.i+1+end]
		p.i += end + 2
		if word == "" {
			p.i = start
			p.fail("empty quoted word")
		}
		return wordUnit(word, p.src[start:p.i])
	case c == '$':
		p.i++
		name := p.name()
		body, ok := p.macros[name]
		if !ok {
			p.i = start
			p.fail("unknown macro $%s", name)
		}
		if p.depth > maxMacroDepth {
			p.i = start
			p.fail("macro $%s expands too deeply (a cycle?)", name)
		}
		if t := p.trees[name]; t != nil && t.fits(p) {
			*p.nodes += t.nodes
			p.peak.nest = max(p.peak.nest, p.nest+t.nest)
			p.peak.depth = max(p.peak.depth, p.depth+1+t.depth)
			return t.n
		}
		return p.expand(name, body, start)
	case c == '<' || c == '>' || (c == '!' && (strings.HasPrefix(p.src[p.i:], "!<(") || strings.HasPrefix(p.src[p.i:], "!>("))):
		negate := c == '!'
		if negate {
			p.i++
		}
		behind := p.peek() == '<'
		p.i++
		if p.peek() != '(' {
			p.fail("want ( after %c", p.src[p.i-1])
		}
		p.open()
		p.i++
		inner := p.sequence()
		p.skipSpace()
		if p.peek() != ')' {
			p.fail("unclosed (")
		}
		p.i++
		p.nest--
		return &look{elem: inner, behind: behind, negate: negate, maxLen: maxLen(inner)}
	case c == ')' || c == '|' || c == '?' || c == '*' || c == '+' || c == '{' || c == '@' || c == ']' || c == '}':
		p.fail("unexpected %q", string(c))
	default:
		// A bare word: everything up to space or a pattern character.
		for p.i < len(p.src) && !strings.ContainsRune(" \t\n()[]|?*+{}@\"", rune(p.src[p.i])) {
			p.i++
		}
		word := p.src[start:p.i]
		if word == "" {
			p.fail("unexpected %q", string(c))
		}
		return wordUnit(word, word)
	}
	return nil
}

// expand parses the macro name, whose text is body, used at column start,
// and keeps its tree in p.trees.
func (p *parser) expand(name, body string, start int) node {
	outer, nodes := *p.peak, *p.nodes
	*p.peak = peak{nest: p.nest, depth: p.depth + 1}
	sub := &parser{src: body, macros: p.macros, lists: p.lists, depth: p.depth + 1, nest: p.nest, nodes: p.nodes, trees: p.trees, peak: p.peak}
	n, err := func() (n node, err error) {
		defer func() {
			if r := recover(); r != nil {
				if pe, ok := r.(*PatternError); ok {
					err = pe
					return
				}
				panic(r)
			}
		}()
		n = sub.sequence()
		sub.skipSpace()
		if sub.i < len(sub.src) {
			sub.fail("unexpected %q", sub.src[sub.i:sub.i+1])
		}
		return n, nil
	}()
	if err != nil {
		p.i = start
		p.fail("in macro $%s: %v", name, err)
	}
	if p.trees != nil {
		p.trees[name] = &macroTree{n: n, nodes: *p.nodes - nodes, nest: p.peak.nest - p.nest, depth: p.peak.depth - (p.depth + 1)}
	}
	p.peak.nest = max(p.peak.nest, outer.nest)
	p.peak.depth = max(p.peak.depth, outer.depth)
	return n
}

// closing returns the index of the bracket closing the one at p.i,
// skipping quoted strings and regular expressions.
func (p *parser) closing(open, close byte) int {
	depth := 0
	for j := p.i; j < len(p.src); j++ {
		switch p.src[j] {
		case '\\':
			j++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	p.fail("unclosed %c", open)
	return 0
}

// test syntax inside [ ]: or-expression of and-expressions of unary tests.
type testParser struct {
	p    *parser
	src  string
	i    int
	base int // column of src[0] in the pattern
}

func (p *parser) parseTest(body string, base int) test {
	tp := &testParser{p: p, src: body, base: base}
	t := tp.or()
	tp.skip()
	if tp.i < len(tp.src) {
		tp.fail("unexpected %q in test", tp.src[tp.i:tp.i+1])
	}
	return t
}

func (tp *testParser) fail(format string, args ...any) {
	tp.p.i = tp.base + tp.i
	tp.p.fail(format, args...)
}

func (tp *testParser) skip() {
	for tp.i < len(tp.src) && tp.src[tp.i] == ' ' {
		tp.i++
	}
}

func (tp *testParser) or() test {
	t := tp.and()
	for {
		tp.skip()
		if tp.i >= len(tp.src) || tp.src[tp.i] != '|' {
			return t
		}
		tp.i++
		t = &orTest{a: t, b: tp.and()}
	}
}

func (tp *testParser) and() test {
	t := tp.unary()
	for {
		tp.skip()
		if tp.i >= len(tp.src) || tp.src[tp.i] != '&' {
			return t
		}
		tp.i++
		t = &andTest{a: t, b: tp.unary()}
	}
}

func (tp *testParser) unary() test {
	tp.skip()
	if tp.i >= len(tp.src) {
		tp.fail("empty test")
	}
	switch tp.src[tp.i] {
	case '!':
		tp.i++
		return &notTest{t: tp.unary()}
	case '(':
		tp.i++
		t := tp.or()
		tp.skip()
		if tp.i >= len(tp.src) || tp.src[tp.i] != ')' {
			tp.fail("unclosed ( in test")
		}
		tp.i++
		return t
	}
	start := tp.i
	for tp.i < len(tp.src) && tp.src[tp.i] != ':' && tp.src[tp.i] != ' ' && tp.src[tp.i] != '&' && tp.src[tp.i] != ')' && tp.src[tp.i] != '|' {
		tp.i++
	}
	name := tp.src[start:tp.i]
	if tp.i >= len(tp.src) || tp.src[tp.i] != ':' {
		switch name {
		case "lexicon":
			return &lexTest{}
		case "capital":
			return &lexTest{field: "capital"}
		case "mention":
			return &mentionTest{}
		}
		tp.i = start
		tp.fail("unknown test %q (want name:value, lexicon or mention)", name)
	}
	tp.i++
	// The value runs to a space, &, or an unbalanced ). A regular
	// expression may be written /…/ to hold any of those.
	var val string
	if tp.i < len(tp.src) && tp.src[tp.i] == '/' {
		end := strings.LastIndexByte(tp.src[tp.i+1:], '/')
		if end < 0 {
			tp.fail("unclosed /regex/")
		}
		val = tp.src[tp.i+1 : tp.i+1+end]
		tp.i += end + 2
	} else {
		vstart := tp.i
		for tp.i < len(tp.src) && tp.src[tp.i] != ' ' && tp.src[tp.i] != '&' && tp.src[tp.i] != ')' {
			tp.i++
		}
		val = tp.src[vstart:tp.i]
	}
	if val == "" {
		tp.i = start
		tp.fail("%s: needs a value", name)
	}
	vals := strings.Split(val, "|")
	switch name {
	case "text":
		return &textTest{texts: vals}
	case "key", "lower":
		return &anyKeyTest{keys: vals}
	case "in":
		for _, v := range vals {
			if !tp.p.lists[v] {
				tp.i = start
				tp.fail("unknown list %q", v)
			}
		}
		return &inTest{lists: vals}
	case "re":
		re, err := regexp.Compile("^(?:" + val + ")$")
		if err != nil {
			tp.i = start
			tp.fail("re: %v", err)
		}
		return newReTest(re, val)
	case "shape":
		return &shapeTest{shapes: vals}
	case "is":
		for _, v := range vals {
			if _, ok := isTests[v]; !ok {
				tp.i = start
				tp.fail("is:%s: unknown (want one of %s)", v, isNames())
			}
		}
		return &isTest{names: vals}
	case "kind", "type", "entry", "form":
		return &lexTest{field: name, vals: vals}
	case "label":
		return &mentionTest{labels: vals}
	case "acronym-of":
		return &acronymTest{of: val}
	case "pos":
		return &posTest{tags: vals}
	}
	tp.i = start
	tp.fail("unknown test %q (want text, key, in, re, shape, is, kind, type, entry, form, label, pos, acronym-of)", name)
	return nil
}

// maxLen returns the most tokens n can consume, or -1 when there is no
// bound. A lookbehind tries only that many start positions back. A unit
// may consume a whole lexicon name or mention, so it counts as up to
// lexicon.MaxNameTokens tokens unless it tests only the token.
func maxLen(n node) int {
	switch n := n.(type) {
	case *unit:
		if tokenLevel(n.test) {
			return 1
		}
		return 40
	case *capture:
		return maxLen(n.elem)
	case *seq:
		total := 0
		for _, e := range n.elems {
			l := maxLen(e)
			if l < 0 {
				return -1
			}
			total += l
		}
		return total
	case *alt:
		best := 0
		for _, a := range n.alts {
			l := maxLen(a)
			if l < 0 {
				return -1
			}
			best = max(best, l)
		}
		return best
	case *repeat:
		l := maxLen(n.elem)
		if l < 0 || n.max < 0 {
			return -1
		}
		return l * n.max
	case *look:
		return 0
	}
	return -1
}

// tokenLevel reports whether a test always consumes exactly one token.
func tokenLevel(t test) bool {
	switch t := t.(type) {
	case *lexTest, *mentionTest:
		return false
	case *andTest:
		return tokenLevel(t.a) && tokenLevel(t.b)
	case *orTest:
		return tokenLevel(t.a) && tokenLevel(t.b)
	}
	return true // not consumes one token whatever it wraps
}
