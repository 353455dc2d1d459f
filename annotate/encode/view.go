package encode

import (
	"fmt"

	"github.com/newsann/newsann/annotate"
)

// view is a document whose spans are converted to byte offsets into its
// text, and checked, so that the formats which print or slice the text can
// use Go's s[start:end] whatever unit the document's offsets are in. It
// also converts byte offsets to code points, the unit brat and displaCy
// count in.
type view struct {
	d    *annotate.Document
	text string

	sentences []annotate.Span
	mentions  []annotate.Span
	relations []annotate.Span // evidence of each relation
	triggers  []annotate.Span // trigger of each event
	evidence  []annotate.Span // evidence of each event
	findings  []annotate.Span

	entities map[string]*annotate.Entity
	cps      annotate.OffsetIndex // code points of the text, for cp
}

// newView converts and checks every span of d. A document whose offsets
// do not fit its text is an error naming the document and the span.
func newView(d *annotate.Document, format string) (*view, error) {
	if d.Text == "" && len(d.Mentions) > 0 {
		return nil, fmt.Errorf("document %q has no text; the %s format needs it (annotate with IncludeText, or --text)", d.ID, format)
	}
	unit, err := annotate.ParseOffsetUnit(d.Offsets)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", d.ID, err)
	}
	v := &view{d: d, text: d.Text, entities: make(map[string]*annotate.Entity, len(d.Entities))}
	for i := range d.Entities {
		v.entities[d.Entities[i].ID] = &d.Entities[i]
	}
	c := annotate.NewOffsetIndex(d.Text, unit)
	v.cps = c
	if unit != annotate.Codepoints {
		v.cps = annotate.NewOffsetIndex(d.Text, annotate.Codepoints)
	}
	conv := func(what string, i int, s annotate.Span) (annotate.Span, error) {
		b, err := c.SpanToBytes(s)
		if err != nil {
			return b, fmt.Errorf("document %q: %s %d: %w", d.ID, what, i, err)
		}
		return b, nil
	}
	v.sentences = make([]annotate.Span, len(d.Sentences))
	for i, s := range d.Sentences {
		if v.sentences[i], err = conv("sentence", i, s); err != nil {
			return nil, err
		}
	}
	v.mentions = make([]annotate.Span, len(d.Mentions))
	for i, m := range d.Mentions {
		if v.mentions[i], err = conv("mention", i, m.Span()); err != nil {
			return nil, err
		}
	}
	v.relations = make([]annotate.Span, len(d.Relations))
	for i, r := range d.Relations {
		if v.relations[i], err = conv("relation", i, r.Evidence); err != nil {
			return nil, err
		}
	}
	v.triggers = make([]annotate.Span, len(d.Events))
	v.evidence = make([]annotate.Span, len(d.Events))
	for i, e := range d.Events {
		if v.triggers[i], err = conv("event trigger", i, e.Trigger); err != nil {
			return nil, err
		}
		if v.evidence[i], err = conv("event", i, e.Evidence); err != nil {
			return nil, err
		}
	}
	v.findings = make([]annotate.Span, len(d.Findings))
	for i, f := range d.Findings {
		if v.findings[i], err = conv("finding", i, annotate.Span{Start: f.Start, End: f.End}); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// slice returns the text of a byte span.
func (v *view) slice(s annotate.Span) string { return v.text[s.Start:s.End] }

// cp returns the code point offset of byte offset b.
func (v *view) cp(b int) int { return v.cps.ToUnits(b) }

// name returns an entity's name, or its id when the document does not
// describe it.
func (v *view) name(id string) string {
	if e := v.entities[id]; e != nil && e.Name != "" {
		return e.Name
	}
	return id
}

// firstMention returns the index of the entity's first mention, or -1.
func (v *view) firstMention(id string) int {
	if e := v.entities[id]; e != nil && len(e.Mentions) > 0 {
		if i := e.Mentions[0]; i >= 0 && i < len(v.d.Mentions) {
			return i
		}
	}
	for i, m := range v.d.Mentions {
		if m.Entity == id {
			return i
		}
	}
	return -1
}

// nonOverlapping returns the indexes of the mentions that can be marked
// inline, in text order, and those left out because they are empty or
// overlap one already marked. The pipeline's mentions never overlap; a
// document built by other means may, and its extra mentions are then
// listed apart rather than dropped.
func (v *view) nonOverlapping() (inline, overlapping []int) {
	end := -1
	for i, s := range v.mentions {
		if s.Start < end || s.Start == s.End {
			overlapping = append(overlapping, i)
			continue
		}
		inline = append(inline, i)
		end = s.End
	}
	return inline, overlapping
}
