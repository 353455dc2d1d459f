package encode

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate"
)

// The documents the format tests encode are built here by hand, with
// relations, events and findings, so that every format is shown
// everything a Document can hold before the pipeline fills it all.

const callText = `Iran & Türkiye 🇹🇷 talk <again>

ANKARA — Iranian Foreign Minister Abbas Araghchi spoke by telephone with Türkiye's Foreign Minister Hakan Fidan on Thursday, about the South
Caucasus.
Fidan said Ankara backs "dialogue".
`

// cpSpan returns the code point span of the n-th occurrence (from 0) of
// sub in text.
func cpSpan(t testing.TB, text, sub string, n int) annotate.Span {
	t.Helper()
	off := 0
	for range n {
		i := strings.Index(text[off:], sub)
		if i < 0 {
			t.Fatalf("%q: occurrence %d not found", sub, n)
		}
		off += i + len(sub)
	}
	i := strings.Index(text[off:], sub)
	if i < 0 {
		t.Fatalf("%q: occurrence %d not found", sub, n)
	}
	start := utf8.RuneCountInString(text[:off+i])
	return annotate.Span{Start: start, End: start + utf8.RuneCountInString(sub)}
}

// callDoc is an article with mentions of every common kind, a mention
// across a line break, two relations, an event and a finding.
func callDoc(t testing.TB) *annotate.Document {
	text := callText
	mention := func(sub string, n int, label, entity string) annotate.Mention {
		s := cpSpan(t, text, sub, n)
		return annotate.Mention{Start: s.Start, End: s.End, Text: sub, Label: label, Entity: entity, Source: "lexicon"}
	}
	ms := []annotate.Mention{
		mention("Iran", 0, "COUNTRY", "IRN"),
		mention("Türkiye", 0, "COUNTRY", "TUR"),
		mention("ANKARA", 0, "CITY", "ankara"),
		mention("Iranian", 0, "NATIONALITY", "IRN"),
		mention("Foreign Minister", 0, "TITLE", "foreign-minister"),
		mention("Abbas Araghchi", 0, "PERSON", "abbas-araghchi"),
		mention("Türkiye", 1, "COUNTRY", "TUR"),
		mention("Foreign Minister", 1, "TITLE", "foreign-minister"),
		mention("Hakan Fidan", 0, "PERSON", "hakan-fidan"),
		mention("Thursday", 0, "DATE", ""),
		mention("South\nCaucasus", 0, "LOCATION", "south-caucasus"),
		mention("Fidan", 1, "PERSON", "hakan-fidan"),
		mention("Ankara", 0, "CITY", "ankara"),
	}
	ms[9].Source, ms[9].Value, ms[9].Anchor = "rule:time.weekday", "2025-11-13", "2025-11-14"
	ms[12].RefersTo = "TUR"
	ms[3].Explain = "lexicon demonym of IRN (lexicon/data/countries.yaml:1:1)"
	ms[11].Attrs = map[string]string{"short": "true"}
	sents := []annotate.Span{
		{Start: 0, End: cpSpan(t, text, "<again>", 0).End},
		{Start: cpSpan(t, text, "ANKARA", 0).Start, End: cpSpan(t, text, "Caucasus.", 0).End},
		{Start: cpSpan(t, text, "Fidan said", 0).Start, End: cpSpan(t, text, `"dialogue".`, 0).End},
	}
	for i := range ms {
		for si, s := range sents {
			if ms[i].Start >= s.Start && ms[i].End <= s.End {
				ms[i].Sentence = si
			}
		}
	}
	d := &annotate.Document{
		ID: "wire/call.txt", Date: "2025-11-14", DateSource: "flag", SHA256: "0000", Newsann: "test", LexiconAsOf: "2025-10-01",
		Offsets: "codepoints", Text: text, Sentences: sents, Mentions: ms,
		Entities: []annotate.Entity{
			{ID: "IRN", Label: "COUNTRY", Name: "Iran", Codes: map[string]string{"iso2": "IR", "iso3": "IRN", "wikidata": "Q794"}, Known: true, Mentions: []int{0, 3}},
			{ID: "TUR", Label: "COUNTRY", Name: "Turkey", Codes: map[string]string{"iso2": "TR", "iso3": "TUR", "wikidata": "Q43"}, Known: true, Mentions: []int{1, 6}},
			{ID: "ankara", Label: "CITY", Name: "Ankara", Known: true, Mentions: []int{2, 12}},
			{ID: "foreign-minister", Label: "TITLE", Name: "Minister of Foreign Affairs", Known: true, Mentions: []int{4, 7}},
			{ID: "abbas-araghchi", Label: "PERSON", Name: "Abbas Araghchi", Known: true, Mentions: []int{5}},
			{ID: "hakan-fidan", Label: "PERSON", Name: "Hakan Fidan", Known: true, Mentions: []int{8, 11}},
			{ID: "south-caucasus", Label: "LOCATION", Name: "South Caucasus", Known: true, Mentions: []int{10}},
		},
		Relations: []annotate.Relation{
			{Type: "holds_role", Subject: "abbas-araghchi", Object: "IRN", Title: "foreign-minister", Sentence: 1,
				Evidence: cpSpan(t, text, "Iranian Foreign Minister Abbas Araghchi", 0), Source: "rule:role.demonym-title"},
			{Type: "holds_role", Subject: "hakan-fidan", Object: "TUR", Title: "foreign-minister", Sentence: 1,
				Evidence: cpSpan(t, text, "Türkiye's Foreign Minister Hakan Fidan", 0), Source: "rule:role.possessive-title"},
		},
		Events: []annotate.Event{{
			Type: "contact", Mode: "telephone", CAMEO: "041", QuadClass: 1,
			SourceActor: "abbas-araghchi", TargetActor: "hakan-fidan", SourceCode: "IRNGOV", TargetCode: "TURGOV",
			Date: "2025-11-13", Trigger: cpSpan(t, text, "spoke by telephone", 0), Sentence: 1,
			Evidence: annotate.Span{Start: sents[1].Start, End: cpSpan(t, text, "on Thursday", 0).End}, Source: "rule:event.contact",
		}},
		Findings: []annotate.Finding{{
			Check: "unattributed-claim", Severity: "warning", Start: cpSpan(t, text, `backs "dialogue"`, 0).Start,
			End: cpSpan(t, text, `backs "dialogue"`, 0).End, Line: 5, Column: 18,
			Message: "a position is reported without a named source", Suggestion: "name the ministry's spokesperson",
		}},
	}
	return d
}

