package annotate

import "hash/maphash"

// strIndex numbers the distinct strings of a document, as export numbers
// the entities of the mentions and linkSurnames the people's last names:
// an open-addressing table with linear probing, sized at reset for the
// most strings the document can have, so that it never grows and a probe
// always ends at an empty slot. It is the state's own, reused from
// document to document.
//
// It replaced maps cleared for each document: each string is hashed
// once, found or added in one probe sequence, and told from another by
// its 64-bit hash before its bytes are compared; a map's lookup and then
// assignment of a new string cost about four times as much.
type strIndex struct {
	seed  maphash.Seed
	slots []strSlot
	used  int // slots cleared at the next reset: those of the last document
}

// A strSlot holds one string and its number; hash 0 marks it empty (the
// hashes stored have their low bit set).
type strSlot struct {
	hash uint64
	key  string
	n    int32
}

// reset empties the index, with room for up to n strings.
func (x *strIndex) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	clear(x.slots[:x.used]) // hold no strings of the last document
	if size > len(x.slots) {
		if x.slots == nil {
			x.seed = maphash.MakeSeed()
		}
		x.slots = make([]strSlot, size)
	}
	x.used = size
}

// index returns the number of key, and whether it was there: when not,
// it is added with number next.
func (x *strIndex) index(key string, next int32) (int32, bool) {
	h := maphash.String(x.seed, key) | 1
	mask := x.used - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		sl := &x.slots[i]
		switch {
		case sl.hash == 0:
			*sl = strSlot{hash: h, key: key, n: next}
			return next, false
		case sl.hash == h && sl.key == key:
			return sl.n, true
		}
	}
}

// get returns the number of key, and whether it is in the index.
func (x *strIndex) get(key string) (int32, bool) {
	h := maphash.String(x.seed, key) | 1
	mask := x.used - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		sl := &x.slots[i]
		switch {
		case sl.hash == 0:
			return 0, false
		case sl.hash == h && sl.key == key:
			return sl.n, true
		}
	}
}
