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

type strSlot struct {
	tag uint32 // the hash's upper half: most mismatches fail on it
	off uint32 // the key is arena[off : off+len]
	len uint32
	id  int32
}

// Load factors: a table grows past 5/8 full. A lookup of an absent key
// (a word no name has) ends at the first empty slot, so the tables are
// kept sparse; a slot is 16 bytes (vocabulary) or 12 (edges).
const (
	loadNum, loadDen = 5, 8
	minTabBits       = 4
	maxTabBits       = 31
)

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
	if len(t.slots) == 0 {
		return 0
	}
	h := hashKey(key)
	mask := uint64(len(t.slots) - 1)
	tag := uint32(h >> 32)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == 0 {
			return 0
		}
		if s.tag == tag && int(s.len) == len(key) && string(t.arena[s.off:s.off+s.len]) == string(key) {
			return s.id
		}
	}
}

// find returns the slot holding key, or else the empty slot where it
// goes, and the key's tag. The table must not be empty.
func (t *strTab) find(key []byte) (*strSlot, uint32) {
	h := hashKey(key)
	mask := uint64(len(t.slots) - 1)
	tag := uint32(h >> 32)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == 0 || s.tag == tag && int(s.len) == len(key) && string(t.arena[s.off:s.off+s.len]) == string(key) {
			return s, tag
		}
	}
}

// put sets the id of key, adding the key if it is new. id must not be 0.
func (t *strTab) put(key []byte, id int32) {
	if (t.n+1)*loadDen > len(t.slots)*loadNum {
		t.grow()
	}
	s, tag := t.find(key)
	if s.id == 0 {
		*s = strSlot{tag: tag, off: uint32(len(t.arena)), len: uint32(len(key))}
		t.arena = append(t.arena, key...)
		t.n++
	}
	s.id = id
}

// clone returns a copy of t with room for more keys without growing.
func (t *strTab) clone(more int) strTab {
	c := strTab{slots: make([]strSlot, 1<<tabBits(t.n+more)), arena: slices.Clone(t.arena)}
	if len(c.slots) == len(t.slots) {
		copy(c.slots, t.slots)
		c.n = t.n
		return c
	}
	for _, s := range t.slots {
		if s.id != 0 {
			c.place(s)
		}
	}
	return c
}

// grow doubles the table.
func (t *strTab) grow() {
	old := t.slots
	t.slots, t.n = make([]strSlot, max(2*len(old), 1<<minTabBits)), 0
	for _, s := range old {
		if s.id != 0 {
			t.place(s)
		}
	}
}

// place adds the key whose bytes are already in the arena at s.off, with
// the id s.id. It reports false, leaving the table as it was, if the key
// is there already. The table must have room for it.
func (t *strTab) place(s strSlot) bool {
	o, tag := t.find(t.arena[s.off : s.off+s.len])
	if o.id != 0 {
		return false
	}
	s.tag = tag
	*o = s
	t.n++
	return true
}

// keys returns the table's slots in arena (insertion) order.
func (t *strTab) keys() []strSlot {
	out := make([]strSlot, 0, t.n)
	for _, s := range t.slots {
		if s.id != 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b strSlot) int { return cmp.Compare(a.off, b.off) })
	return out
}

// edgeTab maps a trie node and a token id to the child node.
type edgeTab struct {
	slots []edgeSlot // a power of two of them; node 0 (the root, whose children are in Matcher.first) marks an empty slot
	shift uint       // 64 - log2(len(slots))
	n     int
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
			return true
		}
		if s.node == node && s.id == id {
			return false
		}
	}
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
