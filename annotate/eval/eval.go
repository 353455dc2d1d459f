// Package eval scores predicted mentions against gold spans: exact span
// and label (strict), or overlapping span and label (relaxed), with
// precision, recall and F1 per label and overall.
//
// Files are JSONL, one document a line, as in the public evaluation sets:
// {"id", "text", "entities": [{"start", "end", "label"}]}, code-point
// offsets. A prediction file may be newsann's own JSONL output, whose
// spans are read from "mentions". The scores agree with the reference
// scorer ../shared/eval/score.py on the same files.
package eval

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// Span is one labelled stretch of a document. Value is the normalised
// value of a time expression, when the data has one.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
	Value string `json:"value,omitempty"`
}

// Doc is one document of a gold or prediction file.
type Doc struct {
	ID    string
	Text  string
	Date  string // meta.date or meta.dct, when given
	Spans []Span
	// Relations are the document's relations, gold or predicted, with
	// the spans their arguments stand at (see ScoreRelations).
	Relations []Relation
	// Events are the document's coded events, expected or produced, and
	// Category the gold record's meta.category (for ScoreEvents).
	Events   []Event
	Category string
	Line     int
}

// rawDoc is the JSON form of a gold or prediction record.
type rawDoc struct {
	ID       *string   `json:"id"`
	Text     string    `json:"text"`
	Entities []rawSpan `json:"entities"`
	Mentions []rawSpan `json:"mentions"`
	// Relations are gold relations ({head, tail, label}, indexes into
	// Entities) or newsann's ({type, subject, object, sentence}).
	Relations []rawRelation   `json:"relations"`
	Events    []rawEvent      `json:"events"`
	Meta      json.RawMessage `json:"meta"`
	Date      string          `json:"date"`
	Error     string          `json:"error"`
}

type rawSpan struct {
	Start *int   `json:"start"`
	End   *int   `json:"end"`
	Label string `json:"label"`
	Value string `json:"value"`
	// Entity and Sentence are set on newsann's mentions, which
	// predicted relations are anchored to.
	Entity   string `json:"entity"`
	Sentence *int   `json:"sentence"`
}

// Read reads a JSONL file of documents. Spans come from "mentions" when a
// record has that field (newsann's output), else from "entities".
func Read(name string, r io.Reader) ([]Doc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	var docs []Doc
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var raw rawDoc
		if err := json.Unmarshal(b, &raw); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		if raw.ID == nil {
			return nil, fmt.Errorf("%s:%d: record has no \"id\"", name, line)
		}
		d := Doc{ID: *raw.ID, Text: raw.Text, Line: line, Date: raw.Date}
		if len(raw.Meta) > 0 {
			var meta struct {
				Date     string `json:"date"`
				DCT      string `json:"dct"`
				Category string `json:"category"`
			}
			if json.Unmarshal(raw.Meta, &meta) == nil {
				d.Date = cmp.Or(d.Date, meta.Date, meta.DCT)
				d.Category = meta.Category
			}
		}
		items := raw.Entities
		if raw.Mentions != nil {
			items = raw.Mentions
		}
		for _, s := range items {
			if s.Start == nil || s.End == nil {
				continue
			}
			d.Spans = append(d.Spans, Span{Start: *s.Start, End: *s.End, Label: s.Label, Value: s.Value})
		}
		rels, err := readRelations(&raw, items)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		d.Relations = rels
		d.Events = readEvents(raw.Events)
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return docs, nil
}

// Options choose what is scored.
type Options struct {
	// Map renames predicted labels (PERSON → PER); a label mapped to "-"
	// is dropped.
	Map map[string]string
	// Labels, when set, limits scoring to these labels on both sides.
	Labels []string
	// Relaxed counts a prediction as right when it overlaps a gold span
	// of the same label (each gold span matched at most once).
	Relaxed bool
	// Join merges, before mapping, a predicted span of label Join[i][0]
	// with the span of label Join[i][1] that follows it after nothing but
	// white space, into one span of the second label: data sets such as
	// GMB count a title as part of the name ("President Bush").
	Join [][2]string
}

