package check

import (
	"strings"
)

// ignoreMarker opens an inline suppression inside an HTML comment, which
// Markdown renders as nothing and plain text tolerates:
//
//	<!-- newsann-ignore title-mismatch -->   one check (or several, comma- or space-separated)
//	<!-- newsann-ignore -->                  every check
//
// A comment that shares its line with text applies to that line; a
// comment alone on its line applies to the next line.
const ignoreMarker = "newsann-ignore"

// ignores are the suppressions of one text: for each 0-based line, the
// checks not to report there (a nil list: all of them).
type ignores map[int][]string

// suppressed reports whether check is turned off on line.
func (ig ignores) suppressed(line int, check string) bool {
	ids, ok := ig[line]
	if !ok {
		return false
	}
	if ids == nil {
		return true
	}
	for _, id := range ids {
		if id == check {
			return true
		}
	}
	return false
}

// parseIgnores finds the suppression comments of text.
func parseIgnores(text string, p *positions) ignores {
	var ig ignores
	for off := 0; ; {
		i := strings.Index(text[off:], "<!--")
		if i < 0 {
			return ig
		}
		start := off + i
		j := strings.Index(text[start+4:], "-->")
		if j < 0 {
			return ig
		}
		end := start + 4 + j + 3
		off = end
		ids, ok := parseIgnore(text[start+4 : end-3])
		if !ok {
			continue
		}
		if ig == nil {
			ig = ignores{}
		}
		first, last := p.lineOf(start), p.lineOf(end)
		lines := p.lineStarts()
		lineStart := lines[first]
		lineEnd := len(text)
		if last+1 < len(lines) {
			lineEnd = lines[last+1]
		}
		alone := strings.TrimSpace(text[lineStart:start]) == "" && strings.TrimSpace(text[end:lineEnd]) == ""
		if alone {
			first, last = last+1, last+1
		}
		for l := first; l <= last; l++ {
			ig.add(l, ids)
		}
	}
}

func (ig ignores) add(line int, ids []string) {
	old, ok := ig[line]
	switch {
	case ok && old == nil: // all checks already
	case ids == nil:
		ig[line] = nil
	default:
		ig[line] = append(old, ids...)
	}
}

// parseIgnore reads the inside of a comment: the marker, then the check
// ids it names (none: every check). ok is false for any other comment.
func parseIgnore(body string) (ids []string, ok bool) {
	body = strings.TrimSpace(body)
	rest, found := strings.CutPrefix(body, ignoreMarker)
	if !found || rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != ':' {
		return nil, false
	}
	rest = strings.TrimPrefix(rest, ":")
	for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		ids = append(ids, f)
	}
	return ids, true
}
