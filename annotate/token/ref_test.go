package token

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// tokenizeRef is Tokenize as it was before its fast paths (wordRun's
// eight bytes at a time, and no possessive check of a plain ASCII word):
// the reference they are checked against.
func tokenizeRef(dst []Token, s string) []Token {
	i := 0
	space := true
	var newlines int
	for i < len(s) {
		c := s[i]
		if byteClass[c]&classSpace != 0 {
			space = true
			if c == '\n' || (c == '\r' && (i+1 >= len(s) || s[i+1] != '\n')) {
				newlines++
			}
			i++
			continue
		}
		r, size := decode(s, i)
		if c >= 0x80 && isSpace(r) {
			space = true
			if r == '\u2028' || r == '\u2029' || r == '\u0085' {
				newlines++
			}
			i += size
			continue
		}
		t := Token{Start: i, Space: space, Newlines: clampNewlines(newlines)}
		space, newlines = false, 0
		switch {
		case isLetter(r):
			t.End, t.Case = scanWordRef(s, i)
			t.Kind = Word
		case isDigit(r):
			t.End, t.Kind = scanNumberRef(s, i)
		case r == '\'' || r == '\u2019':
			t.End = i + size
			t.Kind = Punct
			if n := apostropheSuffix(s, i+size); n > 0 {
				t.End = i + size + n
				t.Kind = Word
			}
		case isSymbol(r):
			t.End = i + size
			t.Kind = Symbol
		default:
			t.End = i + size
			t.Kind = Punct
		}
		if t.Kind == Word {
			if t.Case == NoCase {
				t.Case = caseOf(s[t.Start:t.End])
			}
			if p := possessiveStart(s[t.Start:t.End]); p > 0 {
				rest := Token{Start: t.Start + p, End: t.End, Kind: Word, Case: Lower}
				t.End = t.Start + p
				t.Case = caseOf(s[t.Start:t.End])
				dst = append(dst, t, rest)
				i = rest.End
				continue
			}
		}
		dst = append(dst, t)
		i = t.End
	}
	return dst
}

// scanNumberRef is scanNumber as it was before it read ASCII digits,
// letters and separators by their byte class: a rune at a time.
func scanNumberRef(s string, i int) (int, Kind) {
	kind := Number
	for i < len(s) {
		r, n := decode(s, i)
		switch {
		case isDigit(r):
			i += n
		case r == ',' || r == '.' || r == ':':
			next, _ := decode(s, i+n)
			if !isDigit(next) {
				return i, kind
			}
			i += n
		case isLetter(r):
			kind = Word
			i += n
		default:
			return i, kind
		}
	}
	return i, kind
}

// scanWordRef is scanWord scanning its ASCII run a byte at a time.
func scanWordRef(s string, i int) (int, Case) {
	start := i
	seen := uint8(0)
	for i < len(s) {
		cl := byteClass[s[i]] & classWord
		if cl == 0 {
			break
		}
		seen |= cl
		i++
	}
	if i == len(s) || (s[i] != '.' && s[i] != '\'' && s[i] < 0x80) {
		switch {
		case seen&(classLower|classUpper) == 0:
			return i, NoCase
		case seen&classLower == 0:
			return i, Upper
		case byteClass[s[start]]&classUpper != 0:
			return i, Title
		}
		return i, Lower
	}
	return scanWordSlow(s, start, i), NoCase
}

// checkTokenizeRef compares Tokenize with tokenizeRef on s, appending to
// no tokens and to one token with room for all of s's. (TokenizeKeys'
// fast path, plainKeys, is held to Tokenize by checkAppendKeys, with no
// room and with room for all.)
func checkTokenizeRef(t *testing.T, s string) {
	t.Helper()
	want := tokenizeRef(nil, s)
	prev := Token{Start: 1, End: 2, Kind: Symbol, Newlines: 3}
	for _, dst := range [][]Token{nil, append(make([]Token, 0, len(s)+1), prev)} {
		got := Tokenize(dst, s)
		if len(dst) > 0 {
			if got[0] != prev {
				t.Fatalf("Tokenize(%q) changed the token before: %+v", s, got[0])
			}
			got = got[1:]
		}
		if !slices.Equal(got, want) {
			for k := range min(len(got), len(want)) {
				if got[k] != want[k] {
					t.Fatalf("Tokenize(%q): token %d is %+v, the reference's %+v", s, k, got[k], want[k])
				}
			}
			t.Fatalf("Tokenize(%q): %d tokens, the reference %d", s, len(got), len(want))
		}
	}
}

