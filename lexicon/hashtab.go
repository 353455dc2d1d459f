package lexicon

import (
	"cmp"
	"math/bits"
	"slices"
)

// The matcher's vocabulary and trie edges are open-addressing hash tables
// in flat slices rather than Go maps: the embedded gazetteer's tables are
// refilled from compiled.bin without a map insert (or an allocation) per
// key, and a lookup, made for every token of every document, hashes a
// short key in a few instructions and touches one slot and the key's
// bytes. Both tables probe linearly and never delete.

// strTab maps byte strings (folded token keys) to token ids. The keys'
// bytes are stored back to back in one arena, in insertion order.
type strTab struct {
	slots []strSlot // a power of two of them; id 0 marks an empty slot
	arena []byte
	n     int
}

// strSlot is one key of a strTab. Most keys, words of news text, are
// short: a key of up to 7 bytes is held whole in w, so a lookup compares
// one word and reads neither the arena nor a second cache line.
type strSlot struct {
	w   uint64 // the key's word (keyHash)
	off uint32 // the key is arena[off : off+size()]
	id  int32
}

// size returns the length of the slot's key.
func (s *strSlot) size() uint32 {
	if s.w&shortKey != 0 {
		return uint32(s.w>>56) &^ 0x80
	}
	return uint32(s.w >> 32)
}

// shortKey marks the word of a key of up to 7 bytes.
const shortKey = 1 << 63

// keyHash returns the hash of key and the word a slot holds for it, and
// whether the word says all of the key. A key of up to 7 bytes is its
// bytes, little endian, with its length and shortKey in the top byte, and
// its hash is that word's, one multiplication; a longer one is its length
// (below 2^31) above the lower half of its hash (most mismatches fail on
// the word, and the arena is read only then). The lower half, not the
// upper, so that clone finds a long key's slot (the hash masked to at most
// 2^31 slots) from its word, without hashing its bytes again.
func keyHash[K string | []byte](key K) (h, w uint64, whole bool) {
	n := len(key)
	if n > 7 {
		h = hashKey(key)
		return h, uint64(n)<<32 | h&(1<<32-1), false
	}
	w = shortKey | uint64(n)<<56 | shortBytes(key)
	return hashMix(w^hashK1, hashK2), w, true
}

// shortBytes returns the bytes of a key of up to 7 bytes as a little
// endian word, zero above them.
func shortBytes[K string | []byte](s K) uint64 {
	switch n := len(s); {
	case n == 0:
		return 0
	case n < 4:
		return uint64(s[0]) | uint64(s[n>>1])<<(8*(n>>1)) | uint64(s[n-1])<<(8*(n-1))
	default:
		return uint64(le32(s)) | uint64(le32(s[n-4:]))<<(8*(n-4))
	}
}

// Load factors: a table grows past 5/8 full. A lookup of an absent key
// (a word no name has) ends at the first empty slot, so the tables are
// kept sparse; a slot is 16 bytes (vocabulary) or 12 (edges).
const (
	loadNum, loadDen = 5, 8
	minTabBits       = 4
	maxTabBits       = 31
)

// sparseBits is the log2 size up to which clone makes a table sparser
// than tabBits: 64K slots, 1 MB.
const sparseBits = 16

// tabBits returns the log2 size of a table for n keys.
func tabBits(n int) int {
	b := minTabBits
	for b < maxTabBits && n*loadDen > (1<<b)*loadNum {
		b++
	}
	return b
}

func newStrTab(n, arena int) strTab {
	return strTab{slots: make([]strSlot, 1<<tabBits(n)), arena: make([]byte, 0, arena)}
}

// get returns the id of key, 0 if absent.
func (t *strTab) get(key string) int32 { return lookup(t, key) }

// getBytes is get for a key in a byte slice (no conversion, no copy).
func (t *strTab) getBytes(key []byte) int32 { return lookup(t, key) }

// lookup is get and getBytes, written once for both kinds of key. It
// probes as find does but with its own loop: it runs for every token of
// every document, and going through find costs it a call (about 3 ns a
// key in BenchmarkVocab, noisily measured).
func lookup[K string | []byte](t *strTab, key K) int32 {
	if len(t.slots) == 0 || len(key) >= 1<<31 {
		return 0
	}
	h, w, _ := keyHash(key)
	return probe(t, h, w, key)
}

