package timex

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate/internal/scratch"
	"github.com/newsann/newsann/annotate/token"
)

// state is the working memory of one Tag call, pooled between calls.
type state struct {
	t      *tables
	text   string
	toks   []token.Token
	ids    []int32 // vocabulary id of each token, -1 when none
	shapes []shape // the shapes of each token (shapeOf)
	sent   []int32 // sentence index of each token: sentBuf or the caller's
	// sentBuf is the tagger's own array for sent, which index fills
	// unless sentGiven: then sent is the caller's (TagSentences).
	sentBuf   []int32
	sentGiven bool
	sents     [][2]int32
	// sentWords[s] is the need sets (tables.needOf) sentence s has a
	// word of.
	sentWords []uint64
	// starts are the tokens some rule may start at, in order: those whose
	// word begins a rule (tables.trigger) and the number-like ones with a
	// shape. matchAll visits only these, not every token.
	starts []int32
	// noted are the tokens whose word has a note (listNoted), for index.
	noted  []int32
	ranges [][2]int32 // scratch for tokenRanges and splitSentences
	// todo are the tokens number settled one at a time, in order: every
	// number-like token is there (index finds the shaped ones in it).
	todo  []int32
	f     *token.Folder
	buf   []byte
	found []match
	// anchors are the dates that became the text's anchor, in order.
	anchors []anchorRec
	// res and ctx are resolve's, kept here rather than allocated for
	// each text.
	res resolver
	ctx ctx
	// during matching
	limit int
	best  match
}

// match is a rule's match over tokens [first, last), before its value is
// computed.
type match struct {
	first, last int
	rule        *rule
	slots       slots
	mod         string
	synthetic   string // "range" for matches made by the range pass
	date        *match // the day a clock time was merged with
}

// reset readies st for tagging text: it numbers the tokens by the
// vocabulary and gives each its sentence. lexIDs are the ids a lexicon
// matcher gave the tokens and lw maps them to the vocabulary's
// (TagNumbered), so that a token is looked up only where its matcher id
// does not settle it; with lw nil every token is looked up. The sentences
// are ranges of tokens (TagSentences), else byte spans, else none: the
// tagger splits the text itself. sentOf, with ranges and when not nil,
// is each token's sentence, an index in ranges (TagSentences): then
// st.sent is sentOf, and index does not number the tokens again.
func (st *state) reset(t *tables, text string, toks []token.Token, lexIDs []int32, lw *LexWords, sents [][2]int, ranges [][2]int32, sentOf []int32) {
	st.t, st.text, st.toks = t, text, toks
	st.found = st.found[:0]
	// The slices are sized first and written by index: a token's appends
	// had cost as much as its work.
	n := len(toks)
	st.ids, st.sentBuf, st.shapes = scratch.Resize(st.ids, n), scratch.Resize(st.sentBuf, n), scratch.Resize(st.shapes, n)
	st.sent, st.sentGiven = st.sentBuf, ranges != nil && sentOf != nil
	if st.sentGiven {
		st.sent = sentOf[:n]
	}
	st.number(lexIDs, lw)
	switch {
	case ranges != nil:
		st.index(ranges)
	case sents != nil:
		st.index(st.tokenRanges(sents))
	default:
		st.index(st.splitSentences()) // reads the ids
	}
}

// number gives each token its id and its shapes. With lw, a first pass
// settles most tokens by their matcher id alone, and a second lists the
// others (todo): ids that do not settle the word, numbers, words led by
// a digit, and words too long to be looked up, which a matcher id may
// give a word (a key folds shorter than its token) where keyID gives
// none. Those passes (mapLex, listTodo) make no call, and each is a
// function of its own: a loop that calls functions, or that shares its
// function with loops of other values, keeps its values on the stack,
// and reloaded them at every token.
func (st *state) number(lexIDs []int32, lw *LexWords) {
	text, toks, ids, shapes := st.text, st.toks, st.ids, st.shapes
	clear(shapes)
	if lw == nil {
		for i := range toks {
			tok := &toks[i]
			ids[i] = st.keyID(*tok)
			if numberLike(text, tok) {
				shapes[i] = shapeOf(text[tok.Start:tok.End], tok.Kind)
			}
		}
		todo := st.todo[:0]
		for i, sh := range shapes {
			if sh != 0 {
				todo = append(todo, int32(i))
			}
		}
		st.todo = todo
		return
	}
	mapLex(ids[:len(toks)], lexIDs[:len(toks)], lw.byLex)
	todo := listTodo(scratch.Resize(st.todo, len(toks)), text, toks, ids, st.t.notes)
	for _, i := range todo {
		tok := &toks[i]
		switch {
		case tok.Kind == token.Number || tok.End-tok.Start > maxWord:
			ids[i] = -1 // as keyID has it
		case ids[i] == lexLookup:
			ids[i] = st.keyID(*tok)
		}
		if numberLike(text, tok) {
			shapes[i] = shapeOf(text[tok.Start:tok.End], tok.Kind)
		}
	}
	st.todo = todo
}

