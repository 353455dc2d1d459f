package annotate

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// appendJSON appends the document's own fields to dst as encoding/json
// writes them (field order and names from the struct tags, omitempty,
// null for a nil slice, sorted map keys, HTML-safe string escaping), up
// to and without the closing brace. encoding/json's reflection cost as
// much as a fifth of a corpus run's CPU beside the pipeline;
// TestAppendJSONMatchesEncodingJSON and FuzzAppendJSON hold this to it.
func (d *Document) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, d.ID)
	b = appendStringField(b, `,"date":`, d.Date, true)
	b = appendStringField(b, `,"date_source":`, d.DateSource, true)
	b = appendStringField(b, `,"sha256":`, d.SHA256, false)
	b = appendStringField(b, `,"newsann":`, d.Newsann, false)
	b = appendStringField(b, `,"lexicon_as_of":`, d.LexiconAsOf, false)
	b = appendStringField(b, `,"offsets":`, d.Offsets, false)
	b = appendStringField(b, `,"text":`, d.Text, true)
	b = appendList(b, `,"sentences":`, d.Sentences, appendSpan)
	b = appendList(b, `,"mentions":`, d.Mentions, appendMention)
	b = appendList(b, `,"entities":`, d.Entities, appendEntity)
	b = appendList(b, `,"relations":`, d.Relations, appendRelation)
	b = appendList(b, `,"events":`, d.Events, appendEvent)
	return appendList(b, `,"findings":`, d.Findings, appendFinding)
}

func appendSpan(b []byte, s *Span) []byte {
	b = append(b, `{"start":`...)
	b = appendInt(b, s.Start)
	b = appendIntField(b, `,"end":`, s.End, false)
	return append(b, '}')
}

func appendMention(b []byte, m *Mention) []byte {
	b = append(b, `{"start":`...)
	b = appendInt(b, m.Start)
	b = appendIntField(b, `,"end":`, m.End, false)
	b = appendStringField(b, `,"text":`, m.Text, false)
	b = appendStringField(b, `,"label":`, m.Label, false)
	b = appendStringField(b, `,"entity":`, m.Entity, true)
	b = appendIntField(b, `,"sentence":`, m.Sentence, false)
	b = appendStringField(b, `,"source":`, m.Source, false)
	b = appendStringField(b, `,"value":`, m.Value, true)
	b = appendStringField(b, `,"anchor":`, m.Anchor, true)
	b = appendStringField(b, `,"refers_to":`, m.RefersTo, true)
	b = appendMapField(b, `,"attrs":`, m.Attrs)
	b = appendStringField(b, `,"explain":`, m.Explain, true)
	return append(b, '}')
}

func appendEntity(b []byte, e *Entity) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, e.ID)
	b = appendStringField(b, `,"label":`, e.Label, false)
	b = appendStringField(b, `,"name":`, e.Name, false)
	b = appendMapField(b, `,"codes":`, e.Codes)
	b = append(b, `,"known":`...)
	b = strconv.AppendBool(b, e.Known)
	b = appendList(b, `,"mentions":`, e.Mentions, func(b []byte, i *int) []byte { return appendInt(b, *i) })
	return append(b, '}')
}

func appendRelation(b []byte, r *Relation) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, r.Type)
	b = appendStringField(b, `,"subject":`, r.Subject, false)
	b = appendStringField(b, `,"object":`, r.Object, false)
	b = appendStringField(b, `,"title":`, r.Title, true)
	b = appendMapField(b, `,"attrs":`, r.Attrs)
	b = appendStringField(b, `,"date":`, r.Date, true)
	b = appendIntField(b, `,"sentence":`, r.Sentence, false)
	b = appendSpanField(b, `,"evidence":`, &r.Evidence)
	b = appendStringField(b, `,"source":`, r.Source, false)
	b = appendStringField(b, `,"explain":`, r.Explain, true)
	return append(b, '}')
}

