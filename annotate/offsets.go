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
// unit through a sparse index: the unit offset of every 64th byte, so a
// conversion decodes at most 64 bytes whatever the order of the offsets.
type offsetConverter struct {
	text  string
	unit  OffsetUnit
	index []int32 // index[k]: unit offset of byte 64*k (or of the rune start after it)
	at    []int32 // at[k]: the byte offset index[k] refers to
}

const offsetStride = 64

func newOffsetConverter(text string, u OffsetUnit) *offsetConverter {
	c := &offsetConverter{text: text, unit: u}
	n := len(text)/offsetStride + 1
	c.index = make([]int32, 0, n)
	c.at = make([]int32, 0, n)
	units := 0
	next := 0
	for i := 0; i < len(text); {
		if i >= next {
			c.index = append(c.index, int32(units))
			c.at = append(c.at, int32(i))
			next = len(c.at) * offsetStride
		}
		b := text[i]
		if b < utf8.RuneSelf {
			i++
			units++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		i += w
		units += c.width(r)
	}
	return c
}

func (c *offsetConverter) convert(off int) int {
	if len(c.at) == 0 {
		return 0
	}
	k := min(off/offsetStride, len(c.at)-1)
	for k > 0 && int(c.at[k]) > off {
		k--
	}
	pos, units := int(c.at[k]), int(c.index[k])
	for pos < off && pos < len(c.text) {
		if c.text[pos] < utf8.RuneSelf {
			pos++
			units++
			continue
		}
		r, w := utf8.DecodeRuneInString(c.text[pos:])
		pos += w
		units += c.width(r)
	}
	return units
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
// A text of plain ASCII needs no conversion at all.
func convertOffsets(text string, d *Document, u OffsetUnit) {
	if u == Bytes || isASCII(text) {
		return
	}
	c := newOffsetConverter(text, u)
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
