package lexicon

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/newsann/newsann/annotate/token"
)

// Form says how a matched phrase names its entry.
type Form uint8

// Forms of a name.
const (
	FormName    Form = iota // the entry's name
	FormAlias               // one of its aliases
	FormDemonym             // a demonym (Iranian): annotated as NATIONALITY
	FormShort               // a short form (surname): refers only after a full mention
)

// String returns the form's name as used in explanations.
func (f Form) String() string {
	return [...]string{"name", "alias", "demonym", "short"}[f]
}

// Candidate is one entry a matched phrase may refer to.
type Candidate struct {
	Entry *Entry
	Form  Form
}

// Match is a phrase of the text that names one or more entries. Start and
// End index the token slice given to Match (End exclusive).
type Match struct {
	Start, End int
	// Candidates lists every entry the phrase may name. The slice is
	// shared with the matcher; do not modify it.
	Candidates []Candidate
}

// caseReq is what a name's token demands of the text's token.
type caseReq uint8

const (
	anyCase   caseReq = iota // lower-case name parts ("of", "al") and titles
	upperHead                // first letter upper case: Title or Upper
	allUpper                 // acronyms of two or three letters: "US", "UAE"
	acronym                  // longer acronyms: upper, or title case as the British press writes them ("Nato")
	exact                    // match: exact — the text as written
)

// payload is one name of one entry at a trie node: its candidate is the
// one at the same index in the matcher's cands. Its case requirements
// (and, for match: exact, its token texts) live in the matcher's arenas,
// so a million names cost a few large allocations, not millions of small
// ones, and the payloads hold no pointers for the garbage collector to
// follow.
type payload struct {
	reqOff  int32 // reqs[reqOff : reqOff+reqLen]
	reqLen  int32
	textOff int32 // texts[textOff : textOff+reqLen] for match: exact, else -1
	// cases is, for a name of up to maxCased tokens without match:
	// exact, the token.Case values each token may have, four bits a
	// token (bit 4k+c: token k may have case c); 0 for others. A name's
	// requirements are then checked against the text's cases in a few
	// instructions, without reading reqs (Matcher.index sets it).
	cases uint32
}

// maxCased is the longest name whose payload's cases say its
// requirements.
const maxCased = 8

// pending is a payload while compiling, with its candidate and the next
// payload at the same node (-1 at the end).
type pending struct {
	payload
	cand Candidate
	next int32
}

// Matcher finds entry names in tokenized text: the longest name first,
// left to right. It is built once with the lexicon and is safe for
// concurrent use.
type Matcher struct {
	vocab strTab  // folded token key (variants merged) -> token id, from 1
	first []int32 // token id -> trie node reached from the root, 0 if none
	edges edgeTab // (node, token id) -> child node, for nodes other than the root
	// The names ending at node n are payloads[start[n]:start[n+1]], and
	// their candidates cands[start[n]:start[n+1]] (shared in matches).
	start    []int32
	payloads []payload
	cands    []Candidate
	reqs     []caseReq
	texts    []string
	maxLen   int // longest name, in tokens
	// info says of each node whether names end there and whether it has
	// children (nodeNames, nodeChildren): a small table, read before the
	// payloads and the edges, which are larger and mostly out of the
	// cache, so that most tokens that start a name's path and go no
	// further are settled without them.
	info []uint8
	// firstInfo is, by token id, the info of the node the id reaches from
	// the root (0 for none): the one small table MatchEach reads for
	// every token of a text, most of which start no name's path.
	firstInfo []uint8

	// While compiling: the payloads in the order made, the first of each
	// node (-1 for none), and names that have nothing to match or too
	// many tokens.
	pending  []pending
	head     []int32
	problems []nameProblem
}

// nameProblem is a name the compiler could not use as it is.
type nameProblem struct {
	e    *Entry
	form Form
	name string
	msg  string
}

