package eval

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScore(t *testing.T) {
	gold := []Doc{
		{ID: "1", Spans: []Span{{0, 4, "LOC", ""}, {9, 15, "LOC", ""}, {20, 31, "PER", ""}}},
		{ID: "2", Spans: []Span{{0, 3, "ORG", ""}}},
		{ID: "3", Spans: []Span{{0, 3, "PER", ""}}},
	}
	pred := []Doc{
		{ID: "1", Spans: []Span{
			{0, 4, "COUNTRY", ""},       // right after mapping
			{0, 4, "COUNTRY", ""},       // duplicate: counted once
			{9, 14, "COUNTRY", ""},      // boundary off by one
			{20, 31, "PERSON", ""},      // right
			{40, 47, "TITLE", ""},       // unmapped, filtered by --labels
			{50, 55, "NATIONALITY", ""}, // mapped to "-": dropped
		}},
		{ID: "2", Spans: []Span{{0, 3, "PERSON", ""}}}, // wrong label
	}
	opts := Options{Map: map[string]string{"COUNTRY": "LOC", "PERSON": "PER", "NATIONALITY": "-"}, Labels: []string{"PER", "LOC", "ORG"}}
	rep := Score(gold, pred, opts)
	want := map[string]Counts{
		"LOC": {TP: 1, FP: 1, FN: 1},
		"PER": {TP: 1, FP: 1, FN: 1},
		"ORG": {FN: 1},
	}
	got := map[string]Counts{}
	for l, c := range rep.Labels {
		got[l] = *c
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("strict counts (-want +got):\n%s", diff)
	}
	if rep.Missing != 1 || rep.All.TP != 2 || rep.All.FP != 2 || rep.All.FN != 3 {
		t.Errorf("overall = %+v missing %d", rep.All, rep.Missing)
	}
	if p, r := rep.All.P(), rep.All.R(); p != 50 || r != 40 {
		t.Errorf("P, R = %v, %v; want 50, 40", p, r)
	}
	opts.Relaxed = true
	if rel := Score(gold, pred, opts); rel.Labels["LOC"].TP != 2 {
		t.Errorf("relaxed LOC = %+v, want the overlapping span to count", *rel.Labels["LOC"])
	}
}

func TestScoreValues(t *testing.T) {
	gold := []Doc{{ID: "d", Spans: []Span{{0, 8, "DATE", "2025-11-13"}, {10, 17, "DURATION", "P2Y"}}}}
	pred := []Doc{{ID: "d", Spans: []Span{{0, 8, "DATE", "2025-11-13"}, {10, 17, "DURATION", "P3Y"}}}}
	rep := Score(gold, pred, Options{})
	if rep.All.ValueRight != 1 || rep.All.ValueTotal != 2 {
		t.Errorf("values right %d of %d, want 1 of 2", rep.All.ValueRight, rep.All.ValueTotal)
	}
}

func TestRead(t *testing.T) {
	in := `{"id": "a", "text": "Iran", "entities": [{"start": 0, "end": 4, "label": "LOC"}], "meta": {"dct": "2013-03-22"}}

{"id": "b", "mentions": [{"start": 0, "end": 4, "label": "COUNTRY"}], "entities": [{"id": "IRN"}]}
`
	docs, err := Read("x.jsonl", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Doc{
		{ID: "a", Text: "Iran", Date: "2013-03-22", Spans: []Span{{0, 4, "LOC", ""}}, Line: 1},
		{ID: "b", Spans: []Span{{0, 4, "COUNTRY", ""}}, Line: 3},
	}
	if diff := cmp.Diff(want, docs); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
	if _, err := Read("x.jsonl", strings.NewReader("{\"text\": \"x\"}\n")); err == nil || !strings.Contains(err.Error(), "x.jsonl:1: record has no \"id\"") {
		t.Errorf("missing id: %v", err)
	}
}

// TestAgreesWithReferenceScorer scores a perturbed copy of a public gold
// file with this package and with ../shared/eval/score.py, and requires
// the same figures. It skips where the data or python3 is missing.
func TestAgreesWithReferenceScorer(t *testing.T) {
	goldPath := filepath.Join("..", "..", "..", "shared", "eval", "conll2003", "dev.jsonl")
	script := filepath.Join("..", "..", "..", "shared", "eval", "score.py")
	if _, err := os.Stat(goldPath); err != nil {
		t.Skip("../shared/eval is not present")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	b, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	gold, err := Read(goldPath, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// Perturb: drop, shift, relabel and invent spans, reproducibly.
	rng := rand.New(rand.NewPCG(1, 2))
	labels := []string{"PERSON", "COUNTRY", "ORGANIZATION", "MISC", "TITLE"}
	back := map[string]string{"PER": "PERSON", "LOC": "COUNTRY", "ORG": "ORGANIZATION", "MISC": "MISC"}
	var pred bytes.Buffer
	var predDocs []Doc
	for i, g := range gold {
		if i%50 == 7 {
			continue // a missing document
		}
		d := Doc{ID: g.ID}
		for _, s := range g.Spans {
			s.Label = back[s.Label]
			switch rng.IntN(10) {
			case 0:
				continue
			case 1:
				s.End++
			case 2:
				s.Label = labels[rng.IntN(len(labels))]
			case 3:
				d.Spans = append(d.Spans, Span{Start: s.Start + 1, End: s.End + 3, Label: "COUNTRY"})
			}
			d.Spans = append(d.Spans, s)
		}
		predDocs = append(predDocs, d)
		rec := map[string]any{"id": d.ID, "mentions": d.Spans}
		line, _ := json.Marshal(rec)
		pred.Write(append(line, '\n'))
	}
	predPath := filepath.Join(t.TempDir(), "pred.jsonl")
	if err := os.WriteFile(predPath, pred.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, keep := range []string{"", "PER,LOC,ORG"} {
		args := []string{script, goldPath, predPath, "--map", "PERSON=PER", "COUNTRY=LOC", "ORGANIZATION=ORG", "TITLE=-", "--json"}
		opts := Options{Map: map[string]string{"PERSON": "PER", "COUNTRY": "LOC", "ORGANIZATION": "ORG", "TITLE": "-"}}
		if keep != "" {
			args = append(args, "--labels", keep)
			opts.Labels = strings.Split(keep, ",")
		}
		out, err := exec.Command(python, args...).Output()
		if err != nil {
			t.Fatalf("score.py: %v", err)
		}
		var ref struct {
			Labels  map[string][4]float64 `json:"labels"`
			Missing int                   `json:"missing_docs"`
		}
		if err := json.Unmarshal(out, &ref); err != nil {
			t.Fatalf("score.py output %q: %v", out, err)
		}
		ours := Score(gold, predDocs, opts).JSON()
		if ref.Missing != ours.Missing {
			t.Errorf("labels %q: missing docs %d, reference %d", keep, ours.Missing, ref.Missing)
		}
		if len(ref.Labels) != len(ours.Labels) {
			t.Errorf("labels %q: %d labels, reference %d", keep, len(ours.Labels), len(ref.Labels))
		}
		for l, r := range ref.Labels {
			o := ours.Labels[l]
			for k := range 4 {
				if d := o[k] - r[k]; d > 0.011 || d < -0.011 {
					t.Errorf("labels %q: %s = %v, reference %v", keep, l, o, r)
					break
				}
			}
		}
		t.Logf("labels %q: ALL %v (reference %v)", keep, ours.Labels["ALL"], ref.Labels["ALL"])
	}
}
