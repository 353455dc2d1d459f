package encode

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/newsann/newsann/annotate"
)

// The functions here put relations, events and findings into words, the
// same in every format meant for people (text, html).

// who names an entity for a reader: "Hakan Fidan (hakan-fidan)", or the id
// alone when the document has no name for it.
func (v *view) who(id string) string {
	if id == "" {
		return "?"
	}
	if n := v.name(id); n != id {
		return n + " (" + id + ")"
	}
	return id
}

// quote returns the text of a byte span on one line: runs of white space,
// line breaks included, become one space.
func (v *view) quote(s annotate.Span) string {
	return strings.Join(strings.Fields(v.slice(s)), " ")
}

// relationSummary says what relation i links.
func (v *view) relationSummary(i int) string {
	r := v.d.Relations[i]
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s → %s", r.Type, v.who(r.Subject), v.who(r.Object))
	if r.Title != "" {
		fmt.Fprintf(&b, ", title %s", r.Title)
	}
	if r.Date != "" {
		fmt.Fprintf(&b, ", %s", r.Date)
	}
	writeAttrs(&b, r.Attrs)
	return b.String()
}

// eventSummary says what event i is and between whom.
func (v *view) eventSummary(i int) string {
	e := v.d.Events[i]
	var b strings.Builder
	b.WriteString(e.Type)
	var quals []string
	if e.Mode != "" {
		quals = append(quals, e.Mode)
	}
	if e.CAMEO != "" {
		quals = append(quals, "CAMEO "+e.CAMEO)
	}
	if e.QuadClass != 0 {
		quals = append(quals, fmt.Sprintf("quad class %d", e.QuadClass))
	}
	if len(quals) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(quals, ", "))
	}
	if e.SourceActor != "" || e.TargetActor != "" {
		fmt.Fprintf(&b, ": %s → %s", v.who(e.SourceActor), v.who(e.TargetActor))
	}
	if e.SourceCode != "" || e.TargetCode != "" {
		fmt.Fprintf(&b, " [%s → %s]", orDash(e.SourceCode), orDash(e.TargetCode))
	}
	if e.Date != "" {
		fmt.Fprintf(&b, ", %s", e.Date)
	}
	if e.Negated {
		b.WriteString(", negated")
	}
	if e.Modality != "" {
		fmt.Fprintf(&b, ", %s", e.Modality)
	}
	writeAttrs(&b, e.Attrs)
	return b.String()
}

// findingSummary says what finding i found, after its severity and check.
func (v *view) findingSummary(i int) string {
	f := v.d.Findings[i]
	var b strings.Builder
	b.WriteString(f.Message)
	if f.Suggestion != "" {
		fmt.Fprintf(&b, "; suggestion: %s", f.Suggestion)
	}
	if f.Entry != "" {
		fmt.Fprintf(&b, "; entry %s", f.Entry)
	}
	if f.Basis != "" {
		fmt.Fprintf(&b, "; basis: %s", f.Basis)
	}
	return b.String()
}

// findingWhere is a finding's position for people: line:column when the
// check gave them, the offsets otherwise.
func findingWhere(f annotate.Finding) string {
	if f.Line > 0 {
		return fmt.Sprintf("%d:%d", f.Line, f.Column)
	}
	return fmt.Sprintf("%d-%d", f.Start, f.End)
}

func writeAttrs(b *strings.Builder, attrs map[string]string) {
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		fmt.Fprintf(b, ", %s=%s", k, attrs[k])
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
