package annotate

import (
	"fmt"
	"math"
	"math/bits"
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

// OffsetIndex converts between byte offsets into a text, which Go slices
// by, and offsets in a unit, which a Document counts in. The pipeline, the
// checks and the encoders all convert through it.
//
// The index is sparse: it keeps the unit offset of the character at or
// after every 64th byte, 8 bytes of index per 64 of text, and a conversion
// either way decodes at most 64 bytes from a mark, whatever the order of
// the offsets. A dense table would cost 4 to 8 bytes per byte of text for
// documents that convert only a few hundred spans. In bytes, or over a text
// of plain ASCII, the two offsets are the same and there is nothing to
// index.
type OffsetIndex struct {
	text  string
	unit  OffsetUnit
	units int     // the text's length in units
	index []int32 // index[k]: unit offset of byte at[k]; nil when units are bytes
	at    []int32 // at[k]: the first character start at or after byte 64*k
}

const offsetStride = 64

// NewOffsetIndex indexes text for conversions to and from unit u. It
// returns a value, not a pointer, so that the pipeline's texts of plain
// ASCII, which need no index, cost no allocation.
func NewOffsetIndex(text string, u OffsetUnit) OffsetIndex {
	x := OffsetIndex{text: text, unit: u, units: len(text)}
	if u == Bytes || isASCII(text) {
		return x
	}
	n := len(text)/offsetStride + 1
	x.index = make([]int32, 0, n)
	x.at = make([]int32, 0, n)
	units := 0
	for i := 0; i < len(text); {
		x.index = append(x.index, int32(units))
		x.at = append(x.at, int32(i))
		i, units = x.scanTo(i, units, min(len(text), len(x.at)*offsetStride))
	}
	x.units = units
	return x
}

// Len returns the text's length in units.
func (x *OffsetIndex) Len() int { return x.units }

// ToUnits returns the unit offset of byte offset b, for b from 0 to the
// text's length. A byte inside a multi-byte character counts as the
// character's end; past the text, the text's length.
func (x *OffsetIndex) ToUnits(b int) int {
	if x.index == nil {
		return b
	}
	pos, units := x.markBefore(b)
	_, units = x.scanTo(pos, units, min(b, len(x.text)))
	return units
}

// markBefore returns the last mark at or before byte offset b (the first
// for a negative b), and its unit offset.
func (x *OffsetIndex) markBefore(b int) (pos, units int) {
	k := min(b/offsetStride, len(x.at)-1)
	for k > 0 && int(x.at[k]) > b {
		k--
	}
	return int(x.at[k]), int(x.index[k])
}

// unitSweep converts byte offsets to units for convertOffsets, as
// ToUnits does, without an index built beforehand: a document's spans
// come nearly in text order, so the sweep decodes the text forward from
// the furthest place it has reached, once over the whole text for spans
// in order, and marks on the way, as NewOffsetIndex does, the first
// character start at or after every 64th byte. An offset behind that
// place is decoded from the mark before it, or from where the last
// conversion stopped when that lies between the mark and the offset. All
// these places are character starts on the one chain of characters
// decoding from the text's start walks, so decoding on from any of them
// gives the same count.
type unitSweep struct {
	x             OffsetIndex // the text and unit, and the marks made so far
	end, endUnits int         // the furthest place reached
	pos, units    int         // where the last conversion stopped
}

func newUnitSweep(text string, u OffsetUnit) *unitSweep {
	n := len(text)/offsetStride + 1
	c := &unitSweep{x: OffsetIndex{text: text, unit: u, index: make([]int32, 1, n), at: make([]int32, 1, n)}}
	return c // the mark of byte 0 is 0, 0
}

func (c *unitSweep) toUnits(b int) int {
	x := &c.x
	b = min(b, len(x.text))
	if b >= c.end {
		c.advance(b)
		c.pos, c.units = c.end, c.endUnits
		return c.units
	}
	pos, units := x.markBefore(b)
	if pos < c.pos && c.pos <= b {
		pos, units = c.pos, c.units
	}
	c.pos, c.units = x.scanTo(pos, units, b)
	return c.units
}

// advance decodes on from the furthest place reached to the first
// character start at or after b (at most the text's length), marking
// the marks it passes. A scan that ends past a mark's byte without
// marking it (it stopped inside a character before) has stopped at the
// first character start after that byte, which the next advance marks.
func (c *unitSweep) advance(b int) {
	x := &c.x
	for c.end < b {
		next := len(x.at) * offsetStride
		if next > b {
			c.end, c.endUnits = x.scanTo(c.end, c.endUnits, b)
			return
		}
		c.end, c.endUnits = x.scanTo(c.end, c.endUnits, next)
		if c.end < len(x.text) {
			x.at = append(x.at, int32(c.end))
			x.index = append(x.index, int32(c.endUnits))
		}
	}
}

// span converts s's two offsets.
func (c *unitSweep) span(s *Span) {
	s.Start = c.toUnits(s.Start)
	s.End = c.toUnits(s.End)
}

// ToBytes returns the byte offset of unit offset u. It is false when u is
// outside the text or falls inside a character, between the two halves of
// a UTF-16 surrogate pair; the offset is then that of the character's end.
// In bytes every offset of the text is accepted as it is: callers that need
// it on a character boundary check utf8.RuneStart.
func (x *OffsetIndex) ToBytes(u int) (int, bool) {
	if u < 0 || u > x.units {
		return u, false
	}
	if x.index == nil {
		return u, true
	}
	if u == x.units {
		return len(x.text), true
	}
	k, found := slices.BinarySearch(x.index, int32(u))
	if !found {
		k-- // index[0] is 0, so k stays in range
	}
	pos, units := x.scan(int(x.at[k]), int(x.index[k]), len(x.text), u)
	return pos, units == u
}

// SpanToBytes converts span s from the index's unit to byte offsets,
// checking first that it lies within the text and that neither end falls
// inside a character: spans read back from a Document, which another
// tool or an edit may have written, are checked so before they slice the
// text, by the encoders and the checks alike.
func (x *OffsetIndex) SpanToBytes(s Span) (Span, error) {
	if s.Start < 0 || s.End < s.Start || s.End > x.units {
		return s, fmt.Errorf("offsets %d-%d out of range (the text has %d %s)", s.Start, s.End, x.units, x.unit)
	}
	if x.unit == Bytes {
		if !runeStartAt(x.text, s.Start) || !runeStartAt(x.text, s.End) {
			return s, fmt.Errorf("offsets %d-%d split a character", s.Start, s.End)
		}
		return s, nil
	}
	a, okA := x.ToBytes(s.Start)
	b, okB := x.ToBytes(s.End)
	if !okA || !okB {
		return s, fmt.Errorf("offsets %d-%d split a surrogate pair", s.Start, s.End)
	}
	return Span{Start: a, End: b}, nil
}

// runeStartAt reports whether byte offset i of text starts a character
// or is the text's end.
func runeStartAt(text string, i int) bool { return i >= len(text) || utf8.RuneStart(text[i]) }

// scan decodes the text from byte pos, at unit offset units, a character
// at a time while pos < maxPos and units < maxUnits, and returns where it
// stopped: a character start, or the text's end.
func (x *OffsetIndex) scan(pos, units, maxPos, maxUnits int) (int, int) {
	for pos < maxPos && units < maxUnits {
		// Eight bytes at a time: most of a news text's bytes are ASCII.
		// When some of the eight are not, the ASCII ones before the first
		// that is not are passed at once, each one unit, and that one is
		// decoded: a curly quote every few words would otherwise send
		// the scan a byte at a time through the bytes before it.
		if pos+8 <= maxPos && units+8 <= maxUnits {
			hi := word8(x.text[pos:pos+8]) & 0x8080808080808080
			if hi == 0 {
				pos += 8
				units += 8
				continue
			}
			n := bits.TrailingZeros64(hi) / 8 // < 8, so still pos < maxPos, units < maxUnits
			pos += n
			units += n
		} else if x.text[pos] < utf8.RuneSelf {
			pos++
			units++
			continue
		}
		r, w := utf8.DecodeRuneInString(x.text[pos:])
		pos += w
		units++
		if x.unit == UTF16 && r >= 0x10000 {
			units++
		}
	}
	return pos, units
}

// scanTo is scan with no bound on the units, for the conversions to units
// and the index, which make nearly all the scans: it keeps, instead of
// the units, how many bytes more than units the characters passed have
// (extra), which the ASCII ones, most of a news text, leave as it is.
// The ASCII bytes before the first that is not, among eight, or among
// those left before maxPos, are passed at once, so that neither a curly
// quote every few words nor the end of a span a few bytes on sends the
// scan a byte at a time.
func (x *OffsetIndex) scanTo(pos, units, maxPos int) (int, int) {
	text := x.text
	extra := pos - units
	for pos < maxPos {
		// Runs of ASCII, most of a news text, pass eight bytes at a time
		// in a loop of their own, a load, a test and a branch or two for
		// each eight: the loop below spends twice as many instructions.
		for pos+8 <= maxPos && pos+8 <= len(text) && ascii8(text[pos:pos+8]) {
			pos += 8
		}
		if pos >= maxPos {
			break
		}
		if pos+8 <= len(text) {
			hi := word8(text[pos:pos+8]) & 0x8080808080808080
			if r := maxPos - pos; r < 8 {
				if hi &= 1<<(8*r) - 1; hi == 0 {
					pos = maxPos
					break
				}
			} else if hi == 0 {
				pos += 8
				continue
			}
			pos += bits.TrailingZeros64(hi) / 8 // a non-ASCII byte before maxPos
		} else if text[pos] < utf8.RuneSelf {
			pos++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[pos:])
		pos += w
		extra += w - 1
		if x.unit == UTF16 && r >= 0x10000 {
			extra-- // two units
		}
	}
	return pos, pos - extra
}

// word8 returns the eight bytes of s as a little-endian word.
func word8(s string) uint64 {
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// ascii8 reports whether the eight bytes of s are ASCII.
func ascii8(s string) bool { return word8(s)&0x8080808080808080 == 0 }

// convertOffsets rewrites d's byte offsets into text as offsets in unit u.
// A text of plain ASCII needs no conversion at all. The sentences and the
// mentions, the most of the spans, are converted together in text order
// (a sentence's start, its mentions, its end), and the rest after them,
// so that the sweep decodes the text about once.
func convertOffsets(text string, d *Document, u OffsetUnit) {
	if u == Bytes || isASCII(text) {
		return
	}
	c := newUnitSweep(text, u)
	ms, mi := d.Mentions, 0
	convert := func(before int) { // the mentions that start before a byte
		for ; mi < len(ms) && ms[mi].Start < before; mi++ {
			ms[mi].Start = c.toUnits(ms[mi].Start)
			ms[mi].End = c.toUnits(ms[mi].End)
		}
	}
	for i := range d.Sentences {
		sn := &d.Sentences[i]
		sn.Start = c.toUnits(sn.Start)
		convert(sn.End)
		sn.End = c.toUnits(sn.End)
	}
	convert(math.MaxInt)
	for i := range d.Relations {
		c.span(&d.Relations[i].Evidence)
	}
	for i := range d.Events {
		c.span(&d.Events[i].Trigger)
		c.span(&d.Events[i].Evidence)
	}
	for i := range d.Findings {
		f := &d.Findings[i]
		f.Start = c.toUnits(f.Start)
		f.End = c.toUnits(f.End)
	}
}

func isASCII(s string) bool {
	// 32 bytes at a time, then eight, then one: a whole text is read.
	t := s
	for len(t) >= 32 && (word8(t[:8])|word8(t[8:16])|word8(t[16:24])|word8(t[24:32]))&0x8080808080808080 == 0 {
		t = t[32:]
	}
	for len(t) >= 8 && ascii8(t[:8]) {
		t = t[8:]
	}
	for i := range len(t) {
		if t[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