// NameKey returns the key two names must share to match the same text:
// their tokens folded and joined by spaces, dashes dropped.
func NameKey(f *token.Folder, s string) string {
	toks := token.Tokenize(nil, s)
	var b strings.Builder
	for _, t := range toks {
		w := t.Text(s)
		if token.IsDash(w) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f.Key(w))
	}
	return b.String()
}

func compile(l *Lexicon) *Matcher {
	// Size the tables from the number of names, so they do not grow (and
	// rehash) while filling: this is start-up time.
	names := 1
	for _, e := range l.entries {
		names += 1 + len(e.Aliases) + len(e.Demonyms) + len(e.Short)
	}
	m := &Matcher{
		vocab:   newStrTab(names, names*8),
		first:   make([]int32, 1, names+1),
		edges:   newEdgeTab(names),
		head:    make([]int32, 1, names*2+1),
		pending: make([]pending, 0, names),
		reqs:    make([]caseReq, 0, names*3),
	}
	m.head[0] = -1
	f := token.NewFolder()
	// Variant spellings share one token id.
	var key []byte
	for _, v := range l.variants {
		var id int32
		for _, s := range v.Spellings {
			key = f.AppendKey(key[:0], s)
			if id = m.vocab.getBytes(key); id != 0 {
				break
			}
		}
		if id == 0 {
			id = m.newToken()
		}
		for _, s := range v.Spellings {
			key = f.AppendKey(key[:0], s)
			m.vocab.put(key, id)
		}
	}
	c := compiler{m: m, f: f}
	for _, e := range l.entries {
		c.add(e, e.Name, FormName)
		for _, a := range e.Aliases {
			c.add(e, a, FormAlias)
		}
		for _, d := range e.Demonyms {
			c.add(e, d, FormDemonym)
		}
		for _, s := range e.Short {
			c.add(e, s, FormShort)
		}
	}
	m.finish()
	return m
}

// compiler holds the scratch buffers of compile.
type compiler struct {
	m    *Matcher
	f    *token.Folder
	toks []token.Token
	key  []byte
	reqs []caseReq
	// The current entry's tokens already looked up: its names share
	// words (a surname is the name's last word), and a vocabulary of a
	// million words costs a cache miss a lookup.
	entry  *Entry
	recent [8]struct {
		word string
		id   int32
	}
	nrecent int
}

// tokenID returns the vocabulary id of the name word w, adding it.
func (c *compiler) tokenID(e *Entry, w string) int32 {
	if c.entry != e {
		c.entry, c.nrecent = e, 0
	}
	for _, r := range c.recent[:c.nrecent] {
		if r.word == w {
			return r.id
		}
	}
	m := c.m
	c.key = c.f.AppendKey(c.key[:0], w)
	id := m.vocab.getBytes(c.key)
	if id == 0 {
		id = m.newToken()
		m.vocab.put(c.key, id)
	}
	if c.nrecent < len(c.recent) {
		c.recent[c.nrecent].word, c.recent[c.nrecent].id = w, id
		c.nrecent++
	}
	return id
}

func (c *compiler) add(e *Entry, name string, form Form) {
	if name == "" {
		return
	}
	c.toks = token.Tokenize(c.toks[:0], name)
	c.m.insert(c, e, name, form)
}

func (m *Matcher) newToken() int32 {
	m.first = append(m.first, 0)
	return int32(len(m.first) - 1)
}

func (m *Matcher) newNode() int32 {
	m.head = append(m.head, -1)
	return int32(len(m.head) - 1)
}

