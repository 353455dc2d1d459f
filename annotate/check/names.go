package check

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate/token"
)

// A name in the text is compared with a lexicon name part by part: both
// are split into folded words (lower case, no diacritics, split at spaces
// and hyphens, dots dropped), then aligned in order by a token-level edit
// distance. Parts the lexicon name has and the text leaves out cost
// nothing ("Fidan" for "Hakan Fidan", "Mohammed Al Thani" for "Mohammed
// bin Abdulrahman Al Thani"); a part the text adds, a part spelled a
// little differently and a part that differs outright each cost one.

// nameMatch says how a name in the text relates to a lexicon name.
type nameMatch int8

const (
	nameDifferent nameMatch = iota // another person's name
	nameSame                       // the same name, written shorter, longer or with a variant spelling
	nameVariant                    // close but not the same: a slip or a transliteration off
)

// partRel is how two name parts compare.
type partRel int8

const (
	partDiffer partRel = iota
	partClose          // a small spelling difference: Fidam, Fidan
	partEqual          // equal once folded, a spelling variant the lexicon lists, or an initial
)

// part is a folded name part with its vocabulary id (0 when no lexicon
// name has it): parts with one id are spellings the lexicon lists as one
// (Mohammed, Muhammad).
type part struct {
	s    string
	id   int32
	mask uint64 // the letters it has, one bit each: see letterMask
	// twice has the bits of mask whose letters it has twice or more.
	twice uint64
	n     int // its length in code points
}

// letterMask sets a bit for each letter of s (a-z, then other code points
// by their value mod 38). An edit adds at most one letter a string lacks,
// so two parts within k edits differ by at most k bits either way: a test
// that rules out most pairs of names without computing a distance.
//
// twice sets the bits of the letters s has twice or more. An edit takes
// away at most one letter, so it lowers at most one count: over the
// letters a string has more of than the other, the sum of the excess is at
// most the distance. A letter one has and the other lacks adds one to it,
// and a second one if one has it twice and the other at most once: the
// bits of mask and of twice one has and the other lacks, counted
// together, are at most the distance (lettersOver).
func letterMask(s string) (mask, twice uint64) {
	for _, r := range s {
		var b uint64
		if r >= 'a' && r <= 'z' {
			b = 1 << (r - 'a')
		} else {
			b = 1 << (26 + uint(r)%38)
		}
		twice |= mask & b
		mask |= b
	}
	return mask, twice
}

// lettersOver returns a lower bound of the edit distance of a and b: the
// letters, counted up to twice each, that one has more of than the other
// (the larger of the two sums), from their masks.
func lettersOver(a, b part) int {
	return max(bits.OnesCount64(a.mask&^b.mask)+bits.OnesCount64(a.twice&^b.twice),
		bits.OnesCount64(b.mask&^a.mask)+bits.OnesCount64(b.twice&^a.twice))
}

// parts folds a name's parts and looks up their ids.
func parts(f *token.Folder, name string, id func(string) int32) []part {
	ss := nameParts(f, name)
	out := make([]part, len(ss))
	for i, s := range ss {
		out[i] = part{s: s, n: utf8.RuneCountInString(s)}
		out[i].mask, out[i].twice = letterMask(s)
		if id != nil {
			out[i].id = id(s)
		}
	}
	return out
}

// nameParts splits a name into folded parts.
func nameParts(f *token.Folder, name string) []string {
	var parts []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '‐' || r == '‑' || r == '–' || r == ','
	}) {
		w = strings.Trim(f.Key(w), ".'’")
		w = strings.ReplaceAll(w, ".", "")
		if w != "" {
			parts = append(parts, w)
		}
	}
	return parts
}

