package annotate

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/token"
)

func sentences(s string) []string {
	toks := token.Tokenize(nil, s)
	var out []string
	for _, sn := range segmentFolded(nil, s, toks, token.NewFolder()) {
		out = append(out, s[sn.start:sn.end])
	}
	return out
}

func TestSegment(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Iran said so. Turkey agreed.", []string{"Iran said so.", "Turkey agreed."}},
		{`He said "no." Then he left.`, []string{`He said "no."`, "Then he left."}},
		{"Gen. Abdel Fattah al-Burhan spoke. Mr. Smith did too.", []string{"Gen. Abdel Fattah al-Burhan spoke.", "Mr. Smith did too."}},
		{"U.S. President Donald Trump spoke.", []string{"U.S. President Donald Trump spoke."}},
		{"They met in the U.S. The talks went well.", []string{"They met in the U.S.", "The talks went well."}},
		{"It rose 3.5 percent. Prices fell.", []string{"It rose 3.5 percent.", "Prices fell."}},
		{"Really? Yes! Fine.", []string{"Really?", "Yes!", "Fine."}},
		{"J. R. Smith arrived. He sat.", []string{"J. R. Smith arrived.", "He sat."}},
		{"Headline here\n\nBody starts here. And ends.", []string{"Headline here", "Body starts here.", "And ends."}},
		{"LONDON 1996-08-30\nWest Indian all-rounder Phil Simmons took four .", []string{"LONDON 1996-08-30", "West Indian all-rounder Phil Simmons took four ."}},
		{"a wrapped line that\ncontinues here.", []string{"a wrapped line that\ncontinues here."}},
		{"On Nov. 13 the ministers met.", []string{"On Nov. 13 the ministers met."}},
		{"no end", []string{"no end"}},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, sentences(tt.in)); diff != "" {
			t.Errorf("segment(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestMayEndTerminal checks mayEndTerminal against its definition on
// every byte.
func TestMayEndTerminal(t *testing.T) {
	for c := range 256 {
		want := c == '.' || c == '!' || c == '?' || c == 0xa6
		if got := mayEndTerminal(byte(c)); got != want {
			t.Errorf("mayEndTerminal(%#x) = %v, want %v", c, got, want)
		}
	}
}

// FuzzIsTerminal checks isTerminal, which settles a word by its last byte
// alone, against its definition, on every token of any text, and that
// mayEndTerminal lets every terminal token through; and that
// segment appends to the buffer it is given.
func FuzzIsTerminal(f *testing.F) {
	for _, s := range []string{"U.S. talks. Then!? … 3.5 ?! Gen. J. Smith", "a.b. \u2026 .."} {
		f.Add(s)
	}
	fo := token.NewFolder()
	f.Fuzz(func(t *testing.T, s string) {
		toks := token.Tokenize(nil, s)
		for _, tk := range toks {
			w := tk.Text(s)
			want := w == "." || w == "!" || w == "?" || w == "…" || w == "?!" || w == "!?" || tk.Kind == token.Word && isDotted(w)
			if got := isTerminal(w, tk); got != want {
				t.Fatalf("isTerminal(%q, %v) = %v, want %v", w, tk.Kind, got, want)
			}
			if want && !mayEndTerminal(w[len(w)-1]) {
				t.Fatalf("isTerminal(%q, %v), but mayEndTerminal rules its last byte out", w, tk.Kind)
			}
		}
		fresh := segmentFolded(nil, s, toks, fo)
		kept := segmentFolded([]sentence{{}}, s, toks, fo)
		if !slices.Equal(kept[1:], fresh) {
			t.Fatalf("%q: segment onto a buffer gives %v, onto nil %v", s, kept[1:], fresh)
		}
	})
}

// segmentFolded is segment with the tokens' keys folded by f, as the
// pipeline's tokenize stage folds them.
func segmentFolded(out []sentence, text string, toks []token.Token, f *token.Folder) []sentence {
	keys, ends := f.AppendKeys(nil, nil, text, toks)
	return segment(out, text, toks, keys, ends)
}

// refSegment is segment as it was before nextStop: every token looked at
// in the one loop, and before the tokens' keys were passed in: each key
// an abbreviation or a sentence starter might be folded again
// (refAbbreviationBefore, refStrongStart). FuzzSegmentRef holds segment
// to it.
func refSegment(out []sentence, text string, toks []token.Token, f *token.Folder) []sentence {
	start := 0
	flush := func(end int) {
		if end > start {
			out = append(out, sentence{first: start, last: end, start: toks[start].Start, end: toks[end-1].End})
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Newlines > 0 && i > start {
			if t.Newlines >= 2 {
				flush(i)
			} else if lineBreakEnds(text, toks, i) {
				flush(i)
			}
		}
		// Most tokens end in no byte a terminal mark ends in: they are
		// ruled out by it before isTerminal looks at them.
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
			if w == "." && i > start && refAbbreviationBefore(text, toks, i, f) && !refStrongStart(text, toks, end, f) {
				continue
			}
			if isDotted(w) && !refStrongStart(text, toks, end, f) {
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

// refAbbreviationBefore is abbreviationBefore folding the word's key.
func refAbbreviationBefore(text string, toks []token.Token, i int, f *token.Folder) bool {
	p := toks[i-1]
	if toks[i].Space {
		return false
	}
	w := text[p.Start:p.End]
	if p.Kind == token.Word && utf8.RuneCountInString(w) == 1 && p.Case == token.Upper {
		return true
	}
	k := []byte(f.Key(w))
	if isNumberAbbreviation(k) {
		return i+1 < len(toks) && toks[i+1].Kind == token.Number
	}
	return isAbbreviation(k)
}

// refStrongStart is strongStart folding the word's key.
func refStrongStart(text string, toks []token.Token, i int, f *token.Folder) bool {
	for i < len(toks) && isCloser(text[toks[i].Start:toks[i].End]) {
		i++
	}
	if i >= len(toks) || toks[i].Case != token.Title {
		return false
	}
	return isSentenceStarter([]byte(f.Key(text[toks[i].Start:toks[i].End])))
}

// FuzzSegmentRef checks segment against refSegment on any text.
func FuzzSegmentRef(f *testing.F) {
	for _, s := range []string{"Iran said so. Turkey agreed.", "Gen. Smith\nleft. U.S. talks!? \"No.\" Then\n\nA.", "a.b. \u2026 .. J. R. Smith", ""} {
		f.Add(s)
	}
	fo := token.NewFolder()
	f.Fuzz(func(t *testing.T, s string) {
		toks := token.Tokenize(nil, s)
		got, want := segmentFolded(nil, s, toks, fo), refSegment(nil, s, toks, fo)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: segment %v, refSegment %v", s, got, want)
		}
	})
}

// TestSegmentRef checks segment against refSegment on the test articles.
func TestSegmentRef(t *testing.T) {
	fo := token.NewFolder()
	for _, art := range testArticles(t) {
		s := art.text
		toks := token.Tokenize(nil, s)
		if got, want := segmentFolded(nil, s, toks, fo), refSegment(nil, s, toks, fo); !slices.Equal(got, want) {
			t.Fatalf("%s: segment %v, refSegment %v", art.path, got, want)
		}
	}
}
