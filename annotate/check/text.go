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
	// byteAt[u] is the byte offset of unit offset u (-1 inside a UTF-16
	// surrogate pair), unitAt[b] the unit offset of byte b; both nil when
	// the two are the same (bytes, or an ASCII text).
	byteAt []int32
	unitAt []int32
	lines  []int // byte offsets of line starts
}

func newPositions(text string, unit annotate.OffsetUnit) *positions {
	p := &positions{text: text, unit: unit, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	if unit == annotate.Bytes || isASCII(text) {
		return p
	}
	p.unitAt = make([]int32, len(text)+1)
	p.byteAt = make([]int32, 0, len(text)+1)
	u := int32(0)
	for i, r := range text {
		w := utf8.RuneLen(r)
		if w < 0 {
			w = 1
		}
		for k := range w {
			p.unitAt[i+k] = u
		}
		p.byteAt = append(p.byteAt, int32(i))
		u++
		if unit == annotate.UTF16 && r >= 0x10000 {
			p.byteAt = append(p.byteAt, -1)
			u++
		}
	}
	p.unitAt[len(text)] = u
	p.byteAt = append(p.byteAt, int32(len(text)))
	return p
}

// toBytes converts a span in the document's unit to bytes, checking that it
// fits the text.
func (p *positions) toBytes(s annotate.Span) (annotate.Span, error) {
	limit := len(p.text)
	if p.byteAt != nil {
		limit = len(p.byteAt) - 1
	}
	if s.Start < 0 || s.End < s.Start || s.End > limit {
		return s, fmt.Errorf("offsets %d-%d out of range (the text has %d %s)", s.Start, s.End, limit, p.unit)
	}
	if p.byteAt == nil {
		return s, nil
	}
	b := annotate.Span{Start: int(p.byteAt[s.Start]), End: int(p.byteAt[s.End])}
	if b.Start < 0 || b.End < 0 {
		return s, fmt.Errorf("offsets %d-%d split a surrogate pair", s.Start, s.End)
	}
	return b, nil
}

// fromBytes converts a byte offset to the document's unit.
func (p *positions) fromBytes(b int) int {
	if p.unitAt == nil {
		return b
	}
	return int(p.unitAt[b])
}

// lineCol returns the 1-based line and column of byte offset b; columns
// count code points, as editors and SARIF's unicodeCodePoints do.
func (p *positions) lineCol(b int) (line, col int) {
	i, found := slices.BinarySearch(p.lines, b)
	if !found {
		i--
	}
	return i + 1, utf8.RuneCountInString(p.text[p.lines[i]:b]) + 1
}

// lineOf returns the 0-based line of byte offset b.
func (p *positions) lineOf(b int) int {
	l, _ := p.lineCol(b)
	return l - 1
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
