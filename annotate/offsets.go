package annotate

import (
	"fmt"
	"unicode/utf8"
)

// OffsetUnit is the unit of the start and end offsets in a Document.
type OffsetUnit int

// Offset units. Code points are the default because Python slices strings
// by them; UTF-16 code units suit JavaScript and bytes suit Go.
const (
	Codepoints OffsetUnit = iota
	Bytes
	UTF16
)

// String returns the unit's name as the --offsets flag spells it.
func (u OffsetUnit) String() string {
	switch u {
	case Bytes:
		return "bytes"
	case UTF16:
		return "utf16"
	}
	return "codepoints"
}

// ParseOffsetUnit parses "codepoints", "bytes" or "utf16".
func ParseOffsetUnit(s string) (OffsetUnit, error) {
	switch s {
	case "codepoints", "":
		return Codepoints, nil
	case "bytes":
		return Bytes, nil
	case "utf16":
		return UTF16, nil
	}
	return 0, fmt.Errorf("unknown offset unit %q (want codepoints, bytes or utf16)", s)
}

// offsetConverter maps byte offsets into a text to offsets in another
// unit. It keeps a cursor and walks from it, forward or back, so converting
// offsets in text order costs one pass over the text, without sorting.
type offsetConverter struct {
	text       string
	unit       OffsetUnit
	pos, unit0 int // the cursor: a byte offset and the same offset in unit
}

func (c *offsetConverter) convert(off int) int {
	for c.pos < off && c.pos < len(c.text) {
		b := c.text[c.pos]
		if b < utf8.RuneSelf {
			c.pos++
			c.unit0++
			continue
		}
		r, n := utf8.DecodeRuneInString(c.text[c.pos:])
		c.pos += n
		c.unit0 += c.width(r)
	}
	for c.pos > off && c.pos > 0 {
		r, n := utf8.DecodeLastRuneInString(c.text[:c.pos])
		c.pos -= n
		c.unit0 -= c.width(r)
	}
	return c.unit0
}

func (c *offsetConverter) width(r rune) int {
	if c.unit == UTF16 && r >= 0x10000 {
		return 2
	}
	return 1
}

func (c *offsetConverter) span(s *Span) {
	s.Start, s.End = c.convert(s.Start), c.convert(s.End)
}

// convertOffsets rewrites d's byte offsets into text as offsets in unit u.
// Each list is in text order, so the walk is short; a text of plain ASCII
// needs no conversion at all.
func convertOffsets(text string, d *Document, u OffsetUnit) {
	if u == Bytes || isASCII(text) {
		return
	}
	c := &offsetConverter{text: text, unit: u}
	for i := range d.Sentences {
		c.span(&d.Sentences[i])
	}
	for i := range d.Mentions {
		m := &d.Mentions[i]
		m.Start, m.End = c.convert(m.Start), c.convert(m.End)
	}
	for i := range d.Relations {
		c.span(&d.Relations[i].Evidence)
	}
	for i := range d.Events {
		c.span(&d.Events[i].Trigger)
		c.span(&d.Events[i].Evidence)
	}
	for i := range d.Findings {
		f := &d.Findings[i]
		f.Start, f.End = c.convert(f.Start), c.convert(f.End)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lineCol returns the 1-based line and column (in code points) of byte
// offset off in text.
func lineCol(text string, off int) (line, col int) {
	line, col = 1, 1
	for i, r := range text {
		if i >= off {
			break
		}
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
