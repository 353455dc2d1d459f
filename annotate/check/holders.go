package check

import (
	"math/bits"
	"slices"

	"github.com/newsann/newsann/annotate/internal/bitset"
	"github.com/newsann/newsann/lexicon"
)

// A name the lexicon lacks is compared with every holder of its office,
// hundreds for an office given with no state, and compareNames finds
// almost all of them different at once: no part of theirs is equal or
// close to one of the name's. A holderIndex answers that first question
// for a whole list of holders together. It keeps the distinct parts of
// the holders' names, each with the holders that have it, so that each
// distinct part is compared with the name's parts once, and most are
// ruled out by their letter masks in a tight loop; only the holders that
// share a part not partDiffer from one of the name's need compareNames.

// holderIndex indexes the name parts of one list of holders (as
// lexicon.Holders or Checker.byTitle give it).
type holderIndex struct {
	holders int // the length of the list
	parts   []part
	// masks are the parts' letter masks, apart for the scan.
	masks []uint64
	// full and short list, for each part, the holders (indexes into the
	// list) that have it in a name or alias, and in a short form.
	full, short [][]int32
	// always are the parts the masks cannot rule out: initials (equal to
	// any part they begin) and parts with no letter mask.
	always []int32
	// byID lists the parts with each vocabulary id: spellings the lexicon
	// lists as one are equal whatever their letters.
	byID map[int32][]int32
}

// office identifies a list of holders: those of a generic title in a
// state (lexicon.Holders), or in any state when of is "" (byTitle).
type office struct {
	title, of string
}

// holderIndexOf returns the index of all, the holders of o, building it
// on first use.
func (c *Checker) holderIndexOf(o office, all []lexicon.Holder) *holderIndex {
	if v, ok := c.holders.Load(o); ok {
		return v.(*holderIndex)
	}
	x := &holderIndex{holders: len(all), byID: map[int32][]int32{}}
	at := map[string]int32{}
	add := func(p part, h int, short bool) {
		k, ok := at[p.s]
		if !ok {
			k = int32(len(x.parts))
			at[p.s] = k
			x.parts = append(x.parts, p)
			x.masks = append(x.masks, p.mask)
			x.full = append(x.full, nil)
			x.short = append(x.short, nil)
			if p.n == 1 || p.mask == 0 {
				x.always = append(x.always, k)
			}
			if p.id != 0 {
				x.byID[p.id] = append(x.byID[p.id], k)
			}
		}
		list := &x.full[k]
		if short {
			list = &x.short[k]
		}
		if n := len(*list); n == 0 || (*list)[n-1] != int32(h) {
			*list = append(*list, int32(h))
		}
	}
	for h := range all {
		pp := c.personParts(all[h].Person)
		for _, name := range pp.full {
			for _, p := range name {
				add(p, h, false)
			}
		}
		for _, name := range pp.short {
			for _, p := range name {
				add(p, h, true)
			}
		}
	}
	v, _ := c.holders.LoadOrStore(o, x)
	return v.(*holderIndex)
}

// candidates returns the set of holders in all, the holders of o, whose
// names compareNames may find other than different from text, one bit
// each: the others need not be compared. The set is the run's, valid
// until the next call.
func (r *run) candidates(o office, all []lexicon.Holder, text []part) bitset.Set {
	words := (len(all) + 63) / 64
	r.cand = slices.Grow(r.cand[:0], words)[:words]
	if len(all) == 0 {
		return r.cand
	}
	if x := r.c.holderIndexOf(o, all); x.holders == len(all) {
		x.candidates(text, r.cand)
	} else {
		// Not the list the index was built from: compare with every holder.
		for i := range r.cand {
			r.cand[i] = ^uint64(0)
		}
	}
	return r.cand
}

// candidates marks in set (one bit per holder, cleared first) the holders
// whose names compareNames may find other than different from text: those
// with a part, in the names namesOf gives for a name of len(text) parts,
// that comparePart does not find partDiffer from one of text's.
func (x *holderIndex) candidates(text []part, set bitset.Set) {
	clear(set)
	mark := func(k int32, a part) {
		if comparePart(a, x.parts[k]) == partDiffer {
			return
		}
		for _, h := range x.full[k] {
			set.Add(h)
		}
		if len(text) == 1 {
			for _, h := range x.short[k] {
				set.Add(h)
			}
		}
	}
	for _, a := range text {
		if a.n == 1 || a.mask == 0 {
			// An initial: the masks say nothing of what it begins.
			for k := range x.parts {
				mark(int32(k), a)
			}
			continue
		}
		// comparePart's limit is at most 2: a part with more than 2
		// letters the other lacks, either way, is not close to it.
		for k, m := range x.masks {
			if bits.OnesCount64(a.mask&^m) <= 2 && bits.OnesCount64(m&^a.mask) <= 2 {
				mark(int32(k), a)
			}
		}
		for _, k := range x.always {
			mark(k, a)
		}
		if a.id != 0 {
			for _, k := range x.byID[a.id] {
				mark(k, a)
			}
		}
	}
}
