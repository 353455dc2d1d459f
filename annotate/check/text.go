package check

import (
	"slices"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate"
)

// positions converts between the document's offset unit and byte offsets
// into its text, and finds the line and column of a byte offset. The
// pipeline's output is in code points unless asked otherwise; the checks
// read the text by bytes.
type positions struct {
	text  string
	unit  annotate.OffsetUnit
	index annotate.OffsetIndex
	lines []int // byte offsets of line starts
}

func newPositions(text string, unit annotate.OffsetUnit) *positions {
	p := &positions{text: text, unit: unit, index: annotate.NewOffsetIndex(text, unit), lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	return p
}

// toBytes converts a span in the document's unit to bytes, checking that it
// fits the text.
func (p *positions) toBytes(s annotate.Span) (annotate.Span, error) { return p.index.SpanToBytes(s) }

// fromBytes converts a byte offset to the document's unit.
func (p *positions) fromBytes(b int) int { return p.index.ToUnits(b) }

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
