package annotate

import (
	"fmt"
	"slices"
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

// offsetFields returns pointers to every offset in d.
func offsetFields(d *Document) []*int {
	var ps []*int
	for i := range d.Sentences {
		ps = append(ps, &d.Sentences[i].Start, &d.Sentences[i].End)
	}
	for i := range d.Mentions {
		ps = append(ps, &d.Mentions[i].Start, &d.Mentions[i].End)
	}
	for i := range d.Relations {
		ps = append(ps, &d.Relations[i].Evidence.Start, &d.Relations[i].Evidence.End)
	}
	for i := range d.Events {
		e := &d.Events[i]
		ps = append(ps, &e.Trigger.Start, &e.Trigger.End, &e.Evidence.Start, &e.Evidence.End)
	}
	for i := range d.Findings {
		ps = append(ps, &d.Findings[i].Start, &d.Findings[i].End)
	}
	return ps
}

// convertOffsets rewrites d's byte offsets into text as offsets in unit u,
// in one pass over the text whatever the number of offsets.
func convertOffsets(text string, d *Document, u OffsetUnit) {
	if u == Bytes {
		return
	}
	ps := offsetFields(d)
	slices.SortFunc(ps, func(a, b *int) int { return *a - *b })
	pos, count := 0, 0
	for _, p := range ps {
		target := *p
		for pos < target && pos < len(text) {
			r, n := utf8.DecodeRuneInString(text[pos:])
			pos += n
			count++
			if u == UTF16 && r >= 0x10000 {
				count++
			}
		}
		*p = count
	}
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
