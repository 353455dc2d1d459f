package check

import (
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
	// names are each holder's names as the indexes of their parts, in the
	// order personParts gives them: the full names, then the short forms.
	names []holderNames
}

// holderNames are one holder's names as part indexes.
type holderNames struct {
	full, short [][]int32
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
	x := &holderIndex{holders: len(all), byID: map[int32][]int32{}, names: make([]holderNames, len(all))}
	at := map[string]int32{}
	add := func(p part, h int, short bool) int32 {
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
		return k
	}
	indexes := func(name []part, h int, short bool) []int32 {
		ks := make([]int32, len(name))
		for j, p := range name {
			ks[j] = add(p, h, short)
		}
		return ks
	}
	for h := range all {
		pp := c.personParts(all[h].Person)
		for _, name := range pp.full {
			x.names[h].full = append(x.names[h].full, indexes(name, h, false))
		}
		for _, name := range pp.short {
			x.names[h].short = append(x.names[h].short, indexes(name, h, true))
		}
	}
	v, _ := c.holders.LoadOrStore(o, x)
	return v.(*holderIndex)
}

// candidates returns the set of holders in all, the holders of o, whose
// names compareNames may find other than different from text, one bit
// each: the others need not be compared. The set is the run's, valid
// until the next call. With it comes the index it was read from, whose
// nameOf compares text with a holder's names by the comparisons of
// parts the index made (kept in the run, valid as long); nil when all is
// not the list the index was built from.
func (r *run) candidates(o office, all []lexicon.Holder, text []part) (bitset.Set, *holderIndex) {
	words := (len(all) + 63) / 64
	r.cand = slices.Grow(r.cand[:0], words)[:words]
	if len(all) == 0 {
		return r.cand, nil
	}
	x := r.c.holderIndexOf(o, all)
	if x.holders != len(all) {
		// Not the list the index was built from: compare with every holder.
		for i := range r.cand {
			r.cand[i] = ^uint64(0)
		}
		return r.cand, nil
	}
	n := len(text) * len(x.parts)
	r.partRels = slices.Grow(r.partRels[:0], n)[:n]
	x.candidates(text, r.cand, r.partRels)
	return r.cand, x
}

// candidates marks in set (one bit per holder, cleared first) the holders
// whose names compareNames may find other than different from text: those
// with a part, in the names namesOf gives for a name of len(text) parts,
// that comparePart does not find partDiffer from one of text's. It
// notes in rels, cleared first, comparePart of text's part i and the
// index's part k at i*len(x.parts)+k: partDiffer for every pair it does
// not compare, which the masks find to differ.
func (x *holderIndex) candidates(text []part, set bitset.Set, rels []partRel) {
	clear(set)
	clear(rels)
	var row []partRel // text part i's
	var buf [128]int32
	mark := func(k int32, a part) {
		rel := comparePart(a, x.parts[k])
		row[k] = rel
		if rel == partDiffer {
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
	for i, a := range text {
		row = rels[i*len(x.parts) : (i+1)*len(x.parts)]
		if a.n == 1 || a.mask == 0 {
			// An initial: the masks say nothing of what it begins.
			for k := range x.parts {
				mark(int32(k), a)
			}
			continue
		}
		// comparePart's limit is at most 2: a part with more than 2
		// letters the other lacks, either way, is not close to it.
		for _, k := range near(x.masks, a.mask, &buf) {
			mark(k, a)
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

// nameOf is run.nameOf of holder h of the index's list, for the name
// whose parts candidates compared with the index's parts into rels: the
// same answer, from the comparisons made already.
func (x *holderIndex) nameOf(h int, text []part, rels []partRel) nameMatch {
	best := nameDifferent
	var buf [64]partRel
	match := func(name []int32) nameMatch {
		n, m := len(text), len(name)
		pair := buf[:0]
		if n*m > len(buf) {
			pair = make([]partRel, 0, n*m)
		}
		for i := range n {
			row := rels[i*len(x.parts):]
			for _, k := range name {
				pair = append(pair, row[k])
			}
		}
		return alignNames(n, m, pair)
	}
	// same reports whether a name of list is the text's, noting a variant
	// in best.
	same := func(list [][]int32) bool {
		for _, name := range list {
			switch match(name) {
			case nameSame:
				return true
			case nameVariant:
				best = nameVariant
			}
		}
		return false
	}
	names := x.names[h]
	// A name of one part is compared with the short forms too (namesOf).
	if same(names.full) || len(text) == 1 && same(names.short) {
		return nameSame
	}
	return best
}

// atMostTwo reports whether x has at most two bits set: with its two
// lowest cleared, none is left. It is bits.OnesCount64(x) <= 2 without
// the check of the processor's POPCNT that costs as much, in a loop over
// hundreds of masks.
func atMostTwo(x uint64) bool {
	x &= x - 1
	return x&(x-1) == 0
}

// near returns the indexes of the masks within two letters of mask either
// way, in buf while they fit. It scans hundreds of masks for a few: kept
// out of candidates, whose work on the parts it finds would otherwise
// take the scan's registers (1.03x the instructions of BenchmarkCheck).
//
//go:noinline
func near(masks []uint64, mask uint64, buf *[128]int32) []int32 {
	out := buf[:0]
	for k, m := range masks {
		if atMostTwo(mask&^m) && atMostTwo(m&^mask) {
			out = append(out, int32(k))
		}
	}
	return out
}