// probe returns the id of key, whose hash is h and word w, or 0: the
// probe loop of lookup and getAll. The table must not be empty.
func probe[K string | []byte](t *strTab, h, w uint64, key K) int32 {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		// An empty slot's word is 0, which no key's is.
		if s.w == w && (w&shortKey != 0 || string(t.arena[s.off:s.off+uint32(len(key))]) == string(key)) {
			return s.id
		}
		if s.id == 0 {
			return 0
		}
	}
}

// findSlot returns the slot holding key, or else the empty slot where it
// goes, and the key's word. The table must not be empty.
func findSlot[K string | []byte](t *strTab, key K) (*strSlot, uint64) {
	h, w, whole := keyHash(key)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == 0 || s.w == w && (whole || string(t.arena[s.off:s.off+uint32(len(key))]) == string(key)) {
			return s, w
		}
	}
}

// put sets the id of key, adding the key if it is new. id must not be 0,
// and the key must be shorter than 2^31 bytes.
func (t *strTab) put(key []byte, id int32) {
	s, _ := slotFor(t, key)
	s.id = id
}

// add adds key with the id id unless the table has it, and reports
// whether it did. id must not be 0, and the key must be shorter than
// 2^31 bytes.
func (t *strTab) add(key string, id int32) bool {
	s, added := slotFor(t, key)
	if added {
		s.id = id
	}
	return added
}

// slotFor returns the slot of key, adding the key when t lacks it (and
// saying so), its id for the caller to set before t is used again. A key
// t has takes one probe: the table grows only for a new one.
func slotFor[K string | []byte](t *strTab, key K) (s *strSlot, added bool) {
	if len(key) >= 1<<31 {
		panic("lexicon: vocabulary key too long")
	}
	if len(t.slots) == 0 {
		t.grow()
	}
	s, w := findSlot(t, key)
	if s.id != 0 {
		return s, false
	}
	if (t.n+1)*loadDen > len(t.slots)*loadNum {
		t.grow()
		s, w = findSlot(t, key)
	}
	*s = strSlot{w: w, off: uint32(len(t.arena))}
	t.arena = append(t.arena, key...)
	t.n++
	return s, true
}

// clone returns a copy of t with room for more keys, of moreBytes bytes
// in all, without growing.
// A small table (up to sparseBits) is made twice as large as put would
// make it, at most 5/16 full: it is the vocabulary a pipeline looks
// every token up in (WithWords), and the sparser, the more of its keys
// are found in the slot their hash starts at, and the more of the words
// it lacks end at an empty first slot, without a probe.
func (t *strTab) clone(more, moreBytes int) strTab {
	b := tabBits(t.n + more)
	if b < sparseBits {
		b++
	}
	c := strTab{slots: make([]strSlot, 1<<b), arena: append(make([]byte, 0, len(t.arena)+moreBytes), t.arena...)}
	if len(c.slots) == len(t.slots) {
		copy(c.slots, t.slots)
		c.n = t.n
		return c
	}
	// The keys are distinct and their words made: each slot moves to
	// the first empty one from its hash, with no key compared and the
	// arena unread: a short key's hash is its word's, and a long key's
	// word holds the lower half of its hash, all the mask (below 2^32)
	// keeps.
	mask := uint64(len(c.slots) - 1)
	for _, s := range t.slots {
		if s.id == 0 {
			continue
		}
		var h uint64
		if s.w&shortKey != 0 {
			h = hashMix(s.w^hashK1, hashK2)
		} else {
			h = s.w & (1<<32 - 1)
		}
		i := h & mask
		for c.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		c.slots[i] = s
	}
	c.n = t.n
	return c
}

// grow doubles the table.
func (t *strTab) grow() {
	old := t.slots
	t.slots, t.n = make([]strSlot, max(2*len(old), 1<<minTabBits)), 0
	for _, s := range old {
		if s.id != 0 {
			t.place(s.off, s.size(), s.id)
		}
	}
}

// place adds the key whose bytes are already in the arena at
// arena[off:off+n], with the id id. It reports false, leaving the table
// as it was, if the key is there already. The table must have room for
// it.
func (t *strTab) place(off, n uint32, id int32) bool {
	// findSlot's loop written out for a key in the arena: the loader of
	// compiled.bin places thousands of keys at every start-up, and a
	// call less for each is a tenth of placing them.
	key := t.arena[off : off+n]
	h, w, whole := keyHash(key)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == 0 {
			*s = strSlot{w: w, off: off, id: id}
			t.n++
			return true
		}
		if s.w == w && (whole || string(t.arena[s.off:s.off+n]) == string(key)) {
			return false
		}
	}
}