// listNoted writes into noted, and returns, the tokens whose word has a
// note (tables.notes), about one in five: index's work is at those. The
// list is made in a loop of its own, out of line, that holds its few
// values in registers; index's loop over every token, with its work
// inside, spilled and reloaded several of its values at each.
//
//go:noinline
func listNoted(noted []int32, ids []int32, notes []note) []int32 {
	noted = noted[:len(ids)]
	n := 0
	for i, id := range ids {
		if id >= 0 && int(id) < len(notes) && notes[id] != 0 {
			noted[n] = int32(i)
			n++
		}
	}
	return noted[:n]
}

// mapLex sets ids[i] to the vocabulary id of lexIDs[i], by byLex
// (LexWords.byLex; byLex[0] answers for the ids outside it). Kept out
// of line, as listTodo is, for its loop to hold its values in registers.
//
//go:noinline
func mapLex(ids, lexIDs []int32, byLex []int32) {
	ids = ids[:len(lexIDs)]
	for i, x := range lexIDs {
		if uint(x) >= uint(len(byLex)) {
			x = 0
		}
		ids[i] = byLex[x]
	}
}

// listTodo writes into todo, and returns, the tokens number must look at
// one at a time: ids that do not settle the word, numbers, words led by
// a digit, and words too long to be looked up. It is a function of its
// own, kept out of line, so that its loop holds its few values in
// registers: in number, beside the values of number's other loops, it
// spilled and reloaded several at every token.
//
//go:noinline
func listTodo(todo []int32, text string, toks []token.Token, ids []int32, notes []note) []int32 {
	todo, ids = todo[:len(toks)], ids[:len(toks)]
	n := 0
	for i := range toks {
		tok := &toks[i]
		id := ids[i]
		// A token with a word is number-like only when the word begins
		// with a digit, as its key does.
		if id < 0 && (id == lexLookup || numberLike(text, tok)) || id >= 0 && (notes[id]&noteDigit != 0 || tok.End-tok.Start > maxWord) {
			todo[n] = int32(i)
			n++
		}
	}
	return todo[:n]
}

// index gives each token its sentence, and lists the sentences, the
// need sets each has a word of, and the tokens a rule may start at: those
// whose word begins a rule and those with a shape. ranges are the
// sentences as token ranges, in order, covering every token. Each loop
// does one thing over the tokens, so that its values stay in registers
// (nested, they were reloaded at every token). Most tokens are words
// that begin no rule and are in no need set: one byte of tables.notes
// passes over them, in listNoted, and the work is done at the others.
func (st *state) index(ranges [][2]int32) {
	ids, needOf, notes, trigNext, numNext := st.ids, st.t.needOf, st.t.notes, st.t.trigNext, st.t.numNext
	sent, shapes := st.sent[:len(ids)], st.shapes[:len(ids)]
	sentWords := scratch.Resize(st.sentWords, len(ranges))
	starts := scratch.Resize(st.starts, len(ids))
	if !st.sentGiven {
		for k, r := range ranges {
			ks := sent[r[0]:r[1]]
			for j := range ks {
				ks[j] = int32(k)
			}
		}
	}
	clear(sentWords)
	// The words are found among all tokens, the shaped tokens in
	// number's list (todo), and the two lists merged in order.
	n, todo := 0, st.todo
	st.noted = listNoted(scratch.Resize(st.noted, len(ids)), ids, notes)
	for _, i := range st.noted {
		id := ids[i]
		note := notes[id]
		if note&noteNeed != 0 {
			sentWords[sent[i]] |= needOf[id]
		}
		// A word that begins rules starts one only before a token one of
		// them can go on with (trigNext), as matchAll asks again: most
		// starts end here.
		if note&noteStart != 0 && st.mayFollow(trigNext[id], int(i)) {
			for ; len(todo) > 0 && todo[0] < i; todo = todo[1:] {
				if k := todo[0]; shapes[k] != 0 && st.mayFollow(numNext, int(k)) {
					starts[n] = k
					n++
				}
			}
			if len(todo) > 0 && todo[0] == i {
				todo = todo[1:]
			}
			starts[n] = i
			n++
		}
	}
	for _, k := range todo {
		if shapes[k] != 0 && st.mayFollow(numNext, int(k)) {
			starts[n] = k
			n++
		}
	}
	st.sents, st.sentWords, st.starts = ranges, sentWords, starts[:n]
}

