package check

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate"
)

// positions converts between the document's offset unit and byte offsets
// into its text, and finds the line and column of a byte offset. The
// pipeline's output is in code points unless asked otherwise; the checks
// read the text by bytes.
//
// The offset index and the line starts are built on first use: most
// documents have no claim, so no span to convert, and no finding to place.
type positions struct {
	text    string
	unit    annotate.OffsetUnit
	index   annotate.OffsetIndex
	indexed bool // index is built
	// out is the unit of the findings' offsets, and outIndex its index
	// when it is not the document's (built on first use).
	out        annotate.OffsetUnit
	outIndex   annotate.OffsetIndex
	outIndexed bool
	least      int   // a lower bound of the text's length in code points; -1 until leastUnits
	lines      []int // byte offsets of line starts; nil until lineStarts
	col        colCursor
}

func newPositions(text string, unit, out annotate.OffsetUnit) *positions {
	return &positions{text: text, unit: unit, out: out, least: -1}
}

// offsets returns the offset index, building it on first use.
func (p *positions) offsets() *annotate.OffsetIndex {
	if !p.indexed {
		p.index = annotate.NewOffsetIndex(p.text, p.unit)
		p.indexed = true
	}
	return &p.index
}

// leastUnits returns a length in code points the text has at least: its
// length once the index is built, else the number of its bytes that are
// not UTF-8 continuation bytes, each of which starts a code point (a byte
// of invalid UTF-8 counts as one).
func (p *positions) leastUnits() int {
	if p.indexed {
		return p.index.Len()
	}
	if p.least < 0 {
		p.least = runeStarts(p.text)
	}
	return p.least
}

// runeStarts counts the bytes of s that are not UTF-8 continuation bytes
// (10xxxxxx), eight at a time.
func runeStarts(s string) int {
	cont := 0
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// The top bit of each byte set, and the next one clear.
		cont += bits.OnesCount64(w &^ (w << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			cont++
		}
	}
	return len(s) - cont
}

// lineStarts returns the byte offsets of the text's line starts, found on
// first use: most documents have no finding to place.
func (p *positions) lineStarts() []int {
	if p.lines == nil {
		p.lines = make([]int, 1, 1+strings.Count(p.text, "\n"))
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
func (p *positions) toBytes(s annotate.Span) (annotate.Span, error) {
	return p.offsets().SpanToBytes(s)
}

// fits checks that a span in the document's unit fits the text, as
// toBytes does, without converting it.
func (p *positions) fits(s annotate.Span) error {
	if p.unit == annotate.Codepoints && s.Start >= 0 && s.Start <= s.End && s.End <= p.leastUnits() {
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

// fromBytes converts a byte offset to the findings' unit.
func (p *positions) fromBytes(b int) int {
	switch {
	case p.out == annotate.Bytes:
		return b
	case p.out == p.unit:
		return p.offsets().ToUnits(b)
	}
	if !p.outIndexed {
		p.outIndex = annotate.NewOffsetIndex(p.text, p.out)
		p.outIndexed = true
	}
	return p.outIndex.ToUnits(b)
}

// lineCol returns the 1-based line and column of byte offset b; columns
// count code points, as editors and SARIF's unicodeCodePoints do.
//
// The code points are counted from where the last call on the same line
// stopped, forward or back, rather than from the line's start: findings
// are placed in text order, and a text on one line would otherwise be
// read from its start for each.
func (p *positions) lineCol(b int) (line, col int) {
	i := p.lineOf(b)
	c := &p.col
	switch {
	case c.valid && c.line == i && c.at <= b && runeStartAt(p.text, c.at):
		c.n += utf8.RuneCountInString(p.text[c.at:b])
	case c.valid && c.line == i && b < c.at && runeStartAt(p.text, b):
		c.n -= utf8.RuneCountInString(p.text[b:c.at])
	default:
		c.n = utf8.RuneCountInString(p.text[p.lineStarts()[i]:b])
	}
	c.line, c.at, c.valid = i, b, true
	return i + 1, c.n + 1
}

// colCursor is where lineCol last stopped: byte offset at on 0-based line
// line, n code points after the line's start.
type colCursor struct {
	line, at, n int
	valid       bool
}

// runeStartAt reports whether byte offset i of text starts a code point
// or is the text's end: counting code points up to i and on from i gives
// the count of the whole, as utf8.RuneCountInString reads invalid bytes.
func runeStartAt(text string, i int) bool { return i >= len(text) || utf8.RuneStart(text[i]) }

// lineOf returns the 0-based line of byte offset b.
func (p *positions) lineOf(b int) int {
	i, found := slices.BinarySearch(p.lineStarts(), b)
	if !found {
		i--
	}
	return i
}