// keys returns the table's slots in arena (insertion) order.
func (t *strTab) keys() []strSlot {
	out := make([]strSlot, 0, t.n)
	for _, s := range t.slots {
		if s.id != 0 {
			out = append(out, s)
		}
	}
	// An empty key shares its offset with the key after it: it goes first.
	slices.SortFunc(out, func(a, b strSlot) int { return cmp.Or(cmp.Compare(a.off, b.off), cmp.Compare(a.size(), b.size())) })
	return out
}

// lookupBlock is how many keys getAll hashes before it probes for them.
const lookupBlock = 64

// getAll appends the id of each key in keys to dst, as get would: key k is
// keys[ends[k-1]:ends[k]] (from 0 for the first). It works a block of keys
// at a time: it hashes them and reads the slot each starts at before it
// probes for any. A document's words are looked up in a table the rest of
// the pipeline has pushed out of the cache; reads that do not depend on
// one another let their cache misses overlap, where probing key by key
// waits out each miss in turn.
func (t *strTab) getAll(dst []int32, keys string, ends []int32) []int32 {
	n0 := len(dst)
	dst = slices.Grow(dst, len(ends))[:n0+len(ends)]
	out := dst[n0:]
	if len(t.slots) == 0 {
		clear(out)
		return dst
	}
	// fast is how many keys start at least eight bytes before the end of
	// keys: each of those is read as one word.
	fast := len(ends)
	for fast > 0 {
		start := 0 // of key fast-1
		if fast > 1 {
			start = int(ends[fast-2])
		}
		if start+8 <= len(keys) {
			break
		}
		fast--
	}
	var blk lookupBlk
	start := uint32(0)
	for b := 0; b < len(ends); b += lookupBlock {
		block := ends[b:min(b+lookupBlock, len(ends))]
		blk.hash(keys, block, start, max(min(fast-b, len(block)), 0))
		blk.first(t.slots, len(block))
		start = blk.resolve(t, out[b:b+len(block)], keys, block, start)
	}
	return dst
}

// lookupBlk is getAll's scratch for a block of keys: their hashes and
// words, and the word and id of the slot each starts at. Each of its
// steps is a method of its own, a small loop whose values stay in
// registers.
type lookupBlk struct {
	hs, ws, firstW [lookupBlock]uint64
	firstID        [lookupBlock]int32
}

// hash sets the hash and word of each key of block, as keyHash does; the
// first key starts at start, and the first fast keys at least eight bytes
// before the end of keys, so that a short one is read as one word of keys
// without a call or a branch on its length.
//
// The short keys are hashed in an inner loop that makes no call, so that
// its values stay in registers; a long key (keyHash's call) ends it, and
// it starts again after.
func (b *lookupBlk) hash(keys string, block []int32, start uint32, fast int) {
	s := int(start)
	hs, ws, short := &b.hs, &b.ws, block[:fast]
	for k := 0; k < len(short); {
		for ; k < len(short); k++ {
			e := int(short[k])
			n := e - s
			if uint(n) > 7 {
				break
			}
			w := shortKey | uint64(n)<<56 | le64(keys[s:s+8])&lowBytes[n&7]
			hs[k&(lookupBlock-1)], ws[k&(lookupBlock-1)] = hashMix(w^hashK1, hashK2), w
			s = e
		}
		if k < len(short) {
			e := int(short[k])
			hs[k&(lookupBlock-1)], ws[k&(lookupBlock-1)], _ = keyHash(keys[s:e])
			s = e
			k++
		}
	}
	if fast < len(block) {
		b.hashRest(keys, block, s, fast)
	}
}

// hashRest is hash for the keys of block from the fast-th on, the first
// starting at s: those too near the end of keys to be read as a word.
// A function of its own, called once a block at most, so that hash's
// loop over the other keys does not keep this loop's values.
//
//go:noinline
func (b *lookupBlk) hashRest(keys string, block []int32, s, fast int) {
	for k, e := range block[fast:] {
		k += fast
		b.hs[k&(lookupBlock-1)], b.ws[k&(lookupBlock-1)], _ = keyHash(keys[s:e])
		s = int(e)
	}
}

// lowBytes[n] keeps the n low bytes of a word: a load where the mask
// computed by a shift (n in CX) had taken five instructions a key.
var lowBytes = [8]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff}

