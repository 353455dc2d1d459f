package encode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsann/newsann/annotate"
)

// bratEncoder writes brat's standoff format into a directory: for each
// document NAME.txt (its text) and NAME.ann (its annotations), and at the
// end annotation.conf and visual.conf declaring every type the documents
// use, so that brat opens the directory as a collection as it is.
//
// Offsets in .ann files are code points, as brat (Python) counts them,
// whatever unit the documents came in. In NAME.ann:
//
//   - T lines are mentions (typed by label), event triggers (typed by
//     event type) and findings (type Finding); a span that crosses a line
//     break is written in fragments, as brat requires;
//   - R lines are relations, between a mention of each entity (the one in
//     the evidence, else the nearest before it, else the first);
//   - E lines are events, with Source and Target arguments;
//   - A lines are attributes: an event's Mode, CAMEO, Modality and
//     Negated, a finding's Severity and Check;
//   - # lines (AnnotatorNotes) carry what brat has no place for: a
//     mention's entity, a relation's title, an event's actor codes and
//     date, a finding's message, and every annotation's source.
type bratEncoder struct {
	dir  string
	used map[string]bool // file names given out

	// Types seen, for annotation.conf.
	labels, relations map[string]bool
	events            map[string]bool
	attrs             map[string]map[string]bool // attribute -> values; nil values: binary
	findings          bool
}

// bratFindingType is the brat entity type of findings.
const bratFindingType = "Finding"

func newBrat(_ io.Writer, opts Options) (Encoder, error) {
	if opts.OutDir == "" {
		return nil, errors.New("the brat format writes a .txt and a .ann file per document: give an output directory (--out-dir)")
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return nil, err
	}
	return &bratEncoder{
		dir: opts.OutDir, used: map[string]bool{},
		labels: map[string]bool{}, relations: map[string]bool{}, events: map[string]bool{},
		attrs: map[string]map[string]bool{},
	}, nil
}

// fileName turns a document id into a file name: path separators and
// characters other than letters, digits, '.', '-' and '_' become '_', a
// .txt or .md extension is dropped, and a name already given out gets a
// number, so that every document of a run has its own pair of files.
func (e *bratEncoder) fileName(id string) string {
	base := id
	for _, ext := range []string{".txt", ".md"} {
		if strings.HasSuffix(base, ext) && len(base) > len(ext) {
			base = strings.TrimSuffix(base, ext)
			break
		}
	}
	base = strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, base)
	base = strings.TrimLeft(base, "._")
	switch {
	case id == "-":
		base = "stdin"
	case base == "":
		base = "doc"
	}
	name := base
	for n := 2; e.used[name] || name == "annotation" || name == "visual"; n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	e.used[name] = true
	return name
}

// bratType makes a name usable as a brat type or attribute value: no
// white space, nothing brat's configuration syntax reads.
func bratType(s string) string {
	if s == "" {
		return "_"
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', ',', ':', '|', '=', '<', '>', '!', '#':
			return '_'
		}
		return r
	}, s)
}

// bratDoc builds one .ann file.
type bratDoc struct {
	v       *view
	b       bytes.Buffer
	t, a, n int
	mention []string // T id of each mention, "" if it has none

	// byEntity lists the mentions with a T line of each entity (by entity
	// and refers_to), and drawn all of them, in document order. A
	// relation's ends are looked for among its entities' mentions, not all
	// of them: a scan of every mention for each made a long document
	// quadratic (4 MB took 52 s).
	byEntity map[string][]int
	drawn    []int
	ordered  bool // drawn are in text order and do not overlap
}

