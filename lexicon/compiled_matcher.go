package lexicon

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
	"strings"
	"unsafe"

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
//	first[1:]        column: the node each token id reaches from the root
//	vocabulary       the keys' bytes (one string), then the number of
//	                 keys and the columns of their lengths and token ids,
//	                 in arena order
//	edges            their number, then the columns of their nodes,
//	                 token ids and the child's increase over the previous
//	                 edge's child, in the order the children were made,
//	                 and of the slot each has in a table of as many
//	                 edges filled in that order (see below)
//	start            column: each node's number of payloads
//	reqs             one string, a byte a requirement
//	texts            strings
//	payloads         the columns of their entry indexes, forms, reqOff,
//	                 reqLen, textOff+1 and cases
//	info, firstInfo  strings, a byte a node and a token id
//	filter           the edges' filter: a string, 8 bytes a word, little
//	                 endian
//	witnesses        their number, then entry index, form and index in
//	                 the form's list of names the loader re-checks
//	checksum         4 bytes, little endian: CRC-32 (IEEE) of the whole
//	                 file before it
//
// The payloads' cases, the nodes' info and the edges' filter are what
// Matcher.index computes from the tables before them: they are stored so
// that Default copies them rather than computing them (a tenth of its
// work), for 80 KB of compiled.bin. TestStoredMatcher holds them to what
// index computes, and a wrong value (in a damaged file whose checksum
// was made to fit) makes a wrong match, never an index out of range.
//
// The edges' slots are stored so that the loader places each edge in its
// slot rather than hashing it and probing for one: the table it fills is
// the one adding the edges in order to a table sized for them gives
// (TestStoredMatcher holds it to that), so a change to the edge table's
// hash or layout makes compiled.bin stale, which TestCompiledUpToDate
// reports. A slot out of range or taken twice fails the load; one that
// is merely wrong (in a damaged file whose checksum was made to fit)
// loses the edge, a name not matched, as a witness may show.
//
// A column (see writer.column) is a table's numbers in fixed width, the
// fewest bytes (1, 2 or 4) that hold its largest, one table after
// another: the loader reads tens of thousands of them, and a number of
// fixed width is read without the branches of a uvarint's.
//
// The hash tables' slots are not stored: they are refilled from the keys
// (a hash and a probe a key, no allocation), which keeps the file
// independent of the table layout.
//
// The checksum is CRC-32 with the IEEE polynomial, not CRC-32C (as
// strong against a damaged file): Go makes the tables of either on first
// use, once a process, and CRC-32C's take 1.2M instructions at every
// start-up, about a tenth of Default, where IEEE's take a fiftieth of it.
//
// A loaded matcher must equal the compiled one. The checksum catches a
// damaged file, the entry count and the bounds checks tables that do not
// fit the entries, and the witnesses a change to the tokenizer or folding
// that compiled.bin was not regenerated for: names covering every
// character the gazetteer's names use are tokenized and folded again,
// and must reach a node that names their entry with the same case
// requirements. Whatever fails, Default compiles the matcher instead.

