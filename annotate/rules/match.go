package rules

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

// matcher runs one pattern over one sentence of a Doc.
type matcher struct {
	d      *Doc
	lo, hi int // the sentence's token range
	caps   []Capture
	steps  int
}

// match tries n at token i and calls k with each end position it can
// reach, most preferred first (greedy); it stops at the first k that
// returns true.
func (m *matcher) match(n node, i int, k func(int) bool) bool {
	m.steps++
	if m.steps > maxSteps {
		return false
	}
	switch n := n.(type) {
	case *unit:
		if i >= m.hi {
			return false
		}
		end, ok := n.test.at(m.d, i)
		if !ok || end > m.hi {
			return false
		}
		return k(end)
	case *seq:
		return m.seq(n.elems, i, k)
	case *alt:
		for _, a := range n.alts {
			if m.match(a, i, k) {
				return true
			}
		}
		return false
	case *repeat:
		return m.repeat(n, 0, i, k)
	case *capture:
		mark := len(m.caps)
		return m.match(n.elem, i, func(j int) bool {
			m.caps = append(m.caps[:mark], Capture{Name: n.name, Start: i, End: j})
			if k(j) {
				return true
			}
			m.caps = m.caps[:mark]
			return false
		})
	case *look:
		mark := len(m.caps)
		found := false
		if n.behind {
			for j := i; j >= m.lo && !found; j-- {
				found = m.match(n.elem, j, func(e int) bool { return e == i })
			}
		} else {
			found = m.match(n.elem, i, func(int) bool { return true })
		}
		m.caps = m.caps[:mark] // lookarounds capture nothing
		if found == n.negate {
			return false
		}
		return k(i)
	}
	return false
}

func (m *matcher) seq(elems []node, i int, k func(int) bool) bool {
	if len(elems) == 0 {
		return k(i)
	}
	return m.match(elems[0], i, func(j int) bool { return m.seq(elems[1:], j, k) })
}

func (m *matcher) repeat(r *repeat, count, i int, k func(int) bool) bool {
	if r.max < 0 || count < r.max {
		if m.match(r.elem, i, func(j int) bool {
			return j > i && m.repeat(r, count+1, j, k) // no progress, no repeat
		}) {
			return true
		}
	}
	return count >= r.min && k(i)
}

// first returns a test every match must pass at its first token, or nil
// when the pattern can begin in more than one way the index cannot use.
func first(n node) test {
	switch n := n.(type) {
	case *unit:
		return n.test
	case *capture:
		return first(n.elem)
	case *seq:
		for _, e := range n.elems {
			switch e := e.(type) {
			case *look:
				continue // consumes nothing
			case *repeat:
				if e.min == 0 {
					return nil
				}
				return first(e.elem)
			default:
				return first(e)
			}
		}
		return nil
	case *repeat:
		if n.min == 0 {
			return nil
		}
		return first(n.elem)
	case *alt:
		var t test
		for _, a := range n.alts {
			f := first(a)
			if f == nil {
				return nil
			}
			if t == nil {
				t = f
			} else {
				t = &orTest{a: t, b: f}
			}
		}
		return t
	}
	return nil
}

// trigger says at which tokens a test can pass, for the rule index:
// tokens with one of keys, tokens where a lexicon name or a mention
// starts, or anywhere.
type trigger struct {
	keys      []string
	lex, ment bool
	any       bool
}

func triggerOf(t test) trigger {
	switch t := t.(type) {
	case *keyTest:
		return trigger{keys: []string{t.fold}}
	case *anyKeyTest:
		return trigger{keys: t.folds}
	case *inTest:
		var keys []string
		for _, s := range t.sets {
			for k := range s {
				keys = append(keys, k)
			}
		}
		return trigger{keys: keys}
	case *lexTest:
		return trigger{lex: true}
	case *mentionTest:
		return trigger{ment: true}
	case *andTest:
		a, b := triggerOf(t.a), triggerOf(t.b)
		switch {
		case !a.any && len(a.keys) > 0:
			return a
		case !b.any && len(b.keys) > 0:
			return b
		case !a.any:
			return a
		}
		return b
	case *orTest:
		a, b := triggerOf(t.a), triggerOf(t.b)
		if a.any || b.any {
			return trigger{any: true}
		}
		return trigger{keys: append(append([]string(nil), a.keys...), b.keys...), lex: a.lex || b.lex, ment: a.ment || b.ment}
	}
	return trigger{any: true}
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

// bindTests resolves every test of a pattern against the rule set.
func bindTests(n node, rs *RuleSet) {
	switch n := n.(type) {
	case *unit:
		n.test.bind(rs)
	case *capture:
		bindTests(n.elem, rs)
	case *seq:
		for _, e := range n.elems {
			bindTests(e, rs)
		}
	case *alt:
		for _, e := range n.alts {
			bindTests(e, rs)
		}
	case *repeat:
		bindTests(n.elem, rs)
	case *look:
		bindTests(n.elem, rs)
	}
}

// usesPOS reports whether a pattern needs part-of-speech tags.
func usesPOS(n node) bool {
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
	var walk func(n node)
	walk = func(n node) {
		switch n := n.(type) {
		case *unit:
			walkTest(n.test)
		case *capture:
			walk(n.elem)
		case *seq:
			for _, e := range n.elems {
				walk(e)
			}
		case *alt:
			for _, e := range n.alts {
				walk(e)
			}
		case *repeat:
			walk(n.elem)
		case *look:
			walk(n.elem)
		}
	}
	walk(n)
	return found
}