func (e *bratEncoder) Encode(d *annotate.Document) error {
	v, err := newView(d, "brat")
	if err != nil {
		return err
	}
	bd := &bratDoc{v: v, mention: make([]string, len(d.Mentions)), byEntity: map[string][]int{}, ordered: true}
	for i, m := range d.Mentions {
		s := v.mentions[i]
		if s.Start == s.End {
			continue
		}
		typ := bratType(m.Label)
		e.labels[typ] = true
		bd.mention[i] = fmt.Sprintf("T%d", i+1)
		if n := len(bd.drawn); n > 0 && v.mentions[bd.drawn[n-1]].End > s.Start {
			bd.ordered = false
		}
		bd.drawn = append(bd.drawn, i)
		if m.Entity != "" {
			bd.byEntity[m.Entity] = append(bd.byEntity[m.Entity], i)
		}
		if m.RefersTo != "" && m.RefersTo != m.Entity {
			bd.byEntity[m.RefersTo] = append(bd.byEntity[m.RefersTo], i)
		}
		bd.textBound(bd.mention[i], typ, s)
		note := []string{}
		if m.Entity != "" {
			note = append(note, v.who(m.Entity))
		}
		if m.RefersTo != "" {
			note = append(note, "refers to "+v.who(m.RefersTo))
		}
		if m.Value != "" {
			note = append(note, "value "+m.Value)
		}
		note = append(note, m.Source)
		bd.note(bd.mention[i], note...)
	}
	// Mention i is T(i+1), relation i R(i+1), event i E(i+1): ids that
	// lead back to the JSON output. Triggers and findings follow the
	// mentions' Ts.
	bd.t = len(d.Mentions)
	for i, r := range d.Relations {
		if err := e.relation(bd, i, r); err != nil {
			return err
		}
	}
	for i, ev := range d.Events {
		if err := e.event(bd, i, ev); err != nil {
			return err
		}
	}
	for i, f := range d.Findings {
		s := v.findings[i]
		if s.Start == s.End {
			if err := bd.noteAnywhere(fmt.Sprintf("finding %d", i), s, f.Severity+" "+f.Check+": "+v.findingSummary(i)); err != nil {
				return err
			}
			continue
		}
		e.findings = true
		id := bd.newT(bratFindingType, s)
		bd.attr("Severity", id, bratType(f.Severity))
		bd.attr("Check", id, bratType(f.Check))
		e.attrValue("Severity", f.Severity)
		e.attrValue("Check", f.Check)
		bd.note(id, v.findingSummary(i))
	}

	name := e.fileName(d.ID)
	if err := os.WriteFile(filepath.Join(e.dir, name+".txt"), []byte(d.Text), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(e.dir, name+".ann"), bd.b.Bytes(), 0o644)
}

func (e *bratEncoder) relation(bd *bratDoc, i int, r annotate.Relation) error {
	v := bd.v
	ev := v.relations[i]
	subj := bd.pick(r.Subject, ev, -1)
	obj := bd.pick(r.Object, ev, subj)
	note := []string{}
	if r.Title != "" {
		note = append(note, "title "+r.Title)
	}
	if r.Date != "" {
		note = append(note, r.Date)
	}
	if a := strings.TrimPrefix(attrList(r.Attrs), ", "); a != "" {
		note = append(note, a)
	}
	note = append(note, r.Source)
	if subj < 0 || obj < 0 {
		// brat cannot draw a relation without a mention at each end; say
		// what it was on whatever annotation is nearest.
		return bd.noteAnywhere(fmt.Sprintf("relation %d", i), ev, append([]string{v.relationSummary(i)}, note...)...)
	}
	typ := bratType(r.Type)
	e.relations[typ] = true
	fmt.Fprintf(&bd.b, "R%d\t%s Arg1:%s Arg2:%s\n", i+1, typ, bd.mention[subj], bd.mention[obj])
	bd.note(fmt.Sprintf("R%d", i+1), note...)
	return nil
}

func (e *bratEncoder) event(bd *bratDoc, i int, ev annotate.Event) error {
	v := bd.v
	trig := v.triggers[i]
	if trig.Start == trig.End {
		trig = v.evidence[i]
	}
	note := []string{}
	if ev.SourceCode != "" || ev.TargetCode != "" {
		note = append(note, orDash(ev.SourceCode)+" → "+orDash(ev.TargetCode))
	}
	if ev.Date != "" {
		note = append(note, ev.Date)
	}
	if a := strings.TrimPrefix(attrList(ev.Attrs), ", "); a != "" {
		note = append(note, a)
	}
	note = append(note, ev.Source)
	if trig.Start == trig.End {
		return bd.noteAnywhere(fmt.Sprintf("event %d", i), trig, append([]string{v.eventSummary(i)}, note...)...)
	}
	typ := bratType(ev.Type)
	e.events[typ] = true
	t := bd.newT(typ, trig)
	eid := fmt.Sprintf("E%d", i+1)
	fmt.Fprintf(&bd.b, "%s\t%s:%s", eid, typ, t)
	src := bd.pick(ev.SourceActor, v.evidence[i], -1)
	if src >= 0 {
		fmt.Fprintf(&bd.b, " Source:%s", bd.mention[src])
	}
	if tgt := bd.pick(ev.TargetActor, v.evidence[i], src); tgt >= 0 {
		fmt.Fprintf(&bd.b, " Target:%s", bd.mention[tgt])
	}
	bd.b.WriteByte('\n')
	if ev.Mode != "" {
		bd.attr("Mode", eid, bratType(ev.Mode))
		e.attrValue("Mode", ev.Mode)
	}
	if ev.CAMEO != "" {
		bd.attr("CAMEO", eid, bratType(ev.CAMEO))
		e.attrValue("CAMEO", ev.CAMEO)
	}
	if ev.Modality != "" {
		bd.attr("Modality", eid, bratType(ev.Modality))
		e.attrValue("Modality", ev.Modality)
	}
	if ev.Negated {
		bd.attr("Negated", eid, "")
		if e.attrs["Negated"] == nil {
			e.attrs["Negated"] = nil
		}
	}
	bd.note(eid, note...)
	return nil
}

