package check

import (
	"testing"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate"
)

func TestPositions(t *testing.T) {
	text := "Türkiye\n😀 Fidan"
	// Byte offsets of "Fidan": 9 + 1 ("\n") … computed from the text.
	start := len("Türkiye\n😀 ")
	tests := []struct {
		unit  annotate.OffsetUnit
		start int // "Fidan" in the unit
	}{
		{annotate.Bytes, start},
		{annotate.Codepoints, 10},
		{annotate.UTF16, 11},
	}
	for _, tt := range tests {
		p := newPositions(text, tt.unit, tt.unit)
		b, err := p.toBytes(annotate.Span{Start: tt.start, End: tt.start + 5})
		if err != nil {
			t.Fatalf("%s: %v", tt.unit, err)
		}
		if got := text[b.Start:b.End]; got != "Fidan" {
			t.Errorf("%s: span %d-%d is %q, want Fidan", tt.unit, b.Start, b.End, got)
		}
		if got := p.fromBytes(b.Start); got != tt.start {
			t.Errorf("%s: fromBytes(%d) = %d, want %d", tt.unit, b.Start, got, tt.start)
		}
		if l, c := p.lineCol(b.Start); l != 2 || c != 3 {
			t.Errorf("%s: lineCol = %d:%d, want 2:3", tt.unit, l, c)
		}
		if _, err := p.toBytes(annotate.Span{Start: 0, End: 1000}); err == nil {
			t.Errorf("%s: a span past the end converted", tt.unit)
		}
	}
	if _, err := newPositions(text, annotate.UTF16, annotate.UTF16).toBytes(annotate.Span{Start: 9, End: 10}); err == nil {
		t.Error("a span inside a surrogate pair converted")
	}
}

// TestFits checks that fits accepts exactly the spans toBytes converts,
// in every unit, including spans past either end and inside characters,
// before the offset index is built and after.
func TestFits(t *testing.T) {
	for _, text := range []string{"Türkiye\n😀 “Fidan”\xff.", "\x80a\xe2\x80\xe2\x80\x9c\x80", "plain"} {
		for _, unit := range []annotate.OffsetUnit{annotate.Bytes, annotate.Codepoints, annotate.UTF16} {
			built := newPositions(text, unit, unit)
			for start := -2; start <= len(text)+2; start++ {
				for end := start - 2; end <= len(text)+2; end++ {
					s := annotate.Span{Start: start, End: end}
					_, want := built.toBytes(s)
					for _, p := range []*positions{built, newPositions(text, unit, unit)} {
						if got := p.fits(s); (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
							t.Errorf("%q in %s: fits(%d-%d) = %v, toBytes gives %v", text, unit, start, end, got, want)
						}
					}
				}
			}
		}
	}
}

// FuzzRuneStarts checks runeStarts against a byte at a time, and that it
// is never more than the text's length in code points.
func FuzzRuneStarts(f *testing.F) {
	f.Add("Türkiye\n😀 “Fidan”\xff.")
	f.Add("\x80\x80\x80\x80\x80\x80\x80\x80\xc0")
	f.Fuzz(func(t *testing.T, s string) {
		want := 0
		for i := 0; i < len(s); i++ {
			if s[i]&0xC0 != 0x80 {
				want++
			}
		}
		if got := runeStarts(s); got != want {
			t.Fatalf("runeStarts(%q) = %d, want %d", s, got, want)
		}
		if n := utf8.RuneCountInString(s); want > n {
			t.Fatalf("%q: %d rune starts, %d code points", s, want, n)
		}
	})
}

// refLineCol is lineCol as it was before it counted on from its last
// call: each column counted from the line's start. lineCol is held to it.
func refLineCol(p *positions, b int) (line, col int) {
	i := p.lineOf(b)
	return i + 1, utf8.RuneCountInString(p.text[p.lineStarts()[i]:b]) + 1
}

// checkLineCol asks one positions, in turn, for the line and column of
// offsets of text that steps gives (walkSteps: on by a
// little, or a jump to anywhere, back included), bytes inside a code
// point and invalid UTF-8 included.
func checkLineCol(t *testing.T, text string, steps []byte) {
	t.Helper()
	p := newPositions(text, annotate.Bytes, annotate.Bytes)
	walkSteps(text, steps, func(at int) {
		gl, gc := p.lineCol(at)
		wl, wc := refLineCol(p, at)
		if gl != wl || gc != wc {
			t.Fatalf("%q at %d (after %v): lineCol %d:%d, want %d:%d", text, at, steps, gl, gc, wl, wc)
		}
	})
}

func TestLineCol(t *testing.T) {
	texts := []string{
		"Türkiye’s Foreign Minister Hakan Fidan 😀 met “Abbas Araghchi”.\nSecond line: Fidam.\n\nFourth",
		"ascii only, one line, Foreign Minister Jane Roe and Foreign Minister Jane Roe",
		"\xe2\x80\x9c\xe2\x80 \xff\xfe ç\n\xe2\x80\n\n\xf0\x9f\x98",
		"",
	}
	for _, text := range texts {
		for _, steps := range testSteps([]byte{254, 0, 7, 7, 128, 5, 64, 255, 9, 3, 3, 3, 96, 94, 92, 90}) {
			checkLineCol(t, text, steps)
		}
		// Every offset after every other.
		for a := range len(text) + 1 {
			for b := range len(text) + 1 {
				p := newPositions(text, annotate.Bytes, annotate.Bytes)
				p.lineCol(a)
				gl, gc := p.lineCol(b)
				if wl, wc := refLineCol(p, b); gl != wl || gc != wc {
					t.Fatalf("%q at %d after %d: lineCol %d:%d, want %d:%d", text, b, a, gl, gc, wl, wc)
				}
			}
		}
	}
}

// FuzzLineCol checks lineCol against the reference on any text, asked
// in any order.
func FuzzLineCol(f *testing.F) {
	f.Add("Türkiye’s Foreign Minister\nHakan Fidan 😀 met “Abbas Araghchi”.", []byte{3, 3, 3, 17, 9, 0, 5, 254, 3, 100, 98})
	f.Add("\xe2\x80\x9c\xe2\x80 \xff\n\xe2\x80", []byte{1, 3, 5, 7, 9, 11, 13, 2, 4, 6})
	f.Fuzz(func(t *testing.T, text string, steps []byte) {
		checkLineCol(t, text, steps)
	})
}
