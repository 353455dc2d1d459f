package timex

import "github.com/newsann/newsann/annotate/token"

// splitSentences is the tagger's own sentence splitter, used when Tag is
// given no sentences: a sentence ends at a paragraph break, at a line
// break before a capital, and at ".", "!" or "?" before a capitalised word
// unless the period ends a short capitalised abbreviation ("Nov.", "Mr.").
// The pipeline's segmenter is better; this one keeps Tag usable alone.
func splitSentences(text string, toks []token.Token) [][2]int {
	var out [][2]int
	start := 0
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		brk := t.Newlines >= 2 || t.Newlines == 1 && (t.Case == token.Title || t.Case == token.Upper)
		if !brk && (t.Case == token.Title || t.Case == token.Upper) && t.Space {
			p := toks[i-1]
			switch text[p.Start:p.End] {
			case "!", "?":
				brk = true
			case ".":
				brk = i < 2 || !abbreviation(text, toks[i-2], p)
			}
		}
		if brk {
			out = append(out, [2]int{toks[start].Start, toks[i-1].End})
			start = i
		}
	}
	return append(out, [2]int{toks[start].Start, toks[len(toks)-1].End})
}

// abbreviation reports whether w, followed by the period p, looks like an
// abbreviation: a capitalised word of at most four letters glued to it.
func abbreviation(text string, w, p token.Token) bool {
	return w.End == p.Start && w.Kind == token.Word && w.Case == token.Title && w.End-w.Start <= 4
}