func (m *Matcher) insert(c *compiler, e *Entry, name string, form Form) {
	var node int32
	reqs := c.reqs[:0]
	n := 0
	for _, t := range c.toks {
		w := t.Text(name)
		if token.IsDash(w) {
			continue
		}
		n++
		if n > MaxNameTokens {
			break
		}
		id := c.tokenID(e, w)
		var next int32
		if node == 0 {
			next = m.first[id]
			if next == 0 {
				next = m.newNode()
				m.first[id] = next
			}
		} else {
			next = m.edges.get(node, id)
			if next == 0 {
				next = m.newNode()
				m.edges.add(node, id, next)
			}
		}
		node = next
		reqs = append(reqs, reqFor(e, t, w))
	}
	c.reqs = reqs
	switch {
	case n == 0:
		m.problems = append(m.problems, nameProblem{e, form, name, "has no letters or digits to match"})
		return
	case n > MaxNameTokens:
		m.problems = append(m.problems, nameProblem{e, form, name, fmt.Sprintf("has more than %d tokens", MaxNameTokens)})
		return
	}
	for pi := m.head[node]; pi >= 0; pi = m.pending[pi].next {
		p := &m.pending[pi]
		if p.cand.Entry == e {
			// The same entry under two forms with one key (name and alias
			// differing only in case or accents): keep the most
			// permissive requirements and the more important form.
			p.cand.Form = min(p.cand.Form, form)
			have := m.reqs[p.reqOff : p.reqOff+p.reqLen]
			for j := range have {
				have[j] = min(have[j], reqs[j])
			}
			return
		}
	}
	p := pending{payload: payload{reqOff: int32(len(m.reqs)), reqLen: int32(len(reqs)), textOff: -1}, cand: Candidate{Entry: e, Form: form}, next: -1}
	m.reqs = append(m.reqs, reqs...)
	if e.Match == "exact" {
		p.textOff = int32(len(m.texts))
		for _, t := range c.toks {
			if w := t.Text(name); !token.IsDash(w) {
				m.texts = append(m.texts, plain(w))
			}
		}
	}
	// Append at the end of the node's list, keeping insertion order.
	pi := int32(len(m.pending))
	m.pending = append(m.pending, p)
	if m.head[node] < 0 {
		m.head[node] = pi
	} else {
		last := m.head[node]
		for m.pending[last].next >= 0 {
			last = m.pending[last].next
		}
		m.pending[last].next = pi
	}
	m.maxLen = max(m.maxLen, len(reqs))
}

// finish lays the payloads out node by node, so each node's names are one
// slice of the arena, and builds the candidate arena alongside.
func (m *Matcher) finish() {
	nodes := len(m.head)
	m.start = make([]int32, nodes+1)
	m.payloads = make([]payload, 0, len(m.pending))
	m.cands = make([]Candidate, 0, len(m.pending))
	for n := range nodes {
		m.start[n] = int32(len(m.payloads))
		for pi := m.head[n]; pi >= 0; pi = m.pending[pi].next {
			m.payloads = append(m.payloads, m.pending[pi].payload)
			m.cands = append(m.cands, m.pending[pi].cand)
		}
	}
	m.start[nodes] = int32(len(m.payloads))
	m.head, m.pending = nil, nil
	m.index()
}

// Bits of Matcher.info.
const (
	nodeNames    = 1 << iota // names end at the node
	nodeChildren             // the node has children
)

// index builds the summaries longest reads before the tables: the nodes'
// info, the edges' filter and the payloads' cases. start, the edges and
// the payloads must be complete. (A matcher loaded from compiled.bin
// reads them from there instead.)
func (m *Matcher) index() {
	m.info = make([]uint8, len(m.start)-1)
	for n := range m.info {
		if m.start[n] < m.start[n+1] {
			m.info[n] |= nodeNames
		}
	}
	for _, s := range m.edges.slots {
		if s.node != 0 {
			m.info[s.node] |= nodeChildren
		}
	}
	m.edges.index()
	m.firstInfo = make([]uint8, len(m.first))
	for id, n := range m.first {
		m.firstInfo[id] = m.info[n] // m.info[0], the root's, is 0
	}
	// The cases each requirement accepts, asked of caseReq.ok once per
	// requirement rather than for every token of every payload (ten
	// thousand of them at every start-up).
	var accepts [exact + 1]uint32
	for r := range accepts {
		for c := token.NoCase; c <= token.Upper; c++ {
			if caseReq(r).ok(token.Token{Case: c}) {
				accepts[r] |= 1 << int(c)
			}
		}
	}
	for i := range m.payloads {
		p := &m.payloads[i]
		p.cases = 0
		if p.textOff >= 0 || p.reqLen > maxCased {
			continue
		}
		for k, r := range m.reqs[p.reqOff : p.reqOff+p.reqLen] {
			p.cases |= accepts[r] << (4 * k)
		}
	}
}

