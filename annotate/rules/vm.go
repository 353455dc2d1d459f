package rules

import (
	"fmt"
	"slices"

	"github.com/newsann/newsann/annotate/token"
)

// A pattern is compiled into a program for a small backtracking machine,
// as regular expression engines do: no closures and no allocation while
// matching, only a stack of choices to come back to.

type opcode uint8

const (
	opUnit    opcode = iota // match unit u at pos, move to its end
	opAcronym               // the token at pos abbreviates capture slot x
	opSplit                 // try x; on failure, y
	opJmp                   // go to x
	opSave                  // slot x = pos
	opLook                  // lookaround looks[x] must (not) hold
	opMatch                 // success (in a lookbehind: only at the target)
	opFail                  // failure: a state known to fail (failMemo)
)

// failInst stands for a state a failMemo knows fails.
var failInst = inst{op: opFail}

type inst struct {
	op   opcode
	x, y int32
	u    *unit
}

type lookProg struct {
	prog           []inst
	behind, negate bool
	maxLen         int
	// units are the units the body is one of, when every way through it
	// is one unit (none of which abbreviates a capture): the lookaround
	// then asks them where a match can start, without running the body.
	// A unit ends one token after its start or, with spans, where a
	// lexicon name or mention from its start ends.
	units []*unit
	spans bool
	// seqs are the ways through a lookbehind's body, when each is units
	// one after another that consume a token each but the first: the
	// lookbehind then asks them back from the position, without running
	// the body from every start within its reach.
	seqs []unitSeq
}

// unitSeq is a way through a lookbehind's body (bodySeqs): a unit of
// first, which may span a name or mention (spans), then a unit of each
// of rest, one token each.
type unitSeq struct {
	first []*unit
	spans bool
	rest  [][]*unit
}

// program is a compiled pattern.
type program struct {
	insts []inst
	looks []lookProg
	names []string // capture names by slot pair: names[k] has slots 2k, 2k+1
	// unset is a -1 for each slot, the slots' values when a run
	// begins: copied, not set one by one.
	unset []int32
}

// compileProgram compiles a pattern; it fails on a repeated part that can
// match nothing, which would loop without end. The code is built in
// *buf, kept by the caller for the next pattern, and the program given a
// copy: grown from nothing for each pattern, the code took a rule set's
// compiling hundreds of allocations.
func compileProgram(n node, buf *[]inst) (p *program, err error) {
	c := &progCompiler{p: &program{}}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(compileError); ok {
				p, err = nil, e
				return
			}
			panic(r)
		}
	}()
	code := c.emit(n, (*buf)[:0])
	code = append(code, inst{op: opMatch})
	*buf = code
	c.p.insts = slices.Clone(code)
	c.p.unset = slices.Repeat([]int32{-1}, 2*len(c.p.names))
	return c.p, nil
}

type compileError string

// maxProgram bounds a compiled pattern, in instructions. Repetitions are
// compiled by copying their part, so bounded repetitions inside one
// another multiply ("((a{64}){64}){64}" is 262,144 copies); the default
// rules need at most a few dozen.
const maxProgram = 10000

func (e compileError) Error() string { return string(e) }

type progCompiler struct {
	p *program
}

// slot returns the number of the capture name's slot pair, numbering it
// when new. A pattern has a few names: they are searched, not kept in a
// map of their own (an allocation or two for each pattern). A hostile
// pattern has at most maxPatternNodes of them, searched in milliseconds.
func (c *progCompiler) slot(name string) int32 {
	if k := slices.Index(c.p.names, name); k >= 0 {
		return int32(k)
	}
	c.p.names = append(c.p.names, name)
	return int32(len(c.p.names) - 1)
}

