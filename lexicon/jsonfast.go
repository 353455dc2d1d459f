package lexicon

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// fastDecode decodes one JSONL entry line into rec without reflection,
// for the shape entries take (strings, lists of strings, a codes object,
// role objects, booleans). Strings without escapes are substrings of one
// copy of the line, so an entry costs a few allocations. It reports false
// for anything else — a header line, null, a number, an unknown field, a
// repeated codes or roles key, a syntax error — and the caller decodes the
// line with encoding/json, which gives the same result or a precise error.
// It never accepts a line encoding/json would refuse.
func fastDecode(line []byte, rec *Record) bool {
	d := fastDecoder{s: string(line)}
	ok := d.entry(rec)
	d.ws()
	return ok && d.i == len(d.s)
}

type fastDecoder struct {
	s string
	i int
}

func (d *fastDecoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\r', '\n':
			d.i++
		default:
			return
		}
	}
}

// lit consumes byte c after optional space.
func (d *fastDecoder) lit(c byte) bool {
	d.ws()
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// peek reports whether the next non-space byte is c, without consuming it.
func (d *fastDecoder) peek(c byte) bool {
	d.ws()
	return d.i < len(d.s) && d.s[d.i] == c
}

func (d *fastDecoder) str() (string, bool) {
	if !d.lit('"') {
		return "", false
	}
	start := d.i
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			s := d.s[start:d.i]
			d.i++
			return s, true
		case c == '\\':
			return d.escaped(start)
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(d.s[d.i:])
			if r == utf8.RuneError && n == 1 {
				return "", false
			}
			d.i += n
		default:
			d.i++
		}
	}
	return "", false
}

// escaped finishes a string with escapes that began at start.
func (d *fastDecoder) escaped(start int) (string, bool) {
	b := []byte(d.s[start:d.i])
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return string(b), true
		case c < 0x20:
			return "", false
		case c != '\\':
			b = append(b, c)
			d.i++
			continue
		}
		if d.i+1 >= len(d.s) {
			return "", false
		}
		e := d.s[d.i+1]
		d.i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if d.i+1 < len(d.s) && d.s[d.i] == '\\' && d.s[d.i+1] == 'u' {
					d.i += 2
					if r2, ok = d.hex4(); !ok {
						return "", false
					}
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return "", false // encoding/json has its own rules here
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", false
		}
	}
	return "", false
}

func (d *fastDecoder) hex4() (rune, bool) {
	if d.i+4 > len(d.s) {
		return 0, false
	}
	v, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	d.i += 4
	return rune(v), true
}

func (d *fastDecoder) boolean() (bool, bool) {
	d.ws()
	switch {
	case len(d.s)-d.i >= 4 && d.s[d.i:d.i+4] == "true":
		d.i += 4
		return true, true
	case len(d.s)-d.i >= 5 && d.s[d.i:d.i+5] == "false":
		d.i += 5
		return false, true
	}
	return false, false
}

func (d *fastDecoder) strs() ([]string, bool) {
	out := []string{}
	if !d.array(func() bool {
		s, ok := d.str()
		out = append(out, s)
		return ok
	}) {
		return nil, false
	}
	return out, true
}

// array calls item for each item of a list; item consumes it.
func (d *fastDecoder) array(item func() bool) bool {
	if !d.lit('[') {
		return false
	}
	if d.lit(']') {
		return true
	}
	for {
		if !item() {
			return false
		}
		if d.lit(']') {
			return true
		}
		if !d.lit(',') {
			return false
		}
	}
}

// object calls field for each key of an object; field consumes the value.
func (d *fastDecoder) object(field func(key string) bool) bool {
	if !d.lit('{') {
		return false
	}
	if d.lit('}') {
		return true
	}
	for {
		k, ok := d.str()
		if !ok || !d.lit(':') || !field(k) {
			return false
		}
		if d.lit('}') {
			return true
		}
		if !d.lit(',') {
			return false
		}
	}
}

func (d *fastDecoder) entry(r *Record) bool {
	if !d.peek('{') {
		return false
	}
	return d.object(func(k string) bool {
		var ok bool
		switch k {
		case "id":
			r.ID, ok = d.str()
		case "kind":
			r.Kind, ok = d.str()
		case "name":
			r.Name, ok = d.str()
		case "aliases":
			r.Aliases, ok = d.strs()
		case "short":
			r.Short, ok = d.strs()
		case "demonyms":
			r.Demonyms, ok = d.strs()
		case "ambiguous":
			r.Ambiguous, ok = d.strs()
		case "capital":
			r.Capital, ok = d.str()
		case "country":
			r.Country, ok = d.str()
		case "part_of":
			r.PartOf, ok = d.strs()
		case "member_of":
			r.MemberOf, ok = d.strs()
		case "members":
			r.Members, ok = d.strs()
		case "type":
			r.Type, ok = d.str()
		case "equivalent":
			r.Equivalent, ok = d.str()
		case "multiple":
			r.Multiple, ok = d.boolean()
		case "match":
			r.Match, ok = d.str()
		case "extend":
			r.Extend, ok = d.boolean()
		case "note":
			r.Note, ok = d.str()
		case "codes":
			if r.Codes != nil {
				// encoding/json adds a repeated object's keys to the
				// first's, and a repeated list's items over the first's:
				// its own rules, left to it.
				return false
			}
			r.Codes = map[string]string{}
			ok = d.object(func(k string) bool {
				v, ok := d.str()
				r.Codes[k] = v
				return ok
			})
		case "roles":
			if r.Roles != nil {
				return false // as codes
			}
			r.Roles, ok = d.roles()
		}
		return ok // an unknown key is not ok: encoding/json reports it
	})
}

func (d *fastDecoder) roles() ([]RoleRecord, bool) {
	out := []RoleRecord{}
	if !d.array(func() bool {
		var ro RoleRecord
		ok := d.object(func(k string) bool {
			var ok bool
			switch k {
			case "title":
				ro.Title, ok = d.str()
			case "of":
				ro.Of, ok = d.str()
			case "from":
				ro.From, ok = d.str()
			case "to":
				ro.To, ok = d.str()
			case "heads":
				ro.Heads, ok = d.strs()
			case "acting":
				ro.Acting, ok = d.boolean()
			case "note":
				ro.Note, ok = d.str()
			}
			return ok
		})
		out = append(out, ro)
		return ok
	}) {
		return nil, false
	}
	return out, true
}