const matcherMagic = "newsann-matcher-v2\n"

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
	w.buf = binary.LittleEndian.AppendUint32(w.buf, crc32.ChecksumIEEE(w.buf))
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
	w.column(len(m.first)-1, func(i int) int { return int(m.first[i+1]) })
	w.str(string(m.vocab.arena))
	keys := m.vocab.keys()
	w.uint(len(keys))
	w.column(len(keys), func(i int) int { return int(keys[i].size()) })
	w.column(len(keys), func(i int) int { return int(keys[i].id) })
	edges := m.edges.edges()
	w.uint(len(edges))
	w.column(len(edges), func(i int) int { return int(edges[i].node) })
	w.column(len(edges), func(i int) int { return int(edges[i].id) })
	w.column(len(edges), func(i int) int {
		if i == 0 {
			return int(edges[0].child)
		}
		return int(edges[i].child - edges[i-1].child)
	})
	laid := newEdgeTab(len(edges))
	for _, e := range edges {
		laid.add(e.node, e.id, e.child)
	}
	slotOf := make(map[int32]int, len(edges)) // child -> slot
	for i, s := range laid.slots {
		if s.node != 0 {
			slotOf[s.child] = i
		}
	}
	w.column(len(edges), func(i int) int { return slotOf[edges[i].child] })
	w.column(nodes, func(n int) int { return int(m.start[n+1] - m.start[n]) })
	reqs := make([]byte, len(m.reqs))
	for i, r := range m.reqs {
		reqs[i] = byte(r)
	}
	w.str(string(reqs))
	w.strs(m.texts)
	ps := m.payloads
	w.column(len(ps), func(i int) int { return index[m.cands[i].Entry] })
	w.column(len(ps), func(i int) int { return int(m.cands[i].Form) })
	w.column(len(ps), func(i int) int { return int(ps[i].reqOff) })
	w.column(len(ps), func(i int) int { return int(ps[i].reqLen) })
	w.column(len(ps), func(i int) int { return int(ps[i].textOff + 1) })
	w.column(len(ps), func(i int) int { return int(ps[i].cases) })
	w.str(string(m.info))
	w.str(string(m.firstInfo))
	filter := make([]byte, 0, 8*len(m.edges.filter))
	for _, f := range m.edges.filter {
		filter = binary.LittleEndian.AppendUint64(filter, f)
	}
	w.str(string(filter))
	ws := m.witnesses(l)
	w.uint(len(ws))
	for _, wi := range ws {
		w.uint(index[wi.e])
		w.uint(int(wi.form))
		w.uint(wi.i)
	}
}

// column writes the n numbers at(0), ..., at(n-1), none negative, as a
// column: a byte saying their width (1, 2 or 4), the fewest bytes that
// hold the largest, then each in that many bytes, little endian.
func (w *writer) column(n int, at func(int) int) {
	most := 0
	for i := range n {
		most = max(most, at(i))
	}
	width := 4
	switch {
	case most < 1<<8:
		width = 1
	case most < 1<<16:
		width = 2
	}
	w.buf = append(w.buf, byte(width))
	for i := range n {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(at(i)))[:len(w.buf)+width]
	}
}

// readOnly returns the bytes of s as a slice of a byte-sized type
// without copying them: the stored matcher's vocabulary arena, case
// requirements and nodes' info point into compiled.bin (90 KB not
// copied at every start-up), which lives as long as the process. The
// slice must never be written to (only compiling writes these tables);
// its capacity is its length, so appending to it copies it.
func readOnly[T ~uint8](s string) []T {
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.StringData(s))), len(s))
}

// column is a column of numbers (writer.column) being read.
type column struct {
	s     string // the numbers' bytes
	width int
}

// column reads the width of a column of n numbers and returns it,
// leaving the reader after its numbers.
func (r *reader) column(n int) column {
	width := int(r.s[r.i])
	r.i++
	if width != 1 && width != 2 && width != 4 {
		panic(fmt.Sprintf("column of width %d", width))
	}
	if n > (len(r.s)-r.i)/width {
		panic(fmt.Sprintf("column of %d numbers overruns the data", n))
	}
	c := column{s: r.s[r.i : r.i+n*width], width: width}
	r.i += n * width
	return c
}

// colBlock is how many numbers of a column the loader decodes at a time
// (read), into buffers on the stack.
const colBlock = 128

