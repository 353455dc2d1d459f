package corpus

import "strings"

// frontMatterFences are the fences of Markdown front matter: YAML between
// "---" lines (closed by "---" or "..."), TOML between "+++" lines.
var frontMatterFences = []struct{ open, close1, close2 string }{
	{"---", "---", "..."},
	{"+++", "+++", "+++"},
}

// maxFrontMatter bounds how far SplitFrontMatter looks for the closing
// fence: front matter is a few lines of metadata, and a text that opens
// with a horizontal rule ("---") must not be searched to its end.
const maxFrontMatter = 64 << 10

// SplitFrontMatter splits the front matter off the head of a Markdown
// text: a block fenced by "---" lines (YAML; "..." may close it) or "+++"
// lines (TOML) at its very start, as Jekyll, Hugo and Pandoc write. It
// returns the front matter without its fences, the body after the closing
// fence's line, and the number of lines the front matter takes, both
// fences included, so that a caller can leave those lines out of the
// annotation and still count lines of the original. A text without front
// matter, or whose fence is not closed within 64 KB, comes back whole as
// the body, with lines 0. Line ends may be LF or CRLF.
//
// newsann reads Markdown as text and keeps the front matter in it (the
// document date is read from it); the function is for callers that want
// the front matter apart.
func SplitFrontMatter(text string) (front, body string, lines int) {
	for _, f := range frontMatterFences {
		rest, ok := cutLine(text, f.open)
		if !ok {
			continue
		}
		n := 1
		for i := 0; i < len(rest) && i < maxFrontMatter; {
			end := strings.IndexByte(rest[i:], '\n')
			line := rest[i:]
			if end >= 0 {
				line = rest[i : i+end]
			}
			line = strings.TrimSuffix(line, "\r")
			n++
			if line == f.close1 || line == f.close2 {
				if end < 0 {
					return rest[:i], "", n
				}
				return rest[:i], rest[i+end+1:], n
			}
			if end < 0 {
				break
			}
			i += end + 1
		}
		break
	}
	return "", text, 0
}

// cutLine reports whether s starts with a line that is exactly fence, and
// returns what follows that line.
func cutLine(s, fence string) (string, bool) {
	rest, ok := strings.CutPrefix(s, fence)
	if !ok {
		return s, false
	}
	if r, ok := strings.CutPrefix(rest, "\n"); ok {
		return r, true
	}
	if r, ok := strings.CutPrefix(rest, "\r\n"); ok {
		return r, true
	}
	return s, false
}
