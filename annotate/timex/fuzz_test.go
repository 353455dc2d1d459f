package timex

import (
	"testing"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// FuzzTag checks Tag's invariants on any text and document date: no
// panic; spans in bounds, on rune boundaries, sorted and not overlapping;
// every expression typed and valued.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"The ministers met on Thursday and will meet again on Dec. 3-5.",
		"Profits rose in the third quarter from a year earlier, the company said at 10:30 GMT.",
		"03/04/2025 13.11.2025 2025-11-13 nineteen ninety-six the 1990s mid-2024",
		"every week, annually, two-year-plus, the day before, a week later",
		"",
	} {
		f.Add(s, "2025-11-13")
		f.Add(s, "")
	}
	g := mustTagger(f)
	f.Fuzz(func(t *testing.T, text, date string) {
		d, err := lexicon.ParseDate(date)
		if err != nil {
			d = lexicon.Date{}
		}
		toks := token.Tokenize(nil, text)
		es := g.Tag(text, toks, nil, d)
		prev := 0
		for _, e := range es {
			if e.Start < prev || e.End <= e.Start || e.End > len(text) {
				t.Fatalf("bad span %v after %d in %q", e, prev, text)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[e.Start]) || e.End < len(text) && !utf8.RuneStart(text[e.End])) {
				t.Fatalf("span %v not on rune boundaries in %q", e, text)
			}
			if e.Value == "" || typeBit(e.Type) == 0 {
				t.Fatalf("expression %v without type or value in %q", e, text)
			}
			prev = e.End
		}
		// Given sentences: the tokens' own span as one sentence.
		if len(toks) > 0 {
			es2 := g.Tag(text, toks, [][2]int{{toks[0].Start, toks[len(toks)-1].End}}, d)
			for _, e := range es2 {
				if e.End > len(text) || e.Start < 0 {
					t.Fatalf("bad span %v with a given sentence", e)
				}
			}
		}
	})
}

// FuzzDocumentDate checks that DocumentDate never panics and that a date
// it finds is valid and its span slices the text.
func FuzzDocumentDate(f *testing.F) {
	for _, s := range []string{
		"ANKARA, Nov. 13, 2025 — The ministers met.",
		"---\ndate: 2025-11-13\n---\nText.",
		"Date: 13 November 2025\n\nText.",
		"LONDON 1996-08-30 Text.",
		"---\n",
	} {
		f.Add(s)
	}
	g := mustTagger(f)
	f.Fuzz(func(t *testing.T, text string) {
		d, span, ok := g.DocumentDate(text)
		if !ok {
			return
		}
		if span[0] < 0 || span[1] > len(text) || span[0] >= span[1] {
			t.Fatalf("bad span %v for %q", span, text)
		}
		if _, err := lexicon.ParseDate(d.String()); err != nil || d.Precision() != lexicon.DayPrecision {
			t.Fatalf("bad date %v for %q", d, text)
		}
	})
}
