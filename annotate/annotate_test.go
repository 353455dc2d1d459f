package annotate

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/lexicon"
)

// miniAnnotator builds an Annotator over testdata/lexicon/mini.yaml, a
// lexicon that does not move when the embedded gazetteer grows.
func miniAnnotator(t testing.TB, opts Options) *Annotator {
	t.Helper()
	files, err := lexicon.ReadPaths(filepath.Join("..", "testdata", "lexicon", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Build(files, lexicon.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return mustNew(t, lex, opts)
}

// embeddedAnnotator builds an Annotator over the embedded gazetteer
// (lexicon.Default), the one `newsann annotate` uses.
func embeddedAnnotator(t testing.TB, opts Options) *Annotator {
	t.Helper()
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	return mustNew(t, lex, opts)
}

// mustNew is New for tests, which fail on its error.
func mustNew(t testing.TB, lex *lexicon.Lexicon, opts Options) *Annotator {
	t.Helper()
	a, err := New(lex, opts)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// article is one of our test articles (testdata/articles).
type article struct{ path, text string }

// testArticles reads our test articles; a test over them fails when
// there are none rather than passing over nothing.
func testArticles(t testing.TB) []article {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	if len(paths) == 0 {
		t.Fatal("no test articles")
	}
	arts := make([]article, len(paths))
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		arts[i] = article{p, string(b)}
	}
	return arts
}

type got struct{ Text, Label, Entity string }

func mentions(d *Document) []got {
	var out []got
	for _, m := range d.Mentions {
		out = append(out, got{m.Text, m.Label, m.Entity})
	}
	return out
}

func TestAnnotateMentions(t *testing.T) {
	a := miniAnnotator(t, Options{})
	tests := []struct {
		in   string
		want []got
	}{
		{
			"Iran’s Foreign Minister Abbas Araghchi met Turkish officials.",
			[]got{{"Iran", "COUNTRY", "IRN"}, {"Foreign Minister", "TITLE", "foreign-minister"}, {"Abbas Araghchi", "PERSON", "abbas-araghchi"}, {"Turkish", "NATIONALITY", "TUR"}},
		},
		// A short form stands only with a full mention somewhere in the text.
		{"Araghchi spoke.", nil},
		{"Araghchi spoke. Later, Abbas Araqchi left.", []got{{"Araghchi", "PERSON", "abbas-araghchi"}, {"Abbas Araqchi", "PERSON", "abbas-araghchi"}}},
		// Common words are not names.
		{"us, turkey, china and chad", nil},
		// An ambiguous name keeps its alternatives.
		{"Georgia", []got{{"Georgia", "COUNTRY", "GEO"}}},
		{"the U.N. and NATO and Nato", []got{{"U.N.", "ORGANIZATION", "un"}, {"NATO", "ORGANIZATION", "nato"}, {"Nato", "ORGANIZATION", "nato"}}},
	}
	for _, tt := range tests {
		d, err := a.Annotate(context.Background(), Input{ID: "t", Text: tt.in})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, mentions(d)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestAnnotateEntitiesAndAttrs(t *testing.T) {
	a := miniAnnotator(t, Options{Explain: true})
	d, err := a.Annotate(context.Background(), Input{ID: "t", Text: "Georgia and Iran. Iranian talks in Georgia."})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Mentions[0].Attrs["ambiguous"]; got != "GEO georgia-us" {
		t.Errorf("ambiguous attr = %q", got)
	}
	if d.Mentions[0].Explain == "" {
		t.Error("explain is empty with Explain set")
	}
	type ent struct {
		ID       string
		Mentions []int
	}
	var es []ent
	for _, e := range d.Entities {
		es = append(es, ent{e.ID, e.Mentions})
	}
	want := []ent{{"GEO", []int{0, 3}}, {"IRN", []int{1, 2}}}
	if diff := cmp.Diff(want, es); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
	if d.Sentences[1].Start != 18 || d.Mentions[2].Sentence != 1 {
		t.Errorf("sentences %v, mention 2 in sentence %d", d.Sentences, d.Mentions[2].Sentence)
	}
}

func TestAnnotateEmpty(t *testing.T) {
	a := miniAnnotator(t, Options{})
	for _, in := range []string{"", "   \n\n  ", "\ufffd\ufffd"} {
		d, err := a.Annotate(context.Background(), Input{ID: "e", Text: in})
		if err != nil {
			t.Fatal(err)
		}
		if d.Mentions == nil || d.Entities == nil || d.Relations == nil || d.Events == nil || d.Findings == nil {
			t.Errorf("%q: nil slices in %+v; they must encode as []", in, d)
		}
	}
}

func TestAnnotateCancelled(t *testing.T) {
	a := miniAnnotator(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Annotate(ctx, Input{Text: "Iran"}); err == nil {
		t.Error("Annotate with a cancelled context succeeded")
	}
}

// checkOffsets asserts the offset invariants of a code-point document:
// in bounds, sorted, and text[start:end] == mention text.
func checkOffsets(t *testing.T, text string, d *Document) {
	t.Helper()
	runes := []rune(text)
	prev := 0
	for i, m := range d.Mentions {
		if m.Start < prev || m.End <= m.Start || m.End > len(runes) {
			t.Fatalf("mention %d [%d,%d) out of order or bounds (prev end %d, %d runes)", i, m.Start, m.End, prev, len(runes))
		}
		if got := string(runes[m.Start:m.End]); got != m.Text {
			t.Fatalf("mention %d: text[%d:%d] = %q, mention says %q", i, m.Start, m.End, got, m.Text)
		}
		if m.Sentence < 0 || m.Sentence >= len(d.Sentences) {
			t.Fatalf("mention %d: sentence %d of %d", i, m.Sentence, len(d.Sentences))
		}
		s := d.Sentences[m.Sentence]
		if m.Start < s.Start || m.End > s.End {
			t.Fatalf("mention %d [%d,%d) outside its sentence [%d,%d)", i, m.Start, m.End, s.Start, s.End)
		}
		prev = m.End
	}
	prev = 0
	for i, s := range d.Sentences {
		if s.Start < prev || s.End < s.Start || s.End > len(runes) {
			t.Fatalf("sentence %d [%d,%d) out of order or bounds", i, s.Start, s.End)
		}
		prev = s.End
	}
}

func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"Iran’s Foreign Minister Abbas Araghchi called Hakan Fidan.",
		"U.S.-Iran talks. Türkiye, Côte d'Ivoire and al-Qaeda.",
		"\xff\xfeIran", "Araghchi. Abbas Araghchi", "🇹🇷 Turkey",
	} {
		f.Add(s)
	}
	a := miniAnnotator(f, Options{})
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the reader replaces invalid UTF-8 before annotation
		}
		d, err := a.Annotate(context.Background(), Input{ID: "f", Text: s})
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, s, d)
	})
}

