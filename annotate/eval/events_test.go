package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScoreEvents(t *testing.T) {
	gold := []Doc{
		{ID: "1", Category: "A", Events: []Event{{"ARN", "GON", "064"}, {"ARN", "GON", "064"}, {"GON", "ARN", "033"}}},
		{ID: "2", Category: "B", Events: []Event{{"ETH", "LBY", "1717"}}},
		{ID: "3", Category: "B"}, // no events expected
		{ID: "4", Category: "B", Events: []Event{{"X", "Y", "010"}}},
	}
	pred := []Doc{
		// One of the two expected ARN-GON events; the reverse at the root only.
		{ID: "1", Events: []Event{{"ARN", "GON", "064"}, {"GON", "ARN", "031"}, {"GON", "ARN", "040"}}},
		{ID: "2", Events: []Event{{"ETH", "LBY", "1712"}}},
		{ID: "3", Events: []Event{{"ARN", "GON", "064"}}},
	}
	rep := ScoreEvents(gold, pred)
	want := EventCounts{Expected: 5, Produced: 5, Found: 1, FoundRoot: 3, Extra: 4, ExtraRoot: 2}
	if diff := cmp.Diff(want, rep.All); diff != "" {
		t.Errorf("all (-want +got):\n%s", diff)
	}
	if rep.Missing != 1 {
		t.Errorf("missing = %d, want 1", rep.Missing)
	}
	wantB := EventCounts{Expected: 2, Produced: 2, FoundRoot: 1, Extra: 2, ExtraRoot: 1}
	if diff := cmp.Diff(wantB, *rep.ByCategory["B"]); diff != "" {
		t.Errorf("category B (-want +got):\n%s", diff)
	}
	var b strings.Builder
	if err := rep.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"found, full code             1   20.0% of expected", "extra, root code             2   40.0% of coded", "B                   2      0      1      2      2"} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("table lacks %q:\n%s", line, b.String())
		}
	}
}

func TestReadEvents(t *testing.T) {
	in := `{"id": "g", "text": "x", "events": [{"source": "ARN", "target": "GON", "code": "064"}], "meta": {"category": "DEMO", "date": "19950101"}}
{"id": "p", "events": [{"type": "contact", "cameo": "042", "source_code": "TURGOV", "target_code": "", "trigger": {"start": 0, "end": 1}}]}
`
	docs, err := Read("x.jsonl", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Event{{"ARN", "GON", "064"}}, docs[0].Events); diff != "" || docs[0].Category != "DEMO" || docs[0].Date != "19950101" {
		t.Errorf("gold record: %+v (-want +got):\n%s", docs[0], diff)
	}
	if diff := cmp.Diff([]Event{{"TURGOV", "", "042"}}, docs[1].Events); diff != "" {
		t.Errorf("newsann record (-want +got):\n%s", diff)
	}
}

// TestPetrarchUnitTests reads PETRARCH's unit-test records: every expected
// event is read, and they all match themselves. It skips where
// ../shared/eval is missing.
func TestPetrarchUnitTests(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "eval", "petrarch-cameo", "unittest.jsonl")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skip("../shared/eval is not present")
	}
	docs, err := Read(path, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rep := ScoreEvents(docs, docs)
	if rep.All.Expected != 359 || rep.All.Found != 359 || rep.All.Extra != 0 {
		t.Errorf("against itself: %+v, want the 359 events of PROVENANCE.md all found", rep.All)
	}
}
