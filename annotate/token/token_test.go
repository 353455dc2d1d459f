package token

import (
	"golang.org/x/text/transform"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func texts(s string) []string {
	var out []string
	for _, t := range Tokenize(nil, s) {
		out = append(out, t.Text(s))
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Iran's foreign minister", []string{"Iran", "'s", "foreign", "minister"}},
		{"Iran’s minister", []string{"Iran", "’s", "minister"}},
		{"the ministers' talks", []string{"the", "ministers", "'", "talks"}},
		{"in the U.S. on Monday", []string{"in", "the", "U.S.", "on", "Monday"}},
		{"U.N.-backed talks", []string{"U.N.", "-", "backed", "talks"}},
		{"Gen. Smith", []string{"Gen", ".", "Smith"}},
		{"al-Qaeda and Guinea-Bissau", []string{"al", "-", "Qaeda", "and", "Guinea", "-", "Bissau"}},
		{"Côte d'Ivoire", []string{"Côte", "d'Ivoire"}},
		{"O'Brien didn't", []string{"O'Brien", "did", "n't"}},
		{"1,000.5 people at 10:30 GMT", []string{"1,000.5", "people", "at", "10:30", "GMT"}},
		{"the 1990s and 2025-11-13.", []string{"the", "1990s", "and", "2025", "-", "11", "-", "13", "."}},
		{"$5 (50%)", []string{"$", "5", "(", "50", "%", ")"}},
		{"“Quoted,” he said—then left…", []string{"“", "Quoted", ",", "”", "he", "said", "—", "then", "left", "…"}},
		{"G20 summit", []string{"G20", "summit"}},
		{"non\u00a0breaking", []string{"non", "breaking"}},
		{"", nil},
		{"   \n\t ", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, texts(tt.in)); diff != "" {
			t.Errorf("Tokenize(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestTokenizeLayout(t *testing.T) {
	s := "Title\n\nFirst line\nsecond"
	toks := Tokenize(nil, s)
	var nl []uint8
	var sp []bool
	for _, tk := range toks {
		nl = append(nl, tk.Newlines)
		sp = append(sp, tk.Space)
	}
	if diff := cmp.Diff([]uint8{0, 2, 0, 1}, nl); diff != "" {
		t.Errorf("newlines (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{true, true, true, true}, sp); diff != "" {
		t.Errorf("space (-want +got):\n%s", diff)
	}
	if crlf := Tokenize(nil, "a\r\n\r\nb"); crlf[1].Newlines != 2 {
		t.Errorf("CRLF paragraph break: Newlines = %d, want 2", crlf[1].Newlines)
	}
	if cr := Tokenize(nil, "a\r\rb"); cr[1].Newlines != 2 {
		t.Errorf("CR paragraph break: Newlines = %d, want 2", cr[1].Newlines)
	}
}

func TestCase(t *testing.T) {
	tests := map[string]Case{
		"Iran": Title, "IRAN": Upper, "iran": Lower, "US": Upper, "U.S.": Upper,
		"McDonald": Title, "iPhone": Lower, "A": Upper, "123": NoCase, "'s": Lower,
	}
	for in, want := range tests {
		toks := Tokenize(nil, in)
		if len(toks) != 1 {
			t.Fatalf("Tokenize(%q) = %d tokens, want 1", in, len(toks))
		}
		if toks[0].Case != want {
			t.Errorf("Case(%q) = %v, want %v", in, toks[0].Case, want)
		}
	}
}

func TestKey(t *testing.T) {
	f := NewFolder()
	tests := map[string]string{
		"Türkiye":  "turkiye",
		"TEHRAN":   "tehran",
		"Łódź":     "lodz",
		"Ørsted":   "orsted",
		"d’Ivoire": "d'ivoire",
		"Straße":   "strasse",
		"İstanbul": "istanbul",
		"São":      "sao",
		"—":        "-",
		"Ελλάδα":   "ελλαδα",
	}
	for in, want := range tests {
		if got := f.Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
	if got := f.ExactKey("Türkiye’s"); got != "türkiye's" {
		t.Errorf("ExactKey = %q, want %q", got, "türkiye's")
	}
}

func TestShape(t *testing.T) {
	tests := map[string]string{"Tehran": "Xxxxx", "G20": "Xdd", "U.S.": "X.X.", "NATO": "XXXX", "1990s": "ddddx"}
	for in, want := range tests {
		if got := Shape(in); got != want {
			t.Errorf("Shape(%q) = %q, want %q", in, got, want)
		}
	}
}

// checkInvariants asserts what every caller relies on: tokens in bounds,
// in order, not overlapping, on rune boundaries, never empty.
func checkInvariants(t *testing.T, s string, toks []Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
			t.Fatalf("token %d [%d,%d) out of order or bounds (prev end %d, len %d) in %q", i, tk.Start, tk.End, prev, len(s), s)
		}
		if utf8.Valid([]byte(s)) && (!utf8.RuneStart(s[tk.Start]) || (tk.End < len(s) && !utf8.RuneStart(s[tk.End]))) {
			t.Fatalf("token %d [%d,%d) splits a rune in %q", i, tk.Start, tk.End, s)
		}
		if strings.TrimSpace(tk.Text(s)) == "" {
			t.Fatalf("token %d is blank in %q", i, s)
		}
		prev = tk.End
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Iran's Foreign Minister Abbas Araghchi", "U.S.-led", "al-Qaeda", "1,000.5", "“x”", "\xff\xfe", "a\r\n\r\nb", "O'Brien’s", "'s", "U.S.", "U.", "..", "'", "n't",
	} {
		f.Add(s)
	}
	fo := NewFolder()
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(nil, s)
		checkInvariants(t, s, toks)
		for _, tk := range toks {
			_ = fo.Key(tk.Text(s))
			_ = Shape(tk.Text(s))
		}
	})
}

// slowKey is AppendKey without its fast paths: every text through the
// transform chain.
func slowKey(f *Folder, s string) string {
	stripped, _, err := transform.String(f.strip, s)
	if err != nil {
		stripped = s
	}
	return string(appendLowerPlain(nil, stripped))
}

func TestKeyFastPaths(t *testing.T) {
	f := NewFolder()
	for _, s := range []string{"Tehran", "Türkiye", "’s", "“Araghchi”", "U.S.—led", "Ørsted’s", "don’t", "´", "\u2001", "Ｏ", "Łódź—"} {
		if got, want := f.Key(s), slowKey(f, s); got != want {
			t.Errorf("Key(%q) = %q, the transform gives %q", s, got, want)
		}
	}
}

// FuzzKey checks that the fast paths of AppendKey agree with the
// transform chain on any text.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"Tehran", "Türkiye", "’s", "“x”", "\xff", "Ørsted—", "e\u0301"} {
		f.Add(s)
	}
	fo := NewFolder()
	f.Fuzz(func(t *testing.T, s string) {
		want := slowKey(fo, s)
		if got := fo.Key(s); got != want {
			t.Fatalf("Key(%q) = %q, the transform gives %q", s, got, want)
		}
		// Appended to a key already in the buffer, as the pipeline does.
		if got := string(fo.AppendKey([]byte("x’"), s)); got != "x’"+want {
			t.Fatalf("AppendKey(\"x’\", %q) = %q, want %q", s, got, "x’"+want)
		}
	})
}

