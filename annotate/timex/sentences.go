package timex

import "github.com/newsann/newsann/annotate/token"

// splitSentences is the tagger's own sentence splitter, used when Tag is
// given no sentences: a sentence ends at a paragraph break, at a line
// break before a capital, and at ".", "!" or "?" (and any closing quotes)
// before a capitalised word, unless the period ends an abbreviation
// listed in the data or an initial. The pipeline's segmenter is better;
// this one keeps Tag usable on its own. The sentences are token ranges,
// in st.ranges.
func (st *state) splitSentences() [][2]int32 {
	text, toks := st.text, st.toks
	out := st.ranges[:0]
	start := 0
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		capital := t.Case == token.Title || t.Case == token.Upper
		brk := t.Newlines >= 2 || t.Newlines == 1 && capital
		if !brk && capital && t.Space {
			j := i - 1
			for j > start && isCloser(text[toks[j].Start:toks[j].End]) {
				j--
			}
			switch text[toks[j].Start:toks[j].End] {
			case "!", "?":
				brk = true
			case ".":
				brk = j == 0 || !st.abbreviation(j-1, j)
			}
		}
		if brk {
			out = append(out, [2]int32{int32(start), int32(i)})
			start = i
		}
	}
	st.ranges = append(out, [2]int32{int32(start), int32(len(toks))})
	return st.ranges
}

func isCloser(s string) bool {
	switch s {
	case "'", "\"", "”", "’", ")", "]", "''", "»":
		return true
	}
	return false
}

// abbreviation reports whether word w, glued to the period p, is an
// abbreviation or an initial.
func (st *state) abbreviation(w, p int) bool {
	tw := st.toks[w]
	if tw.End != st.toks[p].Start || tw.Kind != token.Word {
		return false
	}
	if tw.End-tw.Start == 1 && tw.Case == token.Upper {
		return true
	}
	return st.t.abbrev[st.id(w)]
}