// emit appends the code of n to code; jump targets are absolute, so code
// is always built by appending.
func (c *progCompiler) emit(n node, code []inst) []inst {
	if len(code) > maxProgram {
		panic(compileError(fmt.Sprintf("pattern too large: over %d instructions once its repetitions are copied out; repeat less inside repetitions", maxProgram)))
	}
	switch n := n.(type) {
	case *unit:
		if a, ok := n.test.(*acronymTest); ok {
			return append(code, inst{op: opAcronym, x: c.slot(a.of)})
		}
		return append(code, inst{op: opUnit, u: n})
	case *seq:
		for _, e := range n.elems {
			code = c.emit(e, code)
		}
		return code
	case *capture:
		k := c.slot(n.name)
		code = append(code, inst{op: opSave, x: 2 * k})
		code = c.emit(n.elem, code)
		return append(code, inst{op: opSave, x: 2*k + 1})
	case *alt:
		// split L1, next; L1: a; jmp end; next: split L2, … ; last alternative
		var jumps []int
		for i, a := range n.alts {
			if i < len(n.alts)-1 {
				sp := len(code)
				code = append(code, inst{op: opSplit, x: int32(sp + 1)})
				code = c.emit(a, code)
				jumps = append(jumps, len(code))
				code = append(code, inst{op: opJmp})
				code[sp].y = int32(len(code))
			} else {
				code = c.emit(a, code)
			}
		}
		for _, j := range jumps {
			code[j].x = int32(len(code))
		}
		return code
	case *repeat:
		if optional(n.elem) {
			panic(compileError(fmt.Sprintf("the repeated part %s can match nothing", n.elem)))
		}
		for range n.min {
			code = c.emit(n.elem, code)
		}
		if n.max < 0 { // L0: split L1, end; L1: e; jmp L0; end:
			l0 := len(code)
			code = append(code, inst{op: opSplit, x: int32(l0 + 1)})
			code = c.emit(n.elem, code)
			code = append(code, inst{op: opJmp, x: int32(l0)})
			code[l0].y = int32(len(code))
			return code
		}
		var splits []int
		for range n.max - n.min { // split L, end; L: e; split L', end; …
			splits = append(splits, len(code))
			code = append(code, inst{op: opSplit, x: int32(len(code) + 1)})
			code = c.emit(n.elem, code)
		}
		for _, s := range splits {
			code[s].y = int32(len(code))
		}
		return code
	case *look:
		inner := map[string]bool{}
		captures(n.elem, inner)
		if len(inner) > 0 {
			panic(compileError("a lookaround cannot capture; move the @name outside it"))
		}
		sub := &progCompiler{p: &program{}}
		body := sub.emit(n.elem, nil)
		body = append(body, inst{op: opMatch})
		if len(sub.p.looks) > 0 {
			panic(compileError("a lookaround inside a lookaround is not supported"))
		}
		us := bodyUnits(n.elem)
		l := lookProg{prog: body, behind: n.behind, negate: n.negate, maxLen: n.maxLen, units: us, spans: spanning(us)}
		if us == nil && n.behind {
			l.seqs = bodySeqs(n.elem)
		}
		c.p.looks = append(c.p.looks, l)
		return append(code, inst{op: opLook, x: int32(len(c.p.looks) - 1)})
	}
	panic(compileError(fmt.Sprintf("cannot compile %T", n)))
}

// frame is a choice point (resume at pc, pos) or, with restore, a capture
// slot to put back when backtracking past its save.
type frame struct {
	pc, pos int32
	restore bool
	slot    int32
	old     int32
}

// machine runs programs over one Doc; its stacks are reused.
type machine struct {
	d      *Doc
	lo, hi int // the sentence's token range
	slots  []int32
	stack  []frame
	steps  int
	limit  int // steps allowed for this run
	// check is limit, or 0 while a run has a failure memo: execFrom
	// compares the steps with it at every step, and only past it asks
	// the limit and the memo, so that a run without one (nearly all)
	// pays no test of the memo a step.
	check int
	// stepCap replaces maxSteps when set (tests make it small, so that
	// the memo is used on short texts).
	stepCap int
	// memos holds, for a program that has hit the step limit in the
	// current sentence, the states known to fail (see failMemo).
	memos     map[*program]*failMemo
	memoWords int // the size of the memos, in 64-bit words
	// memoLo and memoHi are the sentence the memos are for.
	memoLo, memoHi int
}

// maxMemoWords bounds the memos of one machine (256 MB): a memo is a bit
// per instruction and token of a sentence, and a text that is one
// sentence of millions of tokens could otherwise get one for every rule.
// Past it, programs run under the step limit alone, as before memos.
const maxMemoWords = 32 << 20

// failMemo marks the states (instruction, token) of one program in one
// sentence from which no match can be reached, as a bit-state regular
// expression engine does. Whether a state leads to a match depends only on
// the instruction and the token, not on how it was reached (captures do
// not decide a match, unless the program abbreviates one, and then it gets
// no memo), so a state reached again, in this run or a later run from
// another start, is a failure. Each state is then visited once per
// sentence, and the run needs no step limit beyond the number of states.
//
// A program gets one when a run hits maxSteps: a greedy repetition over a
// long run of like tokens ("A. B. C. …", "Mr. Mr. …") scans to the end of
// the sentence from every start, which made such a text quadratic, and the
// step limit cut those matches short.
type failMemo struct {
	lo   int // the sentence's first token
	n    int // instructions
	bits []uint64
	off  bool // a run with the memo still hit the limit: none for this sentence
}