func appendEvent(b []byte, e *Event) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, e.Type)
	b = appendStringField(b, `,"mode":`, e.Mode, true)
	b = appendStringField(b, `,"cameo":`, e.CAMEO, true)
	b = appendIntField(b, `,"quad_class":`, e.QuadClass, true)
	b = appendStringField(b, `,"source_actor":`, e.SourceActor, true)
	b = appendStringField(b, `,"target_actor":`, e.TargetActor, true)
	b = appendStringField(b, `,"source_code":`, e.SourceCode, true)
	b = appendStringField(b, `,"target_code":`, e.TargetCode, true)
	if e.Negated {
		b = append(b, `,"negated":true`...)
	}
	b = appendStringField(b, `,"modality":`, e.Modality, true)
	b = appendStringField(b, `,"date":`, e.Date, true)
	b = appendSpanField(b, `,"trigger":`, &e.Trigger)
	b = appendIntField(b, `,"sentence":`, e.Sentence, false)
	b = appendSpanField(b, `,"evidence":`, &e.Evidence)
	b = appendMapField(b, `,"attrs":`, e.Attrs)
	b = appendStringField(b, `,"source":`, e.Source, false)
	b = appendStringField(b, `,"explain":`, e.Explain, true)
	return append(b, '}')
}

func appendFinding(b []byte, f *Finding) []byte {
	b = append(b, `{"check":`...)
	b = appendString(b, f.Check)
	b = appendStringField(b, `,"severity":`, f.Severity, false)
	b = appendIntField(b, `,"start":`, f.Start, false)
	b = appendIntField(b, `,"end":`, f.End, false)
	b = appendIntField(b, `,"line":`, f.Line, false)
	b = appendIntField(b, `,"column":`, f.Column, false)
	b = appendIntField(b, `,"end_line":`, f.EndLine, true)
	b = appendIntField(b, `,"end_column":`, f.EndColumn, true)
	b = appendStringField(b, `,"message":`, f.Message, false)
	b = appendStringField(b, `,"suggestion":`, f.Suggestion, true)
	b = appendStringField(b, `,"entry":`, f.Entry, true)
	b = appendStringField(b, `,"basis":`, f.Basis, true)
	return append(b, '}')
}

// The field helpers below take the field's key whole, `,"name":`, as one
// constant: a name needs no escaping, and one append of it costs less
// than three of its parts.

// appendStringField appends key and v, nothing when omitEmpty and v is
// empty.
func appendStringField(b []byte, key, v string, omitEmpty bool) []byte {
	if omitEmpty && v == "" {
		return b
	}
	return appendString(append(b, key...), v)
}

func appendIntField(b []byte, key string, v int, omitEmpty bool) []byte {
	if omitEmpty && v == 0 {
		return b
	}
	return appendInt(append(b, key...), v)
}

// appendInt appends v in decimal, as strconv.AppendInt does. The numbers
// of a document are offsets, indexes and line numbers, mostly of four
// digits or fewer: these are written without strconv's calls and copy.
func appendInt(b []byte, v int) []byte {
	switch u := uint(v); {
	case u < 10:
		return append(b, byte('0'+u))
	case u < 100:
		return append(b, byte('0'+u/10), byte('0'+u%10))
	case u < 1000:
		return append(b, byte('0'+u/100), byte('0'+u/10%10), byte('0'+u%10))
	case u < 10000:
		return append(b, byte('0'+u/1000), byte('0'+u/100%10), byte('0'+u/10%10), byte('0'+u%10))
	}
	return strconv.AppendInt(b, int64(v), 10)
}

// appendSpanField appends key and the span: always, as encoding/json
// never omits a struct, omitempty or not.
func appendSpanField(b []byte, key string, s *Span) []byte {
	return appendSpan(append(b, key...), s)
}

// appendMapField appends an omitempty map of strings, its keys sorted.
// Its pairs are gathered, with their values, on the stack: the maps are
// small (a title's modifiers, an entity's codes).
func appendMapField(b []byte, key string, m map[string]string) []byte {
	if len(m) == 0 {
		return b
	}
	b = append(b, key...)
	var buf [8]stringPair
	pairs := buf[:0]
	for k, v := range m {
		pairs = append(pairs, stringPair{k, v})
	}
	slices.SortFunc(pairs, func(p, q stringPair) int { return strings.Compare(p.k, q.k) })
	b = append(b, '{')
	for i, p := range pairs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, p.k)
		b = append(b, ':')
		b = appendString(b, p.v)
	}
	return append(b, '}')
}