// at returns the payloads and candidates of node n.
func (m *Matcher) at(n int32) ([]payload, []Candidate) {
	lo, hi := m.start[n], m.start[n+1]
	return m.payloads[lo:hi:hi], m.cands[lo:hi:hi]
}

// reqFor decides what the text must look like to match name token w.
func reqFor(e *Entry, t token.Token, w string) caseReq {
	if e.Match == "exact" {
		return exact
	}
	switch t.Case {
	case token.Upper:
		letters := 0
		for _, r := range w {
			if r != '.' {
				letters++
			}
		}
		switch {
		case letters == 1:
			return upperHead
		case letters >= 4 && !strings.Contains(w, "."):
			return acronym
		}
		return allUpper
	case token.Title:
		if e.Kind == Title {
			return anyCase // "foreign minister" and "Foreign Minister" alike
		}
		return upperHead
	}
	return anyCase
}

func plain(s string) string {
	return strings.Map(token.Plain, s)
}

// ok reports whether text token t satisfies requirement r.
func (r caseReq) ok(t token.Token) bool {
	switch r {
	case upperHead:
		return t.Case == token.Title || t.Case == token.Upper
	case allUpper:
		return t.Case == token.Upper
	case acronym:
		return t.Case == token.Upper || t.Case == token.Title
	}
	return true
}

// Keys returns, for each token of text, its token id in the matcher's
// vocabulary (0 for a token the vocabulary lacks: no name contains it and
// WithWords did not add it). It appends to dst. The Folder is the
// caller's, one per goroutine.
func (m *Matcher) Keys(dst []int32, f *token.Folder, text string, toks []token.Token) []int32 {
	var arr [64]byte
	buf := arr[:0]
	for _, t := range toks {
		buf = f.AppendKey(buf[:0], text[t.Start:t.End])
		dst = append(dst, m.vocab.getBytes(buf))
	}
	return dst
}

// ID returns the vocabulary id of a folded token key, 0 for a key the
// vocabulary lacks (as Keys). With Keys, it lets a caller that folds keys
// itself (once, for several uses) look them up.
func (m *Matcher) ID(key string) int32 { return m.vocab.get(key) }

// WithWords returns a matcher that finds the same names as m and whose
// vocabulary also numbers the folded keys given, those m lacks getting
// ids after m's own (Tokens grows by their number); keys m has keep
// their ids. No name contains the added words: a token with one of their
// ids starts no match. A pipeline that keeps other vocabularies (the
// rules' words, the time tagger's) adds them so that the one lookup per
// token it makes for the lexicon numbers the token for all of them. m is
// not changed.
func (m *Matcher) WithWords(keys []string) *Matcher {
	w := *m
	size := 0
	for _, k := range keys {
		size += len(k)
	}
	w.vocab = m.vocab.clone(len(keys), size)
	w.first = slices.Clip(m.first)
	w.firstInfo = slices.Clip(m.firstInfo)
	for _, k := range keys {
		if k != "" && w.vocab.add(k, int32(len(w.first))) {
			w.first = append(w.first, 0)
			w.firstInfo = append(w.firstInfo, 0)
		}
	}
	return &w
}

// A TokenMap numbers tokens by another vocabulary (the rules' words, the
// time tagger's) from the ids a Matcher gave them, so that a pipeline's
// one lookup per token serves that vocabulary too (Matcher.TokenMap).
type TokenMap struct {
	byID []int32 // the word's number by token id: 0 none, tokenShared
	// missing is set when the matcher lacks some of the words: a token it
	// does not know may still be one of them.
	missing bool
}

// tokenShared marks a token id several words of the vocabulary share.
const tokenShared = -1