func TestArticlesOffsets(t *testing.T) {
	a := miniAnnotator(t, Options{})
	for _, art := range testArticles(t) {
		d, err := a.Annotate(context.Background(), Input{ID: art.path, Text: art.text})
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, art.text, d)
	}
}

func TestOffsetConverter(t *testing.T) {
	text := strings.Repeat("a é 🇹🇷 Türkiye — ", 40)
	for _, u := range []OffsetUnit{Codepoints, UTF16} {
		c := NewOffsetIndex(text, u)
		units := 0
		for i, r := range text {
			if got := c.ToUnits(i); got != units {
				t.Fatalf("%v: byte %d -> %d, want %d", u, i, got, units)
			}
			units++
			if u == UTF16 && r >= 0x10000 {
				units++
			}
		}
		if got := c.ToUnits(len(text)); got != units {
			t.Fatalf("%v: end -> %d, want %d", u, got, units)
		}
	}
}

// TestAnnotateEmptyRuleSet: a rule set without rules (`newsann
// --no-default-rules` without --rules) leaves the lexicon's mentions, and
// the stages after the rules, which read the rules' word lists, still run.
func TestAnnotateEmptyRuleSet(t *testing.T) {
	empty, err := rules.Compile(nil)
	if err != nil {
		t.Fatal(err)
	}
	a := miniAnnotator(t, Options{Rules: empty})
	text := `Araghchi told reporters: "We will talk to Turkey," and said Iran was ready.`
	d, err := a.Annotate(context.Background(), Input{ID: "q", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Mentions) == 0 {
		t.Errorf("no mentions in %q with the lexicon alone", text)
	}
}

// TestNoEventsNoQuotes: the pipeline without events and quotes gives the
// full pipeline's Document less its events and said relations, for every
// test article: what `newsann check` reads is unchanged.
func TestNoEventsNoQuotes(t *testing.T) {
	full := embeddedAnnotator(t, Options{Version: "test"})
	narrow := embeddedAnnotator(t, Options{Version: "test", NoEvents: true, NoQuotes: true})
	events, said := 0, 0
	ctx := context.Background()
	for _, art := range testArticles(t) {
		p := art.path
		in := Input{ID: filepath.Base(p), Text: art.text, Date: lexicon.MustDate("2025-11-14")}
		want, err := full.Annotate(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := narrow.Annotate(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		events += len(want.Events)
		var rels []Relation
		for _, r := range want.Relations {
			if r.Type == "said" {
				said++
				continue
			}
			rels = append(rels, r)
		}
		want.Events, want.Relations = nil, rels
		if len(got.Events) > 0 {
			t.Errorf("%s: %d events with NoEvents", p, len(got.Events))
		}
		got.Events = nil
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: without events and quotes (-full less them +narrow):\n%s", p, diff)
		}
	}
	if events == 0 || said == 0 {
		t.Fatalf("the articles have %d events and %d said relations; the test needs both", events, said)
	}
}

// testCorpus returns the shared annotator and the benchmark corpus's
// texts (the first forty with -short), for the tests that hold a
// rewritten stage to its reference over real documents.
func testCorpus(t *testing.T) (*Annotator, []string) {
	t.Helper()
	a, err := sharedAnnotator()
	if err != nil {
		t.Fatal(err)
	}
	docs := benchDocs()
	if testing.Short() {
		docs = docs[:40]
	}
	return a, docs
}

// randomText joins up to max pieces drawn at random: texts of the shapes
// a test cares about (quotation marks, multi-byte runes, invalid UTF-8)
// in every order.
func randomText(rng *rand.Rand, pieces []string, max int) string {
	var b strings.Builder
	for range rng.IntN(max) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}