func (e *bratEncoder) attrValue(name, value string) {
	if e.attrs[name] == nil {
		e.attrs[name] = map[string]bool{}
	}
	e.attrs[name][bratType(value)] = true
}

// newT writes a T line with the next free id and returns the id.
func (bd *bratDoc) newT(typ string, s annotate.Span) string {
	bd.t++
	id := fmt.Sprintf("T%d", bd.t)
	bd.textBound(id, typ, s)
	return id
}

// textBound writes a T line for a byte span. A span that crosses line
// breaks is cut into fragments around them.
func (bd *bratDoc) textBound(id, typ string, s annotate.Span) {
	v := bd.v
	var frags, texts []string
	start := s.Start
	for start < s.End {
		end := start + strings.IndexAny(v.text[start:s.End], "\r\n")
		if end < start {
			end = s.End
		}
		if end > start {
			frags = append(frags, fmt.Sprintf("%d %d", v.cp(start), v.cp(end)))
			texts = append(texts, v.text[start:end])
		}
		start = end
		for start < s.End && (v.text[start] == '\n' || v.text[start] == '\r') {
			start++
		}
	}
	if len(frags) == 0 { // only line breaks: keep the span as it is
		frags = []string{fmt.Sprintf("%d %d", v.cp(s.Start), v.cp(s.End))}
		texts = []string{v.slice(s)}
	}
	fmt.Fprintf(&bd.b, "%s\t%s %s\t%s\n", id, typ, strings.Join(frags, ";"), strings.ReplaceAll(strings.Join(texts, " "), "\t", " "))
}

// attr writes an A line; a binary attribute has no value.
func (bd *bratDoc) attr(name, target, value string) {
	bd.a++
	if value == "" {
		fmt.Fprintf(&bd.b, "A%d\t%s %s\n", bd.a, name, target)
		return
	}
	fmt.Fprintf(&bd.b, "A%d\t%s %s %s\n", bd.a, name, target, value)
}

// note writes an AnnotatorNotes line for an annotation, its parts joined
// by "; ", line breaks and tabs replaced by spaces.
func (bd *bratDoc) note(target string, parts ...string) {
	parts = slices.DeleteFunc(parts, func(s string) bool { return s == "" })
	if len(parts) == 0 {
		return
	}
	bd.n++
	text := strings.Join(strings.Fields(strings.Join(parts, "; ")), " ")
	fmt.Fprintf(&bd.b, "#%d\tAnnotatorNotes %s\t%s\n", bd.n, target, text)
}

// noteAnywhere records something brat cannot draw as a note on the
// mention nearest to span s, so that nothing is dropped; it is an error
// only in a document with no mention at all.
func (bd *bratDoc) noteAnywhere(what string, s annotate.Span, parts ...string) error {
	best := nearest(bd.drawn, bd.v.mentions, bd.ordered, s, -1)
	if best < 0 {
		return fmt.Errorf("document %q: %s: brat has no annotation to attach it to (it has no span and the document no mention)", bd.v.d.ID, what)
	}
	bd.note(bd.mention[best], parts...)
	return nil
}

// dist is how far span a lies from span b, 0 when they overlap.
func dist(a, b annotate.Span) int {
	switch {
	case a.End <= b.Start:
		return b.Start - a.End
	case b.End <= a.Start:
		return a.Start - b.End
	}
	return 0
}

