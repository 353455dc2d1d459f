package check

import (
	"slices"
	"strings"
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
	lines []int // byte offsets of line starts; nil until lineStarts
}

func newPositions(text string, unit annotate.OffsetUnit) *positions {
	return &positions{text: text, unit: unit, index: annotate.NewOffsetIndex(text, unit)}
}

// lineStarts returns the byte offsets of the text's line starts, found on
// first use: most documents have no finding to place.
func (p *positions) lineStarts() []int {
	if p.lines == nil {
		p.lines = []int{0}
		for i := 0; ; {
			j := strings.IndexByte(p.text[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			p.lines = append(p.lines, i)
		}
	}
	return p.lines
}

// toBytes converts a span in the document's unit to bytes, checking that it
// fits the text.
func (p *positions) toBytes(s annotate.Span) (annotate.Span, error) { return p.index.SpanToBytes(s) }

// fits checks that a span in the document's unit fits the text, as
// toBytes does, without converting it.
func (p *positions) fits(s annotate.Span) error {
	if p.unit == annotate.Codepoints && s.Start >= 0 && s.Start <= s.End && s.End <= p.index.Len() {
		return nil // in code points every offset in range starts a character
	}
	_, err := p.toBytes(s)
	return err
}

// mustBytes converts a span that fits has accepted to bytes.
func (p *positions) mustBytes(s annotate.Span) annotate.Span {
	b, err := p.toBytes(s)
	if err != nil {
		panic(err) // fits said it fits
	}
	return b
}

// fromBytes converts a byte offset to the document's unit.
func (p *positions) fromBytes(b int) int { return p.index.ToUnits(b) }

// lineCol returns the 1-based line and column of byte offset b; columns
// count code points, as editors and SARIF's unicodeCodePoints do.
func (p *positions) lineCol(b int) (line, col int) {
	i := p.lineOf(b)
	return i + 1, utf8.RuneCountInString(p.text[p.lineStarts()[i]:b]) + 1
}

// lineOf returns the 0-based line of byte offset b.
func (p *positions) lineOf(b int) int {
	i, found := slices.BinarySearch(p.lineStarts(), b)
	if !found {
		i--
	}
	return i
}
