package lexicon

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"

	"github.com/newsann/newsann/annotate/token"
)

// The matcher section of compiled.bin follows the files: the tables that
// compile builds from the files' entries, so that Default loads them
// instead of tokenizing and folding every name (two thirds of its time).
// Entries are referred to by their index in the Lexicon's entry order,
// which merging the same files always gives. Layout, after the magic
// line, in uvarints unless said:
//
//	entries          the number of entries the tables were compiled from
//	maxLen
//	tokens, nodes    len(first) and the number of trie nodes
//	first[1:]        the node each token id reaches from the root
//	vocabulary       the keys' bytes (one string), then the number of
//	                 keys and each key's length and token id, in arena
//	                 order
//	edges            their number, then node, token id and the child's
//	                 increase over the previous edge's child, in the
//	                 order the children were made
//	start            each node's number of payloads
//	reqs             one string, a byte a requirement
//	texts            strings
//	payloads         entry index, form, reqOff, reqLen, textOff+1
//	witnesses        their number, then entry index, form and index in
//	                 the form's list of names the loader re-checks
//	checksum         4 bytes, little endian: CRC-32C of the whole file
//	                 before it
//
// The hash tables' slots are not stored: they are refilled from the keys
// (a hash and a probe a key, no allocation), which keeps the file
// independent of the table layout.
//
// A loaded matcher must equal the compiled one. The checksum catches a
// damaged file, the entry count and the bounds checks tables that do not
// fit the entries, and the witnesses a change to the tokenizer or folding
// that compiled.bin was not regenerated for: names covering every
// character the gazetteer's names use are tokenized and folded again,
// and must reach a node that names their entry with the same case
// requirements. Whatever fails, Default compiles the matcher instead.

const matcherMagic = "newsann-matcher-v1\n"

// EncodeCompiled returns files in the compiled form (EncodeFiles)
// followed by the tables of the matcher they compile to: what
// compiled.bin holds, so that Default loads the matcher instead of
// compiling it. It builds the files without validation, as Default does;
// validate them first. It is exported for gen_compiled.go, the program
// `go generate` runs, which sees only exported names.
func EncodeCompiled(files []*File) ([]byte, error) {
	l, err := Build(files, Options{SkipValidation: true})
	if err != nil {
		return nil, err
	}
	w := &writer{buf: EncodeFiles(files)}
	w.matcher(l)
	w.buf = binary.LittleEndian.AppendUint32(w.buf, crc32.Checksum(w.buf, crc32.MakeTable(crc32.Castagnoli)))
	return w.buf, nil
}

func (w *writer) matcher(l *Lexicon) {
	m := l.matcher
	index := make(map[*Entry]int, len(l.entries))
	for i, e := range l.entries {
		index[e] = i
	}
	nodes := len(m.start) - 1
	w.buf = append(w.buf, matcherMagic...)
	w.uint(len(l.entries))
	w.uint(m.maxLen)
	w.uint(len(m.first))
	w.uint(nodes)
	for _, n := range m.first[1:] {
		w.uint(int(n))
	}
	w.str(string(m.vocab.arena))
	keys := m.vocab.keys()
	w.uint(len(keys))
	for _, k := range keys {
		w.uint(int(k.size()))
		w.uint(int(k.id))
	}
	edges := m.edges.edges()
	w.uint(len(edges))
	var child int32
	for _, e := range edges {
		w.uint(int(e.node))
		w.uint(int(e.id))
		w.uint(int(e.child - child))
		child = e.child
	}
	for n := range nodes {
		w.uint(int(m.start[n+1] - m.start[n]))
	}
	reqs := make([]byte, len(m.reqs))
	for i, r := range m.reqs {
		reqs[i] = byte(r)
	}
	w.str(string(reqs))
	w.strs(m.texts)
	for i, p := range m.payloads {
		w.uint(index[m.cands[i].Entry])
		w.uint(int(m.cands[i].Form))
		w.uint(int(p.reqOff))
		w.uint(int(p.reqLen))
		w.uint(int(p.textOff + 1))
	}
	ws := m.witnesses(l)
	w.uint(len(ws))
	for _, wi := range ws {
		w.uint(index[wi.e])
		w.uint(int(wi.form))
		w.uint(wi.i)
	}
}

// witness is a name the loader checks: entry e's i-th name of form form.
type witness struct {
	e    *Entry
	form Form
	i    int
}

