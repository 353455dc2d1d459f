package encode

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/newsann/newsann/annotate"
)

// textEncoder prints each document for people: a header, the text with
// every mention marked inline as [Iran|COUNTRY], then the relations,
// events and findings, one a line. With Options.Color the marks are
// coloured by label for a terminal; stripped of its escape sequences the
// output is the same as without colour.
type textEncoder struct {
	w     io.Writer
	color bool
	n     int
}

func newText(w io.Writer, opts Options) (Encoder, error) {
	return &textEncoder{w: w, color: opts.Color}, nil
}

// paint wraps s in the SGR colour code when colour is on.
func (e *textEncoder) paint(code, s string) string {
	if !e.color || code == "" || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (e *textEncoder) header(b *bytes.Buffer, id, date string) {
	if e.n > 0 {
		b.WriteByte('\n')
	}
	e.n++
	h := "# " + id
	if date != "" {
		h += " (" + date + ")"
	}
	b.WriteString(e.paint("1", h))
	b.WriteString("\n\n")
}

func (e *textEncoder) Encode(d *annotate.Document) error {
	v, err := newView(d, "text")
	if err != nil {
		return err
	}
	var b bytes.Buffer
	e.header(&b, d.ID, d.Date)

	inline, overlapping := v.nonOverlapping()
	pos := 0
	for _, i := range inline {
		s := v.mentions[i]
		b.WriteString(v.text[pos:s.Start])
		b.WriteString(e.mark(v.slice(s), d.Mentions[i].Label))
		pos = s.End
	}
	b.WriteString(strings.TrimRight(v.text[pos:], "\n"))
	b.WriteByte('\n')

	// Each relation, event and finding takes a line saying what it is, and
	// an indented one quoting its evidence and naming its source.
	if len(d.Relations) > 0 {
		e.section(&b, "Relations")
		for i, r := range d.Relations {
			fmt.Fprintf(&b, "  - %s\n", v.relationSummary(i))
			e.evidence(&b, v, v.relations[i], r.Source)
		}
	}
	if len(d.Events) > 0 {
		e.section(&b, "Events")
		for i, ev := range d.Events {
			s := v.evidence[i]
			if s.Start == s.End {
				s = v.triggers[i]
			}
			fmt.Fprintf(&b, "  - %s\n", v.eventSummary(i))
			e.evidence(&b, v, s, ev.Source)
		}
	}
	if len(d.Findings) > 0 {
		e.section(&b, "Findings")
		for i, f := range d.Findings {
			fmt.Fprintf(&b, "  - %s %s at %s: %s\n", e.paint(severityANSI[f.Severity], f.Severity), f.Check,
				findingWhere(f), v.findingSummary(i))
			e.evidence(&b, v, v.findings[i], "")
		}
	}
	if len(overlapping) > 0 {
		e.section(&b, "Overlapping mentions")
		for _, i := range overlapping {
			m := d.Mentions[i]
			fmt.Fprintf(&b, "  - %s at %d-%d\n", e.mark(v.slice(v.mentions[i]), m.Label), m.Start, m.End)
		}
	}
	_, err = e.w.Write(b.Bytes())
	return err
}

// mark is one mention inline: [text|LABEL].
func (e *textEncoder) mark(text, label string) string {
	c := styleOf(label).ansi
	return e.paint("2;"+c, "[") + e.paint("1;"+c, text) + e.paint("2;"+c, "|"+label+"]")
}

func (e *textEncoder) section(b *bytes.Buffer, name string) {
	b.WriteByte('\n')
	b.WriteString(e.paint("1", name+":"))
	b.WriteByte('\n')
}

// evidence writes the line under an item: the text of its span, quoted,
// and its source; nothing when it has neither.
func (e *textEncoder) evidence(b *bytes.Buffer, v *view, s annotate.Span, source string) {
	var parts []string
	if s.Start < s.End {
		parts = append(parts, "“"+v.quote(s)+"”")
	}
	if source != "" {
		parts = append(parts, e.paint("2", "["+source+"]"))
	}
	if len(parts) > 0 {
		fmt.Fprintf(b, "      %s\n", strings.Join(parts, " "))
	}
}

func (e *textEncoder) EncodeError(id string, err error) error {
	var b bytes.Buffer
	e.header(&b, id, "")
	b.WriteString(e.paint("1;31", "error:") + " " + err.Error() + "\n")
	_, werr := e.w.Write(b.Bytes())
	return werr
}

func (e *textEncoder) Close() error { return nil }