// mayFollow reports whether the token after i, in its sentence, is in
// the next token set f (nil: any token may follow), as index has the
// tokens' sentences, ids and shapes.
func (st *state) mayFollow(f *firstSet, i int) bool {
	if f == nil {
		return true
	}
	if i+1 >= len(st.ids) || st.sent[i+1] != st.sent[i] {
		return false
	}
	// (follower.in's test, without making a follower: index asks this at
	// every start, and the follower cost it 0.3 % of an op.)
	if id := st.ids[i+1]; id >= 0 && f.bits.Has(id) {
		return true
	}
	return f.num&st.shapes[i+1] != 0
}

// tokenRanges turns sentences given as byte spans into token ranges,
// into st.ranges: a token belongs to the first sentence that ends after
// its start when that sentence begins at or before it, and tokens
// outside every sentence belong to one of their own with their
// neighbours outside. Spans in order, each ending at or before the next
// begins, are walked sentence by sentence; others token by token.
func (st *state) tokenRanges(sents [][2]int) [][2]int32 {
	toks := st.toks
	out := st.ranges[:0]
	for j, s := range sents {
		if s[0] > s[1] || j > 0 && sents[j-1][1] > s[0] {
			st.ranges = tokenRangesSlow(out, toks, sents)
			return st.ranges
		}
	}
	gap := false // whether the last range is of tokens outside sentences
	i := 0
	emit := func(from, to int, outside bool) {
		if outside && gap {
			out[len(out)-1][1] = int32(to)
			return
		}
		out = append(out, [2]int32{int32(from), int32(to)})
		gap = outside
	}
	for _, s := range sents {
		a := i
		for a < len(toks) && toks[a].Start < s[0] {
			a++
		}
		b := a
		for b < len(toks) && toks[b].Start < s[1] {
			b++
		}
		if a > i {
			emit(i, a, true)
		}
		if b > a {
			emit(a, b, false)
		}
		i = b
	}
	if i < len(toks) {
		emit(i, len(toks), true)
	}
	st.ranges = out
	return out
}

// tokenRangesSlow is tokenRanges for any spans: each token is given the
// sentence the first span that ends after it starts says.
func tokenRangesSlow(out [][2]int32, toks []token.Token, sents [][2]int) [][2]int32 {
	si := 0
	inGiven := -1
	for i := range toks {
		tok := &toks[i]
		for si < len(sents) && sents[si][1] <= tok.Start {
			si++
		}
		given := -1
		if si < len(sents) && sents[si][0] <= tok.Start {
			given = si
		}
		if i == 0 || given != inGiven {
			out = append(out, [2]int32{int32(i), int32(i)})
			inGiven = given
		}
		out[len(out)-1][1] = int32(i + 1)
	}
	return out
}

// maxWord is the longest token, in bytes, looked up: no word of the
// vocabulary is longer.
const maxWord = 32

// idLater marks a token whose id keyID did not look up: no pattern
// word is spelled like it, but a context word (a tense cue, a word a rule
// must not follow) may be; st.id looks it up when asked.
const idLater = -2

// keyID folds a token and looks it up in the vocabulary. Number tokens
// have no id: the builtin classes read them. Most words are settled by
// the length masks without a map lookup.
func (st *state) keyID(tok token.Token) int32 {
	if tok.Kind == token.Number {
		return -1
	}
	s := st.text[tok.Start:tok.End]
	if len(s) > maxWord {
		return -1
	}
	c := foldASCII(s[0])
	if len(s) == 1 && c < utf8.RuneSelf {
		return st.t.single[c]
	}
	if c < utf8.RuneSelf {
		bit := uint64(1) << min(len(s), 63)
		// The masks are of ASCII keys' lengths: a word with a non-ASCII
		// rune later (a diacritic, a combining mark) may fold to a key
		// shorter than its bytes, and is looked up as TagNumbered's
		// lexicon ids would have it.
		if st.t.trigMask[c]&bit == 0 && isASCII(s) {
			if st.t.lenMask[c]&bit == 0 {
				return -1
			}
			return idLater
		}
	}
	return st.lookup(tok)
}

