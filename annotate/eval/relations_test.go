package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sp(a, b int) Span { return Span{Start: a, End: b} }

func TestScoreRelations(t *testing.T) {
	gold := []Doc{
		{ID: "1", Relations: []Relation{
			{Label: "ROLE", Heads: []Span{sp(0, 10)}, Tails: []Span{sp(20, 24)}},
			{Label: "PHYSICAL", Heads: []Span{sp(30, 35)}, Tails: []Span{sp(40, 46)}},
			{Label: "PHYSICAL", Heads: []Span{sp(50, 55)}, Tails: []Span{sp(60, 66)}},
			{Label: "WIN-DEFEAT", Heads: []Span{sp(0, 10)}, Tails: []Span{sp(70, 75)}}, // not scored
		}},
		{ID: "2", Relations: []Relation{{Label: "PART-OF", Heads: []Span{sp(0, 4)}, Tails: []Span{sp(9, 13)}}}},
	}
	pred := []Doc{
		{ID: "1", Relations: []Relation{
			// The subject is named twice; its second mention is the gold head.
			{Label: "holds_role", Heads: []Span{sp(80, 84), sp(0, 10)}, Tails: []Span{sp(20, 24)}},
			{Label: "holds_role", Heads: []Span{sp(80, 84), sp(0, 10)}, Tails: []Span{sp(20, 24)}}, // the same again: counted once
			{Label: "located_in", Heads: []Span{sp(40, 46)}, Tails: []Span{sp(30, 35)}},            // the wrong way round
			{Label: "located_in", Heads: []Span{sp(50, 54)}, Tails: []Span{sp(60, 66)}},            // head one short
			{Label: "said", Heads: []Span{sp(0, 10)}},                                              // unmapped: not scored
			{Label: "holds_role", Heads: []Span{sp(0, 10)}},                                        // no object: unanchored
		}},
	}
	opts := Options{
		Map:    map[string]string{"holds_role": "ROLE", "located_in": "PHYSICAL", "member_of": "PART-OF"},
		Labels: []string{"ROLE", "PHYSICAL", "PART-OF"},
	}
	got := func(rep *Report) map[string]Counts {
		out := map[string]Counts{}
		for l, c := range rep.Labels {
			out[l] = *c
		}
		return out
	}
	rep := ScoreRelations(gold, pred, opts)
	want := map[string]Counts{
		"ROLE":     {TP: 1},
		"PHYSICAL": {FP: 2, FN: 2},
		"PART-OF":  {FN: 1},
	}
	if diff := cmp.Diff(want, got(rep)); diff != "" {
		t.Errorf("strict (-want +got):\n%s", diff)
	}
	if rep.Missing != 1 || rep.Unanchored != 1 {
		t.Errorf("missing %d, unanchored %d; want 1, 1", rep.Missing, rep.Unanchored)
	}
	opts.Relaxed = true
	want["PHYSICAL"] = Counts{TP: 1, FP: 1, FN: 1} // overlap rescues the short head, not the direction
	if diff := cmp.Diff(want, got(ScoreRelations(gold, pred, opts))); diff != "" {
		t.Errorf("relaxed (-want +got):\n%s", diff)
	}
}

// TestScoreRelationsExactFirst checks that with overlap allowed an exact
// prediction still gets the gold relation it matches exactly, though a
// looser prediction before it overlaps the same one.
func TestScoreRelationsExactFirst(t *testing.T) {
	gold := []Doc{{ID: "d", Relations: []Relation{
		{Label: "R", Heads: []Span{sp(0, 5)}, Tails: []Span{sp(10, 15)}},
		{Label: "R", Heads: []Span{sp(0, 5)}, Tails: []Span{sp(20, 25)}},
	}}}
	pred := []Doc{{ID: "d", Relations: []Relation{
		{Label: "R", Heads: []Span{sp(0, 4)}, Tails: []Span{sp(10, 22)}}, // overlaps both
		{Label: "R", Heads: []Span{sp(0, 5)}, Tails: []Span{sp(10, 15)}}, // exactly the first
	}}}
	rep := ScoreRelations(gold, pred, Options{Relaxed: true})
	if c := *rep.Labels["R"]; c != (Counts{TP: 2}) {
		t.Errorf("counts = %+v, want both right", c)
	}
}

