package corpus

import (
	"encoding/binary"
	"encoding/json"
	"slices"
)

// recordFields reads a JSONL record, a JSON object, into its fields as
// json.Unmarshal into a map[string]json.RawMessage does, but in one pass:
// encoding/json checks the whole line with its scanner before it decodes
// it with the same scanner again, and the two passes were 5-7 % of an
// annotate or check run over news JSONL. Values are the bytes of the line
// (those of the fields kept, copies: see keep), without the whitespace
// around them; a repeated key keeps its last value.
//
// b must be valid UTF-8 (see unquote). It declines (false) whatever it
// does not read exactly as encoding/json does — anything not a valid JSON
// object, a key with a lone surrogate, nesting past maxDepth — and the
// caller then asks encoding/json, for its verdict and its error message.
// It must never accept a line encoding/json refuses (FuzzRecordFields).
func recordFields(b []byte, keep func(key string) bool) (map[string]json.RawMessage, bool) {
	p := recordParser{b: b}
	p.space()
	if p.i >= len(b) || b[p.i] != '{' {
		return nil, false
	}
	fields := make(map[string]json.RawMessage, 4)
	ok := p.object(1, func(k, v []byte) bool {
		key, ok := unquote(k)
		if !ok {
			return false
		}
		if keep(key) {
			v = slices.Clip(slices.Clone(v))
		}
		fields[key] = v
		return true
	})
	p.space()
	if !ok || p.i != len(b) {
		// No half-read fields: the caller decodes the line into the map
		// it gets back.
		return nil, false
	}
	return fields, true
}

// maxDepth bounds the nesting the parser reads, well under encoding/json's
// own limit (10,000): deeper records are left to encoding/json, which
// reads them or says why not.
const maxDepth = 1000

// recordParser checks JSON values in a byte slice, position i.
type recordParser struct {
	b []byte
	i int
}

func (p *recordParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// byte consumes c if it is next.
func (p *recordParser) byte(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// object checks an object at depth, calling field, when it is not nil,
// with each key (quoted) and value; field's false stops it.
func (p *recordParser) object(depth int, field func(key, value []byte) bool) bool {
	if depth >= maxDepth || !p.byte('{') {
		return false
	}
	p.space()
	if p.byte('}') {
		return true
	}
	for {
		k0 := p.i
		if !p.str() {
			return false
		}
		k1 := p.i
		p.space()
		if !p.byte(':') {
			return false
		}
		p.space()
		v0 := p.i
		if !p.value(depth + 1) {
			return false
		}
		if field != nil && !field(p.b[k0:k1], p.b[v0:p.i]) {
			return false
		}
		if done, ok := p.more('}'); done || !ok {
			return ok
		}
	}
}

// more reads what follows an element of an object or array closed by
// end: end (done), or a comma and another element to come (not ok: none
// of them).
func (p *recordParser) more(end byte) (done, ok bool) {
	p.space()
	if p.byte(end) {
		return true, true
	}
	if !p.byte(',') {
		return false, false
	}
	p.space()
	return false, true
}

// value checks one value at depth (the number of arrays and objects it
// is in, itself included when it is one).
func (p *recordParser) value(depth int) bool {
	if p.i >= len(p.b) {
		return false
	}
	switch c := p.b[p.i]; {
	case c == '"':
		return p.str()
	case c == '{':
		return p.object(depth, nil)
	case c == '[':
		if depth >= maxDepth {
			return false
		}
		p.i++
		p.space()
		if p.byte(']') {
			return true
		}
		for {
			if !p.value(depth + 1) {
				return false
			}
			if done, ok := p.more(']'); done || !ok {
				return ok
			}
		}
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	}
	return false
}

func (p *recordParser) literal(s string) bool {
	if len(p.b)-p.i >= len(s) && string(p.b[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return true
	}
	return false
}

// str checks a string: no control characters, only JSON's escapes. Bytes
// that are not UTF-8 pass, as in encoding/json (unquote declines them).
func (p *recordParser) str() bool {
	if !p.byte('"') {
		return false
	}
	b := p.b
	for i := p.i; i < len(b); i++ {
		// Eight plain bytes at a time: the text of a record is most of
		// the line, and this loop most of the time of reading it.
		for i+8 <= len(b) && !special8(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		if i >= len(b) {
			break
		}
		switch c := b[i]; {
		case c == '"':
			p.i = i + 1
			return true
		case c == '\\':
			i++
			if i >= len(b) {
				return false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if _, ok := hex4(b[i+1:]); !ok {
					return false
				}
				i += 4
			default:
				return false
			}
		case c < 0x20:
			return false
		}
	}
	return false
}

// special8 reports whether any of the eight bytes of x ends a string's
// plain run: a quote, a backslash or a control character. Each test is
// exact for the presence of such a byte (a borrow may only mark a byte
// after a true one).
func special8(x uint64) bool {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	quote := x ^ lsb*'"'
	backslash := x ^ lsb*'\\'
	return ((x-lsb*0x20)&^x|(quote-lsb)&^quote|(backslash-lsb)&^backslash)&msb != 0
}

// number checks JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *recordParser) number() bool {
	b := p.b
	i := p.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		if j := digits(b, i+1); j > i+1 {
			i = j
		} else {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return false
		}
		i = j
	}
	p.i = i
	return true
}

// digits returns the end of the run of digits at i.
func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}