// isASCII reports whether s is all ASCII: only then do the length masks,
// which are of ASCII keys, say anything about its key.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lookup finds a token's folded key in the vocabulary's hash table. ASCII
// words are hashed and compared folded as they are read, without copying
// them.
func (st *state) lookup(tok token.Token) int32 {
	s := st.text[tok.Start:tok.End]
	h := uint32(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			st.buf = st.f.AppendKey(st.buf[:0], s)
			return st.t.find(st.buf)
		}
		h = (h ^ uint32(foldASCII(c))) * fnvPrime
	}
	t := st.t
	for j := h & t.hmask; ; j = (j + 1) & t.hmask {
		e := t.htab[j]
		if e.id < 0 {
			return -1
		}
		if e.hash == h && equalFold(t.words[e.id], s) {
			return e.id
		}
	}
}

// foldASCII folds an ASCII byte as token.Folder.AppendKey does: upper
// case to lower, a backquote to an apostrophe.
func foldASCII(c byte) byte {
	switch {
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A'
	case c == '`':
		return '\''
	}
	return c
}

// equalFold reports whether the ASCII word s, folded, is key.
func equalFold(key, s string) bool {
	if len(key) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if foldASCII(s[i]) != key[i] {
			return false
		}
	}
	return true
}

// matchAll finds, left to right, the longest rule match at each token and
// resumes after it. Only the tokens of st.starts can begin a match.
func (st *state) matchAll() {
	t := st.t
	next := 0 // the first token not inside the last match
	for _, start := range st.starts {
		i := int(start)
		if i < next {
			continue
		}
		st.limit = int(st.sents[st.sent[i]][1])
		nx := st.nextOf(i)
		var trigs []trig
		if id := st.ids[i]; id >= 0 {
			trigs = t.trigger[id]
			if u := t.trigNext[id]; u != nil && !nx.in(u) {
				trigs = nil
			}
		}
		sh := st.shapes[i]
		if sh != 0 && t.numNext != nil && !nx.in(t.numNext) {
			sh = 0
		}
		if len(trigs) == 0 && sh == 0 {
			continue
		}
		st.best.last = -1
		has := st.sentWords[st.sent[i]]
		if len(trigs) > 0 {
			if p := t.pickers[st.ids[i]]; p != nil {
				st.tryPicked(trigs, p.pick(&nx), i, has)
			} else {
				st.tryAll(trigs, i, has, &nx)
			}
		}
		if sh != 0 {
			if p := t.numPicker; p != nil {
				st.tryPicked(t.numTrigger, p.pick(&nx)&t.numReads(sh), i, has)
			} else {
				st.tryAll(t.numByShape[sh], i, has, &nx)
			}
		}
		if st.best.last > i {
			st.found = append(st.found, st.best)
			next = st.best.last
		}
	}
}

// tryAll tries the rules trigs start at token i, skipping those whose
// next token (nx) cannot follow and those that need a word the sentence
// lacks (has is its need sets).
func (st *state) tryAll(trigs []trig, i int, has uint64, nx *follower) {
	for k := range trigs {
		tr := &trigs[k]
		if tr.need&^has == 0 && (tr.next == nil || nx.in(tr.next)) {
			st.try(st.t.rules[tr.rule], i)
		}
	}
}

// tryPicked is tryAll for the rules of trigs its picker let through
// (picker.pick), bit j for trigs[j]: it tests their need sets only.
func (st *state) tryPicked(trigs []trig, picked uint64, i int, has uint64) {
	for ; picked != 0; picked &= picked - 1 {
		if tr := &trigs[bits.TrailingZeros64(picked)]; tr.need&^has == 0 {
			st.try(st.t.rules[tr.rule], i)
		}
	}
}

// numReads returns the rules of numTrigger whose first element reads a
// token of shapes sh, as numByShape[sh] lists them: bit j for
// numTrigger[j].
func (t *tables) numReads(sh shape) uint64 {
	var m uint64
	for b := uint8(sh); b != 0; b &= b - 1 {
		m |= t.numFirst[bits.TrailingZeros8(b)]
	}
	return m
}

// follower is the token after a start as the next-token sets
// (firstSet) ask about it, read once for every set asked there: the
// word of firstSet.bits its id is in and its bit there (0, none, when
// it has no id), and its shapes. A start that ends its sentence has no
// follower: no bit and no shape.
type follower struct {
	w   int32
	bit uint64
	sh  shape
}

// nextOf is the follower of a start at token i, in its sentence (whose
// end st.limit is).
func (st *state) nextOf(i int) follower {
	if i+1 >= st.limit {
		return follower{}
	}
	return newFollower(st.ids[i+1], st.shapes[i+1])
}

// newFollower is the follower of a token with vocabulary id id (-1 for
// none) and shapes sh.
func newFollower(id int32, sh shape) follower {
	nx := follower{sh: sh}
	if id >= 0 {
		nx.w, nx.bit = id/64, 1<<(uint32(id)%64)
	}
	return nx
}

