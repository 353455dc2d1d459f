package check

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate"
)

// positions converts between the document's offset unit and byte offsets
// into its text, and finds the line and column of a byte offset. The
// pipeline's output is in code points unless asked otherwise; the checks
// read the text by bytes.
type positions struct {
	text string
	unit annotate.OffsetUnit
	// Sparse indexes, nil when units are bytes (bytes, or an ASCII text):
	// unitMarks[k] is the byte offset of unit offset k*stride (or of the
	// character it falls in), byteMarks[k] the unit offset of the
	// character at or after byte k*stride. A conversion walks at most a
	// stride of characters from a mark, so memory stays small.
	unitMarks []int32
	byteMarks []int32
	units     int   // the text's length in units
	lines     []int // byte offsets of line starts
}

const stride = 32

func newPositions(text string, unit annotate.OffsetUnit) *positions {
	p := &positions{text: text, unit: unit, lines: []int{0}, units: len(text)}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	if unit == annotate.Bytes || isASCII(text) {
		return p
	}
	p.unitMarks = make([]int32, 0, len(text)/stride+2)
	p.byteMarks = make([]int32, 0, len(text)/stride+2)
	u := 0
	for i, r := range text {
		for len(p.byteMarks)*stride <= i {
			p.byteMarks = append(p.byteMarks, int32(u))
		}
		w := p.width(r)
		for len(p.unitMarks)*stride < u+w {
			p.unitMarks = append(p.unitMarks, int32(i))
		}
		u += w
	}
	for len(p.byteMarks)*stride <= len(text) {
		p.byteMarks = append(p.byteMarks, int32(u))
	}
	p.units = u
	return p
}

func (p *positions) width(r rune) int {
	if p.unit == annotate.UTF16 && r >= 0x10000 {
		return 2
	}
	return 1
}

// toBytes converts a span in the document's unit to bytes, checking that it
// fits the text.
func (p *positions) toBytes(s annotate.Span) (annotate.Span, error) {
	if s.Start < 0 || s.End < s.Start || s.End > p.units {
		return s, fmt.Errorf("offsets %d-%d out of range (the text has %d %s)", s.Start, s.End, p.units, p.unit)
	}
	if p.unitMarks == nil {
		return s, nil
	}
	a, okA := p.byteOf(s.Start)
	b, okB := p.byteOf(s.End)
	if !okA || !okB {
		return s, fmt.Errorf("offsets %d-%d split a surrogate pair", s.Start, s.End)
	}
	return annotate.Span{Start: a, End: b}, nil
}

// byteOf returns the byte offset of unit offset u; false when u falls
// inside a character (a UTF-16 surrogate pair).
func (p *positions) byteOf(u int) (int, bool) {
	if u == p.units {
		return len(p.text), true
	}
	k := u / stride
	i := int(p.unitMarks[k])
	at := p.fromBytes(i)
	for at < u {
		r, w := utf8.DecodeRuneInString(p.text[i:])
		i += w
		at += p.width(r)
	}
	return i, at == u
}

// fromBytes converts a byte offset to the document's unit.
func (p *positions) fromBytes(b int) int {
	if p.byteMarks == nil {
		return b
	}
	k := b / stride
	i := k * stride
	u := int(p.byteMarks[k])
	for i < len(p.text) && !utf8.RuneStart(p.text[i]) {
		i++ // the mark counts from the character at or after it
	}
	for i < b {
		r, w := utf8.DecodeRuneInString(p.text[i:])
		i += w
		u += p.width(r)
	}
	return u
}

// lineCol returns the 1-based line and column of byte offset b; columns
// count code points, as editors and SARIF's unicodeCodePoints do.
func (p *positions) lineCol(b int) (line, col int) {
	i := p.lineOf(b)
	return i + 1, utf8.RuneCountInString(p.text[p.lines[i]:b]) + 1
}

// lineOf returns the 0-based line of byte offset b.
func (p *positions) lineOf(b int) int {
	i, found := slices.BinarySearch(p.lines, b)
	if !found {
		i--
	}
	return i
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