// read sets dst to the column's numbers from the i-th on, len(dst) of
// them. The loader reads a column a block at a time, the width chosen
// once a block: chosen once a number, as an accessor of one number must,
// it cost a sixth of Default.
func (c column) read(i int, dst []uint32) {
	switch c.width {
	case 1:
		s := c.s[i : i+len(dst)]
		for k := range dst {
			dst[k] = uint32(s[k])
		}
	case 2:
		s := c.s[2*i : 2*(i+len(dst))]
		for k := range dst {
			p := s[2*k : 2*k+2]
			dst[k] = uint32(p[0]) | uint32(p[1])<<8
		}
	default:
		s := c.s[4*i : 4*(i+len(dst))]
		for k := range dst {
			p := s[4*k : 4*k+4]
			dst[k] = uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16 | uint32(p[3])<<24
		}
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

// witnesses picks the names the loader checks: names the matcher holds
// that together use every character the names it holds use. Each pick is
// the name that adds the most characters not yet used (the first in
// entry order of those that add as many), so that few names cover them
// all: the loader tokenizes and folds each at every start-up. They are
// returned in entry order.
func (m *Matcher) witnesses(l *Lexicon) []witness {
	type cand struct {
		w     witness
		runes []rune // the name's characters, each once
	}
	var cands []cand
	left := map[rune]bool{} // characters no pick uses yet
	c := newChecker()
	for _, e := range l.entries {
		for form := FormName; form <= FormShort; form++ {
			for i, s := range e.names(form) {
				if !c.holds(m, e, s) {
					continue
				}
				var rs []rune
				for _, r := range s {
					if !slices.Contains(rs, r) {
						rs = append(rs, r)
					}
					left[r] = true
				}
				cands = append(cands, cand{witness{e, form, i}, rs})
			}
		}
	}
	var picked []int // indexes into cands
	for len(left) > 0 {
		best, most := -1, 0
		for k, cd := range cands {
			n := 0
			for _, r := range cd.runes {
				if left[r] {
					n++
				}
			}
			if n > most {
				best, most = k, n
			}
		}
		for _, r := range cands[best].runes {
			delete(left, r)
		}
		picked = append(picked, best)
	}
	slices.Sort(picked)
	out := make([]witness, len(picked))
	for k, p := range picked {
		out[k] = cands[p].w
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
	if crc32.ChecksumIEEE(data[:end]) != binary.LittleEndian.Uint32(data[end:]) {
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
	// The columns are read a block at a time into these (column.read).
	var c0, c1, c2, c3 [colBlock]uint32
	m.first = make([]int32, ntok)
	firsts := r.column(ntok - 1)
	for i := 1; i < ntok; i += colBlock {
		blk := c0[:min(colBlock, ntok-i)]
		firsts.read(i-1, blk)
		for k, n := range blk {
			if int(n) >= nodes {
				fail("token %d reaches node %d of %d", i+k, n, nodes)
			}
			m.first[i+k] = int32(n)
		}
	}

	arena := r.str()
	nkeys := r.count(2)
	m.vocab = strTab{slots: make([]strSlot, 1<<tabBits(nkeys)), arena: readOnly[byte](arena)}
	sizes, ids := r.column(nkeys), r.column(nkeys)
	off := 0
	for k0 := 0; k0 < nkeys; k0 += colBlock {
		n := min(colBlock, nkeys-k0)
		ns, is := c0[:n], c1[:n]
		sizes.read(k0, ns)
		ids.read(k0, is)
		for k, size := range ns {
			id := is[k]
			if int(size) > len(arena)-off || id-1 >= uint32(ntok-1) { // id from 1 to ntok-1
				fail("vocabulary key of %d bytes at %d (of %d), id %d (of %d)", size, off, len(arena), id, ntok)
			}
			if !m.vocab.place(uint32(off), size, int32(id)) {
				fail("vocabulary key %q twice", arena[off:off+int(size)])
			}
			off += int(size)
		}
	}
	if off != len(arena) {
		fail("vocabulary keys of %d bytes, not %d", off, len(arena))
	}

	nedges := r.count(3)
	m.edges = newEdgeTab(nedges)
	froms, by, steps, slots := r.column(nedges), r.column(nedges), r.column(nedges), r.column(nedges)
	child := 0
	for k0 := 0; k0 < nedges; k0 += colBlock {
		n := min(colBlock, nedges-k0)
		fs, is, ds, ss := c0[:n], c1[:n], c2[:n], c3[:n]
		froms.read(k0, fs)
		by.read(k0, is)
		steps.read(k0, ds)
		slots.read(k0, ss)
		for k, node := range fs {
			id, d := is[k], ds[k]
			child += int(d)
			// node and id from 1, d at least 1.
			if node-1 >= uint32(nodes-1) || id-1 >= uint32(ntok-1) || d == 0 || child >= nodes {
				fail("edge %d-%d->%d (%d nodes, %d tokens)", node, id, child, nodes, ntok)
			}
			if !m.edges.put(int(ss[k]), int32(node), int32(id), int32(child)) {
				fail("edge %d-%d in slot %d, taken or out of range", node, id, ss[k])
			}
		}
	}

	m.start = make([]int32, nodes+1)
	counts := r.column(nodes)
	total := 0
	for n0 := 0; n0 < nodes; n0 += colBlock {
		blk := c0[:min(colBlock, nodes-n0)]
		counts.read(n0, blk)
		for k, c := range blk {
			total += int(c)
			m.start[n0+k+1] = int32(total)
		}
		// Checked once a block: the counts are not negative, so no
		// total before the block's last is larger.
		if total*5 > len(r.s)-r.i { // a payload takes at least 5 bytes
			fail("%d payloads overrun the data", total)
		}
	}

	reqs := r.str()
	for i := range len(reqs) {
		if reqs[i] > byte(exact) {
			fail("case requirement %d", reqs[i])
		}
	}
	m.reqs = readOnly[caseReq](reqs)
	m.texts = r.strs()

	m.payloads = make([]payload, total)
	m.cands = make([]Candidate, total)
	cols := [6]column{}
	for k := range cols {
		cols[k] = r.column(total)
	}
	var c4, c5 [colBlock]uint32
	for i0 := 0; i0 < total; i0 += colBlock {
		n := min(colBlock, total-i0)
		es, forms, reqOffs, reqLens, textOffs, cases := c0[:n], c1[:n], c2[:n], c3[:n], c4[:n], c5[:n]
		for k, dst := range [6][]uint32{es, forms, reqOffs, reqLens, textOffs, cases} {
			cols[k].read(i0, dst)
		}
		for k, e := range es {
			form, reqOff, reqLen, textOff, pc := int(forms[k]), int(reqOffs[k]), int(reqLens[k]), int(textOffs[k])-1, cases[k]
			switch {
			case int(e) >= len(l.entries) || form > int(FormShort):
				fail("payload of entry %d (of %d), form %d", e, len(l.entries), form)
			case reqLen < 1 || reqLen > MaxNameTokens || reqOff > len(m.reqs)-reqLen:
				fail("payload requirements %d+%d of %d", reqOff, reqLen, len(m.reqs))
			case textOff >= 0 && textOff > len(m.texts)-reqLen:
				fail("payload texts %d+%d of %d", textOff, reqLen, len(m.texts))
			case textOff < 0 && pc == 0:
				// Matching reads the requirements of a payload whose
				// cases are 0 (Matcher.fits), and an exact one the texts:
				// a payload without them must have none. (One with cases
				// is matched by its cases alone.)
				for _, q := range m.reqs[reqOff : reqOff+reqLen] {
					if q == exact {
						fail("exact payload without texts")
					}
				}
			}
			m.payloads[i0+k] = payload{reqOff: int32(reqOff), reqLen: int32(reqLen), textOff: int32(textOff), cases: pc}
			m.cands[i0+k] = Candidate{Entry: l.entries[e], Form: Form(form)}
		}
	}

	// What index would compute.
	info, firstInfo := r.str(), r.str()
	if len(info) != nodes || len(firstInfo) != ntok {
		fail("info of %d nodes and %d tokens, not %d and %d", len(info), len(firstInfo), nodes, ntok)
	}
	m.info, m.firstInfo = readOnly[uint8](info), readOnly[uint8](firstInfo)
	filter := r.str()
	m.edges.filter, m.edges.fshift = m.edges.newFilter()
	if len(filter) != 8*len(m.edges.filter) {
		fail("edge filter of %d bytes, not %d", len(filter), 8*len(m.edges.filter))
	}
	for i := range m.edges.filter {
		m.edges.filter[i] = le64(filter[8*i:])
	}

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