func (f *failMemo) reset() { clear(f.bits) }

// visit marks state (pc, pos) and reports whether it was marked already.
func (f *failMemo) visit(pc, pos int) bool {
	k := (pos-f.lo)*f.n + pc
	w, b := k/64, uint64(1)<<(k%64)
	seen := f.bits[w]&b != 0
	f.bits[w] |= b
	return seen
}

// memoizable reports whether a match of p depends only on instruction and
// position: false when it abbreviates a capture.
func memoizable(p *program) bool {
	progs := [][]inst{p.insts}
	for _, l := range p.looks {
		progs = append(progs, l.prog)
	}
	for _, code := range progs {
		for _, in := range code {
			if in.op == opAcronym {
				return false
			}
		}
	}
	return true
}

// run matches p at token start and returns the end of the first match, in
// the order the pattern prefers (greedy, first alternative first).
func (m *machine) run(p *program, start int) (int, bool) {
	// Most runs are in sentences where no program has a memo: they look
	// none up, and work out its size only once the limit is hit.
	var f *failMemo
	if len(m.memos) > 0 {
		if m.memoLo != m.lo || m.memoHi != m.hi {
			// Another sentence: the memos of the last are of no more use
			// (Apply goes through the sentences in order).
			clear(m.memos)
			m.memoWords = 0
		} else {
			f = m.memos[p]
		}
	}
	m.memoLo, m.memoHi = m.lo, m.hi
	end, ok := m.try(p, start, f)
	if f == nil && !ok && m.steps > m.maxSteps() {
		if words := (len(p.insts)*(m.hi-m.lo+1) + 63) / 64; m.memoWords+words <= maxMemoWords && memoizable(p) {
			f = &failMemo{lo: m.lo, n: len(p.insts), bits: make([]uint64, words)}
			if m.memos == nil {
				m.memos = map[*program]*failMemo{}
			}
			m.memos[p] = f
			m.memoWords += words
			end, ok = m.try(p, start, f)
		}
	}
	if f != nil && !f.off {
		switch {
		case m.steps > m.limit:
			f.off = true
		case ok:
			f.reset() // the states this run visited need not fail
		}
	}
	return end, ok
}

func (m *machine) maxSteps() int {
	if m.stepCap > 0 {
		return m.stepCap
	}
	return maxSteps
}

// try runs p from start once, with the memo f unless it is nil or off.
func (m *machine) try(p *program, start int, f *failMemo) (int, bool) {
	m.slots = append(m.slots[:0], p.unset...)
	m.steps, m.limit = 0, m.maxSteps()
	if f != nil && f.off {
		f = nil
	}
	m.check = m.limit
	if f != nil {
		// Each state once, and lookarounds' work on top.
		m.limit, m.check = maxSteps+len(f.bits)*64, 0
	}
	base := len(m.stack)
	end, ok := m.execFrom(p.insts, p.looks, start, -1, base, f)
	m.stack = m.stack[:base]
	return end, ok
}

// exec runs code from pos, with the failure memo fail unless it is nil
// (lookarounds run other code, and have none). With target >= 0 (a
// lookbehind), a match counts only when it ends at target.
func (m *machine) exec(code []inst, looks []lookProg, pos, target int, fail *failMemo) (end int, ok bool) {
	base := len(m.stack)
	end, ok = m.execFrom(code, looks, pos, target, base, fail)
	m.stack = m.stack[:base]
	return end, ok
}

