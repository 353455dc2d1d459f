package encode

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/newsann/newsann/annotate"
)

// htmlEncoder writes one self-contained HTML page for the whole stream: a
// section per document with its text, mentions highlighted by label (a
// card on hover or focus gives label, entity, codes and source), a legend,
// and lists of relations, events, findings and entities linked to their
// places in the text. It loads nothing from anywhere, so the file works
// offline and can be mailed or archived; the only script is a few lines
// that highlight a whole evidence span when its link is followed.
type htmlEncoder struct {
	w       io.Writer
	n       int
	started bool
}

func newHTML(w io.Writer, _ Options) (Encoder, error) { return &htmlEncoder{w: w}, nil }

const htmlHeadStart = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsann">
<title>newsann annotations</title>
<style>
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;background:#fff;color:#212529}
main{max-width:62em;margin:0 auto;padding:1em 1.5em 3em}
.doc{border-bottom:1px solid #dee2e6;padding-bottom:1.5em;margin-bottom:1.5em}
.doc h2{font-size:1.25em;margin:.4em 0 .1em;word-break:break-all}
.meta{color:#6c757d;font-size:.85em;margin:0 0 .4em}
.legend{list-style:none;padding:0;margin:.4em 0 1em;display:flex;flex-wrap:wrap;gap:.3em 1em;font-size:.8em}
.legend li{display:inline-flex;align-items:center;gap:.35em}
.sw{display:inline-block;width:1.1em;height:1.1em;border-radius:3px;background:var(--bg);border:1px solid var(--fg)}
.text{white-space:pre-wrap;font-family:Georgia,"Times New Roman",serif;font-size:1.08em;line-height:2;margin:0}
.m{background:var(--bg);box-shadow:inset 0 -2px 0 var(--fg);border-radius:3px;padding:.05em .15em;position:relative;cursor:help;color:inherit}
.m::after{content:attr(data-label);font:600 .55em/1 system-ui,sans-serif;color:var(--fg);margin-left:.35em;vertical-align:.2em;letter-spacing:.03em}
.m .card{display:none;position:absolute;left:0;top:calc(100% + 4px);z-index:5;width:max-content;min-width:14em;max-width:26em;padding:.5em .75em;background:#fff;color:#212529;border:1px solid #ced4da;border-left:4px solid var(--fg);border-radius:4px;box-shadow:0 4px 14px rgba(0,0,0,.18);font:13px/1.45 system-ui,sans-serif;white-space:normal;user-select:none}
.m:hover>.card,.m:focus>.card{display:block}
.card>span{display:block}
.card .lab{font-weight:700;color:var(--fg)}
.card .k{color:#6c757d}
.m:target{outline:2px solid var(--fg);outline-offset:2px}
.hl{background:#fff59d;box-shadow:0 0 0 2px #fff59d}
.trig{text-decoration:underline dotted #495057;text-underline-offset:4px}
.f-error{text-decoration:underline wavy #dc3545;text-decoration-skip-ink:none}
.f-warning{text-decoration:underline wavy #e0a800;text-decoration-skip-ink:none}
.f-info{text-decoration:underline wavy #0aa2c0;text-decoration-skip-ink:none}
.doc h3{font-size:1em;margin:1.2em 0 .3em}
.doc ol{margin:0;padding-left:1.6em}
.doc li{margin:.15em 0}
q{color:#495057;font-style:italic}
q a{color:inherit;text-decoration:underline dotted}
.src{color:#6c757d;font-size:.85em}
.sev-error{color:#b02a37;font-weight:600}.sev-warning{color:#997404;font-weight:600}.sev-info{color:#087990;font-weight:600}
table{border-collapse:collapse;font-size:.9em}
td,th{padding:.15em .7em .15em 0;border-bottom:1px solid #e9ecef;text-align:left;vertical-align:top}
.err{color:#b02a37}
`

const htmlHeadEnd = `</style>
</head>
<body>
<main>
`

// htmlHead is the page's head: the style sheet, with a rule giving each
// label of labelStyles its colours.
func htmlHead() string {
	var b strings.Builder
	b.WriteString(htmlHeadStart)
	for _, l := range slices.Sorted(maps.Keys(labelStyles)) {
		st := labelStyles[l]
		fmt.Fprintf(&b, ".%s{--bg:%s;--fg:%s}\n", labelClass(l), st.bg, st.fg)
	}
	b.WriteString(htmlHeadEnd)
	return b.String()
}

// labelAttrs are the attributes that colour an element by label: a class
// the style sheet knows, or, for a label it does not, the colours inline.
func labelAttrs(label, classes string) string {
	a := fmt.Sprintf(" class=\"%s %s\"", classes, labelClass(label))
	if _, ok := labelStyles[label]; !ok {
		st := styleOf(label)
		a += fmt.Sprintf(" style=\"--bg:%s;--fg:%s\"", st.bg, st.fg)
	}
	return a
}

// htmlScript highlights every piece of the span a link points at; without
// it, following the link still scrolls to the span's start.
const htmlScript = `<script>
(function(){
function hl(){
document.querySelectorAll(".hl").forEach(function(e){e.classList.remove("hl")});
var id=decodeURIComponent(location.hash.slice(1));if(!id)return;
document.querySelectorAll("[data-s]").forEach(function(e){if(e.getAttribute("data-s").split(" ").indexOf(id)>=0)e.classList.add("hl")});
}
addEventListener("hashchange",hl);hl();
})();
</script>
`

const htmlTail = "</main>\n" + htmlScript + "</body>\n</html>\n"

func esc(s string) string { return html.EscapeString(s) }

// labelClass is the CSS class of a label's colours.
func labelClass(label string) string {
	return "l-" + strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, label)
}

func (e *htmlEncoder) start(b *bytes.Buffer) string {
	if !e.started {
		b.WriteString(htmlHead())
		e.started = true
	}
	id := fmt.Sprintf("d%d", e.n)
	e.n++
	return id
}

func (e *htmlEncoder) Encode(d *annotate.Document) error {
	v, err := newView(d, "html")
	if err != nil {
		return err
	}
	var b bytes.Buffer
	p := e.start(&b)
	fmt.Fprintf(&b, "<article class=\"doc\" id=\"%s\">\n<h2>%s</h2>\n", p, esc(d.ID))
	var meta []string
	if d.Date != "" {
		meta = append(meta, "date "+d.Date)
	}
	if d.Newsann != "" {
		meta = append(meta, "newsann "+d.Newsann)
	}
	if d.LexiconAsOf != "" {
		meta = append(meta, "lexicon as of "+d.LexiconAsOf)
	}
	if len(meta) > 0 {
		fmt.Fprintf(&b, "<p class=\"meta\">%s</p>\n", esc(strings.Join(meta, " · ")))
	}

	// The legend: the labels of this document, with their colours and counts.
	count := map[string]int{}
	for _, m := range d.Mentions {
		count[m.Label]++
	}
	labels := slices.Sorted(maps.Keys(count))
	if len(labels) > 0 {
		b.WriteString("<ul class=\"legend\">")
		for _, l := range labels {
			fmt.Fprintf(&b, "<li%s><span class=\"sw\"></span>%s <span class=\"src\">%d</span></li>", labelAttrs(l, "key"), esc(l), count[l])
		}
		b.WriteString("</ul>\n")
	}

	inline, overlapping := v.nonOverlapping()
	b.WriteString("<div class=\"text\">")
	e.text(&b, v, p, inline)
	b.WriteString("</div>\n")

	if len(d.Relations) > 0 {
		b.WriteString("<section class=\"relations\">\n<h3>Relations</h3>\n<ol>\n")
		for i, r := range d.Relations {
			fmt.Fprintf(&b, "<li>%s", esc(v.relationSummary(i)))
			e.actors(&b, v, p, r.Subject, r.Object)
			e.quoteSource(&b, v, fmt.Sprintf("%s-r%d", p, i), v.relations[i], r.Source)
			b.WriteString("</li>\n")
		}
		b.WriteString("</ol>\n</section>\n")
	}
	if len(d.Events) > 0 {
		b.WriteString("<section class=\"events\">\n<h3>Events</h3>\n<ol>\n")
		for i, ev := range d.Events {
			s := v.evidence[i]
			if s.Start == s.End {
				s = v.triggers[i]
			}
			fmt.Fprintf(&b, "<li>%s", esc(v.eventSummary(i)))
			e.actors(&b, v, p, ev.SourceActor, ev.TargetActor)
			if t := v.triggers[i]; t.Start < t.End {
				fmt.Fprintf(&b, " <span class=\"src\">trigger</span> <q><a href=\"#%s-e%dt\">%s</a></q>", p, i, esc(v.quote(t)))
			}
			e.quoteSource(&b, v, fmt.Sprintf("%s-e%d", p, i), s, ev.Source)
			b.WriteString("</li>\n")
		}
		b.WriteString("</ol>\n</section>\n")
	}
	if len(d.Findings) > 0 {
		b.WriteString("<section class=\"findings\">\n<h3>Findings</h3>\n<ol>\n")
		for i, f := range d.Findings {
			fmt.Fprintf(&b, "<li><span class=\"sev-%s\">%s</span> %s at %s: %s", esc(f.Severity), esc(f.Severity),
				esc(f.Check), findingWhere(f), esc(v.findingSummary(i)))
			e.quoteSource(&b, v, fmt.Sprintf("%s-f%d", p, i), v.findings[i], "")
			b.WriteString("</li>\n")
		}
		b.WriteString("</ol>\n</section>\n")
	}
	if len(overlapping) > 0 {
		b.WriteString("<section class=\"overlapping\">\n<h3>Overlapping mentions</h3>\n<ol>\n")
		for _, i := range overlapping {
			m := d.Mentions[i]
			fmt.Fprintf(&b, "<li><span%s data-label=\"%s\">%s</span> at %d-%d %s</li>\n",
				labelAttrs(m.Label, "m"), esc(m.Label), esc(v.slice(v.mentions[i])), m.Start, m.End, esc(v.who(m.Entity)))
		}
		b.WriteString("</ol>\n</section>\n")
	}
	if len(d.Entities) > 0 {
		b.WriteString("<section class=\"entities\">\n<h3>Entities</h3>\n<table>\n<tr><th>entity</th><th>name</th><th>label</th><th>mentions</th><th>codes</th></tr>\n")
		for _, en := range d.Entities {
			name := esc(en.Name)
			if i := v.firstMention(en.ID); i >= 0 {
				name = fmt.Sprintf("<a href=\"#%s-m%d\">%s</a>", p, i, name)
			}
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%s</td></tr>\n",
				esc(en.ID), name, esc(en.Label), len(en.Mentions), esc(codes(en.Codes)))
		}
		b.WriteString("</table>\n</section>\n")
	}
	b.WriteString("</article>\n")
	_, err = e.w.Write(b.Bytes())
	return err
}

// itemSpan is a span of a relation, event or finding, marked in the text
// so that the lists can link to it.
type itemSpan struct {
	id    string // the anchor's id, also the token in data-s
	span  annotate.Span
	class string // always-on decoration: event triggers, findings
}

// text writes the text with mentions as <mark> elements and every piece of
// it covered by a relation, event or finding span in a <span data-s> that
// names them. The text is cut at every boundary of every span, so marks
// and spans nest properly however they overlap.
func (e *htmlEncoder) text(b *bytes.Buffer, v *view, p string, inline []int) {
	d := v.d
	var items []itemSpan
	for i, s := range v.relations {
		items = append(items, itemSpan{id: fmt.Sprintf("%s-r%d", p, i), span: s})
	}
	for i := range d.Events {
		s := v.evidence[i]
		if s.Start == s.End {
			s = v.triggers[i]
		}
		items = append(items, itemSpan{id: fmt.Sprintf("%s-e%d", p, i), span: s})
		if t := v.triggers[i]; t.Start < t.End {
			items = append(items, itemSpan{id: fmt.Sprintf("%s-e%dt", p, i), span: t, class: "trig"})
		}
	}
	for i, f := range d.Findings {
		items = append(items, itemSpan{id: fmt.Sprintf("%s-f%d", p, i), span: v.findings[i], class: "f-" + f.Severity})
	}
	items = slices.DeleteFunc(items, func(it itemSpan) bool { return it.span.Start == it.span.End })

	cuts := []int{0, len(v.text)}
	for _, i := range inline {
		cuts = append(cuts, v.mentions[i].Start, v.mentions[i].End)
	}
	for _, it := range items {
		cuts = append(cuts, it.span.Start, it.span.End)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	// The items are swept in order of their starts, with the set of those
	// open at a piece kept in the items' own order: looking at every item
	// for every piece made a long document quadratic (4 MB took 28 s).
	// Every start and end is a cut, so an item open at a piece's start
	// covers the whole piece.
	byStart := make([]int, len(items))
	for i := range byStart {
		byStart[i] = i
	}
	slices.SortStableFunc(byStart, func(x, y int) int { return cmp.Compare(items[x].span.Start, items[y].span.Start) })
	var active []int // open items, in the items' order
	started := 0     // items of byStart opened so far
	next := 0        // the next inline mention to open
	open := -1
	var ids, classes []string
	for k := 0; k+1 < len(cuts); k++ {
		from, to := cuts[k], cuts[k+1]
		active = slices.DeleteFunc(active, func(i int) bool { return items[i].span.End <= from })
		for ; started < len(byStart) && items[byStart[started]].span.Start == from; started++ {
			i := byStart[started]
			fmt.Fprintf(b, "<a id=\"%s\"></a>", items[i].id)
			at, _ := slices.BinarySearch(active, i)
			active = slices.Insert(active, at, i)
		}
		if open < 0 && next < len(inline) && v.mentions[inline[next]].Start == from {
			open = inline[next]
			next++
			e.openMark(b, v, p, open)
		}
		ids, classes = ids[:0], classes[:0]
		for _, i := range active {
			it := &items[i]
			ids = append(ids, it.id)
			if it.class != "" && !slices.Contains(classes, it.class) {
				classes = append(classes, it.class)
			}
		}
		piece := esc(v.text[from:to])
		switch {
		case len(ids) == 0:
			b.WriteString(piece)
		case len(classes) == 0:
			fmt.Fprintf(b, "<span data-s=\"%s\">%s</span>", strings.Join(ids, " "), piece)
		default:
			fmt.Fprintf(b, "<span class=\"%s\" data-s=\"%s\">%s</span>", strings.Join(classes, " "), strings.Join(ids, " "), piece)
		}
		if open >= 0 && v.mentions[open].End == to {
			e.closeMark(b, v, open)
			open = -1
		}
	}
}

// openMark opens a mention's <mark>.
func (e *htmlEncoder) openMark(b *bytes.Buffer, v *view, p string, i int) {
	m := v.d.Mentions[i]
	fmt.Fprintf(b, "<mark%s id=\"%s-m%d\" data-label=\"%s\"", labelAttrs(m.Label, "m"), p, i, esc(m.Label))
	if m.Entity != "" {
		fmt.Fprintf(b, " data-entity=\"%s\"", esc(m.Entity))
	}
	b.WriteString(" tabindex=\"0\">")
}

// closeMark writes the mention's hover card and closes its <mark>. The
// card follows the text so that the text reads in order without styles.
func (e *htmlEncoder) closeMark(b *bytes.Buffer, v *view, i int) {
	m := v.d.Mentions[i]
	b.WriteString("<span class=\"card\" role=\"tooltip\">")
	fmt.Fprintf(b, "<span><span class=\"lab\">%s</span>", esc(m.Label))
	if m.Entity != "" {
		fmt.Fprintf(b, " %s", esc(m.Entity))
	}
	b.WriteString("</span>")
	if en := v.entities[m.Entity]; en != nil {
		known := "not in the lexicon"
		if en.Known {
			known = "lexicon entry"
		}
		fmt.Fprintf(b, "<span>%s <span class=\"k\">(%s, %s)</span></span>", esc(en.Name), esc(en.Label), known)
		if len(en.Codes) > 0 {
			fmt.Fprintf(b, "<span><span class=\"k\">codes</span> %s</span>", esc(codes(en.Codes)))
		}
	}
	row := func(k, val string) {
		if val != "" {
			fmt.Fprintf(b, "<span><span class=\"k\">%s</span> %s</span>", k, esc(val))
		}
	}
	if m.RefersTo != "" {
		row("refers to", v.who(m.RefersTo))
	}
	row("value", m.Value)
	row("anchor", m.Anchor)
	row("attrs", strings.TrimPrefix(attrList(m.Attrs), ", "))
	row("source", m.Source)
	row("why", m.Explain)
	b.WriteString("</span></mark>")
}

// actors links the entities of a relation or event to their first
// mentions.
func (e *htmlEncoder) actors(b *bytes.Buffer, v *view, p string, ids ...string) {
	var links []string
	for _, id := range ids {
		if i := v.firstMention(id); i >= 0 {
			links = append(links, fmt.Sprintf("<a href=\"#%s-m%d\">%s</a>", p, i, esc(v.name(id))))
		}
	}
	if len(links) > 0 {
		fmt.Fprintf(b, " <span class=\"src\">(%s)</span>", strings.Join(links, ", "))
	}
}

// quoteSource quotes an item's evidence as a link to its place in the
// text (id), and names its source.
func (e *htmlEncoder) quoteSource(b *bytes.Buffer, v *view, id string, s annotate.Span, source string) {
	if s.Start < s.End {
		fmt.Fprintf(b, " <q><a href=\"#%s\">%s</a></q>", id, esc(v.quote(s)))
	}
	if source != "" {
		fmt.Fprintf(b, " <span class=\"src\">%s</span>", esc(source))
	}
}

// codes lists an entity's codes as "iso2 IR · iso3 IRN", sorted by name.
func codes(c map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(c)) {
		parts = append(parts, k+" "+c[k])
	}
	return strings.Join(parts, " · ")
}

// attrList is ", k=v" for each attribute, sorted by key.
func attrList(attrs map[string]string) string {
	var b strings.Builder
	writeAttrs(&b, attrs)
	return b.String()
}

func (e *htmlEncoder) EncodeError(id string, err error) error {
	var b bytes.Buffer
	p := e.start(&b)
	fmt.Fprintf(&b, "<article class=\"doc\" id=\"%s\">\n<h2>%s</h2>\n<p class=\"err\">error: %s</p>\n</article>\n", p, esc(id), esc(err.Error()))
	_, werr := e.w.Write(b.Bytes())
	return werr
}

func (e *htmlEncoder) Close() error {
	var b bytes.Buffer
	if !e.started {
		b.WriteString(htmlHead())
		b.WriteString("<p>No documents.</p>\n")
	}
	b.WriteString(htmlTail)
	_, err := e.w.Write(b.Bytes())
	return err
}