// pick chooses the mention of entity id that stands for it in span s: one
// inside s, else the nearest to s; never the mention not (the other end
// of a relation that links an entity to itself). It returns -1 when the
// entity has no mention with a T line.
func (bd *bratDoc) pick(id string, s annotate.Span, not int) int {
	if id == "" {
		return -1
	}
	return nearest(bd.byEntity[id], bd.v.mentions, bd.ordered, s, not)
}

// nearest returns the first of the mentions list (indexes into spans, in
// order) nearest to span s, never not; -1 when there is none. When the
// mentions are ordered (in text order and not overlapping, as the
// annotator makes them), the distance falls to the last mention before s
// and does not fall after it, so two are compared, found by binary search;
// otherwise every one is.
func nearest(list []int, spans []annotate.Span, ordered bool, s annotate.Span, not int) int {
	if !ordered {
		best := -1
		for _, i := range list {
			if i != not && (best < 0 || dist(spans[i], s) < dist(spans[best], s)) {
				best = i
			}
		}
		return best
	}
	// p: the first mention that does not end before s starts.
	p, _ := slices.BinarySearchFunc(list, s.Start, func(i, start int) int {
		if spans[i].End <= start {
			return -1
		}
		return 1
	})
	before, after := p-1, p
	if before >= 0 && list[before] == not {
		before--
	}
	if after < len(list) && list[after] == not {
		after++
	}
	switch {
	case before < 0 && after >= len(list):
		return -1
	case before < 0:
		return list[after]
	case after >= len(list):
		return list[before]
	case dist(spans[list[before]], s) <= dist(spans[list[after]], s):
		return list[before]
	}
	return list[after]
}

// EncodeError writes nothing: a failed input has no text to annotate, and
// is reported on standard error.
func (e *bratEncoder) EncodeError(string, error) error { return nil }

// Close writes annotation.conf and visual.conf for the types the
// documents used.
func (e *bratEncoder) Close() error {
	var c bytes.Buffer
	c.WriteString("# brat configuration written by newsann for the documents in this directory.\n\n[entities]\n\n")
	for _, l := range slices.Sorted(maps.Keys(e.labels)) {
		fmt.Fprintf(&c, "%s\n", l)
	}
	if e.findings {
		fmt.Fprintf(&c, "%s\n", bratFindingType)
	}
	c.WriteString("\n[relations]\n\n")
	for _, r := range slices.Sorted(maps.Keys(e.relations)) {
		fmt.Fprintf(&c, "%s\tArg1:<ENTITY>, Arg2:<ENTITY>\n", r)
	}
	// Findings overlap the mentions they are about, triggers may overlap
	// mentions: allow any overlap.
	c.WriteString("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n")
	c.WriteString("\n[events]\n\n")
	for _, ev := range slices.Sorted(maps.Keys(e.events)) {
		fmt.Fprintf(&c, "%s\tSource?:<ENTITY>, Target?:<ENTITY>\n", ev)
	}
	c.WriteString("\n[attributes]\n\n")
	for _, a := range slices.Sorted(maps.Keys(e.attrs)) {
		arg := "<EVENT>"
		if a == "Severity" || a == "Check" {
			arg = bratFindingType
		}
		if vals := e.attrs[a]; vals != nil {
			fmt.Fprintf(&c, "%s\tArg:%s, Value:%s\n", a, arg, strings.Join(slices.Sorted(maps.Keys(vals)), "|"))
		} else {
			fmt.Fprintf(&c, "%s\tArg:%s\n", a, arg)
		}
	}
	if err := os.WriteFile(filepath.Join(e.dir, "annotation.conf"), c.Bytes(), 0o644); err != nil {
		return err
	}

	var vc bytes.Buffer
	vc.WriteString("# brat display settings written by newsann: the colours of its other formats.\n\n[labels]\n\n[drawing]\n\n")
	for _, l := range slices.Sorted(maps.Keys(e.labels)) {
		fmt.Fprintf(&vc, "%s\tbgColor:%s, borderColor:darken\n", l, styleOf(l).bg)
	}
	if e.findings {
		fmt.Fprintf(&vc, "%s\tbgColor:#ffe08a, borderColor:darken\n", bratFindingType)
	}
	return os.WriteFile(filepath.Join(e.dir, "visual.conf"), vc.Bytes(), 0o644)
}