// stringPair is a key and its value in a map of strings.
type stringPair struct{ k, v string }

// appendList appends a slice field: null when it is nil.
func appendList[T any](b []byte, key string, list []T, item func([]byte, *T) []byte) []byte {
	b = append(b, key...)
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(b, &list[i])
	}
	return append(b, ']')
}

// jsonSafe marks the ASCII bytes a JSON string holds as they are: not
// control characters, quotes, backslashes or the HTML characters. One
// table read a byte, as most bytes of a text are such.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it: control characters, quotes and backslashes, the HTML
// characters <, > and &, U+2028 and U+2029, and invalid UTF-8 as U+FFFD.
//
// Most strings need no escape and are ASCII: they are checked eight bytes
// at a time (plainUpTo) and copied whole. From the first word holding a
// byte to escape or one not ASCII, appendEscaped goes on byte by byte.
// TestAppendStringAgrees and FuzzAppendString hold it to encoding/json.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	if i := plainUpTo(s); i < len(s) {
		return appendEscaped(append(b, s[:i]...), s[i:])
	}
	b = append(b, s...)
	return append(b, '"')
}

// plainUpTo returns len(s) when s is ASCII and needs no escape, else the
// start of a rune at or before the first byte that is not or does.
// Words are read within s: a string's last word overlaps the one before,
// and one shorter than eight bytes is read in overlapping halves or
// quarters, padded with spaces.
func plainUpTo(s string) int {
	const spaces = lsb * ' '
	n := len(s)
	switch {
	case n >= 8:
		i := 0
		for ; i+8 <= n; i += 8 {
			if needsEscape(load64(s[i:])) {
				return i
			}
		}
		if i < n && needsEscape(load64(s[n-8:])) {
			return i
		}
	case n >= 4:
		if needsEscape(uint64(load32(s)) | uint64(load32(s[n-4:]))<<32) {
			return 0
		}
	case n >= 2:
		if needsEscape(uint64(load16(s)) | uint64(load16(s[n-2:]))<<16 | spaces&^0xffffffff) {
			return 0
		}
	case n == 1:
		if needsEscape(uint64(s[0]) | spaces&^0xff) {
			return 0
		}
	}
	return n
}

// load64, load32 and load16 read the first bytes of s as a little-endian
// number (the compiler makes each one load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func load16(s string) uint16 {
	_ = s[1]
	return uint16(s[0]) | uint16(s[1])<<8
}

const (
	lsb = 0x0101010101010101 // the lowest bit of each byte of a word
	msb = 0x8080808080808080 // the highest bit of each byte
)

// needsEscape reports whether a byte of the word x is one that appendString
// does not copy as it is: a control character, '"', '\\', '<', '>', '&',
// or a byte that is not ASCII. A byte that is not ASCII sets its top bit
// in x itself. Each other test sets the top bit of a byte where it holds
// (v-lsb: where v's byte is 0, v's top bit being clear for an ASCII byte);
// flags from borrows across bytes, and from bytes that are not ASCII,
// come only above or at a byte that is flagged already, so the answer for
// the word is exact.
func needsEscape(x uint64) bool {
	backslash := x ^ (lsb * '\\')
	quoteAmp := (x | lsb*0x04) ^ (lsb * '&') // '"' is 0x22, '&' 0x26
	angle := (x | lsb*0x02) ^ (lsb * '>')    // '<' is 0x3c, '>' 0x3e
	return (x|(x-lsb*0x20)|(backslash-lsb)|(quoteAmp-lsb)|(angle-lsb))&msb != 0
}

// appendEscaped appends s, the rest of a JSON string from a rune's start
// on, escaped byte by byte, and the closing quote.
func appendEscaped(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