// TokenMap maps m's token ids to the numbers (not 0) words gives its
// words. Where the matcher gives several of them one id — spellings the
// lexicon merges as variants (Ahmed, Ahmad) that the other vocabulary
// tells apart — the id is not mapped, and the tokens carrying it are to
// be looked up by key (TokenMap.Word).
func (m *Matcher) TokenMap(words iter.Seq2[string, int32]) *TokenMap {
	t := &TokenMap{byID: make([]int32, m.Tokens())}
	for w, n := range words {
		switch id := m.ID(w); {
		case id == 0:
			t.missing = true
		case t.byID[id] != 0:
			t.byID[id] = tokenShared
		default:
			t.byID[id] = n
		}
	}
	return t
}

// Word returns the number of the word a token with matcher id id is, 0
// for none. It is not ok when the id does not settle it (a shared id, or
// one the matcher gives no word of the vocabulary while it lacks some):
// the caller then looks the token up by its key.
func (t *TokenMap) Word(id int32) (n int32, ok bool) {
	if id > 0 && int(id) < len(t.byID) {
		n = t.byID[id]
		return max(n, 0), n != tokenShared
	}
	return 0, !t.missing
}

// IDs returns the table Word reads, the TokenMap's own: by token id
// (below the matcher's Tokens), the word's number, 0 for none, or -1
// where words share the id (Word's not ok). A caller that keeps a table
// of its own by id (LexWords in rules and timex) makes it from this one
// in one pass, or takes it, rather than asking Word about every id.
func (t *TokenMap) IDs() []int32 { return t.byID }

// Tokens returns the number of token ids the vocabulary uses: every id is
// below it, so a caller can index a table by id.
func (m *Matcher) Tokens() int { return len(m.first) }

// Match appends to dst the names found in toks, whose ids Keys computed.
// At each token the longest name wins; the scan resumes after it. A dash
// written without spaces inside a name is skipped ("al-Qaeda" matches "Al
// Qaeda" and the reverse).
func (m *Matcher) Match(dst []Match, text string, toks []token.Token, ids []int32) []Match {
	for i := 0; i < len(toks); {
		end, cands := m.longest(text, toks, ids, i)
		if end == 0 {
			i++
			continue
		}
		dst = append(dst, Match{Start: i, End: end, Candidates: cands})
		i = end
	}
	return dst
}

// MatchAt returns the longest name starting at token i, if any.
func (m *Matcher) MatchAt(text string, toks []token.Token, ids []int32, i int) (Match, bool) {
	end, cands := m.longest(text, toks, ids, i)
	if end == 0 {
		return Match{}, false
	}
	return Match{Start: i, End: end, Candidates: cands}, true
}

// MatchEach calls f with the longest name starting at each token of
// toks that starts one, in order: MatchAt at every token. A token is
// ruled out by its id's byte of firstInfo, a table small enough to stay
// in the cache, before the trie's larger tables are read. It is kept out
// of line: inlined into its caller's loop over sentences (the
// annotator's), the loop over the tokens, which most tokens leave at
// their firstInfo byte, spilled and reloaded several values at each.
//
//go:noinline
func (m *Matcher) MatchEach(text string, toks []token.Token, ids []int32, f func(Match)) {
	firstInfo := m.firstInfo
	for i, id := range ids {
		info := firstInfo[id]
		if info == 0 { // no name's path starts with the token
			continue
		}
		node := m.first[id]
		if info == nodeChildren && !m.mayContinue(toks, ids, i, node) {
			continue // no name ends at the token, and none goes on from it
		}
		if end, cands := m.longestFrom(text, toks, ids, i, node); end > 0 {
			f(Match{Start: i, End: end, Candidates: cands})
		}
	}
}

