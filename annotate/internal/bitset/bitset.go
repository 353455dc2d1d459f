// Package bitset is a set of small non-negative integers (vocabulary ids,
// token numbers, list positions), one bit each in a slice of words. The
// annotator's stages ask "is this token's id in the set?" at every token,
// where a map lookup would cost a hash; a set is sized once to the ids it
// may hold and reused.
package bitset

import (
	"iter"
	"math/bits"
)

// Set holds the ids below 64*len(s).
type Set []uint64

// New returns a set for the ids below n.
func New(n int) Set { return make(Set, (n+63)/64) }

// Add adds id, which must be below the set's size.
func (s Set) Add(id int32) { s[uint32(id)/64] |= 1 << (uint32(id) % 64) }

// Has reports whether id, which must be below the set's size, is in s.
func (s Set) Has(id int32) bool { return s[uint32(id)/64]&(1<<(uint32(id)%64)) != 0 }

// Or adds the ids of o, a set of the same size, to s.
func (s Set) Or(o Set) {
	for i := range s {
		s[i] |= o[i]
	}
}

// All yields the ids of s in increasing order.
func (s Set) All() iter.Seq[int32] {
	return func(yield func(int32) bool) {
		for i, w := range s {
			for w != 0 {
				if !yield(int32(i*64 + bits.TrailingZeros64(w))) {
					return
				}
				w &= w - 1
			}
		}
	}
}

// Marks is a Set that remembers the ids added to it, so that emptying it
// costs the ids added, not the set's size. A stage that marks a
// document's few ids (its aliases' first words, its people's last
// names) in a set as large as the vocabulary, to ask it of every token,
// would otherwise clear the whole set at every document.
type Marks struct {
	// Set holds the ids added; a hot loop may read it through a local.
	Set Set
	ids []int32
}

// Reset empties m and makes room for the ids below n.
func (m *Marks) Reset(n int) {
	for _, id := range m.ids {
		m.Set[uint32(id)/64] = 0
	}
	m.ids = m.ids[:0]
	if len(m.Set)*64 < n {
		m.Set = New(n)
	}
}

// Add adds id, which must be below the size Reset made room for.
func (m *Marks) Add(id int32) {
	m.Set.Add(id)
	m.ids = append(m.ids, id)
}
