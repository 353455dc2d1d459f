package encode

import (
	"bytes"
	"errors"
)

// errNotJSON is what appendIndented reports for input that is not one
// JSON value: an object or an array left open, or closed twice.
var errNotJSON = errors.New("encode: record is not one JSON value")

// appendIndented appends the JSON value src laid out as json.Indent lays
// it out with no prefix: a line for each element and field, indent once
// per level, "key": value, and empty objects and arrays kept as {} and
// []. Whitespace outside strings is dropped, as json.Indent drops it
// (a JSONL record's carried fields are copied as they came).
//
// It exists because the default output of one article is indented JSON,
// and json.Indent, which checks every byte against its scanner's state
// machine, was about a fortieth of such a run; src here is what
// Document.AppendJSON wrote, which its tests hold to encoding/json, so
// only the nesting is checked. FuzzAppendIndented holds it to json.Indent.
func appendIndented(dst, src []byte, indent string) ([]byte, error) {
	depth := 0
	newline := func(dst []byte) []byte {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, indent...)
		}
		return dst
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			// Copy the string whole: up to its closing quote, past
			// every escaped character.
			j := i + 1
			for {
				k := bytes.IndexAny(src[j:], `"\`)
				if k < 0 {
					return dst, errNotJSON
				}
				j += k
				if src[j] == '"' {
					break
				}
				j += 2 // a backslash and the character it escapes
				if j > len(src) {
					return dst, errNotJSON
				}
			}
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			if k := nextToken(src, i+1); k < len(src) && (src[k] == '}' || src[k] == ']') {
				dst = append(dst, c, src[k])
				i = k
				continue
			}
			depth++
			dst = newline(append(dst, c))
		case '}', ']':
			if depth == 0 {
				return dst, errNotJSON
			}
			depth--
			dst = append(newline(dst), c)
		case ',':
			dst = newline(append(dst, ','))
		case ':':
			dst = append(dst, ':', ' ')
		case ' ', '\t', '\n', '\r':
		default:
			dst = append(dst, c)
		}
	}
	if depth != 0 {
		return dst, errNotJSON
	}
	return dst, nil
}

// nextToken returns the index of the first byte of src at or after i
// that is not JSON whitespace, or len(src).
func nextToken(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}