// Counts are the true positives, false positives and false negatives of
// one label.
type Counts struct {
	TP, FP, FN int
	// ValueRight counts matched spans whose values agree, out of
	// ValueTotal matched spans whose gold span has a value.
	ValueRight, ValueTotal int
}

// P, R and F1 are percentages.
func (c Counts) P() float64 { return pct(c.TP, c.TP+c.FP) }
func (c Counts) R() float64 { return pct(c.TP, c.TP+c.FN) }
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// Report is the result of scoring.
type Report struct {
	Labels  map[string]*Counts
	All     Counts
	Missing int // gold documents without a prediction
	// Unanchored counts predicted relations left out because an
	// argument has no mention to place it (ScoreRelations only).
	Unanchored int
}

// Score compares pred with gold, joining documents on id.
func Score(gold, pred []Doc, opts Options) *Report {
	preds := byID(pred)
	rep := &Report{Labels: map[string]*Counts{}}
	for _, g := range gold {
		gs := spanSet(g.Spans, nil, opts.Labels)
		var ps []Span
		if p := preds[g.ID]; p == nil {
			rep.Missing++
		} else {
			ps = spanSet(join(p.Spans, opts.Join, g.Text), opts.Map, opts.Labels)
		}
		matchDoc(gs, ps, opts.Relaxed, rep.label)
	}
	rep.total()
	return rep
}

// byID indexes predictions by document id, which the scorers join gold
// documents on.
func byID(pred []Doc) map[string]*Doc {
	m := make(map[string]*Doc, len(pred))
	for i := range pred {
		m[pred[i].ID] = &pred[i]
	}
	return m
}

// label returns the counts of label, made on first use.
func (r *Report) label(label string) *Counts {
	c := r.Labels[label]
	if c == nil {
		c = &Counts{}
		r.Labels[label] = c
	}
	return c
}

// total sums the labels' counts into All.
func (r *Report) total() {
	for _, c := range r.Labels {
		r.All.TP += c.TP
		r.All.FP += c.FP
		r.All.FN += c.FN
		r.All.ValueRight += c.ValueRight
		r.All.ValueTotal += c.ValueTotal
	}
}

