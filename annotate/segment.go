package annotate

import (
	"unicode"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate/token"
)

// sentence is a sentence as the pipeline sees it: a token range and the
// byte span from its first token's start to its last token's end.
type sentence struct {
	first, last int // token indexes, last exclusive
	start, end  int // byte offsets
}

// isAbbreviation reports whether folded key k is an abbreviation whose
// period rarely ends a sentence; isNumberAbbreviation whether it is one
// whose period is no full stop when a number follows ("No. 10", "Vol.
// 3"); isSentenceStarter whether it is a function word that, capitalised
// after an initialism such as "U.S.", shows that a new sentence has
// begun. They are switches, not maps: segment asks at nearly every
// period after a word, and a switch on a short key is a few comparisons
// where a map hashed it (0.4 % of BenchmarkAnnotate's instructions).
// Each list is here once: the tests' reference segmenter asks them too.
func isAbbreviation(k []byte) bool {
	switch string(k) {
	case "mr", "mrs", "ms", "dr", "prof", "sr", "jr",
		"st", "mt", "ft", "gen", "col", "lt", "maj", "capt",
		"cpl", "sgt", "adm", "cmdr", "brig", "gov", "sen", "rep",
		"rev", "hon", "amb", "pres", "supt", "insp", "det",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug",
		"sep", "sept", "oct", "nov", "dec",
		"vs", "v", "etc", "approx", "est",
		"inc", "ltd", "co", "corp", "bros", "dept", "univ",
		"ave", "blvd", "rd", "cf":
		return true
	}
	return false
}

func isNumberAbbreviation(k []byte) bool {
	switch string(k) {
	case "no", "nos", "vol", "fig", "op", "art", "p", "pp":
		return true
	}
	return false
}

func isSentenceStarter(k []byte) bool {
	switch string(k) {
	case "the", "a", "an", "he", "she", "it", "they", "we",
		"i", "but", "and", "in", "on", "at", "this", "that",
		"these", "those", "his", "her", "their", "its", "there",
		"officials", "however", "meanwhile", "earlier", "later", "after",
		"when", "while", "if", "as", "for", "since", "last",
		"some", "many", "both", "no", "one", "two":
		return true
	}
	return false
}

// segment splits tokens into sentences. A sentence ends at a paragraph
// break; at ".", "!", "?" or "…" (with any closing quotes and brackets)
// followed by a capitalised word, a digit or an opening quote, unless the
// period follows an abbreviation or an initial; and at a line break
// followed by a capital (headlines, datelines, one sentence per line).
// It appends the sentences to out, so that a caller reuses one buffer.
// keys and ends are the tokens' folded keys, as token.Folder.TokenizeKeys
// gives them: abbreviations and sentence starters are looked up by them,
// not by keys folded again (token.Folder.Key allocated a string for each
// period after a word).
func segment(out []sentence, text string, toks []token.Token, keys []byte, ends []int32) []sentence {
	k := tokenKeys{keys, ends}
	start := 0
	flush := func(end int) {
		if end > start {
			out = append(out, sentence{first: start, last: end, start: toks[start].Start, end: toks[end-1].End})
		}
		start = end
	}
	for i := nextStop(text, toks, 0); i < len(toks); i = nextStop(text, toks, i+1) {
		t := &toks[i]
		if t.Newlines > 0 && i > start {
			if t.Newlines >= 2 {
				flush(i)
			} else if lineBreakEnds(text, toks, i) {
				flush(i)
			}
		}
		if !mayEndTerminal(text[t.End-1]) {
			continue
		}
		w := text[t.Start:t.End]
		if !isTerminal(w, *t) {
			continue
		}
		// Take closing quotes and brackets, and further terminal marks
		// ("?!", "...").
		end := i + 1
		for end < len(toks) && !toks[end].Space && (isCloser(text[toks[end].Start:toks[end].End]) || isTerminal(text[toks[end].Start:toks[end].End], toks[end])) {
			end++
		}
		if end >= len(toks) {
			i = end - 1
			continue
		}
		next := toks[end]
		if !next.Space {
			continue // "3.5", "U.S.-led", "Yahoo!News"
		}
		if w == "." || isDotted(w) {
			if !startsSentence(text, toks, end) {
				continue
			}
			if w == "." && i > start && abbreviationBefore(text, toks, i, k) && !strongStart(text, toks, end, k) {
				continue
			}
			if isDotted(w) && !strongStart(text, toks, end, k) {
				continue // "U.S. President …"
			}
		} else if !startsSentence(text, toks, end) {
			continue
		}
		flush(end)
		i = end - 1
	}
	flush(len(toks))
	return out
}