// wordRunRef is wordRun a byte at a time.
func wordRunRef(x uint64) (n int, lower, upper uint64) {
	for ; n < 8; n++ {
		cl := byteClass[byte(x>>(8*n))] & classWord
		if cl == 0 {
			break
		}
		if cl == classLower {
			lower |= 0x80 << (8 * n)
		}
		if cl == classUpper {
			upper |= 0x80 << (8 * n)
		}
	}
	return n, lower, upper
}

// TestWordRun compares wordRun with wordRunRef on words made of bytes
// near the bounds of its ranges, and random words.
func TestWordRun(t *testing.T) {
	edges := []byte{0, ' ', '\'', '.', '/', '0', '9', ':', '@', 'A', 'Z', '[', '`', 'a', 'z', '{', 0x7f, 0x80, 0xc3, 0xff}
	check := func(x uint64) {
		n, lo, up := wordRun(x)
		rn, rlo, rup := wordRunRef(x)
		if n != rn || lo != rlo || up != rup {
			t.Fatalf("wordRun(%#016x) = %d, %#x, %#x; a byte at a time %d, %#x, %#x", x, n, lo, up, rn, rlo, rup)
		}
	}
	// Every pair of edge bytes at every pair of positions, on a word of letters.
	for p := range 8 {
		for q := p; q < 8; q++ {
			for _, a := range edges {
				for _, b := range edges {
					x := uint64(0x6d41326d41326d41) // "A2mA2mA2" repeated
					x = x&^(0xff<<(8*p)) | uint64(a)<<(8*p)
					x = x&^(0xff<<(8*q)) | uint64(b)<<(8*q)
					check(x)
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var x uint64
		for k := range 8 {
			x |= uint64(edges[r.IntN(len(edges))]+byte(r.IntN(2))) << (8 * k)
		}
		check(x)
		check(r.Uint64())
	}
}

// TestTokenizeRef compares Tokenize with tokenizeRef on the test
// articles, on random texts of the characters the tokenizer treats apart
// and on every suffix of some awkward ones (so that each word meets the
// end of the text and each of the eight-byte windows).
func TestTokenizeRef(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	if len(paths) == 0 {
		t.Fatal("no test articles")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkTokenizeRef(t, string(b))
	}
	for _, s := range []string{
		"Iran's IRAN'S don't DON'T don’t DON’T Ministers' U.S. G20 iPhone ABC1 abc a A 1a",
		"Côte d'Ivoire O'Brien’s Łódź Ørsted x\u0301 NATO's nATO Nato",
		"Internationalization internationalizations ABCDEFGHIJKLMNOP abcdefgh12345678 Abcdefg.",
		"abcdefgh'", "abcdefghé", "ABCDEFGH.I.", "abcdefg's", "abcdefgh’s", "1990s 3rd 10:30 1,000.5",
	} {
		for i := range s {
			checkTokenizeRef(t, s[i:])
		}
	}
	alphabet := []string{"a", "b", "Z", "Q", "z", "0", "9", " ", "  ", "\n", "\r\n", ".", "'", "’", "-", "—", ",", "é", "É", "ł", "\u0301", "\u00a0", "$", "s", "t", "n", "@", "[", "`", "{", "/", ":", "\xff"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b []byte
		for range r.IntN(40) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		checkTokenizeRef(t, string(b))
	}
}

// FuzzTokenizeRef compares Tokenize with tokenizeRef on any text.
func FuzzTokenizeRef(f *testing.F) {
	for _, s := range []string{"Iran's", "DON’T", "U.S.-led", "Abcdefgh\u00e9", "abcdefghijklm'n", "a1B", "\xff", "ABCDEFGHIJ's"} {
		f.Add(s)
	}
	f.Fuzz(checkTokenizeRef)
}

// checkAppendKeys compares AppendKeys on s's tokens with AppendKey token
// by token, after a key already in the buffer as the pipeline's may be.
func checkAppendKeys(t *testing.T, f *Folder, s string) {
	t.Helper()
	toks := Tokenize(nil, s)
	want, wantEnds := []byte("x’"), []int32{}
	for _, tk := range toks {
		want = f.AppendKey(want, tk.Text(s))
		wantEnds = append(wantEnds, int32(len(want)))
	}
	got, ends := f.AppendKeys([]byte("x’"), nil, s, toks)
	if string(got) != string(want) || !slices.Equal(ends, wantEnds) {
		t.Fatalf("AppendKeys(%q) = %q %v, AppendKey token by token %q %v", s, got, ends, want, wantEnds)
	}
	// TokenizeKeys: the same tokens and keys in one pass, after a token
	// and a key already in the buffers, with no room and with room for
	// all.
	prev := Token{Start: 0, End: 1, Kind: Punct}
	for _, c := range []int{1, len(s) + 8} {
		gotToks, got, ends := f.TokenizeKeys(append(make([]Token, 0, c), prev), append(make([]byte, 0, c), "x’"...), make([]int32, 0, c), s)
		if !slices.Equal(gotToks, append([]Token{prev}, toks...)) {
			t.Fatalf("TokenizeKeys(%q) tokens %v, Tokenize %v", s, gotToks[1:], toks)
		}
		if string(got) != string(want) || !slices.Equal(ends, wantEnds) {
			t.Fatalf("TokenizeKeys(%q) = %q %v, AppendKey token by token %q %v", s, got, ends, want, wantEnds)
		}
	}
	// Each token alone, at the end of its text (no eight bytes to read).
	for _, tk := range toks {
		got, _ := f.AppendKeys(nil, nil, s[:tk.End], []Token{tk})
		if want := f.Key(tk.Text(s)); string(got) != want {
			t.Fatalf("AppendKeys of %q at the end of %q = %q, Key %q", tk.Text(s), s[:tk.End], got, want)
		}
	}
}

// TestAppendKeys compares AppendKeys and TokenizeKeys with AppendKey
// token by token on the test articles and on random texts of the
// characters folding treats apart.
func TestAppendKeys(t *testing.T) {
	f := NewFolder()
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkAppendKeys(t, f, string(b))
	}
	alphabet := []string{"a", "Z", "A", "z", "@", "[", "`", "{", "0", " ", ".", "'", "’", "-", "—", "é", "Ł", "ß", "\u0301", "$", "\x00", "\x7f", "\xff"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b []byte
		for range r.IntN(40) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		checkAppendKeys(t, f, string(b))
	}
}

// FuzzAppendKeys compares AppendKeys and TokenizeKeys with AppendKey
// token by token on any text.
func FuzzAppendKeys(f *testing.F) {
	for _, s := range []string{"Tehran IRAN abc`d", "Türkiye’s", "ABCDEFGH abcdefghi", "\x00A\x7f", "\xff"} {
		f.Add(s)
	}
	fo := NewFolder()
	f.Fuzz(func(t *testing.T, s string) { checkAppendKeys(t, fo, s) })
}

// TestAppendKeysSpans compares AppendKeys with AppendKey on spans no
// tokenizer makes: empty, overlapping, out of order, long, at the end.
func TestAppendKeysSpans(t *testing.T) {
	f := NewFolder()
	text := "The U.S. Minister´s TÜRKIYE visit, in ALL-CAPS`quote`, ended.\u00a0Abcdefgh"
	r := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		var toks []Token
		for range r.IntN(30) {
			a := r.IntN(len(text) + 1)
			b := min(a+r.IntN(12), len(text))
			toks = append(toks, Token{Start: a, End: b})
		}
		var want []byte
		var wantEnds []int32
		for _, tk := range toks {
			want = f.AppendKey(want, tk.Text(text))
			wantEnds = append(wantEnds, int32(len(want)))
		}
		got, ends := f.AppendKeys(nil, nil, text, toks)
		if string(got) != string(want) || !slices.Equal(ends, wantEnds) {
			t.Fatalf("AppendKeys(%v) = %q %v, AppendKey span by span %q %v", toks, got, ends, want, wantEnds)
		}
	}
}