// names returns e's names of form f.
func (e *Entry) names(f Form) []string {
	switch f {
	case FormName:
		return []string{e.Name}
	case FormAlias:
		return e.Aliases
	case FormDemonym:
		return e.Demonyms
	case FormShort:
		return e.Short
	}
	return nil
}

// witnesses picks the names the loader checks: the first name (in entry
// order) to use each character that the names before it did not, among
// the names the matcher holds.
func (m *Matcher) witnesses(l *Lexicon) []witness {
	seen := map[rune]bool{}
	var out []witness
	c := newChecker()
	for _, e := range l.entries {
		for form := FormName; form <= FormShort; form++ {
			for i, s := range e.names(form) {
				fresh := false
				for _, r := range s {
					if !seen[r] {
						fresh = true
						break
					}
				}
				if !fresh || !c.holds(m, e, s) {
					continue
				}
				for _, r := range s {
					seen[r] = true
				}
				out = append(out, witness{e, form, i})
			}
		}
	}
	return out
}

// checker tokenizes and folds names to look them up in a matcher.
type checker struct {
	f    *token.Folder
	toks []token.Token
	key  []byte
}

func newChecker() *checker { return &checker{f: token.NewFolder()} }

// holds reports whether m matches name as the name of e: its tokens, as
// the tokenizer and folder make them now, reach a node with a payload of
// e whose case requirements are those of name or looser (a payload keeps
// the loosest requirements of the entry's names that share its key).
func (c *checker) holds(m *Matcher, e *Entry, name string) bool {
	c.toks = token.Tokenize(c.toks[:0], name)
	var reqs [MaxNameTokens]caseReq
	var words [MaxNameTokens]string
	var node int32
	n := 0
	for _, t := range c.toks {
		w := t.Text(name)
		if token.IsDash(w) {
			continue
		}
		if n == MaxNameTokens {
			return false
		}
		c.key = c.f.AppendKey(c.key[:0], w)
		id := m.vocab.getBytes(c.key)
		if id == 0 {
			return false
		}
		if node == 0 {
			node = m.first[id]
		} else {
			node = m.edges.get(node, id)
		}
		if node == 0 {
			return false
		}
		reqs[n], words[n] = reqFor(e, t, w), w
		n++
	}
	if n == 0 {
		return false
	}
	ps, cs := m.at(node)
	for i := range ps {
		p := &ps[i]
		if cs[i].Entry != e {
			continue
		}
		if int(p.reqLen) != n {
			return false
		}
		for k, r := range m.reqs[p.reqOff : p.reqOff+p.reqLen] {
			if r > reqs[k] {
				return false
			}
			if r == exact && m.texts[int(p.textOff)+k] != plain(words[k]) {
				return false
			}
		}
		return true
	}
	return false
}

// loadMatcher returns the matcher stored in data, the compiled form of
// the files l was built from, whose section starts at byte at (s is data
// as a string), or why it cannot be used.
func loadMatcher(data []byte, s string, at int, l *Lexicon) (*Matcher, error) {
	if at == len(s) {
		return nil, errors.New("no stored matcher")
	}
	if len(s)-at < len(matcherMagic)+4 || !strings.HasPrefix(s[at:], matcherMagic) {
		return nil, errors.New("no matcher section after the files")
	}
	end := len(data) - 4
	if crc32.Checksum(data[:end], crc32.MakeTable(crc32.Castagnoli)) != binary.LittleEndian.Uint32(data[end:]) {
		return nil, errors.New("checksum mismatch")
	}
	return decodeMatcher(s[:end], at+len(matcherMagic), l)
}

// decodeMatcher reads the matcher section of s from byte at (after its
// magic line) to the end, for the entries of l.
func decodeMatcher(s string, at int, l *Lexicon) (m *Matcher, err error) {
	r := &reader{s: s, i: at}
	defer func() {
		if e := recover(); e != nil {
			m, err = nil, fmt.Errorf("stored matcher corrupt at byte %d: %v", r.i, e)
		}
	}()
	m = r.matcher(l)
	if r.i != len(r.s) {
		return nil, fmt.Errorf("stored matcher: %d trailing bytes", len(r.s)-r.i)
	}
	return m, nil
}