func TestReadRelations(t *testing.T) {
	in := `{"id": "g", "text": "Jane Roe of Acme", "entities": [{"start": 0, "end": 8, "label": "PERSON"}, {"start": 12, "end": 16, "label": "ORGANISATION"}], "relations": [{"head": 0, "tail": 1, "label": "ROLE", "explanation": ""}]}
{"id": "p", "mentions": [{"start": 0, "end": 4, "label": "COUNTRY", "entity": "IRN", "sentence": 0}, {"start": 10, "end": 14, "label": "COUNTRY", "entity": "IRN", "sentence": 1}, {"start": 20, "end": 24, "label": "CITY", "entity": "tehran", "sentence": 1}], "relations": [{"type": "located_in", "subject": "tehran", "object": "IRN", "sentence": 1}, {"type": "holds_role", "subject": "IRN", "object": "", "sentence": 0}]}
`
	docs, err := Read("x.jsonl", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]Relation{
		{{Label: "ROLE", Heads: []Span{{0, 8, "PERSON", ""}}, Tails: []Span{{12, 16, "ORGANISATION", ""}}}},
		{
			// Iran is named in both sentences; the relation's own is taken.
			{Label: "located_in", Heads: []Span{{20, 24, "CITY", ""}}, Tails: []Span{{10, 14, "COUNTRY", ""}}},
			{Label: "holds_role", Heads: []Span{{0, 4, "COUNTRY", ""}}},
		},
	}
	for i, d := range docs {
		if diff := cmp.Diff(want[i], d.Relations); diff != "" {
			t.Errorf("record %s (-want +got):\n%s", d.ID, diff)
		}
	}
	for _, bad := range []struct{ line, err string }{
		{`{"id": "a", "entities": [{"start": 0, "end": 1}], "relations": [{"head": 0, "tail": 3, "label": "X"}]}`, "x.jsonl:1: relation 0: tail: entity index 3 out of range (1 entities)"},
		{`{"id": "a", "entities": [], "relations": [{"head": 0, "label": "X"}]}`, "x.jsonl:1: relation 0 has a head or a tail but not both"},
		{`{"id": "a", "relations": [{"label": "X"}]}`, "x.jsonl:1: relation 0 has neither head and tail nor type"},
	} {
		if _, err := Read("x.jsonl", strings.NewReader(bad.line+"\n")); err == nil || err.Error() != bad.err {
			t.Errorf("Read(%s) = %v, want %s", bad.line, err, bad.err)
		}
	}
}

// TestCrossRE reads the CrossRE news sets: every relation must be read
// with its spans, and gold scored against itself must be all right. It
// skips where ../shared/eval is missing.
func TestCrossRE(t *testing.T) {
	for _, name := range []string{"dev.jsonl", "ext-dev.jsonl"} {
		path := filepath.Join("..", "..", "..", "shared", "eval", "crossre-news", name)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Skip("../shared/eval is not present")
		}
		docs, err := Read(path, bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, d := range docs {
			for _, r := range d.Relations {
				if len(r.Heads) != 1 || len(r.Tails) != 1 || r.Label == "" {
					t.Fatalf("%s %s: relation %+v", name, d.ID, r)
				}
				n++
			}
		}
		want := map[string]int{"dev.jsonl": 308, "ext-dev.jsonl": 1085}[name]
		if n != want {
			t.Errorf("%s: %d relations, PROVENANCE.md says %d", name, n, want)
		}
		rep := ScoreRelations(docs, docs, Options{})
		if rep.All.TP == 0 || rep.All.FP != 0 || rep.All.FN != 0 {
			t.Errorf("%s against itself: %+v", name, rep.All)
		}
	}
}
