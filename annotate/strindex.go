package annotate

import (
	"math/bits"
	"math/rand/v2"
)

// strIndex numbers the distinct strings of a document, as export numbers
// the entities of the mentions and linkSurnames the people's last names:
// an open-addressing table with linear probing, at most half full, so
// that a probe always ends at an empty slot. It is the state's own,
// reused from document to document: reset sizes it for the strings the
// caller expects, and it doubles when more come.
//
// It replaced maps cleared for each document: each string is hashed
// once, found or added in one probe sequence, and told from another by
// its hash before its bytes are compared; a map's lookup and then
// assignment of a new string cost about four times as much.
type strIndex struct {
	seed  uint64
	slots []strSlot
	used  int // the slots of the document's table: slots[:used]
	n     int // the strings in it
	moved []strSlot
}

// A strSlot holds one string and its number; hash 0 marks it empty (the
// hashes stored have their low bit set).
type strSlot struct {
	key  string
	hash uint32
	n    int32
}

// reset empties the index, sized for about n strings.
func (x *strIndex) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	clear(x.slots[:x.used]) // hold no strings of the last document
	if size > len(x.slots) {
		if x.slots == nil {
			x.seed = rand.Uint64()
		}
		x.slots = make([]strSlot, size)
	}
	x.used, x.n = size, 0
}

// hash hashes key's bytes eight at a time, each word mixed in by a
// 128-bit product, under the index's random seed (so that no text can
// be written to collide). The ids it numbers are short, and
// maphash.String, through the runtime's hash, cost about 80
// instructions an id, most of them calls and set-up.
func (x *strIndex) hash(key string) uint32 {
	h := x.seed ^ uint64(len(key))*strK1
	for len(key) >= 8 {
		h = strMix(h^le64(key), strK2)
		key = key[8:]
	}
	var t uint64
	switch n := len(key); {
	case n >= 4:
		t = uint64(le32(key)) | uint64(le32(key[n-4:]))<<32
	case n > 0:
		t = uint64(key[0]) | uint64(key[n>>1])<<8 | uint64(key[n-1])<<16
	}
	return uint32(strMix(h^t, strK3)) | 1
}

// The odd constants strIndex.hash multiplies by (from wyhash).
const (
	strK1 = 0xa0761d6478bd642f
	strK2 = 0xe7037ed1a0b428db
	strK3 = 0x8ebc6af09c88c6e3
)

// strMix is the high and low words of a*b folded together.
func strMix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// le64 reads the first eight bytes of s as a little endian word.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// le32 reads the first four bytes of s as a little endian word.
func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// index returns the number of key, and whether it was there: when not,
// it is added with number next.
func (x *strIndex) index(key string, next int32) (int32, bool) {
	h := x.hash(key)
	sl := x.slot(key, h)
	if sl.hash != 0 {
		return sl.n, true
	}
	if 2*(x.n+1) > x.used {
		x.grow()
		sl = x.slot(key, h)
	}
	*sl = strSlot{key: key, hash: h, n: next}
	x.n++
	return next, false
}

// slot returns the slot of key, of hash h: the one holding it, or the
// empty one where it goes.
func (x *strIndex) slot(key string, h uint32) *strSlot {
	mask := x.used - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		if sl := &x.slots[i]; sl.hash == 0 || sl.hash == h && sl.key == key {
			return sl
		}
	}
}

// grow moves the strings to a table twice the size, in the slots'
// array when it is long enough (through the scratch moved).
func (x *strIndex) grow() {
	x.moved = append(x.moved[:0], x.slots[:x.used]...)
	clear(x.slots[:x.used])
	x.used *= 2
	if x.used > len(x.slots) {
		x.slots = make([]strSlot, x.used)
	}
	mask := x.used - 1
	for _, sl := range x.moved {
		if sl.hash == 0 {
			continue
		}
		i := int(sl.hash) & mask
		for x.slots[i].hash != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = sl
	}
	clear(x.moved) // hold no strings of the document
}

// get returns the number of key, and whether it is in the index.
func (x *strIndex) get(key string) (int32, bool) {
	sl := x.slot(key, x.hash(key))
	return sl.n, sl.hash != 0
}
