package annotate

import "hash/maphash"

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
	seed  maphash.Seed
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
			x.seed = maphash.MakeSeed()
		}
		x.slots = make([]strSlot, size)
	}
	x.used, x.n = size, 0
}

func (x *strIndex) hash(key string) uint32 {
	return uint32(maphash.String(x.seed, key)) | 1
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