// in reports whether f holds the follower: its id is in f.bits or one
// of its shapes in f.num.
func (nx *follower) in(f *firstSet) bool {
	return f.bits[nx.w]&nx.bit != 0 || f.num&nx.sh != 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// try matches rule r at token i and keeps the match when it is longer
// than the best so far (rules are tried in file order, so the earlier rule
// wins a tie).
func (st *state) try(r *rule, i int) {
	var s slots
	end := -1
	var endSlots slots
	st.seq(r, 0, i, &s, &end, &endSlots)
	if end <= i || end <= st.best.last {
		return
	}
	if !st.allowed(r, i, end) {
		return
	}
	for _, ss := range r.set {
		endSlots.set(ss.slot, ss.val)
	}
	st.best = match{first: i, last: end, rule: r, slots: endSlots}
}

// allowed applies a rule's context conditions.
func (st *state) allowed(r *rule, first, last int) bool {
	if r.notBefore != nil && first > 0 && st.sent[first-1] == st.sent[first] {
		if id := st.id(first - 1); id >= 0 && r.notBefore[id] {
			return false
		}
	}
	if r.notAfter != nil && last < len(st.toks) {
		if id := st.id(last); id >= 0 && r.notAfter[id] {
			return false
		}
	}
	if r.not != nil {
		var b strings.Builder
		for i := first; i < last; i++ {
			if i > first {
				b.WriteByte(' ')
			}
			id := st.id(i)
			if id < 0 {
				return true
			}
			b.WriteString(st.t.words[id])
		}
		if r.not[b.String()] {
			return false
		}
	}
	return true
}

// seq matches r.elems[ei:] from token ti, recording the longest end.
func (st *state) seq(r *rule, ei, ti int, s *slots, end *int, endSlots *slots) {
	if ei == len(r.elems) {
		if ti > *end {
			*end = ti
			*endSlots = *s
		}
		return
	}
	e := &r.elems[ei]
	if e.optional {
		st.seq(r, ei+1, ti, s, end, endSlots)
	}
	if ti >= st.limit {
		return
	}
	id := st.ids[ti]
	if id >= 0 {
		for _, w := range e.words {
			if w == id {
				st.seq(r, ei+1, ti+1, s, end, endSlots)
				break
			}
		}
	}
	for ai := range e.alts {
		a := &e.alts[ai]
		if a.class >= 0 {
			if id < 0 {
				continue
			}
			for pi := range st.t.phrases[id] {
				p := &st.t.phrases[id][pi]
				if p.class != a.class || !st.phraseAt(p, ti) {
					continue
				}
				if a.ranged && (int(p.val.n) < a.lo || int(p.val.n) > a.hi) {
					continue
				}
				has, old := s.has, s.v[a.slot]
				s.set(a.slot, p.val)
				st.seq(r, ei+1, ti+len(p.ids), s, end, endSlots)
				s.has, s.v[a.slot] = has, old
			}
			continue
		}
		var opts [2]bopt
		for _, o := range st.builtin(a, ti, opts[:0]) {
			if a.ranged && (int(o.vals[0].val.n) < a.lo || int(o.vals[0].val.n) > a.hi) {
				continue
			}
			has := s.has
			var old [3]slotVal
			for k, v := range o.vals[:o.k] {
				old[k] = s.v[v.slot]
				s.set(v.slot, v.val)
			}
			st.seq(r, ei+1, ti+o.n, s, end, endSlots)
			for k, v := range o.vals[:o.k] {
				s.v[v.slot] = old[k]
			}
			s.has = has
		}
	}
}

// phraseAt reports whether vocabulary phrase p is spelled at token ti.
func (st *state) phraseAt(p *phrase, ti int) bool {
	if ti+len(p.ids) > st.limit {
		return false
	}
	for k, id := range p.ids {
		if st.ids[ti+k] != id {
			return false
		}
		if k > 0 && st.toks[ti+k].Newlines > 0 {
			return false
		}
		switch p.caps[k] {
		case capital:
			if c := st.toks[ti+k].Case; c != token.Title && c != token.Upper {
				return false
			}
		case allCaps:
			if st.toks[ti+k].Case != token.Upper {
				return false
			}
		}
	}
	return true
}

// numberLike reports whether a builtin class may read tok by its
// digits: a number token, or a word that begins with a digit.
func numberLike(text string, tok *token.Token) bool {
	return tok.Kind == token.Number || tok.Kind == token.Word && isDigit(text[tok.Start])
}

// shapeOf is the shapes of a numberLike token s of kind k: for each
// builtin class that reads digits, whether it reads s by them.
// FuzzTriggers holds the shapes to builtin, and FuzzShapeOf to
// shapeOfSlow. Three in four such tokens are plain digits, and most of
// the rest a decimal or a number with thousands separators: one pass
// over s settles these, which every parser of shapeOfSlow would read in
// turn.
func shapeOf(s string, k token.Kind) shape {
	v, dots, commas := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			v = v*10 + int(c-'0')
		case c == '.':
			dots++
		case c == ',':
			commas++
		default:
			return shapeOfSlow(s, k)
		}
	}
	var sh shape
	switch {
	case s == "" || !isDigit(s[0]):
		return shapeOfSlow(s, k)
	case dots == 0 && commas == 0: // digits
		if len(s) <= 9 {
			sh |= digitShapes(v, len(s), k)
		}
		if k == token.Number && len(s) <= 12 {
			sh |= shNum
		}
	case dots == 0: // digits with separators
		if k == token.Number && len(s) <= 12 {
			sh |= shNum
		}
	case dots == 1 && commas == 0: // a decimal
	default:
		return shapeOfSlow(s, k)
	}
	return sh
}

