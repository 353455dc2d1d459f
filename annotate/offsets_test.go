package annotate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestOffsetIndexBothWays walks texts of ASCII, of two- and three-byte
// characters and of astral-plane emoji, long enough to cross the index's
// marks, and checks that byte and unit offsets convert into each other in
// every unit: at each character start, inside multi-byte characters, and
// inside UTF-16 surrogate pairs.
func TestOffsetIndexBothWays(t *testing.T) {
	texts := map[string]string{
		"ascii":      strings.Repeat("Fidan met Araghchi in Ankara. ", 12),
		"multi-byte": strings.Repeat("Türkiye — Erdoğan’s “visit” to Zürich; ", 12),
		"astral":     strings.Repeat("a 😀 é 🇹🇷 Türkiye — 𝔸 ", 20),
		"empty":      "",
	}
	for name, text := range texts {
		checkBothWays(t, name, text)
	}
}

// FuzzOffsetIndex holds the index to TestOffsetIndexBothWays's walk for
// any valid UTF-8 text: scan's eight-byte steps over ASCII must land
// where its byte-by-byte loop would.
func FuzzOffsetIndex(f *testing.F) {
	f.Add("Fidan met Araghchi in Ankara. Türkiye — Erdoğan’s “visit” to Zürich; a 😀 é 🇹🇷")
	f.Add(strings.Repeat("abcdefg😀", 20))
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkBothWays(t, "fuzz", text)
	})
}

// checkBothWays walks text and checks every conversion of every unit.
func checkBothWays(t *testing.T, name, text string) {
	t.Helper()
	for _, u := range []OffsetUnit{Codepoints, UTF16, Bytes} {
		x := NewOffsetIndex(text, u)
		units := 0
		for i, r := range text {
			w := 1
			switch {
			case u == Bytes:
				w = utf8.RuneLen(r)
			case u == UTF16 && r >= 0x10000:
				w = 2
			}
			if got := x.ToUnits(i); got != units {
				t.Fatalf("%s %v: ToUnits(%d) = %d, want %d", name, u, i, got, units)
			}
			if got, ok := x.ToBytes(units); got != i || !ok {
				t.Fatalf("%s %v: ToBytes(%d) = %d, %v, want %d, true", name, u, units, got, ok, i)
			}
			for j := 1; j < utf8.RuneLen(r); j++ { // bytes inside the character
				want := units + w // its end
				if u == Bytes {
					want = units + j
				}
				if got := x.ToUnits(i + j); got != want {
					t.Fatalf("%s %v: ToUnits(%d) inside %q = %d, want %d", name, u, i+j, r, got, want)
				}
			}
			if u == UTF16 && w == 2 {
				if got, ok := x.ToBytes(units + 1); ok {
					t.Fatalf("%s: ToBytes(%d) inside the surrogate pair of %q = %d, true", name, units+1, r, got)
				}
			}
			units += w
		}
		if got := x.Len(); got != units {
			t.Fatalf("%s %v: Len = %d, want %d", name, u, got, units)
		}
		if got := x.ToUnits(len(text)); got != units {
			t.Fatalf("%s %v: ToUnits(end) = %d, want %d", name, u, got, units)
		}
		if got, ok := x.ToBytes(units); got != len(text) || !ok {
			t.Fatalf("%s %v: ToBytes(%d) = %d, %v, want the end %d", name, u, units, got, ok, len(text))
		}
		for _, out := range []int{-1, units + 1} {
			if _, ok := x.ToBytes(out); ok {
				t.Errorf("%s %v: ToBytes(%d) outside the text converted", name, u, out)
			}
		}
	}
}

// TestSpanToBytes: a span is converted to bytes when it lies within the
// text on character boundaries, and refused with the reason otherwise.
func TestSpanToBytes(t *testing.T) {
	text := "Türkiye 😀 ok" // ü is 2 bytes, the emoji 4 bytes and 2 UTF-16 units
	tests := []struct {
		unit OffsetUnit
		in   Span
		want Span
		err  string
	}{
		{Codepoints, Span{0, 7}, Span{0, 8}, ""},
		{Codepoints, Span{8, 9}, Span{9, 13}, ""},
		{UTF16, Span{8, 10}, Span{9, 13}, ""},
		{UTF16, Span{8, 9}, Span{}, "offsets 8-9 split a surrogate pair"},
		{Bytes, Span{0, 8}, Span{0, 8}, ""},
		{Bytes, Span{0, 2}, Span{}, "offsets 0-2 split a character"},
		{Bytes, Span{13, 16}, Span{13, 16}, ""},
		{Bytes, Span{10, 16}, Span{}, "offsets 10-16 split a character"},
		{Codepoints, Span{3, 2}, Span{}, "offsets 3-2 out of range (the text has 12 codepoints)"},
		{UTF16, Span{0, 14}, Span{}, "offsets 0-14 out of range (the text has 13 utf16)"},
	}
	for _, tt := range tests {
		x := NewOffsetIndex(text, tt.unit)
		got, err := x.SpanToBytes(tt.in)
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s %v: error %v, want %q", tt.unit, tt.in, err, tt.err)
			}
		case err != nil || got != tt.want:
			t.Errorf("%s %v = %v, %v; want %v", tt.unit, tt.in, got, err, tt.want)
		}
	}
}