func comparePart(pa, pb part) partRel {
	a, b := pa.s, pb.s
	if a == b || pa.id != 0 && pa.id == pb.id {
		return partEqual
	}
	// An initial stands for any part it begins ("H. Fidan").
	if pa.n == 1 && strings.HasPrefix(b, a) || pb.n == 1 && strings.HasPrefix(a, b) {
		return partEqual
	}
	la, lb := pa.n, pb.n
	limit := 2
	if max(la, lb) <= 4 {
		limit = 1
	}
	if pa.mask != 0 && pb.mask != 0 && lettersOver(pa, pb) > limit {
		return partDiffer
	}
	if abs(la-lb) <= limit && boundedDistance(a, b, limit) <= limit {
		return partClose
	}
	return partDiffer
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the optimal string alignment distance between a and b
// in code points: insertions, deletions, substitutions and swaps of two
// neighbours (Fidna, Fidan) each cost one.
func editDistance(a, b string) int { return boundedDistance(a, b, 1<<30) }

// boundedDistance is editDistance when it is at most limit, and some
// value over limit otherwise. A prefix or a suffix the two share changes
// no distance and is left out of the table first: most parts compared
// are alike but for a letter or two (Fidan, Fidam). What is left is
// compared a word at a time (osaBits); past 64 code points, by the whole
// table, which gives up as soon as a row of it is over the limit.
func boundedDistance(a, b string, limit int) int {
	var bufA, bufB [32]rune
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	for len(ra) > 0 && len(rb) > 0 && ra[0] == rb[0] {
		ra, rb = ra[1:], rb[1:]
	}
	for len(ra) > 0 && len(rb) > 0 && ra[len(ra)-1] == rb[len(rb)-1] {
		ra, rb = ra[:len(ra)-1], rb[:len(rb)-1]
	}
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	if len(ra) == 0 || len(rb) == 0 {
		return len(ra) + len(rb)
	}
	if len(ra) <= 64 {
		return osaBits(ra, rb)
	}
	prev2, prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	for j := range len(rb) + 1 {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// osaBits is the optimal string alignment distance of a and b, a no
// longer than 64 code points, by Hyyrö's bit-vector algorithm: the
// table's columns, one for each code point of b, are computed a word at
// a time, each bit holding whether a cell of the column is one more or
// one less than the cell above it (vp, vn), a's code points being the
// rows. It computes boundedDistance's table without a loop over a.
// TestBoundedDistance and FuzzBoundedDistance hold both to refDistance.
func osaBits(a, b []rune) int {
	m := len(a)
	last := uint64(1) << (m - 1)
	vp, vn := ^uint64(0), uint64(0)
	var d0, pmPrev uint64
	score := m
	for _, c := range b {
		var pm uint64 // the rows whose code point is c
		for i, r := range a {
			if r == c {
				pm |= 1 << i
			}
		}
		// A swap of neighbours: a diagonal step two back where a[i-1:i+1]
		// is c and the code point before it reversed.
		tr := (^d0 & pm) << 1 & pmPrev
		d0 = tr | (((pm & vp) + vp) ^ vp) | pm | vn
		hp := vn | ^(d0 | vp)
		hn := d0 & vp
		if hp&last != 0 {
			score++
		} else if hn&last != 0 {
			score--
		}
		hp = hp<<1 | 1
		hn <<= 1
		vp = hn | ^(d0 | hp)
		vn = d0 & hp
		pmPrev = pm
	}
	return score
}

// appendRunes appends the code points of s to dst (without the
// allocation of []rune(s) for names that fit dst).
func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

// alignment counts the operations of one way of aligning two names.
type alignment struct {
	cost                        int // extra + close + differ
	extra, close, differ, equal int
	lastEqual                   bool // the text's last part is equal to the lexicon name's last part
}

// better orders alignments: lower cost first; at equal cost a
// substitution explains a name better than an added part ("Ahmet Fidan"
// for "Hakan Fidan" is a given name off, not an extra one), and more
// equal parts are better.
func (a alignment) better(b alignment) bool {
	if a.cost != b.cost {
		return a.cost < b.cost
	}
	if a.extra != b.extra {
		return a.extra < b.extra
	}
	return a.equal > b.equal
}

// compareNames aligns the parts of a name in the text (text) with those
// of a lexicon name (lex) and says how they relate. A name is the same
// when every text part is equal to a lexicon part, in order, with at most
// one part added (a middle name the lexicon lacks); a variant when exactly
// one part is off: spelled close, or, when the family names agree, a
// given name that differs.
func compareNames(text, lex []part) nameMatch {
	n, m := len(text), len(lex)
	if n == 0 || m == 0 {
		return nameDifferent
	}
	// Most pairs of names share no part at all: compare parts once, and
	// stop there when none is equal or close.
	var relBuf [64]partRel
	rels := relBuf[:0]
	if n*m > len(relBuf) {
		rels = make([]partRel, 0, n*m)
	}
	for i := range text {
		for j := range lex {
			rels = append(rels, comparePart(text[i], lex[j]))
		}
	}
	return alignNames(n, m, rels)
}

// alignNames is compareNames of a name of n parts and one of m, given
// rels, comparePart of each pair of their parts, row by row.
func alignNames(n, m int, rels []partRel) nameMatch {
	if !slices.ContainsFunc(rels, func(r partRel) bool { return r != partDiffer }) {
		return nameDifferent
	}
	// A text part costs one unless it is aligned with a lexicon part equal
	// to it, and a name that costs two or more is another's: so is one
	// with two parts equal to none of the lexicon name's.
	unequal := 0
	for i := range n {
		if !slices.Contains(rels[i*m:(i+1)*m], partEqual) {
			unequal++
		}
	}
	if unequal >= 2 {
		return nameDifferent
	}
	return alignAll(n, m, rels)
}

// alignAll is alignNames by the whole table of alignments, without its
// shortcuts (TestAlignNamesShortcuts).
func alignAll(n, m int, rels []partRel) nameMatch {
	const inf = 1 << 20
	// best[i][j]: the best alignment of text[:i] with lex[:j].
	var bestBuf [81]alignment
	flat := bestBuf[:0]
	if (n+1)*(m+1) > len(bestBuf) {
		flat = make([]alignment, 0, (n+1)*(m+1))
	}
	flat = flat[:(n+1)*(m+1)]
	for k := range flat {
		flat[k] = alignment{cost: inf}
	}
	at := func(i, j int) *alignment { return &flat[i*(m+1)+j] }
	*at(0, 0) = alignment{}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			cur := *at(i, j)
			if cur.cost >= inf {
				continue
			}
			try := func(ni, nj int, a alignment) {
				if p := at(ni, nj); a.better(*p) {
					*p = a
				}
			}
			if j < m { // the text leaves out lexicon part j
				a := cur
				a.lastEqual = false
				try(i, j+1, a)
			}
			if i < n { // the text adds part i
				a := cur
				a.cost++
				a.extra++
				a.lastEqual = false
				try(i+1, j, a)
			}
			if i < n && j < m {
				a := cur
				a.lastEqual = false
				switch rels[i*m+j] {
				case partEqual:
					a.equal++
					a.lastEqual = i == n-1 && j == m-1
				case partClose:
					a.cost++
					a.close++
				default:
					a.cost++
					a.differ++
				}
				try(i+1, j+1, a)
			}
		}
	}
	a := *at(n, m)
	switch {
	case a.equal == 0 && a.close == 0:
		return nameDifferent
	case a.cost == 0:
		return nameSame
	case a.cost == 1 && a.extra == 1 && a.equal > 0:
		return nameSame
	case a.cost == 1 && a.close == 1:
		return nameVariant
	case a.cost == 1 && a.differ == 1 && a.lastEqual:
		return nameVariant
	}
	return nameDifferent
}