// digitShapes are the shapes of a number of n plain digits, of value v
// and kind k: an integer, a year, a day of the month.
func digitShapes(v, n int, k token.Kind) shape {
	var sh shape
	if k == token.Number {
		sh |= shInt
	}
	if n == 4 && v >= 1000 && v < 2200 {
		sh |= shYear
	}
	if n <= 2 && v >= 1 && v <= 31 {
		sh |= shDay
	}
	return sh
}

// shapeOfSlow is shapeOf asking each builtin's parser in turn.
func shapeOfSlow(s string, k token.Kind) shape {
	var sh shape
	if v, ok := digits(s); ok {
		sh |= digitShapes(v, len(s), k)
	}
	if sh&shDay == 0 {
		if v, ok := ordinalDigits(s); ok && v >= 1 && v <= 31 {
			sh |= shDay
		}
	}
	if k == token.Number {
		if _, ok := digitsCommas(s); ok {
			sh |= shNum
		}
	}
	if _, _, ok := clock(s); ok {
		sh |= shClock
	}
	if _, ok := decade(s); ok {
		sh |= shDecade
	}
	if _, _, _, ok := dotDate(s); ok {
		sh |= shDotDate
	}
	return sh
}

// bopt is one way a builtin class matches: n tokens binding k slots.
type bopt struct {
	n    int
	k    int
	vals [3]setSlot
}

func one(n int, slot slotID, v int) bopt {
	return bopt{n: n, k: 1, vals: [3]setSlot{{slot, intVal(v)}}}
}

// builtin matches a builtin class at token ti.
func (st *state) builtin(a *classAlt, ti int, out []bopt) []bopt {
	tok := st.toks[ti]
	s := st.text[tok.Start:tok.End]
	switch a.builtin {
	case bInt:
		if v, ok := digits(s); ok && tok.Kind == token.Number {
			out = append(out, one(1, a.slot, v))
		}
	case bYear:
		if v, ok := digits(s); ok && len(s) == 4 && v >= 1000 && v < 2200 {
			out = append(out, one(1, a.slot, v))
		} else if v, n := st.yearWords(ti); n > 0 {
			out = append(out, one(n, a.slot, v))
		}
	case bDay:
		if v, ok := digits(s); ok && len(s) <= 2 && v >= 1 && v <= 31 {
			out = append(out, one(1, a.slot, v))
		} else if v, ok := ordinalDigits(s); ok && v >= 1 && v <= 31 {
			out = append(out, one(1, a.slot, v))
		}
	case bNum:
		if tok.Kind == token.Number {
			if v, ok := digitsCommas(s); ok {
				out = append(out, one(1, a.slot, v))
			}
		} else if v, n := st.numberWords(ti); n > 0 {
			out = append(out, one(n, a.slot, v))
		}
	case bClock:
		if h, m, ok := clock(s); ok {
			out = append(out, bopt{n: 1, k: 2, vals: [3]setSlot{{slotHour, intVal(h)}, {slotMinute, intVal(m)}}})
		}
	case bDecade:
		if v, ok := decade(s); ok {
			out = append(out, one(1, a.slot, v))
		}
	case bYearWord:
		if v, n := st.yearWords(ti); n > 0 {
			out = append(out, one(n, a.slot, v))
		}
	case bDotDate:
		if d, m, y, ok := dotDate(s); ok {
			out = append(out, bopt{n: 1, k: 3, vals: [3]setSlot{{slotDay, intVal(d)}, {slotMonth, intVal(m)}, {slotYear, intVal(y)}}})
		}
	}
	return out
}