// matcher reads the matcher section (after its magic line), checking
// every index it reads against what it indexes, and panics at the first
// problem.
func (r *reader) matcher(l *Lexicon) *Matcher {
	fail := func(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
	if n := r.uint(); n != len(l.entries) {
		fail("tables for %d entries, not %d", n, len(l.entries))
	}
	m := &Matcher{}
	m.maxLen = r.uint()
	if m.maxLen > MaxNameTokens {
		fail("names of %d tokens", m.maxLen)
	}
	ntok := r.count(1)  // len(first), each at least a byte
	nodes := r.count(1) // each at least a byte of start
	if ntok < 1 || nodes < 1 {
		fail("no root")
	}
	m.first = make([]int32, ntok)
	for i := 1; i < ntok; i++ {
		n := r.uint()
		if n >= nodes {
			fail("token %d reaches node %d of %d", i, n, nodes)
		}
		m.first[i] = int32(n)
	}

	arena := r.str()
	nkeys := r.count(2)
	m.vocab = strTab{slots: make([]strSlot, 1<<tabBits(nkeys)), arena: []byte(arena)}
	off := 0
	for range nkeys {
		n, id := r.uint(), r.uint()
		if n > len(arena)-off || id < 1 || id >= ntok {
			fail("vocabulary key of %d bytes at %d (of %d), id %d (of %d)", n, off, len(arena), id, ntok)
		}
		if !m.vocab.place(uint32(off), uint32(n), int32(id)) {
			fail("vocabulary key %q twice", arena[off:off+n])
		}
		off += n
	}
	if off != len(arena) {
		fail("vocabulary keys of %d bytes, not %d", off, len(arena))
	}

	nedges := r.count(3)
	m.edges = newEdgeTab(nedges)
	child := 0
	for range nedges {
		node, id, d := r.uint(), r.uint(), r.uint()
		child += d
		if node < 1 || node >= nodes || id < 1 || id >= ntok || d < 1 || child >= nodes {
			fail("edge %d-%d->%d (%d nodes, %d tokens)", node, id, child, nodes, ntok)
		}
		if !m.edges.add(int32(node), int32(id), int32(child)) {
			fail("edge %d-%d twice", node, id)
		}
	}

	m.start = make([]int32, nodes+1)
	total := 0
	for n := range nodes {
		total += r.uint()
		if total*5 > len(r.s)-r.i { // a payload takes at least 5 bytes
			fail("%d payloads overrun the data", total)
		}
		m.start[n+1] = int32(total)
	}

	reqs := r.str()
	m.reqs = make([]caseReq, len(reqs))
	for i := range len(reqs) {
		if reqs[i] > byte(exact) {
			fail("case requirement %d", reqs[i])
		}
		m.reqs[i] = caseReq(reqs[i])
	}
	m.texts = r.strs()

	m.payloads = make([]payload, total)
	m.cands = make([]Candidate, total)
	for i := range m.payloads {
		e, form, reqOff, reqLen, textOff := r.uint(), r.uint(), r.uint(), r.uint(), r.uint()-1
		switch {
		case e >= len(l.entries) || form > int(FormShort):
			fail("payload of entry %d (of %d), form %d", e, len(l.entries), form)
		case reqLen < 1 || reqLen > MaxNameTokens || reqOff > len(m.reqs)-reqLen:
			fail("payload requirements %d+%d of %d", reqOff, reqLen, len(m.reqs))
		case textOff >= 0 && textOff > len(m.texts)-reqLen:
			fail("payload texts %d+%d of %d", textOff, reqLen, len(m.texts))
		case textOff < 0:
			for _, q := range m.reqs[reqOff : reqOff+reqLen] {
				if q == exact {
					fail("exact payload without texts")
				}
			}
		}
		m.payloads[i] = payload{reqOff: int32(reqOff), reqLen: int32(reqLen), textOff: int32(textOff)}
		m.cands[i] = Candidate{Entry: l.entries[e], Form: Form(form)}
	}
	m.index()

	c := newChecker()
	for range r.count(3) {
		e, form, i := r.uint(), r.uint(), r.uint()
		if e >= len(l.entries) || form > int(FormShort) {
			fail("witness of entry %d (of %d), form %d", e, len(l.entries), form)
		}
		names := l.entries[e].names(Form(form))
		if i >= len(names) {
			fail("witness name %d of %d", i, len(names))
		}
		if !c.holds(m, l.entries[e], names[i]) {
			fail("%s no longer matches %q as it did when compiled.bin was generated: regenerate it (go generate ./lexicon)", l.entries[e].ID, names[i])
		}
	}
	return m
}
