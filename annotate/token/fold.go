package token

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Folder computes match keys. A key is the token's text in lower case with
// typographic variants made plain (’ → ', – — → -) and, unless the caller
// asks for exact keys, diacritics removed (Türkiye → turkiye).
//
// A Folder holds a transform chain and scratch buffers, so it is cheap to
// reuse and must not be shared between goroutines; make one per goroutine.
type Folder struct {
	strip transform.Transformer
	buf   []byte
}

// NewFolder returns a Folder ready for use.
func NewFolder() *Folder {
	return &Folder{
		strip: transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), runes.Map(foldLetter), norm.NFC),
	}
}

// foldLetter maps letters that carry no combining mark in Unicode but are
// written without one in English news (Łódź → Lodz, Ørsted → Orsted).
func foldLetter(r rune) rune {
	switch r {
	case 'ł':
		return 'l'
	case 'Ł':
		return 'L'
	case 'ø':
		return 'o'
	case 'Ø':
		return 'O'
	case 'đ':
		return 'd'
	case 'Đ':
		return 'D'
	case 'ı':
		return 'i'
	case 'ħ':
		return 'h'
	case 'Ħ':
		return 'H'
	}
	return r
}

// Key returns the folded key of s: lower case, plain punctuation and no
// diacritics. ASCII text takes a fast path without the transform chain.
func (f *Folder) Key(s string) string {
	f.buf = f.AppendKey(f.buf[:0], s)
	return string(f.buf)
}

// ExactKey returns s in lower case with plain punctuation but with its
// diacritics kept, for entries that ask for exact matching.
func (f *Folder) ExactKey(s string) string {
	f.buf = appendLowerPlain(f.buf[:0], s)
	return string(f.buf)
}

// AppendKey appends the folded key of s to dst. The returned slice may
// alias dst; the Folder keeps no reference to it.
func (f *Folder) AppendKey(dst []byte, s string) []byte {
	// Most tokens are ASCII: fold them in one pass, which gives way to
	// the general path at the first other byte.
	n := len(dst)
	dst = slices.Grow(dst, len(s))[:n+len(s)]
	out := dst[n:]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return f.appendKeyRunes(dst[:n], s)
		}
		out[i] = asciiKey[c]
	}
	return dst
}

// AppendKeys appends the folded key of each of toks, tokens of text, to
// keys, back to back, and to ends where each key ends in keys (its
// length after it): what AppendKey token by token gives. A pipeline folds
// a whole text's tokens so: most tokens are short and plain ASCII, and
// with the text at hand such a token is folded as one eight-byte word,
// read from the text past its end and written to keys past its key's,
// rather than a byte at a time in a call of its own.
func (f *Folder) AppendKeys(keys []byte, ends []int32, text string, toks []Token) ([]byte, []int32) {
	ends = slices.Grow(ends, len(toks))
	for k := 0; k < len(toks); k++ {
		// The short plain tokens, in a loop without a call, so that
		// its values stay in registers.
		for ; k < len(toks); k++ {
			t := &toks[k]
			n, l := len(keys), t.End-t.Start
			if uint(l-1) >= 8 || t.Start+8 > len(text) || cap(keys)-n < 8 {
				break
			}
			m := ^uint64(0) >> (uint(8-l) * 8) // the token's bytes of the word
			x := le64(text[t.Start:]) & m
			// Plain ASCII without a backquote (asciiKey's one mark to
			// change): then folding is lower-casing. The bytes past the
			// token are zero, which is no backquote.
			q := x ^ '`'*ones
			if x&highs != 0 || (q-ones)&^q&highs != 0 {
				break
			}
			y := x | highs
			upper := (y - 'A'*ones) &^ (y - ('Z'+1)*ones) & highs
			binary.LittleEndian.PutUint64(keys[n:n+8], x+upper>>2)
			keys = keys[:n+l]
			ends = append(ends, int32(n+l))
		}
		if k == len(toks) {
			break
		}
		// The token the loop stopped at: long, not plain, at the end of
		// the text, or short of room in keys.
		t := &toks[k]
		if l := t.End - t.Start; uint(l-1) < 8 && t.Start+8 <= len(text) && cap(keys)-len(keys) < 8 {
			keys = slices.Grow(keys, 8+len(text)-t.Start) // room for the rest of the text's short keys
			k--                                           // and the token again, in the loop
			continue
		}
		keys = f.AppendKey(keys, text[t.Start:t.End])
		ends = append(ends, int32(len(keys)))
	}
	return keys, ends
}

// asciiKey folds an ASCII byte as appendLowerPlain does: its Plain form
// (` to '), lower-cased. Both paths read it, so they cannot disagree.
var asciiKey = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		r := Plain(rune(c))
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		t[c] = byte(r)
	}
	return t
}()

// appendKeyRunes is AppendKey for a key with runes beyond ASCII.
func (f *Folder) appendKeyRunes(dst []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		// Typographic punctuation (’ “ —) has no decomposition and
		// becomes ASCII: news is full of it, and it needs no transform.
		if Plain(r) >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return appendLowerPlain(dst, s)
	}
	stripped, _, err := transform.String(f.strip, s)
	if err != nil {
		stripped = s
	}
	return appendLowerPlain(dst, stripped)
}

// appendLowerPlain appends s lower-cased, with typographic punctuation
// replaced by its plain form.
func appendLowerPlain(dst []byte, s string) []byte {
	for _, r := range s {
		r = Plain(r)
		if r < utf8.RuneSelf {
			dst = append(dst, asciiKey[r])
			continue
		}
		if r == 'ß' {
			dst = append(dst, "ss"...)
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// Plain maps a typographic variant of a punctuation mark or space to its
// plain ASCII form, and returns any other rune unchanged.
func Plain(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201b', '\u2032', '\u02bc', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d':
		return '-'
	case '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a':
		return ' '
	}
	return r
}

// IsDash reports whether the token text s is one dash of any kind.
func IsDash(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && Plain(r) == '-'
}

// Shape returns the token's shape in the style of spaCy: X for an upper-case
// letter, x for lower case, d for a digit, other runes as they are, and runs
// longer than four collapsed to four ("Tehran" → "Xxxxx", "G20" → "Xdd").
func Shape(s string) string {
	var b strings.Builder
	var last rune
	run := 0
	for _, r := range s {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = Plain(r)
		}
		if c == last {
			run++
			if run > 4 {
				continue
			}
		} else {
			last, run = c, 1
		}
		b.WriteRune(c)
	}
	return b.String()
}
