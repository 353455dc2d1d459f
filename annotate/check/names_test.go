package check

import (
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/token"
)

func TestCompareNames(t *testing.T) {
	variants := map[string]int32{"mohammed": 7, "muhammad": 7}
	id := func(s string) int32 { return variants[s] }
	tests := []struct {
		text, lex string
		want      nameMatch
	}{
		{"Hakan Fidan", "Hakan Fidan", nameSame},
		{"HAKAN FİDAN", "Hakan Fidan", nameSame}, // case and diacritics fold
		{"Fidan", "Hakan Fidan", nameSame},       // a surname alone
		{"H. Fidan", "Hakan Fidan", nameSame},    // an initial
		{"Mohammed Al Thani", "Mohammed bin Abdulrahman Al Thani", nameSame},
		{"Mohammed bin Abdulrahman al-Thani", "Mohammed bin Abdulrahman Al Thani", nameSame},
		{"Muhammad Al Thani", "Mohammed Al Thani", nameSame}, // spellings the lexicon lists as one
		{"Hakan Ali Fidan", "Hakan Fidan", nameSame},         // one middle name more
		{"Hakan Fidam", "Hakan Fidan", nameVariant},          // one letter off
		{"Hakan Fidna", "Hakan Fidan", nameVariant},          // two letters swapped
		{"Abbas Araqchi", "Abbas Araghchi", nameVariant},     // a transliteration
		{"Fidam", "Hakan Fidan", nameVariant},
		{"Ahmet Fidan", "Hakan Fidan", nameVariant}, // the given name differs, the family name agrees
		{"Hakan Yilmaz", "Hakan Fidan", nameDifferent},
		{"Ahmet Yilmaz", "Hakan Fidan", nameDifferent},
		{"Yilmaz", "Hakan Fidan", nameDifferent},
		{"Hakan Fidam Ozturk", "Hakan Fidan", nameDifferent}, // two parts off
		{"", "Hakan Fidan", nameDifferent},
	}
	f := token.NewFolder()
	for _, tt := range tests {
		if got := compareNames(parts(f, tt.text, id), parts(f, tt.lex, id)); got != tt.want {
			t.Errorf("compareNames(%q, %q) = %d, want %d", tt.text, tt.lex, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"fidan", "fidan", 0},
		{"fidan", "fidam", 1},
		{"fidan", "fidna", 1}, // a swap counts once
		{"araghchi", "araqchi", 2},
		{"", "abc", 3},
		{"çavuş", "cavus", 2}, // code points, not bytes
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// FuzzCompareNames checks that comparing any two names neither panics
// nor depends on more than the names: a name is always the same as itself.
func FuzzCompareNames(f *testing.F) {
	f.Add("Hakan Fidan", "Hakan Fidam")
	f.Add("Mohammed bin Abdulrahman Al Thani", "M. Al-Thani")
	f.Add("", "x")
	fo := token.NewFolder()
	f.Fuzz(func(t *testing.T, a, b string) {
		pa, pb := parts(fo, a, nil), parts(fo, b, nil)
		compareNames(pa, pb)
		if len(pa) > 0 && compareNames(pa, pa) != nameSame {
			t.Errorf("%q is not the same as itself", a)
		}
	})
}

// refDistance is the optimal string alignment distance of a and b in
// code points, by the whole table: the reference boundedDistance is held
// to.
func refDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// checkDistance fails unless boundedDistance(a, b, limit) is the
// reference distance when that is at most limit, and over limit when it
// is not.
func checkDistance(t *testing.T, a, b string, limit int) {
	t.Helper()
	want, got := refDistance(a, b), boundedDistance(a, b, limit)
	if want <= limit && got != want || want > limit && got <= limit {
		t.Errorf("boundedDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
	}
}

// TestBoundedDistance compares boundedDistance with the reference on
// every pair of strings of up to five letters of three, at the limits
// comparePart uses and without one.
func TestBoundedDistance(t *testing.T) {
	var all []string
	var grow func(s string)
	grow = func(s string) {
		all = append(all, s)
		if len(s) < 5 {
			for _, c := range "abç" {
				grow(s + string(c))
			}
		}
	}
	grow("")
	for _, a := range all {
		for _, b := range all {
			for _, limit := range []int{0, 1, 2, 3, 1 << 30} {
				checkDistance(t, a, b, limit)
			}
		}
	}
	// Past the 64 code points osaBits takes, and about them.
	long := strings.Repeat("abçd", 20)
	for _, n := range []int{63, 64, 65, 80} {
		for _, b := range []string{long[:n], long[1:n] + "x", "x" + long[2:n], long[:n/2] + "q" + long[n/2+1:]} {
			for _, limit := range []int{0, 1, 2, 3, 1 << 30} {
				checkDistance(t, "z"+long[:n]+"z", "z"+b+"z", limit)
				checkDistance(t, long[:n], b, limit)
			}
		}
	}
}

// FuzzBoundedDistance compares boundedDistance with the reference on
// any two strings, long ones (past its buffers) included.
func FuzzBoundedDistance(f *testing.F) {
	f.Add("fidan", "fidam", 1)
	f.Add("araghchi", "araqchi", 2)
	f.Add("çavuş", "cavus", 2)
	f.Add("abcdefghijklmnopqrstuvwxyzabcdefgh", "abcdefghijklmnopqrstuvwxyzabcdefhg", 2)
	f.Fuzz(func(t *testing.T, a, b string, limit int) {
		if len(a) > 200 || len(b) > 200 {
			return
		}
		checkDistance(t, a, b, limit&7)
		checkDistance(t, a, b, 1<<30)
	})
}

// refComparePart is comparePart as it was before lettersOver: the letter
// masks alone before the distance. comparePart is held to it.
func refComparePart(pa, pb part) partRel {
	a, b := pa.s, pb.s
	if a == b || pa.id != 0 && pa.id == pb.id {
		return partEqual
	}
	if pa.n == 1 && strings.HasPrefix(b, a) || pb.n == 1 && strings.HasPrefix(a, b) {
		return partEqual
	}
	la, lb := pa.n, pb.n
	limit := 2
	if max(la, lb) <= 4 {
		limit = 1
	}
	if abs(la-lb) <= limit && refDistance(a, b) <= limit {
		return partClose
	}
	return partDiffer
}

func checkComparePart(t *testing.T, f *token.Folder, a, b string) {
	t.Helper()
	pa, pb := parts(f, a, nil), parts(f, b, nil)
	if len(pa) != 1 || len(pb) != 1 {
		return
	}
	if got, want := comparePart(pa[0], pb[0]), refComparePart(pa[0], pb[0]); got != want {
		t.Errorf("comparePart(%q, %q) = %d, want %d", pa[0].s, pb[0].s, got, want)
	}
}

// TestComparePart compares comparePart with the reference on every pair
// of words of up to six letters of three (one of them not ASCII), where
// letters repeat and the masks' counts matter.
func TestComparePart(t *testing.T) {
	f := token.NewFolder()
	var all []string
	var grow func(s string)
	grow = func(s string) {
		if s != "" {
			all = append(all, s)
		}
		if len(s) < 6 {
			for _, c := range []string{"a", "b", "ı"} {
				grow(s + c)
			}
		}
	}
	grow("")
	for _, a := range all {
		for _, b := range all {
			checkComparePart(t, f, a, b)
		}
	}
}

// FuzzComparePart compares comparePart with the reference on any two
// words.
func FuzzComparePart(f *testing.F) {
	f.Add("fidan", "fidam")
	f.Add("hamad", "fidam")
	f.Add("anna", "ana")
	f.Add("araghchi", "araqchi")
	fo := token.NewFolder()
	f.Fuzz(func(t *testing.T, a, b string) {
		checkComparePart(t, fo, a, b)
	})
}

// TestAlignNamesShortcuts: for every table of part relations of names of
// up to three parts each, alignNames, which answers some at once, gives
// what the whole table of alignments gives.
func TestAlignNamesShortcuts(t *testing.T) {
	for n := 1; n <= 3; n++ {
		for m := 1; m <= 3; m++ {
			rels := make([]partRel, n*m)
			total := 1
			for range n * m {
				total *= 3
			}
			for code := range total {
				for k, c := 0, code; k < n*m; k, c = k+1, c/3 {
					rels[k] = partRel(c % 3)
				}
				if got, want := alignNames(n, m, rels), alignAll(n, m, rels); got != want {
					t.Fatalf("%dx%d %v: alignNames %d, the whole table %d", n, m, rels, got, want)
				}
			}
		}
	}
}
