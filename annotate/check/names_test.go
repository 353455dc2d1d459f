package check

import (
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
