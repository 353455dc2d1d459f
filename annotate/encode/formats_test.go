package encode

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// stream is what every format test encodes: an article with everything,
// a failed input, and a document with nothing found in it.
func stream(t testing.TB, u annotate.OffsetUnit) []*annotate.Document {
	return []*annotate.Document{inUnit(t, callDoc(t), u), nil, inUnit(t, plainDoc(), u)}
}

// run encodes docs (nil: a failed input) and returns what was written to
// the stream and, for brat, into the directory, by file name.
func run(t *testing.T, format string, opts Options, docs []*annotate.Document) map[string]string {
	t.Helper()
	var b bytes.Buffer
	enc, err := New(format, &b, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d == nil {
			err = enc.EncodeError("wire/broken.jsonl:3", errors.New("wire/broken.jsonl:3: record has no \"text\" field"))
		} else {
			err = enc.Encode(d)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	if b.Len() > 0 {
		out["stdout"] = b.String()
	}
	if opts.OutDir != "" {
		entries, err := os.ReadDir(opts.OutDir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(opts.OutDir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = string(data)
		}
	}
	return out
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

var goldenFormats = []struct {
	format, file string
	opts         Options
}{
	{"text", "text.txt", Options{}},
	{"text", "text-color.txt", Options{Color: true}},
	{"html", "page.html", Options{}},
	{"conll", "conll.txt", Options{}},
	{"spacy", "spacy.json", Options{}},
	{"brat", "brat", Options{}},
}

// TestGoldenFormats checks each format's output for the test stream, and
// that it does not depend on the unit the documents' offsets are in.
func TestGoldenFormats(t *testing.T) {
	for _, g := range goldenFormats {
		t.Run(g.file, func(t *testing.T) {
			var first map[string]string
			for _, u := range []annotate.OffsetUnit{annotate.Codepoints, annotate.Bytes, annotate.UTF16} {
				opts := g.opts
				if g.format == "brat" {
					opts.OutDir = t.TempDir()
				}
				got := run(t, g.format, opts, stream(t, u))
				if first == nil {
					first = got
					continue
				}
				if diff := cmp.Diff(first, got); diff != "" {
					t.Errorf("offsets in %s change the output (-codepoints +%s):\n%s", u, u, diff)
				}
			}
			if g.format == "brat" {
				for name, content := range first {
					golden(t, filepath.Join(g.file, name), content)
				}
				return
			}
			golden(t, g.file, first["stdout"])
		})
	}
}

func TestNeedsTextWritesFiles(t *testing.T) {
	for _, f := range Formats() {
		want := !slices.Contains([]string{"json", "jsonl", "yaml"}, f)
		if got := NeedsText(f); got != want {
			t.Errorf("NeedsText(%q) = %v, want %v", f, got, want)
		}
		// A format writes to its stream or into files, never both.
		files := run(t, f, Options{OutDir: t.TempDir()}, stream(t, annotate.Codepoints))
		wroteFiles := len(files) > 0 && files["stdout"] == ""
		if got := WritesFiles(f); got != wroteFiles {
			t.Errorf("WritesFiles(%q) = %v, but it wrote %v", f, got, slices.Sorted(mapsKeys(files)))
		}
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestTextColor checks that colour only adds escape sequences: without
// them the output is the plain one, and each label has its colour.
func TestTextColor(t *testing.T) {
	docs := stream(t, annotate.Codepoints)
	plain := run(t, "text", Options{}, docs)["stdout"]
	color := run(t, "text", Options{Color: true}, docs)["stdout"]
	if strings.Contains(plain, "\x1b") {
		t.Errorf("plain output has escape sequences")
	}
	if got := ansi.ReplaceAllString(color, ""); got != plain {
		t.Errorf("colour output without escapes differs from plain (-plain +colour):\n%s", cmp.Diff(plain, got))
	}
	for _, label := range []string{"COUNTRY", "PERSON", "TITLE"} {
		want := "\x1b[1;" + styleOf(label).ansi + "m"
		if !strings.Contains(color, want) {
			t.Errorf("no %q colour for %s", want, label)
		}
	}
}

// TestTextShowsEverything checks that the text format shows each mention
// inline and a line for each relation, event and finding.
func TestTextShowsEverything(t *testing.T) {
	d := callDoc(t)
	out := run(t, "text", Options{}, []*annotate.Document{d})["stdout"]
	for _, m := range d.Mentions {
		if !strings.Contains(out, "["+m.Text+"|"+m.Label+"]") {
			t.Errorf("mention %q not marked", m.Text)
		}
	}
	for _, want := range []string{
		"holds_role: Abbas Araghchi (abbas-araghchi) → Iran (IRN), title foreign-minister",
		"contact (telephone, CAMEO 041, quad class 1): Abbas Araghchi (abbas-araghchi) → Hakan Fidan (hakan-fidan) [IRNGOV → TURGOV], 2025-11-13",
		"warning unattributed-claim at 5:18: a position is reported without a named source; suggestion: name the ministry's spokesperson\n      “backs \"dialogue\"”",
		"[rule:event.contact]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestHTMLSelfContainedAndEscaped(t *testing.T) {
	out := run(t, "html", Options{}, stream(t, annotate.Codepoints))["stdout"]
	for _, bad := range []string{"://", "<link", " src=", "<again>", "@import"} {
		if strings.Contains(out, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if !strings.Contains(out, "talk &lt;again&gt;") {
		t.Errorf("text not escaped")
	}
	d := callDoc(t)
	if n := strings.Count(out, "<mark class=\"m "); n != len(d.Mentions) {
		t.Errorf("%d marks, want %d", n, len(d.Mentions))
	}
	// Every link within the page leads to an element of it.
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(out, -1) {
		ids[m[1]] = true
	}
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(out, -1)
	if len(links) < len(d.Relations)+len(d.Events)+len(d.Findings) {
		t.Errorf("only %d links", len(links))
	}
	for _, l := range links {
		if !ids[l[1]] {
			t.Errorf("link to #%s, which is not in the page", l[1])
		}
	}
	// The evidence of each relation, event and finding is marked in the
	// text, in pieces that together are its text.
	for _, id := range []string{"d0-r0", "d0-r1", "d0-e0", "d0-f0"} {
		re := regexp.MustCompile(`data-s="[^"]*\b` + id + `\b[^"]*">([^<]*)<`)
		if len(re.FindAllString(out, -1)) == 0 {
			t.Errorf("span %s not marked in the text", id)
		}
	}
	if !strings.Contains(out, "error: wire/broken.jsonl:3: record has no &#34;text&#34; field") {
		t.Errorf("error record missing")
	}
}

// TestBratIsConsistent reads the .ann files back as brat would: each T's
// offsets, in code points, slice its text out of the .txt; every id an R,
// E, A or note refers to exists; every type is declared in
// annotation.conf.
func TestBratIsConsistent(t *testing.T) {
	dir := t.TempDir()
	files := run(t, "brat", Options{OutDir: dir}, stream(t, annotate.UTF16))
	if len(files) != 6 {
		t.Fatalf("files: %v", slices.Sorted(mapsKeys(files)))
	}
	conf := files["annotation.conf"]
	declared := func(typ string) bool {
		return regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(typ) + `(\t|$)`).MatchString(conf)
	}
	text := []rune(files["wire_call.txt"])
	ids := map[string]bool{}
	counts := map[byte]int{}
	for n, line := range strings.Split(strings.TrimSuffix(files["wire_call.ann"], "\n"), "\n") {
		f := strings.Split(line, "\t")
		id := f[0]
		counts[id[0]]++
		ids[id] = true
		switch id[0] {
		case 'T':
			typ, frags, _ := strings.Cut(f[1], " ")
			if !declared(typ) {
				t.Errorf("line %d: type %s not in annotation.conf", n+1, typ)
			}
			var parts []string
			for _, fr := range strings.Split(frags, ";") {
				a, b, _ := strings.Cut(fr, " ")
				s, _ := strconv.Atoi(a)
				e, _ := strconv.Atoi(b)
				if s < 0 || e > len(text) || s >= e {
					t.Fatalf("line %d: bad offsets %q", n+1, fr)
				}
				seg := string(text[s:e])
				if strings.ContainsAny(seg, "\n") {
					t.Errorf("line %d: fragment %q crosses a line break", n+1, seg)
				}
				parts = append(parts, seg)
			}
			if got := strings.Join(parts, " "); got != f[2] {
				t.Errorf("line %d: offsets give %q, line says %q", n+1, got, f[2])
			}
		case 'R', 'E':
			args := strings.Fields(f[1])
			if id[0] == 'R' && !declared(args[0]) {
				t.Errorf("line %d: relation type %s not declared", n+1, args[0])
			}
			for _, a := range args[1:] {
				_, ref, _ := strings.Cut(a, ":")
				if !ids[ref] {
					t.Errorf("line %d: %s refers to %s, not defined before", n+1, id, ref)
				}
			}
		case 'A':
			args := strings.Fields(f[1])
			if !ids[args[1]] || !declared(args[0]) {
				t.Errorf("line %d: attribute %s on %s: undeclared or dangling", n+1, args[0], args[1])
			}
		case '#':
			_, ref, _ := strings.Cut(f[1], " ")
			if !ids[ref] {
				t.Errorf("line %d: note on %s, which does not exist", n+1, ref)
			}
		default:
			t.Errorf("line %d: unknown kind of line %q", n+1, line)
		}
	}
	d := callDoc(t)
	// Mentions, the trigger and the finding; relations; the event; the
	// event's mode and CAMEO code, the finding's severity and check.
	want := map[byte]int{'T': len(d.Mentions) + 2, 'R': 2, 'E': 1, 'A': 4}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%d %c lines, want %d", counts[k], k, n)
		}
	}
	if files["notes.ann"] != "" || files["notes.txt"] != plainDoc().Text {
		t.Errorf("notes: .ann %q, .txt %q", files["notes.ann"], files["notes.txt"])
	}
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestBratNeedsDirAndNamesFiles(t *testing.T) {
	if _, err := New("brat", nil, Options{}); err == nil || !strings.Contains(err.Error(), "--out-dir") {
		t.Errorf("no directory: err = %v", err)
	}
	e := &bratEncoder{used: map[string]bool{}}
	for _, c := range []struct{ id, want string }{
		{"corpus/a.txt", "corpus_a"},
		{"corpus_a", "corpus_a-2"},
		{"corpus/a.txt", "corpus_a-3"},
		{"../../etc/passwd", "etc_passwd"},
		{"-", "stdin"},
		{"", "doc"},
		{"annotation", "annotation-2"},
		{"Ünïcode name.md", "n_code_name"},
		{"42", "42"},
	} {
		if got := e.fileName(c.id); got != c.want {
			t.Errorf("fileName(%q) = %q, want %q", c.id, got, c.want)
		}
	}
}

// TestConLLTags checks the IOB2 tags against the mentions and the
// sentence breaks against the sentences.
func TestConLLTags(t *testing.T) {
	d := callDoc(t)
	out := run(t, "conll", Options{}, []*annotate.Document{d})["stdout"]
	blocks := strings.Split(strings.TrimSuffix(out, "\n\n"), "\n\n")
	if blocks[0] != "-DOCSTART- O" {
		t.Fatalf("first line %q", blocks[0])
	}
	if got := len(blocks) - 1; got != len(d.Sentences) {
		t.Errorf("%d sentences, want %d", got, len(d.Sentences))
	}
	var got []string // the mentions rebuilt from the tags
	prev := "O"
	for _, block := range blocks[1:] {
		for _, line := range strings.Split(block, "\n") {
			tok, tag, ok := strings.Cut(line, " ")
			if !ok || strings.Contains(tag, " ") {
				t.Fatalf("line %q is not TOKEN TAG", line)
			}
			switch {
			case strings.HasPrefix(tag, "B-"):
				got = append(got, tok+"|"+tag[2:])
			case strings.HasPrefix(tag, "I-"):
				if prev == "O" || prev[2:] != tag[2:] {
					t.Errorf("%s after %s", tag, prev)
				}
				got[len(got)-1] = strings.Replace(got[len(got)-1], "|", " "+tok+"|", 1)
			case tag != "O":
				t.Errorf("tag %q", tag)
			}
			prev = tag
		}
		prev = "O"
	}
	var want []string
	for _, m := range d.Mentions {
		want = append(want, strings.Join(strings.Fields(m.Text), " ")+"|"+m.Label)
	}
	// The tokenizer splits "Türkiye's" into "Türkiye" and "'s"; mentions
	// are whole tokens, so the words of each come back.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mentions from tags (-want +got):\n%s", diff)
	}
}

// TestSpacySlices checks that displaCy's offsets slice the mention texts
// out of the text as Python would, in every input unit.
func TestSpacySlices(t *testing.T) {
	for _, u := range []annotate.OffsetUnit{annotate.Codepoints, annotate.Bytes, annotate.UTF16} {
		out := run(t, "spacy", Options{}, []*annotate.Document{inUnit(t, callDoc(t), u)})["stdout"]
		var doc displacyDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s: one document is not one object: %v", u, err)
		}
		runes := []rune(doc.Text)
		d := callDoc(t)
		if len(doc.Ents) != len(d.Mentions) {
			t.Fatalf("%d ents, want %d", len(doc.Ents), len(d.Mentions))
		}
		for i, e := range doc.Ents {
			if got := string(runes[e.Start:e.End]); got != d.Mentions[i].Text || e.Label != d.Mentions[i].Label {
				t.Errorf("%s: ent %d slices %q %s, want %q %s", u, i, got, e.Label, d.Mentions[i].Text, d.Mentions[i].Label)
			}
		}
		if doc.Ents[0].KBID != "IRN" || doc.Ents[0].KBURL != "https://www.wikidata.org/wiki/Q794" {
			t.Errorf("kb fields: %+v", doc.Ents[0])
		}
	}
	var many []displacyDoc
	out := run(t, "spacy", Options{}, stream(t, annotate.Codepoints))["stdout"]
	if err := json.Unmarshal([]byte(out), &many); err != nil || len(many) != 3 {
		t.Fatalf("several documents are not an array of 3: %v\n%s", err, out)
	}
	if many[1].Error == "" || many[1].Title != "wire/broken.jsonl:3" || many[1].Ents == nil {
		t.Errorf("error record: %+v", many[1])
	}
}

// TestBadOffsets checks that a document whose offsets do not fit its text
// is an error naming it, in every format that slices the text.
func TestBadOffsets(t *testing.T) {
	cases := []struct {
		name   string
		change func(d *annotate.Document)
		want   string
	}{
		{"past the end", func(d *annotate.Document) { d.Mentions[2].End = 10_000 }, `document "wire/call.txt": mention 2: offsets`},
		{"reversed", func(d *annotate.Document) { d.Relations[0].Evidence.End = 0 }, "relation 0: offsets"},
		{"no text", func(d *annotate.Document) { d.Text = "" }, "has no text"},
		{"unit", func(d *annotate.Document) { d.Offsets = "lines" }, "unknown offset unit"},
		{"split character", func(d *annotate.Document) { d.Offsets = "bytes"; d.Sentences = nil; d.Mentions[1].Start = 9 }, "split a character"},
		{"split surrogates", func(d *annotate.Document) {
			*d = *inUnit(t, d, annotate.UTF16)
			d.Findings[0].Start = len(utf16.Encode([]rune(callText[:strings.Index(callText, "🇹🇷")]))) + 1
		}, "split a surrogate pair"},
	}
	for _, c := range cases {
		for _, format := range []string{"text", "html", "brat", "conll", "spacy"} {
			d := callDoc(t)
			c.change(d)
			enc, err := New(format, &bytes.Buffer{}, Options{OutDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if err := enc.Encode(d); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s, %s: err = %v, want %q", c.name, format, err, c.want)
			}
		}
	}
}

// TestOverlappingMentionsListed checks that a mention the text cannot mark
// inline, because it overlaps another, is still shown.
func TestOverlappingMentionsListed(t *testing.T) {
	d := callDoc(t)
	s := cpSpan(t, d.Text, "Foreign Minister Abbas Araghchi", 0)
	d.Mentions = append(d.Mentions, annotate.Mention{Start: s.Start, End: s.End, Text: "Foreign Minister Abbas Araghchi", Label: "PERSON", Entity: "abbas-araghchi"})
	slices.SortStableFunc(d.Mentions, func(a, b annotate.Mention) int { return a.Start - b.Start })
	text := run(t, "text", Options{}, []*annotate.Document{d})["stdout"]
	if !strings.Contains(text, "Overlapping mentions:\n  - [Foreign Minister Abbas Araghchi|PERSON]") {
		t.Errorf("text: overlapping mention not listed:\n%s", text)
	}
	page := run(t, "html", Options{}, []*annotate.Document{d})["stdout"]
	if !strings.Contains(page, "<h3>Overlapping mentions</h3>") {
		t.Errorf("html: overlapping mention not listed")
	}
}

// BenchmarkFormats measures each format on the test article, in MB/s of
// text.
func BenchmarkFormats(b *testing.B) {
	d := callDoc(b)
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			enc, err := New(format, io.Discard, Options{OutDir: b.TempDir()})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(d.Text)))
			b.ReportAllocs()
			for b.Loop() {
				if err := enc.Encode(d); err != nil {
					b.Fatal(err)
				}
			}
			if err := enc.Close(); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// TestHTMLUnknownLabel checks that a label the colour table lacks still
// gets colours, inline, the same for every mention of it.
func TestHTMLUnknownLabel(t *testing.T) {
	d := callDoc(t)
	d.Mentions[9].Label = "WEEKDAY"
	page := run(t, "html", Options{}, []*annotate.Document{d})["stdout"]
	st := styleOf("WEEKDAY")
	want := `class="m l-WEEKDAY" style="--bg:` + st.bg + `;--fg:` + st.fg + `"`
	if !strings.Contains(page, want) || !strings.Contains(page, `class="key l-WEEKDAY" style="--bg:`+st.bg) {
		t.Errorf("no inline colours %q for an unknown label", want)
	}
	if strings.Contains(page, `class="m l-COUNTRY" style=`) {
		t.Errorf("a known label got inline colours")
	}
}
