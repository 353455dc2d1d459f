package eval

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
)

// TestFromDocument: mentions become spans, a relation is anchored to its
// entities' mentions in its sentence, an event keeps its codes.
func TestFromDocument(t *testing.T) {
	d := &annotate.Document{
		ID: "a",
		Mentions: []annotate.Mention{
			{Start: 0, End: 4, Label: "COUNTRY", Entity: "IRN", Sentence: 0},
			{Start: 5, End: 12, Label: "DATE", Value: "2025-11-13", Sentence: 0},
			{Start: 20, End: 31, Label: "PERSON", Entity: "hakan-fidan", Sentence: 0},
			{Start: 40, End: 44, Label: "COUNTRY", Entity: "IRN", Sentence: 1},
		},
		Relations: []annotate.Relation{{Type: "holds_role", Subject: "hakan-fidan", Object: "IRN", Sentence: 0}},
		Events:    []annotate.Event{{SourceCode: "TURGOV", TargetCode: "IRNGOV", CAMEO: "042"}},
	}
	want := Doc{
		ID: "a", Text: "text",
		Spans: []Span{
			{Start: 0, End: 4, Label: "COUNTRY"},
			{Start: 5, End: 12, Label: "DATE", Value: "2025-11-13"},
			{Start: 20, End: 31, Label: "PERSON"},
			{Start: 40, End: 44, Label: "COUNTRY"},
		},
		Relations: []Relation{{
			Label: "holds_role",
			Heads: []Span{{Start: 20, End: 31, Label: "PERSON"}},
			Tails: []Span{{Start: 0, End: 4, Label: "COUNTRY"}}, // not the mention of sentence 1
		}},
		Events: []Event{{Source: "TURGOV", Target: "IRNGOV", Code: "042"}},
	}
	if diff := cmp.Diff(want, FromDocument(d, "text")); diff != "" {
		t.Errorf("FromDocument (-want +got):\n%s", diff)
	}
}