// first reads the slot each key's hash starts at: reads that do not
// depend on one another, whose cache misses overlap.
func (b *lookupBlk) first(slots []strSlot, n int) {
	mask := uint64(len(slots) - 1)
	for j := range b.hs[:n] {
		sl := &slots[b.hs[j]&mask]
		b.firstID[j], b.firstW[j] = sl.id, sl.w
	}
}

// resolve sets out to the ids of the keys of block, whose first slots
// first read, and returns where the key after them starts.
func (b *lookupBlk) resolve(t *strTab, out []int32, keys string, block []int32, start uint32) uint32 {
	s := start
	for k, e := range block {
		e := uint32(e)
		j := k & (lookupBlock - 1)
		id := b.firstID[j]
		if w := b.ws[j]; b.firstW[j] != w || w&shortKey == 0 {
			// Else a short key in the slot its hash starts at, as most
			// are: found without a probe. An empty first slot says the
			// key is absent.
			if id != 0 {
				id = probe(t, b.hs[j], w, keys[s:e])
			}
		}
		if k < len(out) { // always: so that out[k] needs no bounds check
			out[k] = id
		}
		s = e
	}
	return s
}

// edgeTab maps a trie node and a token id to the child node.
type edgeTab struct {
	slots []edgeSlot // a power of two of them; node 0 (the root, whose children are in Matcher.first) marks an empty slot
	shift uint       // 64 - log2(len(slots))
	n     int
	// filter has a bit set for every edge, indexed by the top bits of
	// its hash (64 - fshift of them): eight bits an edge's slot, so that
	// most edges the table lacks, the words that continue no name, are
	// ruled out by a read of this small set rather than of the table,
	// which the rest of the pipeline pushes out of the cache. Built by
	// index; empty until then.
	filter []uint64
	fshift uint
}

type edgeSlot struct{ node, id, child int32 }

func newEdgeTab(n int) edgeTab {
	b := tabBits(n)
	return edgeTab{slots: make([]edgeSlot, 1<<b), shift: uint(64 - b)}
}

// edgeHash is Fibonacci hashing of the pair: its top bits index the table.
func edgeHash(node, id int32) uint64 {
	return (uint64(uint32(node))<<32 | uint64(uint32(id))) * 0x9e3779b97f4a7c15
}

// get returns the child of node by token id, 0 if none.
func (t *edgeTab) get(node, id int32) int32 {
	if len(t.slots) == 0 {
		return 0
	}
	mask := uint64(len(t.slots) - 1)
	for i := edgeHash(node, id) >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.node == node && s.id == id {
			return s.child
		}
		if s.node == 0 {
			return 0
		}
	}
}

// add adds an edge that is not in the table yet. node must not be 0.
// It reports false if the edge was already there (and leaves it).
func (t *edgeTab) add(node, id, child int32) bool {
	if (t.n+1)*loadDen > len(t.slots)*loadNum {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := edgeHash(node, id) >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.node == 0 {
			*s = edgeSlot{node, id, child}
			t.n++
			if len(t.filter) > 0 {
				t.setFilter(node, id)
			}
			return true
		}
		if s.node == node && s.id == id {
			return false
		}
	}
}

// put sets slot i to the edge of node by id to child, where the loader
// of compiled.bin was told it goes, and reports false if the slot is
// taken or out of range. The table must have room for the edge.
func (t *edgeTab) put(i int, node, id, child int32) bool {
	if i >= len(t.slots) || t.slots[i].node != 0 {
		return false
	}
	t.slots[i] = edgeSlot{node, id, child}
	t.n++
	return true
}

func (t *edgeTab) grow() {
	old := t.slots
	b := max(bits.Len(uint(len(old))), minTabBits) // doubles a power of two
	t.slots, t.shift, t.n = make([]edgeSlot, 1<<b), uint(64-b), 0
	for _, e := range old {
		if e.node != 0 {
			t.add(e.node, e.id, e.child)
		}
	}
}

// index builds the filter of the table's edges.
func (t *edgeTab) index() {
	t.filter, t.fshift = t.newFilter()
	for _, s := range t.slots {
		if s.node != 0 {
			t.setFilter(s.node, s.id)
		}
	}
}

// newFilter returns an empty filter for the table's edges, and its
// shift.
func (t *edgeTab) newFilter() ([]uint64, uint) {
	b := tabBits(t.n) + 3
	return make([]uint64, max(1<<b/64, 1)), uint(64 - b)
}

