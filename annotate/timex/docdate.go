package timex

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// headBytes bounds how far into an article DocumentDate looks.
const headBytes = 2000

// metaKeys are the header and front-matter keys that give an article's
// date.
var metaKeys = []string{"date", "dated", "published", "pubdate", "publication date", "posted"}

// DocumentDate finds the date an article gives at its head: Markdown front
// matter with a `date:` key, a "Date: 2025-11-13" header line, or a
// dateline ("ANKARA, Nov. 13, 2025 —", "LONDON 1996-08-30", "WASHINGTON
// (AP) — Nov 13, 2025 —"), or a short line that is only a date. It
// returns the date, the byte span of its text, and false when the head
// has none. Only full dates count; a date that is ambiguous (03/04/2025)
// does not.
func (g *Tagger) DocumentDate(text string) (d lexicon.Date, span [2]int, ok bool) {
	head := text
	if len(head) > headBytes {
		head = head[:headBytes]
		for len(head) > 0 && head[len(head)-1]&0xC0 == 0x80 {
			head = head[:len(head)-1]
		}
		if len(head) > 0 && head[len(head)-1] >= 0xC0 {
			head = head[:len(head)-1]
		}
	}
	if d, span, ok := frontMatter(g, head); ok {
		return d, span, true
	}
	// Line by line through the head: header lines, short date lines and
	// datelines, up to the end of the first paragraph of body text.
	paras := 0
	for start := 0; start < len(head) && paras < 3; {
		end := strings.IndexByte(head[start:], '\n')
		if end < 0 {
			end = len(head)
		} else {
			end += start
		}
		line := head[start:end]
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			start = end + 1
			continue
		}
		off := start + strings.Index(line, trimmed)
		if k, v, vOff, found := metaLine(trimmed); found && k != "" {
			if d, span, ok := dateIn(g, v, off+vOff); ok {
				return d, span, true
			}
		} else if len(trimmed) <= 80 || datelineStart(trimmed) {
			// A short line (a date line, a byline) or a dateline: the
			// first full date in its first 160 bytes.
			lim := min(len(trimmed), 160)
			for lim < len(trimmed) && trimmed[lim]&0xC0 == 0x80 {
				lim++
			}
			if d, span, ok := dateIn(g, trimmed[:lim], off); ok {
				return d, span, true
			}
		}
		if len(trimmed) > 80 {
			paras++ // a line of body text
		}
		start = end + 1
	}
	return d, span, false
}

// frontMatter reads a `date:` key from "---" fenced front matter.
func frontMatter(g *Tagger, head string) (lexicon.Date, [2]int, bool) {
	body, ok := strings.CutPrefix(head, "---\n")
	if !ok {
		body, ok = strings.CutPrefix(head, "---\r\n")
	}
	if !ok {
		return lexicon.Date{}, [2]int{}, false
	}
	base := len(head) - len(body)
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := strings.TrimRight(body[start:end], "\r")
		if line == "---" || line == "..." {
			break
		}
		if k, v, vOff, found := metaLine(line); found && k != "" {
			if d, span, ok := dateIn(g, v, base+start+vOff); ok {
				return d, span, true
			}
		}
		start = end + 1
	}
	return lexicon.Date{}, [2]int{}, false
}

// metaLine splits "Key: value" when Key is one of metaKeys, returning the
// value and its offset in line.
func metaLine(line string) (key, val string, off int, ok bool) {
	k, _, found := strings.Cut(line, ":")
	if !found {
		return "", "", 0, false
	}
	key = strings.ToLower(strings.TrimSpace(k))
	for _, want := range metaKeys {
		if key == want {
			off = len(k) + 1
			for off < len(line) && (line[off] == ' ' || line[off] == '\t' || line[off] == '"' || line[off] == '\'') {
				off++
			}
			return key, strings.TrimRight(line[off:], " \t\"'\r"), off, true
		}
	}
	return "", "", 0, false
}

// mayHoldYear reports whether s may hold a year: an ASCII digit, or a
// word a year said in words begins with. Without a document date the
// tagger reads no year from anywhere else, so a string without either
// holds no full date and dateIn need not tag it: most short lines of an
// article's head (headlines, bylines) and, in corpora that put each
// sentence on a line, most lines. A non-ASCII byte, which folding might
// turn into part of such a word, answers yes.
func (t *tables) mayHoldYear(s string) bool {
	if !t.yearHiASCII {
		return true
	}
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case isDigit(c) || c >= utf8.RuneSelf:
			return true
		case isASCIILetter(c):
			j := i + 1
			for j < len(s) && isASCIILetter(s[j]) {
				j++
			}
			w := s[i:j]
			if slices.ContainsFunc(t.yearHi, func(k string) bool { return equalFold(k, w) }) {
				return true
			}
			i = j
		default:
			i++
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isoShape reports whether a 10-byte s is shaped as YYYY-MM-DD, so that
// only such strings go to lexicon.ParseDate: its error, built for every
// line of a head that is no date and every value such as XXXX-WXX-2,
// took a sixth of the time of annotating a one-sentence document.
func isoShape(s string) bool {
	return len(s) == 10 && isDigit(s[0]) && isDigit(s[3]) && s[4] == '-' && s[7] == '-'
}

// datelineStart reports whether a line opens with a dateline: a place
// in capitals ("ANKARA,", "WASHINGTON (AP)").
func datelineStart(line string) bool {
	toks := token.Tokenize(nil, line[:min(len(line), 60)])
	return len(toks) > 1 && toks[0].Kind == token.Word && toks[0].Case == token.Upper && toks[0].End-toks[0].Start > 1
}

// dateIn returns the first full, unambiguous date in s, whose offset in
// the article is base. An ISO timestamp ("2025-11-13T10:00:00Z") counts
// by its date.
func dateIn(g *Tagger, s string, base int) (lexicon.Date, [2]int, bool) {
	if len(s) >= 10 && isoShape(s[:10]) {
		if d, err := lexicon.ParseDate(s[:10]); err == nil && (len(s) == 10 || s[10] == 'T' || s[10] == ' ') {
			return d, [2]int{base, base + 10}, true
		}
	}
	if !g.t.mayHoldYear(s) {
		return lexicon.Date{}, [2]int{}, false
	}
	for _, e := range g.Tag(s, token.Tokenize(nil, s), nil, lexicon.Date{}) {
		if e.Type != Date || e.Ambiguous || len(e.Value) != 10 || !isoShape(e.Value) {
			continue
		}
		if d, err := lexicon.ParseDate(e.Value); err == nil {
			return d, [2]int{base + e.Start, base + e.End}, true
		}
	}
	return lexicon.Date{}, [2]int{}, false
}