// possessiveStartRef is possessiveStart as it was before it looked at the
// last byte first, to check that it still agrees.
func possessiveStartRef(w string) int {
	n := len(w)
	if n > 2 && (w[n-1] == 's' || w[n-1] == 'S') {
		if w[n-2] == '\'' {
			return n - 2
		}
		if n > 4 && w[n-4:n-1] == "\u2019" {
			return n - 4
		}
	}
	if n > 3 && lowerASCII(w[n-3:]) == "n't" {
		return n - 3
	}
	if n > 5 && lowerASCII(w[n-1:]) == "t" && w[n-4:n-1] == "\u2019" && (w[n-5] == 'n' || w[n-5] == 'N') {
		return n - 5
	}
	return 0
}

// checkFastPaths checks, at every rune of s, the ASCII fast path of
// scanWord against the general scan and caseOf, and possessiveStart
// against possessiveStartRef on every substring ending at a rune
// boundary.
func checkFastPaths(t *testing.T, s string) {
	for i, r := range s {
		if got, want := possessiveStart(s[:i]), possessiveStartRef(s[:i]); got != want {
			t.Fatalf("possessiveStart(%q) = %d, want %d", s[:i], got, want)
		}
		if !isLetter(r) {
			continue
		}
		end, c := scanWord(s, i)
		if want := scanWordSlow(s, i, i); end != want {
			t.Fatalf("scanWord(%q, %d) ends at %d, the general scan at %d", s, i, end, want)
		}
		if c != NoCase && c != caseOf(s[i:end]) {
			t.Fatalf("scanWord(%q, %d): case %d, caseOf %d", s, i, c, caseOf(s[i:end]))
		}
	}
	if got, want := possessiveStart(s), possessiveStartRef(s); got != want {
		t.Fatalf("possessiveStart(%q) = %d, want %d", s, got, want)
	}
}

func TestTokenizeFastPaths(t *testing.T) {
	for _, s := range []string{
		"Iran's IRAN'S don't DON'T don’t DON’T Ministers' U.S. G20 iPhone ABC1 abc a A 1a",
		"Côte d'Ivoire O'Brien’s Łódź Ørsted x\u0301 NATO's nATO Nato",
	} {
		checkFastPaths(t, s)
	}
}

// FuzzTokenizeFastPaths checks the tokenizer's fast paths against the
// general ones on any text.
func FuzzTokenizeFastPaths(f *testing.F) {
	for _, s := range []string{"Iran's", "DON’T", "U.S.-led", "Abc\u00e9", "a1B", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(checkFastPaths)
}
