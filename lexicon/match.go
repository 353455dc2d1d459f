package lexicon

import (
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

// payload is one name of one entry at a trie node.
type payload struct {
	cand  Candidate
	reqs  []caseReq
	texts []string // plain text of each name token, for exact matching
}

// Matcher finds entry names in tokenized text: the longest name first,
// left to right. It is built once with the lexicon and is safe for
// concurrent use.
type Matcher struct {
	vocab    map[string]int32 // folded token key (variants merged) -> token id, from 1
	first    []int32          // token id -> trie node reached from the root, 0 if none
	edges    map[uint64]int32 // node<<32|token id -> child node
	payloads [][]payload      // node -> the names ending there
	cands    [][]Candidate    // node -> candidates of payloads, shared in matches
	maxLen   int              // longest name, in tokens
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

func compile(l *Lexicon) (*Matcher, error) {
	// Size the tables from the number of names, so they do not grow (and
	// rehash) while filling: this is start-up time.
	names := 1
	for _, e := range l.entries {
		names += 1 + len(e.Aliases) + len(e.Demonyms) + len(e.Short)
	}
	m := &Matcher{
		vocab:    make(map[string]int32, names),
		first:    make([]int32, 1, names),
		edges:    make(map[uint64]int32, names),
		payloads: make([][]payload, 1, names*2),
	}
	f := token.NewFolder()
	// Variant spellings share one token id.
	for _, v := range l.variants {
		var id int32
		for _, s := range v.Spellings {
			if got, ok := m.vocab[f.Key(s)]; ok {
				id = got
				break
			}
		}
		if id == 0 {
			id = m.newToken()
		}
		for _, s := range v.Spellings {
			m.vocab[f.Key(s)] = id
		}
	}
	var toks []token.Token
	for _, e := range l.entries {
		add := func(name string, form Form) {
			toks = token.Tokenize(toks[:0], name)
			m.insert(f, e, name, toks, form)
		}
		add(e.Name, FormName)
		for _, a := range e.Aliases {
			add(a, FormAlias)
		}
		for _, d := range e.Demonyms {
			add(d, FormDemonym)
		}
		for _, s := range e.Short {
			add(s, FormShort)
		}
	}
	m.cands = make([][]Candidate, len(m.payloads))
	for n, ps := range m.payloads {
		if len(ps) == 0 {
			continue
		}
		cs := make([]Candidate, len(ps))
		for i, p := range ps {
			cs[i] = p.cand
		}
		m.cands[n] = cs
	}
	return m, nil
}

func (m *Matcher) newToken() int32 {
	m.first = append(m.first, 0)
	return int32(len(m.first) - 1)
}

func (m *Matcher) newNode() int32 {
	m.payloads = append(m.payloads, nil)
	return int32(len(m.payloads) - 1)
}

func (m *Matcher) insert(f *token.Folder, e *Entry, name string, toks []token.Token, form Form) {
	var node int32
	var reqs []caseReq
	var texts []string
	var buf []byte
	for _, t := range toks {
		w := t.Text(name)
		if token.IsDash(w) {
			continue
		}
		buf = f.AppendKey(buf[:0], w)
		id, ok := m.vocab[string(buf)] // no allocation for a known key
		if !ok {
			id = m.newToken()
			m.vocab[string(buf)] = id
		}
		var next int32
		if node == 0 {
			next = m.first[id]
			if next == 0 {
				next = m.newNode()
				m.first[id] = next
			}
		} else {
			k := uint64(node)<<32 | uint64(id)
			next = m.edges[k]
			if next == 0 {
				next = m.newNode()
				m.edges[k] = next
			}
		}
		node = next
		reqs = append(reqs, reqFor(e, t, w))
		if e.Match == "exact" {
			texts = append(texts, plain(w))
		}
	}
	if node == 0 {
		return
	}
	for i, p := range m.payloads[node] {
		if p.cand.Entry == e {
			// The same entry under two forms with one key (name and alias
			// differing only in case or accents): keep the most
			// permissive requirements and the more important form.
			if form < p.cand.Form {
				m.payloads[node][i].cand.Form = form
			}
			for j := range p.reqs {
				if reqs[j] < p.reqs[j] {
					p.reqs[j] = reqs[j]
				}
			}
			return
		}
	}
	m.payloads[node] = append(m.payloads[node], payload{cand: Candidate{Entry: e, Form: form}, reqs: reqs, texts: texts})
	if n := len(reqs); n > m.maxLen {
		m.maxLen = n
	}
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
// vocabulary (0 for a token no name contains). It appends to dst. The
// Folder is the caller's, one per goroutine.
func (m *Matcher) Keys(dst []int32, f *token.Folder, text string, toks []token.Token) []int32 {
	var buf []byte
	for _, t := range toks {
		buf = f.AppendKey(buf[:0], text[t.Start:t.End])
		dst = append(dst, m.vocab[string(buf)])
	}
	return dst
}

// ID returns the vocabulary id of a folded token key, 0 for a key no name
// contains. With Keys, it lets a caller that folds keys itself (once, for
// several uses) look them up.
func (m *Matcher) ID(key string) int32 { return m.vocab[key] }

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

func (m *Matcher) longest(text string, toks []token.Token, ids []int32, i int) (int, []Candidate) {
	id := ids[i]
	if id == 0 {
		return 0, nil
	}
	node := m.first[id]
	if node == 0 {
		return 0, nil
	}
	bestEnd := 0
	var best []Candidate
	path := [64]int{} // token indexes of the name's tokens, dashes skipped
	n := 0
	j := i
	for {
		if n < len(path) {
			path[n] = j
		}
		n++
		if ps := m.payloads[node]; len(ps) > 0 {
			if cands := m.accept(text, toks, path[:min(n, len(path))], node, ps); len(cands) > 0 {
				bestEnd, best = j+1, cands
			}
		}
		j++
		if j < len(toks) && !toks[j].Space && token.IsDash(text[toks[j].Start:toks[j].End]) &&
			j+1 < len(toks) && !toks[j+1].Space {
			j++ // an attached dash inside a name
		}
		if j >= len(toks) || ids[j] == 0 || n >= m.maxLen {
			break
		}
		next := m.edges[uint64(node)<<32|uint64(ids[j])]
		if next == 0 {
			break
		}
		node = next
	}
	return bestEnd, best
}

// accept filters the payloads at a node by the case of the text's tokens.
func (m *Matcher) accept(text string, toks []token.Token, path []int, node int32, ps []payload) []Candidate {
	all := true
	for _, p := range ps {
		if !p.fits(text, toks, path) {
			all = false
			break
		}
	}
	if all {
		return m.cands[node]
	}
	var out []Candidate
	for _, p := range ps {
		if p.fits(text, toks, path) {
			out = append(out, p.cand)
		}
	}
	return out
}

func (p *payload) fits(text string, toks []token.Token, path []int) bool {
	if len(path) != len(p.reqs) {
		return false
	}
	for k, ti := range path {
		t := toks[ti]
		if p.reqs[k] == exact {
			if plain(text[t.Start:t.End]) != p.texts[k] {
				return false
			}
			continue
		}
		if !p.reqs[k].ok(t) {
			return false
		}
	}
	return true
}

// Lookup returns the entries whose names match the whole of phrase, and
// the forms through which they match. It is what `newsann lexicon lookup`
// shows.
func (m *Matcher) Lookup(phrase string) []Candidate {
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
	return cands
}