// plainDoc has text and nothing found in it.
func plainDoc() *annotate.Document {
	return &annotate.Document{
		ID: "notes.txt", SHA256: "1111", Newsann: "test", LexiconAsOf: "2025-10-01", Offsets: "codepoints",
		Text: "No names here.\n", Sentences: []annotate.Span{{Start: 0, End: 14}},
		Mentions: []annotate.Mention{}, Entities: []annotate.Entity{}, Relations: []annotate.Relation{},
		Events: []annotate.Event{}, Findings: []annotate.Finding{},
	}
}

// inUnit returns a copy of d (in code points) with every offset in unit u.
func inUnit(t testing.TB, d *annotate.Document, u annotate.OffsetUnit) *annotate.Document {
	t.Helper()
	runes := []rune(d.Text)
	conv := func(cp int) int {
		prefix := string(runes[:cp])
		switch u {
		case annotate.Bytes:
			return len(prefix)
		case annotate.UTF16:
			return len(utf16.Encode([]rune(prefix)))
		}
		return cp
	}
	span := func(s annotate.Span) annotate.Span { return annotate.Span{Start: conv(s.Start), End: conv(s.End)} }
	c := *d
	c.Offsets = u.String()
	c.Sentences = nil
	for _, s := range d.Sentences {
		c.Sentences = append(c.Sentences, span(s))
	}
	c.Mentions = append([]annotate.Mention(nil), d.Mentions...)
	for i := range c.Mentions {
		s := span(c.Mentions[i].Span())
		c.Mentions[i].Start, c.Mentions[i].End = s.Start, s.End
	}
	c.Relations = append([]annotate.Relation(nil), d.Relations...)
	for i := range c.Relations {
		c.Relations[i].Evidence = span(c.Relations[i].Evidence)
	}
	c.Events = append([]annotate.Event(nil), d.Events...)
	for i := range c.Events {
		c.Events[i].Trigger = span(c.Events[i].Trigger)
		c.Events[i].Evidence = span(c.Events[i].Evidence)
	}
	c.Findings = append([]annotate.Finding(nil), d.Findings...)
	for i := range c.Findings {
		s := span(annotate.Span{Start: c.Findings[i].Start, End: c.Findings[i].End})
		c.Findings[i].Start, c.Findings[i].End = s.Start, s.End
	}
	return &c
}