func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

// digitsCommas reads "1,000" as 1000; decimals are not counts.
func digitsCommas(s string) (int, bool) {
	if len(s) > 12 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			v = v*10 + int(c-'0')
		case c == ',' && i > 0:
		default:
			return 0, false
		}
	}
	return v, true
}

// ordinalDigits reads "13th", "1st", "22nd".
func ordinalDigits(s string) (int, bool) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 || i > 2 {
		return 0, false
	}
	switch strings.ToLower(s[i:]) {
	case "st", "nd", "rd", "th":
	default:
		return 0, false
	}
	v, _ := digits(s[:i])
	return v, true
}

func clock(s string) (h, m int, ok bool) {
	hs, ms, found := strings.Cut(s, ":")
	if !found || len(hs) < 1 || len(hs) > 2 || len(ms) != 2 {
		return 0, 0, false
	}
	h, ok1 := digits(hs)
	m, ok2 := digits(ms)
	if !ok1 || !ok2 || h > 24 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// decade reads "1990s" as 199 and "90s" as 199 (the 1900s).
func decade(s string) (int, bool) {
	if len(s) < 3 || s[len(s)-1] != 's' {
		return 0, false
	}
	v, ok := digits(s[:len(s)-1])
	if !ok || v%10 != 0 {
		return 0, false
	}
	switch len(s) - 1 {
	case 4:
		return v / 10, true
	case 2:
		return 190 + v/10, true
	}
	return 0, false
}

// dotDate reads "13.11.2025" (day, month, year, as written in most of
// the world; a dotted date is never month-first).
func dotDate(s string) (d, m, y int, ok bool) {
	ds, rest, found1 := strings.Cut(s, ".")
	ms, ys, found2 := strings.Cut(rest, ".")
	if !found1 || !found2 || len(ys) != 4 || len(ds) > 2 || len(ms) > 2 {
		return 0, 0, 0, false
	}
	d, ok1 := digits(ds)
	m, ok2 := digits(ms)
	y, ok3 := digits(ys)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, 0, 0, false
	}
	return d, m, y, true
}

// numberValue returns the value of a one-token number word at ti, or -1.
func (st *state) numberValue(ti int) int {
	if ti >= st.limit {
		return -1
	}
	id := st.ids[ti]
	if id < 0 {
		return -1
	}
	for _, p := range st.t.phrases[id] {
		if len(p.ids) == 1 && p.class == st.t.numberClass {
			return int(p.val.n)
		}
	}
	return -1
}

// numberWords reads a cardinal in words from ti ("twenty-four", "a
// hundred and ten", "two thousand"), returning its value and token count.
func (st *state) numberWords(ti int) (val, n int) {
	total, cur := 0, 0
	for j := ti; j < st.limit; {
		v := st.numberValue(j)
		if v < 0 || j > ti && st.isArticle(j) {
			break
		}
		switch {
		case v == 100 && cur < 100:
			cur = max(cur, 1) * 100
		case v == 1000 && total == 0:
			total = max(cur, 1) * 1000
			cur = 0
		case v >= 20 && v < 100 && v%10 == 0 && cur%100 == 0:
			cur += v
		case v < 20 && (cur%100 == 0 || cur%100 >= 20 && cur%10 == 0 && v < 10):
			cur += v
		default:
			return total + cur, n
		}
		j++
		n = j - ti
		// "twenty-four", "a hundred and ten": skip the joiner when a
		// number word follows it.
		if j+1 < st.limit && st.ids[j] >= 0 && st.numberValue(j+1) >= 0 && !st.isArticle(j+1) {
			switch st.t.words[st.ids[j]] {
			case "-":
				if v >= 20 && v < 100 {
					j++
				}
			case "and":
				if cur%100 == 0 && cur+total >= 100 {
					j++
				}
			}
		}
	}
	return total + cur, n
}

func (st *state) isArticle(ti int) bool {
	id := st.ids[ti]
	return id >= 0 && (st.t.words[id] == "a" || st.t.words[id] == "an")
}

// yearWords reads a year said as two numbers: "nineteen ninety-six",
// "twenty ten".
func (st *state) yearWords(ti int) (val, n int) {
	hi := st.numberValue(ti)
	if hi < 11 || hi > 20 || st.isArticle(ti) {
		return 0, 0
	}
	lo, m := st.numberWords(ti + 1)
	if m == 0 || lo < 10 || lo > 99 {
		return 0, 0
	}
	return hi*100 + lo, 1 + m
}

