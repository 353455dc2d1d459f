package timex

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// FuzzTag checks Tag's invariants (checkInvariants) on any text and
// document date, with its own sentences and with the text given as one:
// no panic; spans in bounds, on rune boundaries, sorted and not
// overlapping; every expression typed, valued and named by its rule. And
// TagNumbered, given the ids of the default lexicon's matcher, finds the
// same expressions as Tag, as does TagSentences given the text as one
// sentence.
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
	lex, err := lexicon.Default()
	if err != nil {
		f.Fatal(err)
	}
	m := lex.Matcher().WithWords(g.Words())
	lw := g.LexWords(m)
	f.Fuzz(func(t *testing.T, text, date string) {
		d, err := lexicon.ParseDate(date)
		if err != nil {
			d = lexicon.Date{}
		}
		toks := token.Tokenize(nil, text)
		es := g.Tag(text, toks, nil, d)
		checkInvariants(t, text, es)
		checkRuleIndex(t, g, es)
		// Tokens numbered by a lexicon matcher: the same expressions.
		ids := m.Keys(nil, token.NewFolder(), text, toks)
		if diff := cmp.Diff(es, g.TagNumbered(text, toks, ids, lw, nil, d)); diff != "" {
			t.Fatalf("%q: TagNumbered differs from Tag (-Tag +TagNumbered):\n%s", text, diff)
		}
		// Given sentences: the tokens' own span as one sentence, and the
		// same as a token range (TagSentences).
		if len(toks) > 0 {
			one := g.Tag(text, toks, [][2]int{{toks[0].Start, toks[len(toks)-1].End}}, d)
			checkInvariants(t, text, one)
			for _, of := range [][]int32{nil, make([]int32, len(toks))} {
				if diff := cmp.Diff(one, g.TagSentences(text, toks, ids, lw, [][2]int32{{0, int32(len(toks))}}, of, d)); diff != "" {
					t.Fatalf("%q: TagSentences differs from Tag (-Tag +TagSentences, given numbers %t):\n%s", text, of != nil, diff)
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