// join merges adjacent spans as Options.Join says. text is the gold text
// (code-point offsets); without it, spans must touch or be one space apart.
func join(spans []Span, pairs [][2]string, text string) []Span {
	if len(pairs) == 0 || len(spans) < 2 {
		return spans
	}
	runes := []rune(text)
	gapIsSpace := func(a, b int) bool {
		if b < a {
			return false
		}
		if len(runes) == 0 {
			return b-a <= 1
		}
		if b > len(runes) {
			return false
		}
		for _, r := range runes[a:b] {
			if r != ' ' && r != '\t' && r != '\u00a0' {
				return false
			}
		}
		return true
	}
	sorted := slices.Clone(spans)
	slices.SortStableFunc(sorted, func(a, b Span) int { return a.Start - b.Start })
	var out []Span
	for i := 0; i < len(sorted); i++ {
		s := sorted[i]
		if i+1 < len(sorted) {
			n := sorted[i+1]
			for _, p := range pairs {
				if s.Label == p[0] && n.Label == p[1] && gapIsSpace(s.End, n.Start) {
					s = Span{Start: s.Start, End: n.End, Label: n.Label, Value: n.Value}
					i++
					break
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// spanSet maps labels, filters and removes duplicate spans, as the
// reference scorer's sets do.
func spanSet(spans []Span, mapping map[string]string, keep []string) []Span {
	seen := map[[2]int]map[string]bool{}
	var out []Span
	for _, s := range spans {
		var scored bool
		if s.Label, scored = relabel(s.Label, mapping, keep); !scored {
			continue
		}
		k := [2]int{s.Start, s.End}
		if seen[k][s.Label] {
			continue
		}
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][s.Label] = true
		out = append(out, s)
	}
	return out
}

// relabel renames label as mapping says and reports whether it is
// scored: not mapped to "-" and, when keep is given, one of keep. Spans
// and relations read Options.Map and Options.Labels through it alike.
func relabel(label string, mapping map[string]string, keep []string) (string, bool) {
	if to, ok := mapping[label]; ok {
		label = to
	}
	return label, label != "-" && (keep == nil || slices.Contains(keep, label))
}

func matchDoc(gs, ps []Span, relaxed bool, count func(string) *Counts) {
	used := make([]bool, len(gs))
	for _, p := range ps {
		hit := -1
		for i, g := range gs {
			if used[i] || g.Label != p.Label {
				continue
			}
			if g.Start == p.Start && g.End == p.End {
				hit = i
				break
			}
			if relaxed && hit < 0 && g.Start < p.End && p.Start < g.End {
				hit = i
			}
		}
		c := count(p.Label)
		if hit < 0 {
			c.FP++
			continue
		}
		used[hit] = true
		c.TP++
		if gs[hit].Value != "" {
			c.ValueTotal++
			if gs[hit].Value == p.Value {
				c.ValueRight++
			}
		}
	}
	for i, g := range gs {
		if !used[i] {
			count(g.Label).FN++
		}
	}
}

// round2 rounds to two decimals as the reference scorer prints.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// labelsSorted returns the report's labels in order.
func (r *Report) labelsSorted() []string {
	ls := make([]string, 0, len(r.Labels))
	for l := range r.Labels {
		ls = append(ls, l)
	}
	slices.Sort(ls)
	return ls
}

// WriteTable prints the report as a table, as the reference scorer does.
func (r *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	values := r.All.ValueTotal > 0
	fmt.Fprintf(&b, "%-12s %7s %7s %7s %6s", "label", "P", "R", "F1", "gold")
	if values {
		fmt.Fprintf(&b, " %7s", "value")
	}
	b.WriteByte('\n')
	row := func(name string, c Counts) {
		fmt.Fprintf(&b, "%-12s %7.2f %7.2f %7.2f %6d", name, c.P(), c.R(), c.F1(), c.TP+c.FN)
		if values {
			fmt.Fprintf(&b, " %7.2f", pct(c.ValueRight, c.ValueTotal))
		}
		b.WriteByte('\n')
	}
	for _, l := range r.labelsSorted() {
		row(l, *r.Labels[l])
	}
	row("ALL", r.All)
	if r.Missing > 0 {
		fmt.Fprintf(&b, "missing predictions for %d documents\n", r.Missing)
	}
	if r.Unanchored > 0 {
		fmt.Fprintf(&b, "%d predicted relations left out: an argument has no mention\n", r.Unanchored)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// JSON is the machine-readable report: per label [P, R, F1, gold count],
// the shape the reference scorer prints with --json, plus raw counts.
type JSON struct {
	Labels  map[string][4]float64 `json:"labels"`
	Counts  map[string]Counts     `json:"counts"`
	Missing int                   `json:"missing_docs"`
	// Unanchored is Report.Unanchored, for relations.
	Unanchored int `json:"unanchored,omitempty"`
}

// JSON returns the report in its JSON form.
func (r *Report) JSON() JSON {
	out := JSON{Labels: map[string][4]float64{}, Counts: map[string]Counts{}, Missing: r.Missing, Unanchored: r.Unanchored}
	add := func(name string, c Counts) {
		out.Labels[name] = [4]float64{round2(c.P()), round2(c.R()), round2(c.F1()), float64(c.TP + c.FN)}
		out.Counts[name] = c
	}
	for l, c := range r.Labels {
		add(l, *c)
	}
	add("ALL", r.All)
	return out
}