// execFrom is exec's loop, with the failure memo of the run (nil for
// none); exec restores the stack after it, without a deferred call on
// this hot path.
//
// The profile (cmd/newsann/default.pgo) names the hot calls of a
// function by their line within it, and the compiler inlines unitEnd at
// opUnit and look at opLook because the profile has them there: a line
// added or removed above them moves them off those lines, and the calls
// are no longer inlined (2 % more instructions), until the profile is
// recorded again.
func (m *machine) execFrom(code []inst, looks []lookProg, pos, target, base int, fail *failMemo) (int, bool) {
	pc := 0
	// choices counts the choice points of this run on the stack: with
	// none, a failure ends the run, and a capture need not be put back.
	choices := 0
	for {
		m.steps++
		in, ok := &code[pc], true
		if m.steps > m.check { // past the limit, or any step of a run with a memo
			if m.steps > m.limit {
				return 0, false
			} else if fail != nil && fail.visit(pc, pos) {
				in = &failInst
			}
		}
		switch in.op {
		case opUnit:
			end, pass := m.unitEnd(in.u, pos)
			if !pass {
				ok = false
				break
			}
			pos = end
			pc++
		case opAcronym:
			ok = pos < m.hi && m.acronym(in.x, pos)
			if ok {
				pos++
				pc++
			}
		case opSplit:
			// A branch that begins with a unit is decided by the unit
			// here: when it fails, the other branch is taken without a
			// choice point (most splits are of optional or repeated
			// parts, "[in:particles]{0,2}", that are absent); when it
			// passes, the branch goes on past it.
			if x := &code[in.x]; x.op == opUnit && fail == nil {
				end, ok := m.unitEnd(x.u, pos)
				if !ok {
					pc = int(in.y)
					break
				}
				m.stack = append(m.stack, frame{pc: in.y, pos: int32(pos)})
				choices++
				pc, pos = int(in.x)+1, end
				break
			}
			m.stack = append(m.stack, frame{pc: in.y, pos: int32(pos)})
			choices++
			pc = int(in.x)
		case opJmp:
			pc = int(in.x)
		case opSave:
			if choices > 0 {
				m.stack = append(m.stack, frame{restore: true, slot: in.x, old: m.slots[in.x]})
			}
			m.slots[in.x] = int32(pos)
			pc++
		case opLook:
			ok = m.look(&looks[in.x], pos)
			pc++
		case opMatch:
			if target < 0 || pos == target {
				return pos, true
			}
			ok = false
		case opFail:
			ok = false
		}
		if ok {
			continue
		}
		// Backtrack to the last choice, restoring captures on the way.
		for {
			if len(m.stack) == base {
				return 0, false
			}
			f := m.stack[len(m.stack)-1]
			m.stack = m.stack[:len(m.stack)-1]
			if f.restore {
				m.slots[f.slot] = f.old
				continue
			}
			choices--
			pc, pos = int(f.pc), int(f.pos)
			break
		}
	}
}

// look reports whether lookaround l holds at pos. Its body captures
// nothing (compileProgram refuses it), so it leaves the slots as they are.
func (m *machine) look(l *lookProg, pos int) bool {
	found := false
	switch {
	case l.units != nil && !l.behind:
		for _, u := range l.units {
			if _, found = m.unitEnd(u, pos); found {
				break
			}
		}
	case l.behind:
		lo := m.lo // the first start the body can reach pos from
		if l.maxLen >= 0 {
			lo = max(lo, pos-l.maxLen)
		}
		switch {
		case l.units != nil:
			found = m.unitsEndAt(l.units, l.spans, lo, pos)
		case l.seqs != nil:
			found = m.seqsEndAt(l.seqs, lo, pos)
		default:
			for j := pos; j >= lo && !found; j-- {
				_, found = m.exec(l.prog, nil, j, pos, nil)
			}
		}
	default:
		_, found = m.exec(l.prog, nil, pos, -1, nil)
	}
	return found != l.negate
}

// seqsEndAt reports whether one of seqs, the ways through a lookbehind's
// body, matches from a token no earlier than lo up to pos: the units of
// one token each at the tokens before pos, and a unit of the first
// element ending where they begin (unitsEndAt).
func (m *machine) seqsEndAt(seqs []unitSeq, lo, pos int) bool {
	for k := range seqs {
		s := &seqs[k]
		at := pos - len(s.rest) // where the first element ends
		if at <= lo {
			continue
		}
		ok := true
		for e, us := range s.rest {
			if !m.passes(us, at+e) {
				ok = false
				break
			}
		}
		if ok && m.unitsEndAt(s.first, s.spans, lo, at) {
			return true
		}
	}
	return false
}

// passes reports whether one of units us passes at token j.
func (m *machine) passes(us []*unit, j int) bool {
	for _, u := range us {
		if _, ok := m.unitEnd(u, j); ok {
			return true
		}
	}
	return false
}

// unitsEndAt reports whether one of units us, a lookbehind's body,
// matches from a token no earlier than lo up to pos. A unit can only start
// at pos-1 or, with spans (a unit of us may span a name or mention), where
// a lexicon name or a mention starts: it ends one token after its start
// or where such a span ends. Trying those starts alone, instead of
// running the body from every token up to the longest span back, answers
// the same.
func (m *machine) unitsEndAt(us []*unit, spans bool, lo, pos int) bool {
	last := pos - 1
	if last < lo {
		return false
	}
	endsAt := func(j int) bool {
		for _, u := range us {
			if end, ok := m.unitEnd(u, j); ok && end == pos {
				return true
			}
		}
		return false
	}
	if endsAt(last) {
		return true
	}
	if !spans {
		return false
	}
	// The tokens before last are looked at back to lo rather than the
	// starts of the spans covering last found in the cover indexes:
	// building the mentions' index again in each phase cost more than
	// all the lookbehinds that read it.
	lex, ments := m.d.Lex, m.d.Ments
	for j := last - 1; j >= lo; j-- {
		if (len(lex[j]) > 0 || len(ments[j]) > 0) && endsAt(j) {
			return true
		}
	}
	return false
}