// nextStop returns the first token from i at which segment has anything
// to decide, len(toks) if none: one after a line break, or one ending in
// a byte a terminal mark ends in (mayEndTerminal). Most tokens are
// neither; they are passed over in this loop of its own, whose few
// values stay in registers.
func nextStop(text string, toks []token.Token, i int) int {
	for ; i < len(toks); i++ {
		t := &toks[i]
		// One test of both: the table's entries are 0 or 1.
		if t.Newlines|terminalEnds[text[t.End-1]] != 0 {
			return i
		}
	}
	return len(toks)
}

// isTerminal reports whether token w ends a sentence: ".", "!", "?", "…",
// or an initialism whose final period may double as a full stop ("U.S.").
func isTerminal(w string, t token.Token) bool {
	if t.Kind == token.Word {
		return isDotted(w) // no word is a mark
	}
	switch w {
	case ".", "!", "?", "…", "?!", "!?":
		return true
	}
	return false
}

// mayEndTerminal reports whether c is the last byte of a token
// isTerminal may accept: '.', '!', '?' or the last byte of "…" (U+2026,
// E2 80 A6). A table, read for every token by nextStop.
func mayEndTerminal(c byte) bool { return terminalEnds[c] != 0 }

var terminalEnds = func() (t [256]uint8) {
	for _, c := range []byte{'.', '!', '?', "…"[2]} {
		t[c] = 1
	}
	return t
}()

func isDotted(w string) bool { return len(w) > 2 && w[len(w)-1] == '.' }

func isCloser(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	switch r {
	case '"', '\'', '\u2019', '\u201d', ')', ']', '}', '\u00bb':
		return true
	}
	return false
}

// startsSentence reports whether the token at i can begin a sentence.
func startsSentence(text string, toks []token.Token, i int) bool {
	w := text[toks[i].Start:toks[i].End]
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r):
		return true
	case r == '"' || r == '\u201c' || r == '\'' || r == '\u2018' || r == '(' || r == '[' || r == '-' || r == '\u2014' || r == '\u2013':
		// An opening quote or bracket, or a dashed list item, followed by
		// something that starts a sentence.
		return i+1 < len(toks) && startsSentence(text, toks, i+1)
	}
	return false
}

// strongStart reports whether the token at i is a capitalised function
// word, which begins a sentence even after an abbreviation or an initialism.
func strongStart(text string, toks []token.Token, i int, k tokenKeys) bool {
	for i < len(toks) && isCloser(text[toks[i].Start:toks[i].End]) {
		i++
	}
	if i >= len(toks) || toks[i].Case != token.Title {
		return false
	}
	return isSentenceStarter(k.at(i))
}

// tokenKeys are a text's tokens' folded keys, back to back in keys, key
// i ending at ends[i].
type tokenKeys struct {
	keys []byte
	ends []int32
}

// at returns token i's key.
func (k tokenKeys) at(i int) []byte {
	start := int32(0)
	if i > 0 {
		start = k.ends[i-1]
	}
	return k.keys[start:k.ends[i]]
}

// abbreviationBefore reports whether the period at i follows an
// abbreviation ("Gen.") or a single-letter initial ("J.").
func abbreviationBefore(text string, toks []token.Token, i int, k tokenKeys) bool {
	p := toks[i-1]
	if toks[i].Space {
		return false // "word ." is not an abbreviation
	}
	w := text[p.Start:p.End]
	if p.Kind == token.Word && utf8.RuneCountInString(w) == 1 && p.Case == token.Upper {
		return true // an initial
	}
	key := k.at(i - 1)
	if isNumberAbbreviation(key) {
		return i+1 < len(toks) && toks[i+1].Kind == token.Number
	}
	return isAbbreviation(key)
}

// lineBreakEnds reports whether a single line break before token i ends a
// sentence: when the line before ends in terminal punctuation, or when the
// next line starts with a capital (headlines, datelines, text laid out a
// sentence a line) and the line before does not end mid-phrase.
func lineBreakEnds(text string, toks []token.Token, i int) bool {
	prev := text[toks[i-1].Start:toks[i-1].End]
	if isTerminal(prev, toks[i-1]) || isCloser(prev) {
		return true
	}
	switch prev {
	case ",", ";", ":", "-", "\u2013", "\u2014", "(", "&":
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[toks[i].Start:toks[i].End])
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\u201c' || r == '-' || r == '*' || r == '\u2022'
}