// applyModifiers extends matches over the modifier phrases around them
// ("the end of", "early", "more than", "or so") and sets their mod.
func (st *state) applyModifiers() {
	t := st.t
	prevEnd := 0
	for k := range st.found {
		m := &st.found[k]
		typ := m.rule.typ
		if m.first > prevEnd && m.first > 0 {
			if id := st.id(m.first - 1); id >= 0 && int(id) < len(t.before) {
				ms := t.before[id]
				best := 0
				for _, mod := range ms {
					n := len(mod.ids)
					if n <= best || !mod.types.has(typ) || m.first-n < prevEnd || mod.notNext[st.id(m.first)] || !st.spells(mod.ids, m.first-n, m.first) {
						continue
					}
					best = n
					m.mod = mod.mod
				}
				m.first -= best
			}
		}
		next := len(st.toks)
		if k+1 < len(st.found) {
			next = st.found[k+1].first
		}
		if m.last < next {
			if id := st.idAt(m.last); id >= 0 && int(id) < len(t.after) && len(t.after[id]) > 0 {
				ms := t.after[id]
				best := 0
				for _, mod := range ms {
					n := len(mod.ids)
					if n <= best || !mod.types.has(typ) || m.last+n > next || !st.spells(mod.ids, m.last, m.last+n) {
						continue
					}
					best = n
					m.mod = mod.mod
				}
				m.last += best
			}
		}
		prevEnd = m.last
	}
}

func (st *state) idAt(i int) int32 {
	if i < 0 || i >= len(st.ids) {
		return -1
	}
	return st.id(i)
}

// id returns the vocabulary id of token i, looking up the words that
// keyID left for later (those no pattern starts with).
func (st *state) id(i int) int32 {
	id := st.ids[i]
	if id == idLater {
		id = st.lookup(st.toks[i])
		st.ids[i] = id
	}
	return id
}

// spells reports whether tokens [from, to) of one sentence are ids.
func (st *state) spells(ids []int32, from, to int) bool {
	if from < 0 || to > len(st.toks) || st.sent[from] != st.sent[to-1] {
		return false
	}
	for k, id := range ids {
		if st.id(from+k) != id {
			return false
		}
	}
	return true
}

// addRanges completes ranges whose second part is a bare number: "March
// 3-5", "March 3 to 5", "1998-99". The number becomes a DATE of its own,
// completed from the first part when values are computed.
func (st *state) addRanges() {
	n := len(st.found)
	for k := 0; k < n; k++ {
		m := &st.found[k]
		i := m.last
		if i+1 >= len(st.toks) || m.rule.typ != Date || st.sent[i+1] != st.sent[m.first] {
			continue
		}
		if k+1 < n && st.found[k+1].first <= i+1 {
			continue
		}
		w := st.idAt(i)
		if w < 0 {
			continue
		}
		switch st.t.words[w] {
		case "-", "to", "through", "until", "and":
		default:
			continue
		}
		v, ok := digits(st.text[st.toks[i+1].Start:st.toks[i+1].End])
		if !ok || st.toks[i+1].Kind != token.Number {
			continue
		}
		var r match
		switch {
		case m.slots.ok(slotDay) && m.slots.ok(slotMonth) && !m.slots.ok(slotHour) && v >= 1 && v <= 31 && v > m.slots.num(slotDay):
			r.slots.set(slotDay, intVal(v))
		case m.slots.ok(slotYear) && !m.slots.ok(slotMonth) && !m.slots.ok(slotQuarter) && len(st.text[st.toks[i+1].Start:st.toks[i+1].End]) == 2 && st.t.words[w] == "-":
			y := m.slots.num(slotYear)
			full := y/100*100 + v
			if full <= y {
				full += 100
			}
			r.slots.set(slotYear, intVal(full))
		default:
			continue
		}
		// The number must not begin something else: "3 to 5 percent",
		// "until 5 p.m.", "3 to 5 years".
		if j := i + 2; j < len(st.toks) && st.sent[j] == st.sent[i+1] {
			if id := st.id(j); id >= 0 && (len(st.t.phrases[id]) > 0 || st.t.words[id] == "percent") || st.text[st.toks[j].Start:st.toks[j].End] == "%" {
				continue
			}
		}
		r.first, r.last = i+1, i+2
		r.rule = m.rule
		r.synthetic = "range"
		st.found = append(st.found, r)
	}
	if len(st.found) > n {
		sortMatches(st.found)
	}
}

// sortMatches orders matches by first token, keeping the order of those
// that start together. The range pass appends its matches at the end, so
// an insertion sort moved each across the whole list: quadratic in a long
// text.
func sortMatches(ms []match) {
	slices.SortStableFunc(ms, func(a, b match) int { return cmp.Compare(a.first, b.first) })
}