// mayContinue reports whether the token after i may take a name's path on
// from node, where token i took it: false is sure, as longestFrom would
// find it, and spares MatchEach the call for the many tokens that start
// a name's path ("the", "new") and whose next token goes no further. A
// word or a number is no dash that longestFrom would pass over.
func (m *Matcher) mayContinue(toks []token.Token, ids []int32, i int, node int32) bool {
	j := i + 1
	if j >= len(toks) || j >= len(ids) {
		return false
	}
	if k := toks[j].Kind; k != token.Word && k != token.Number {
		return true // perhaps an attached dash: longestFrom decides
	}
	return ids[j] != 0 && m.edges.mayHave(node, ids[j])
}

func (m *Matcher) longest(text string, toks []token.Token, ids []int32, i int) (int, []Candidate) {
	node := m.first[ids[i]] // m.first[0] is 0
	if node == 0 {
		return 0, nil
	}
	return m.longestFrom(text, toks, ids, i, node)
}

// longestFrom is longest from the node token i's id reaches.
func (m *Matcher) longestFrom(text string, toks []token.Token, ids []int32, i int, node int32) (int, []Candidate) {
	bestEnd := 0
	var best []Candidate
	var path [MaxNameTokens]int32 // token indexes of the name's tokens, dashes skipped
	n := 0
	j := i
	for {
		if n < len(path) {
			path[n] = int32(j)
		}
		n++
		info := m.info[node]
		if info&nodeNames != 0 {
			ps, cs := m.at(node)
			if cands := m.accept(text, toks, path[:min(n, len(path))], ps, cs); len(cands) > 0 {
				bestEnd, best = j+1, cands
			}
		}
		if info&nodeChildren == 0 {
			break
		}
		j++
		if j < len(toks) && !toks[j].Space && token.IsDash(text[toks[j].Start:toks[j].End]) &&
			j+1 < len(toks) && !toks[j+1].Space {
			j++ // an attached dash inside a name
		}
		if j >= len(toks) || ids[j] == 0 || n >= m.maxLen || !m.edges.mayHave(node, ids[j]) {
			break
		}
		next := m.edges.get(node, ids[j])
		if next == 0 {
			break
		}
		node = next
	}
	return bestEnd, best
}

// accept filters the payloads at a node by the case of the text's tokens.
func (m *Matcher) accept(text string, toks []token.Token, path []int32, ps []payload, cs []Candidate) []Candidate {
	// The text's cases, as payload.cases has them.
	var cases uint32
	if len(path) <= maxCased {
		for k, ti := range path {
			cases |= 1 << (4*k + int(toks[ti].Case&3))
		}
	}
	all := true
	for i := range ps {
		if !m.fits(&ps[i], text, toks, path, cases) {
			all = false
			break
		}
	}
	if all {
		return cs
	}
	var out []Candidate
	for i := range ps {
		if m.fits(&ps[i], text, toks, path, cases) {
			out = append(out, cs[i])
		}
	}
	return out
}

// fits reports whether the text's tokens at path meet p's requirements;
// cases are the tokens' cases, as payload.cases has them.
func (m *Matcher) fits(p *payload, text string, toks []token.Token, path []int32, cases uint32) bool {
	if len(path) != int(p.reqLen) {
		return false
	}
	if p.cases != 0 {
		return cases&^p.cases == 0
	}
	reqs := m.reqs[p.reqOff : p.reqOff+p.reqLen]
	for k, ti := range path {
		t := toks[ti]
		if reqs[k] == exact {
			if plain(text[t.Start:t.End]) != m.texts[int(p.textOff)+k] {
				return false
			}
			continue
		}
		if !reqs[k].ok(t) {
			return false
		}
	}
	return true
}

// Fold names a way in which text may differ from a lexicon name and
// still match it.
type Fold string

// Foldings, in the order Lookup reports them.
const (
	FoldCase       Fold = "case"        // letter case: IRAN, Iran
	FoldDiacritics Fold = "diacritics"  // accents and letters like ł: Turkiye, Türkiye
	FoldPunct      Fold = "punctuation" // typographic quotes and apostrophes: Côte d’Ivoire
	FoldVariant    Fold = "variant"     // a spelling variant of a name part: Muhammad, Mohammed
	FoldDash       Fold = "dash"        // a dash inside a name, written or not: al-Qaeda, al Qaeda
)

