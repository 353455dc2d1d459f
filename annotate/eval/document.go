package eval

import "github.com/newsann/newsann/annotate"

// FromDocument turns newsann's annotation of text into the prediction side
// of a score: every mention as a span, each relation anchored to mentions
// of its two entities in its sentence (as gold relations are, by their
// spans), each event by its actors' codes and its CAMEO code. The offsets
// must be code points, the unit gold files use.
func FromDocument(d *annotate.Document, text string) Doc {
	out := Doc{ID: d.ID, Text: text}
	var ms []Mention
	for _, m := range d.Mentions {
		s := Span{Start: m.Start, End: m.End, Label: m.Label, Value: m.Value}
		out.Spans = append(out.Spans, s)
		if m.Entity != "" {
			ms = append(ms, Mention{Span: s, Entity: m.Entity, Sentence: m.Sentence})
		}
	}
	for _, rel := range d.Relations {
		out.Relations = append(out.Relations, Anchor(ms, rel.Type, rel.Subject, rel.Object, rel.Sentence))
	}
	for _, e := range d.Events {
		out.Events = append(out.Events, Event{Source: e.SourceCode, Target: e.TargetCode, Code: e.CAMEO})
	}
	return out
}
