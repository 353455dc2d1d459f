package check

import (
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

// variantID tells whether two folded parts are spellings the lexicon
// lists as one (Mohammed, Muhammad): it returns a part's vocabulary id.
type variantID func(part string) int32

func comparePart(a, b string, id variantID) partRel {
	if a == b {
		return partEqual
	}
	if id != nil {
		if ia := id(a); ia != 0 && ia == id(b) {
			return partEqual
		}
	}
	// An initial stands for any part it begins ("H. Fidan").
	if utf8.RuneCountInString(a) == 1 && strings.HasPrefix(b, a) || utf8.RuneCountInString(b) == 1 && strings.HasPrefix(a, b) {
		return partEqual
	}
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	limit := 2
	if max(la, lb) <= 4 {
		limit = 1
	}
	if abs(la-lb) <= limit && editDistance(a, b) <= limit {
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
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
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
func compareNames(text, lex []string, id variantID) nameMatch {
	n, m := len(text), len(lex)
	if n == 0 || m == 0 {
		return nameDifferent
	}
	const inf = 1 << 20
	// best[i][j]: the best alignment of text[:i] with lex[:j].
	best := make([][]alignment, n+1)
	for i := range best {
		best[i] = make([]alignment, m+1)
		for j := range best[i] {
			best[i][j].cost = inf
		}
	}
	best[0][0] = alignment{}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			cur := best[i][j]
			if cur.cost >= inf {
				continue
			}
			try := func(ni, nj int, a alignment) {
				if a.better(best[ni][nj]) {
					best[ni][nj] = a
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
				switch comparePart(text[i], lex[j], id) {
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
	a := best[n][m]
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