// LookupMatch is one entry a looked-up phrase names: through which of the
// entry's names (and in which form), and what folding it took to match.
// Folds is empty for an exact match.
type LookupMatch struct {
	Candidate
	Name  string
	Folds []Fold
}

// Lookup returns the entries whose names match the whole of phrase, the
// forms through which they match and the foldings that made them match.
// It is what `newsann lexicon lookup` shows.
func (m *Matcher) Lookup(phrase string) []LookupMatch {
	f := token.NewFolder()
	toks := token.Tokenize(nil, phrase)
	if len(toks) == 0 {
		return nil
	}
	ids := m.Keys(nil, f, phrase, toks)
	end, cands := m.longest(phrase, toks, ids, 0)
	if end != len(toks) {
		return nil
	}
	node := m.nodeOf(f, phrase)
	out := make([]LookupMatch, 0, len(cands))
	for _, c := range cands {
		name := m.formName(f, c, node)
		out = append(out, LookupMatch{Candidate: c, Name: name, Folds: folds(f, phrase, name)})
	}
	return out
}

// formName returns the name of c's entry, of c's form, that reaches node.
func (m *Matcher) formName(f *token.Folder, c Candidate, node int32) string {
	e := c.Entry
	lists := map[Form][]string{FormName: {e.Name}, FormAlias: e.Aliases, FormDemonym: e.Demonyms, FormShort: e.Short}
	for _, form := range []Form{c.Form, FormName, FormAlias, FormDemonym, FormShort} {
		for _, s := range lists[form] {
			if m.nodeOf(f, s) == node {
				return s
			}
		}
	}
	return e.Name
}

// folds says how text differs from name, which it matches.
func folds(f *token.Folder, text, name string) []Fold {
	seen := map[Fold]bool{}
	tt, nt := token.Tokenize(nil, text), token.Tokenize(nil, name)
	words := func(s string, toks []token.Token) (out []token.Token, shape string) {
		var b strings.Builder
		for _, t := range toks {
			if w := t.Text(s); token.IsDash(w) {
				b.WriteString(w)
				continue
			}
			if t.Space && len(out) > 0 {
				b.WriteString(" ")
			}
			out = append(out, t)
			b.WriteString("w")
		}
		return out, b.String()
	}
	tw, tshape := words(text, tt)
	nw, nshape := words(name, nt)
	if tshape != nshape {
		if strings.Map(token.Plain, tshape) == strings.Map(token.Plain, nshape) {
			seen[FoldPunct] = true // an en dash for a hyphen
		} else {
			seen[FoldDash] = true
		}
	}
	for i := range min(len(tw), len(nw)) {
		a, b := tw[i].Text(text), nw[i].Text(name)
		if a == b {
			continue
		}
		if f.Key(a) != f.Key(b) {
			seen[FoldVariant] = true
			continue
		}
		pa, pb := plain(a), plain(b)
		if pa != a || pb != b {
			if pa == pb {
				seen[FoldPunct] = true
				continue
			}
		}
		if f.ExactKey(a) != f.ExactKey(b) {
			seen[FoldDiacritics] = true
		}
		if tw[i].Case != nw[i].Case || f.ExactKey(a) == f.ExactKey(b) && pa != pb {
			seen[FoldCase] = true
		}
	}
	var out []Fold
	for _, fo := range []Fold{FoldCase, FoldDiacritics, FoldPunct, FoldVariant, FoldDash} {
		if seen[fo] {
			out = append(out, fo)
		}
	}
	return out
}

// IDs appends to dst the vocabulary id of each key in keys, as ID would:
// key k is keys[ends[k-1]:ends[k]] (keys[:ends[0]] for the first). A
// caller with a whole text's keys folded back to back looks them up
// together, which is faster than one by one: the lookups' cache misses
// overlap.
func (m *Matcher) IDs(dst []int32, keys string, ends []int32) []int32 {
	return m.vocab.getAll(dst, keys, ends)
}
