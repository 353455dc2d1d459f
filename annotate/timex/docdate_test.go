package timex

import (
	"testing"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

func TestDocumentDate(t *testing.T) {
	cases := []struct {
		name, text string
		want       string // "" for none
		span       string // the text of the span
	}{
		{"dateline with month abbreviation", "Iran and Turkey discuss tensions\n\nANKARA, Nov. 13, 2025 — Iranian Foreign Minister Abbas Araghchi spoke by telephone on Thursday with his Turkish counterpart.", "2025-11-13", "Nov. 13, 2025"},
		{"dateline with ISO date", "LONDON 1996-08-30 Britain's opposition leader said on Friday that the vote would go ahead as planned, officials confirmed.", "1996-08-30", "1996-08-30"},
		{"agency dateline", "WASHINGTON (AP) — Nov 13, 2025 — The Senate passed the bill late on Wednesday after a long debate over spending.", "2025-11-13", "Nov 13, 2025"},
		{"date header", "Title: Talks resume\nDate: 2025-11-13\n\nNegotiators met again in Geneva on Thursday, a spokesman said.", "2025-11-13", "2025-11-13"},
		{"date header in words", "Published: 13 November 2025\n\nNegotiators met again in Geneva on Thursday, a spokesman said.", "2025-11-13", "13 November 2025"},
		{"front matter", "---\ntitle: Talks resume\ndate: 2025-11-13T09:30:00Z\n---\nNegotiators met again in Geneva.", "2025-11-13", "2025-11-13"},
		{"front matter quoted", "---\ntitle: \"Talks\"\ndate: \"Nov. 12, 2025\"\n---\nNegotiators met again.", "2025-11-12", "Nov. 12, 2025"},
		{"short date line", "Talks resume in Geneva\nNovember 12, 2025\n\nNegotiators met again on Wednesday.", "2025-11-12", "November 12, 2025"},
		{"no date", "Negotiators met again in Geneva on Thursday, a spokesman said, and more talks are planned for next week.", "", ""},
		{"date only in body", "Talks resume\n\nNegotiators met again in Geneva on Thursday, a spokesman said, after the talks of Nov. 4, 2025 had collapsed without result.", "", ""},
		{"ambiguous numeric date", "Date: 03/04/2025\n\nNegotiators met again.", "", ""},
		{"empty", "", "", ""},
	}
	g := mustTagger(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, span, ok := g.DocumentDate(c.text)
			if c.want == "" {
				if ok {
					t.Errorf("DocumentDate found %s at %v, want none", d, span)
				}
				return
			}
			if !ok || d != lexicon.MustDate(c.want) {
				t.Fatalf("DocumentDate = %s, %v, want %s", d, ok, c.want)
			}
			if got := c.text[span[0]:span[1]]; got != c.span {
				t.Errorf("span text %q, want %q", got, c.span)
			}
		})
	}
}

// TestDocumentDateArticles checks our test articles, which open with a
// dateline.
func TestDocumentDateArticles(t *testing.T) {
	g := mustTagger(t)
	for _, text := range articles(t) {
		if _, _, ok := g.DocumentDate(text); !ok {
			t.Errorf("no document date in %.60q", text)
		}
	}
}

// FuzzISOShape checks that the shape test in front of lexicon.ParseDate
// lets through every 10-byte string ParseDate accepts: it is there only
// to spare the error ParseDate builds, never to change an answer.
func FuzzISOShape(f *testing.F) {
	for _, s := range []string{"2025-11-13", "1996-08-30", "XXXX-WXX-2", "0001-01-01", "2025-13-01", "Nov. 13, 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) != 10 {
			return
		}
		if _, err := lexicon.ParseDate(s); err == nil && !isoShape(s) {
			t.Errorf("ParseDate accepts %q, isoShape rejects it", s)
		}
	})
}

// FuzzMayHoldYear checks the filter in front of dateIn's tagging: a
// string it turns away must hold no full date the tagger would read
// without a document date.
func FuzzMayHoldYear(f *testing.F) {
	for _, s := range []string{
		"the third of March, nineteen ninety-six", "May 12, 2025", "Nov. 13, 2025 —",
		"Thirteenth of May, Twenty Twenty-Five", "By Jane Roe and John Doe", "a dozen fifteen",
		"2025-11-13T09:30:00Z", "13.11.2025", "the 1990s", "on Tuesday", "ANKARA, Nov. 13",
	} {
		f.Add(s)
	}
	g := mustTagger(f)
	f.Fuzz(func(t *testing.T, s string) {
		if g.t.mayHoldYear(s) {
			return
		}
		for _, e := range g.Tag(s, token.Tokenize(nil, s), nil, lexicon.Date{}) {
			if _, err := lexicon.ParseDate(e.Value); err == nil && len(e.Value) == 10 {
				t.Errorf("mayHoldYear(%q) = false, but the tagger reads the full date %s (%q)", s, e.Value, s[e.Start:e.End])
			}
		}
	})
}

func TestMayHoldYear(t *testing.T) {
	g := mustTagger(t)
	for s, want := range map[string]bool{
		"By Jane Roe and John Doe":                false,
		"Talks resume in Geneva":                  false,
		"May 12, 2025":                            true,
		"the third of March, Nineteen ninety-six": true,
		"a DOZEN talks":                           true,
		"Talks resume — again":                    true, // a non-ASCII byte: not ruled out
	} {
		if got := g.t.mayHoldYear(s); got != want {
			t.Errorf("mayHoldYear(%q) = %v, want %v", s, got, want)
		}
	}
}