// oneUnit reports whether every way through n is exactly one unit.
func oneUnit(n node) bool {
	switch n := n.(type) {
	case *unit:
		return true
	case *capture:
		return oneUnit(n.elem)
	case *seq:
		return len(n.elems) == 1 && oneUnit(n.elems[0])
	case *alt:
		for _, a := range n.alts {
			if !oneUnit(a) {
				return false
			}
		}
		return len(n.alts) > 0
	}
	return false
}

// unitEnd returns where unit u ends when it passes at token pos within
// the sentence, as opUnit asks.
func (m *machine) unitEnd(u *unit, pos int) (int, bool) {
	if pos >= m.hi {
		return 0, false
	}
	if pass, known := m.d.knownAt(u, pos); known {
		return pos + 1, pass
	}
	if k := u.key; k != nil && m.d.vocab == k.rs {
		return pos + 1, m.d.words[pos] == k.word // keyTest.covers
	}
	end, ok := m.d.unitAt(u, pos)
	return end, ok && end <= m.hi
}

// bodyUnits returns the units one of which every way through n is, or
// nil when n is not one unit or one of them abbreviates a capture (the
// machine asks those, with the captures).
func bodyUnits(n node) []*unit {
	if !oneUnit(n) {
		return nil
	}
	us := firstUnits(n)
	for _, u := range us {
		if _, acronym := u.test.(*acronymTest); acronym {
			return nil
		}
	}
	return us
}

// spanning reports whether one of units us may span a lexicon name or a
// mention.
func spanning(us []*unit) bool {
	return slices.ContainsFunc(us, func(u *unit) bool { return !tokenLevel(u.test) })
}

// maxSeqs bounds the ways through a lookbehind's body that bodySeqs
// lists; past it, the body is run from each start.
const maxSeqs = 16

// bodySeqs returns the ways through n, a lookbehind's body, as unitSeqs:
// nil unless n is an alternative (or one) of sequences of one-unit
// elements of which all but the first consume one token, and none
// abbreviates a capture.
func bodySeqs(n node) []unitSeq {
	var branches []node
	var split func(n node)
	split = func(n node) {
		switch a := n.(type) {
		case *alt:
			for _, b := range a.alts {
				split(b)
			}
		case *seq:
			if len(a.elems) == 1 {
				split(a.elems[0])
				return
			}
			branches = append(branches, n)
		default:
			branches = append(branches, n)
		}
	}
	split(n)
	if len(branches) > maxSeqs {
		return nil
	}
	var seqs []unitSeq
	for _, b := range branches {
		elems := []node{b}
		if sq, ok := b.(*seq); ok {
			elems = sq.elems
		}
		if len(elems) == 0 {
			return nil // a way through of no unit
		}
		var s unitSeq
		for k, e := range elems {
			us := bodyUnits(e)
			if us == nil {
				return nil
			}
			if k == 0 {
				s.first, s.spans = us, spanning(us)
				continue
			}
			if spanning(us) {
				return nil
			}
			s.rest = append(s.rest, us)
		}
		seqs = append(seqs, s)
	}
	return seqs
}

// acronym reports whether token i abbreviates the words of capture k as
// matched so far.
func (m *machine) acronym(k int32, i int) bool {
	a, b := m.slots[2*k], m.slots[2*k+1]
	if a < 0 || b <= a {
		return false
	}
	var words []string
	for t := a; t < b; t++ {
		if tk := m.d.Toks[t]; tk.Kind == token.Word || tk.Kind == token.Number {
			words = append(words, m.d.Text[tk.Start:tk.End])
		}
	}
	return isAcronym(m.d.Text[m.d.Toks[i].Start:m.d.Toks[i].End], words)
}

// appendCaptures appends to out the captures set by the last run.
func (m *machine) appendCaptures(out []Capture, p *program) []Capture {
	for k, name := range p.names {
		a, b := m.slots[2*k], m.slots[2*k+1]
		if a >= 0 && b >= a {
			out = append(out, Capture{Name: name, Start: int(a), End: int(b)})
		}
	}
	return out
}
