package timex

import (
	"encoding/binary"
	"math"
	"math/bits"

	"github.com/newsann/newsann/annotate/internal/bitset"
)

// A picker finds, among the rules of a trigger list (tables.trigger[id],
// tables.numTrigger), those whose next token set holds the token after a
// start. The list is read as bit masks, bit j for its rule j, so
// that a start costs a word or two of masks, not a test of each rule's
// set: "the" begins 55 rules, and most of its starts can go on with one
// or none. Lists of more than 64 rules have no picker and are tested
// rule by rule (tryAll).
type picker struct {
	// any are the rules that take any next token (trig.next nil).
	any uint64
	// ids are the vocabulary ids some rule's next set holds; byID has,
	// for each of them in increasing order, the rules whose next set
	// holds it. rank[w] is the number of ids in the words of ids before
	// word w, so that an id's place in byID is a count of bits.
	ids  bitset.Set
	rank []uint16
	byID []uint64
	// byShape[b] are the rules whose next set holds the number shape
	// 1<<b.
	byShape [8]uint64
}

// pickers makes the pickers of a table's lists, one for lists of the
// same rules with the same next sets: the number words ("two", "three",
// ...) begin the same rules.
type pickers struct {
	n    int                  // the vocabulary's size
	made map[string]*picker   // by the list's rules and sets
	sets map[*firstSet]uint32 // a number for each next set met
	key  []byte
}

// get returns the picker of trs, nil for an empty list, one of more
// than 64 rules, or a vocabulary too large for a picker's ranks (uint16).
func (pk *pickers) get(trs []trig) *picker {
	if len(trs) == 0 || len(trs) > 64 || pk.n > math.MaxUint16 {
		return nil
	}
	pk.key = pk.key[:0]
	for _, tr := range trs {
		set := uint32(0) // nil
		if tr.next != nil {
			n, ok := pk.sets[tr.next]
			if !ok {
				n = uint32(len(pk.sets) + 1)
				pk.sets[tr.next] = n
			}
			set = n
		}
		pk.key = binary.LittleEndian.AppendUint32(pk.key, uint32(tr.rule))
		pk.key = binary.LittleEndian.AppendUint32(pk.key, set)
	}
	p, ok := pk.made[string(pk.key)]
	if !ok {
		p = newPicker(trs, pk.n)
		pk.made[string(pk.key)] = p
	}
	return p
}

// newPicker returns the picker of trs, a list of at most 64 rules, for
// a vocabulary of n words.
func newPicker(trs []trig, n int) *picker {
	p := &picker{ids: bitset.New(max(n, 1))}
	for j, tr := range trs {
		if tr.next == nil {
			p.any |= 1 << j
			continue
		}
		p.ids.Or(tr.next.bits)
		for b := range p.byShape {
			if tr.next.num&(1<<b) != 0 {
				p.byShape[b] |= 1 << j
			}
		}
	}
	p.rank = make([]uint16, len(p.ids))
	k := 0
	for w, word := range p.ids {
		p.rank[w] = uint16(k)
		k += bits.OnesCount64(word)
	}
	p.byID = make([]uint64, k)
	for j, tr := range trs {
		if tr.next == nil {
			continue
		}
		// Word by word: the slot of a word's first id is its rank, and
		// the next ones follow.
		for w, word := range tr.next.bits {
			for ; word != 0; word &= word - 1 {
				bit := word & -word
				p.byID[int(p.rank[w])+bits.OnesCount64(p.ids[w]&(bit-1))] |= 1 << j
			}
		}
	}
	return p
}

// pick returns the rules of p whose next set holds nx, as tryAll's test
// of each rule finds them: bit j for rule j.
func (p *picker) pick(nx *follower) uint64 {
	c := p.any
	if w := p.ids[nx.w]; w&nx.bit != 0 {
		c |= p.byID[int(p.rank[nx.w])+bits.OnesCount64(w&(nx.bit-1))]
	}
	for sh := uint8(nx.sh); sh != 0; sh &= sh - 1 {
		c |= p.byShape[bits.TrailingZeros8(sh)]
	}
	return c
}