func (t *edgeTab) setFilter(node, id int32) {
	b := edgeHash(node, id) >> t.fshift
	t.filter[b/64] |= 1 << (b % 64)
}

// mayHave reports whether the table may have an edge from node by id:
// false is sure, true is for get to settle.
func (t *edgeTab) mayHave(node, id int32) bool {
	if len(t.filter) == 0 {
		return true
	}
	b := edgeHash(node, id) >> t.fshift
	return t.filter[b/64]&(1<<(b%64)) != 0
}

// edges returns the table's edges in the order their children were made.
func (t *edgeTab) edges() []edgeSlot {
	out := make([]edgeSlot, 0, t.n)
	for _, s := range t.slots {
		if s.node != 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b edgeSlot) int { return cmp.Compare(a.child, b.child) })
	return out
}

// The string hash: wyhash's final mix over the key read in 8- and 4-byte
// words, enough for the short keys of a vocabulary (a word of news text)
// and well spread in both halves, which index the table (low bits) and
// tag the slot (high bits).
const (
	hashK0 = 0xa0761d6478bd642f
	hashK1 = 0xe7037ed1a0b428db
	hashK2 = 0x8ebc6af09c88c6e3
)

func hashMix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// hashKey hashes a key held in a string or in a byte slice alike.
func hashKey[K string | []byte](s K) uint64 {
	n := len(s)
	seed := uint64(hashK0)
	var a, b uint64
	switch {
	case n == 0:
	case n < 4:
		a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	case n <= 8:
		a = uint64(le32(s))
		b = uint64(le32(s[n-4:]))
	case n <= 16:
		a = le64(s)
		b = le64(s[n-8:])
	default:
		i := 0
		for ; n-i > 16; i += 16 {
			seed = hashMix(le64(s[i:])^hashK1, le64(s[i+8:])^seed)
		}
		a = le64(s[n-16:])
		b = le64(s[n-8:])
	}
	return hashMix(hashK1^uint64(n), hashMix(a^hashK1, b^seed^hashK2))
}

func le32[K string | []byte](s K) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func le64[K string | []byte](s K) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// idTab maps a lexicon's entry ids to their indexes in its entries. It
// replaces a Go map built at every start-up (an insert, with a hash and a
// copy of the key's header, for each of thousands of ids, after a lookup
// for an earlier definition): one flat table of 8-byte slots holding no
// keys, where finding an id and the slot a new one goes in is one probe.
// An id is compared with the id of the entry its slot names.
type idTab struct {
	slots []idSlot // a power of two of them; idx 0 marks an empty slot
	n     int
}

type idSlot struct {
	tag uint32 // the top half of the id's hash
	idx int32  // the entry's index + 1
}

func newIDTab(n int) idTab { return idTab{slots: make([]idSlot, 1<<tabBits(n))} }

// get returns the index of id among entries, the entries t was filled
// from, or -1.
func (t *idTab) get(id string, entries []*Entry) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	s, _ := t.find(id, entries)
	return s.idx - 1
}

// find returns the slot of id, or else the empty slot where it goes, and
// the id's tag. The table must not be empty.
func (t *idTab) find(id string, entries []*Entry) (*idSlot, uint32) {
	h := hashKey(id)
	tag := uint32(h >> 32)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.idx == 0 || s.tag == tag && entries[s.idx-1].ID == id {
			return s, tag
		}
	}
}

// add returns the index among entries (the entries t was filled from)
// of id and true; or, when t lacks it, adds it with the index i and
// returns i and false: entries[i] must then be given id's entry before
// t is used again.
func (t *idTab) add(id string, i int32, entries []*Entry) (int32, bool) {
	if (t.n+1)*loadDen > len(t.slots)*loadNum {
		t.grow(entries)
	}
	s, tag := t.find(id, entries)
	if s.idx != 0 {
		return s.idx - 1, true
	}
	*s = idSlot{tag: tag, idx: i + 1}
	t.n++
	return i, false
}

// grow doubles the table, hashing its ids again.
func (t *idTab) grow(entries []*Entry) {
	old := t.slots
	t.slots = make([]idSlot, max(2*len(old), 1<<minTabBits))
	mask := uint64(len(t.slots) - 1)
	for _, o := range old {
		if o.idx == 0 {
			continue
		}
		for i := hashKey(entries[o.idx-1].ID) & mask; ; i = (i + 1) & mask {
			if t.slots[i].idx == 0 {
				t.slots[i] = o
				break
			}
		}
	}
}
