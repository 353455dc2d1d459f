package diff

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/encode"
)

func testDoc(id string) *annotate.Document {
	return &annotate.Document{
		ID: id, Date: "2025-11-14", DateSource: "flag", SHA256: "ab", Newsann: "1.0", LexiconAsOf: "2025-10-01", Offsets: "codepoints",
		Sentences: []annotate.Span{{Start: 0, End: 16}},
		Mentions: []annotate.Mention{
			{Start: 0, End: 4, Text: "Iran", Label: "COUNTRY", Entity: "IRN", Source: "lexicon", Explain: "alias"},
			{Start: 9, End: 15, Text: "Turkey", Label: "COUNTRY", Entity: "TUR", Source: "lexicon", Attrs: map[string]string{"form": "Turkey"}},
		},
		Entities: []annotate.Entity{
			{ID: "IRN", Label: "COUNTRY", Name: "Iran", Codes: map[string]string{"iso2": "IR", "iso3": "IRN"}, Known: true, Mentions: []int{0}},
			{ID: "TUR", Label: "COUNTRY", Name: "Turkey", Codes: map[string]string{"iso2": "TR"}, Known: true, Mentions: []int{1}},
		},
		Relations: []annotate.Relation{{Type: "borders", Subject: "IRN", Object: "TUR", Evidence: annotate.Span{Start: 0, End: 15}, Source: "rule:x", Explain: "why"}},
		Events:    []annotate.Event{{Type: "contact", CAMEO: "040", QuadClass: 1, Trigger: annotate.Span{Start: 5, End: 8}, Source: "rule:y"}},
		Findings:  []annotate.Finding{{Check: "c", Severity: "info", Start: 0, End: 4, Line: 1, Column: 1, Message: "m"}},
		Extra:     map[string]json.RawMessage{"source": json.RawMessage(`"wire"`)},
	}
}

// write encodes docs in one of newsann's formats.
func write(t *testing.T, format string, docs ...*annotate.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	enc, err := encode.New(format, &b, encode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFormatsReadAlike reads the same documents written as JSON, JSONL
// and YAML, named or sniffed, and finds no difference between them.
func TestFormatsReadAlike(t *testing.T) {
	docs := []*annotate.Document{testDoc("a.txt"), testDoc("2025")}
	want, err := Read("x.jsonl", write(t, "jsonl", docs...))
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 2 || want[1].ID != "2025" || want[1].Where != "x.jsonl:2" {
		t.Fatalf("jsonl: %+v", want)
	}
	for _, c := range []struct {
		name   string
		format string
		docs   []*annotate.Document
	}{
		{"out.json", "json", docs},
		{"out.yaml", "yaml", docs},
		{"-", "json", docs},
		{"-", "jsonl", docs},
		{"-", "yaml", docs},
		{"-", "json", docs[:1]},
		{"one.json", "json", docs[:1]},
	} {
		got, err := Read(c.name, write(t, c.format, c.docs...))
		if err != nil {
			t.Errorf("%s as %s: %v", c.format, c.name, err)
			continue
		}
		if r := Compare(want[:len(c.docs)], got, Options{}); !r.Equal() || r.Same != len(c.docs) {
			var b bytes.Buffer
			r.Write(&b, "jsonl", c.format)
			t.Errorf("%s read as %s differs from JSONL:\n%s", c.format, c.name, b.String())
		}
	}
}

func TestCompare(t *testing.T) {
	a1, a2, a3 := testDoc("one"), testDoc("two"), testDoc("three")
	b1, b2, b4 := testDoc("one"), testDoc("two"), testDoc("four")
	b1.Newsann, b1.LexiconAsOf = "2.0", "2026-01-01" // ignored by default
	b1.Mentions[0].Explain = "other words"           // ignored by default
	b2.Mentions[1].Label = "CITY"
	b2.Mentions = append(b2.Mentions, annotate.Mention{Start: 20, End: 24, Text: "Oman", Label: "COUNTRY", Source: "lexicon"})
	delete(b2.Entities[0].Codes, "iso2")
	read := func(docs ...*annotate.Document) []Document {
		out, err := Read("x.jsonl", write(t, "jsonl", docs...))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	r := Compare(read(a1, a2, a3), read(b1, b2, b4), Options{Ignore: DefaultIgnore()})
	var b bytes.Buffer
	if err := r.Write(&b, "A", "B"); err != nil {
		t.Fatal(err)
	}
	want := `changed: two
  - entities[0].codes.iso2: "IR"
  ~ mentions[1].label: "COUNTRY" → "CITY"
  + mentions[2]: {"end":24,"label":"COUNTRY","sentence":0,"source":"lexicon","start":20,"text":"Oman"}
only in A: three
only in B: four
3 document(s) differ: 1 changed, 1 only in A, 1 only in B; 1 the same
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}

	// Without the default ignores, the version and explanations count.
	r = Compare(read(a1), read(b1), Options{})
	var paths []string
	for _, c := range r.Docs[0].Changes {
		paths = append(paths, c.Path)
	}
	if diff := cmp.Diff([]string{"lexicon_as_of", "mentions[0].explain", "newsann"}, paths); diff != "" {
		t.Errorf("changes without ignores (-want +got):\n%s", diff)
	}
}

func TestIgnorePaths(t *testing.T) {
	a, b := testDoc("d"), testDoc("d")
	b.Mentions[1].Attrs = map[string]string{"form": "Türkiye"}
	b.Entities[1].Codes["iso2"] = "TU"
	b.SHA256 = "cd"
	b.Relations[0].Explain = "because"
	b.Findings[0].Message = "n"
	read := func(d *annotate.Document) []Document {
		out, err := Read("x.json", write(t, "json", d))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, c := range []struct {
		ignore []string
		want   int // changes left
	}{
		{nil, 5},
		{[]string{"sha256"}, 4},
		{[]string{"sha256", "mentions.attrs"}, 3},
		{[]string{"sha256", "mentions.attrs", "entities.codes.iso2"}, 2},
		{[]string{"sha256", "mentions.attrs", "entities.codes", "*.explain"}, 1},
		{[]string{"sha256", "mentions", "entities", "relations", "findings.message"}, 0},
		{[]string{"nosuch.field", "sha256.deeper"}, 5},
	} {
		r := Compare(read(a), read(b), Options{Ignore: c.ignore})
		got := 0
		if len(r.Docs) > 0 {
			got = len(r.Docs[0].Changes)
		}
		if got != c.want {
			t.Errorf("ignore %v: %d changes, want %d: %+v", c.ignore, got, c.want, r.Docs)
		}
	}
	// Pruning copies: the documents read stay whole.
	docs := read(b)
	Compare(docs, docs, Options{Ignore: []string{"mentions.attrs", "sha256"}})
	if _, ok := docs[0].Tree["sha256"]; !ok {
		t.Errorf("Compare changed its input")
	}
}

func TestDuplicateIDs(t *testing.T) {
	a, err := Read("a.jsonl", []byte("{\"id\":\"x\",\"n\":1}\n{\"id\":\"x\",\"n\":2}\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read("b.jsonl", []byte("{\"id\":\"x\",\"n\":1}\n{\"id\":\"x\",\"n\":3}\n{\"id\":\"x\",\"n\":4}\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := Compare(a, b, Options{})
	if len(r.Docs) != 2 || r.Docs[0].ID != "x #2" || r.Docs[1].ID != "x #3" || !r.Docs[1].OnlyB || r.Same != 1 {
		t.Errorf("duplicates: %+v", r)
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"a.jsonl", "{\"id\":\"x\"}\n{\"id\": \n", "a.jsonl:2: unexpected end of JSON input"},
		{"a.jsonl", "{\"id\":\"x\"}\n[1]\n", "a.jsonl:2: not a JSON object"},
		{"a.jsonl", "{\"text\":\"x\"}\n", `a.jsonl:1: document has no "id"`},
		{"a.jsonl", "{\"id\":[1]}\n", `a.jsonl:1: document "id" is not a string or a number`},
		{"a.json", "[\n{\"id\":\"x\"},\n{\"id\" \"y\"}\n]", "a.json:3: invalid character"},
		{"a.json", "[1]", "a.json:1: element 0 is not a JSON object"},
		{"a.json", "\"text\"", "a.json:1: not a JSON object or array"},
		{"a.yaml", "id: x\n---\nid: &a y\nother: *a\n", "a.yaml:4:8: YAML aliases are not supported"},
		{"a.yaml", "id: x\nmentions: [\n", "a.yaml:2: did not find expected node content"},
		{"a.yaml", "- 1\n", "a.yaml:1: element 0 is not a mapping"},
		{"a.yaml", "just text\n", "a.yaml:1: not a mapping or a list"},
		{"a.yaml", "id: x\n<<: {a: 1}\n", "a.yaml:2:1: YAML merge keys are not supported"},
		{"a.yaml", "id: x\nn: .nan\n", "a.yaml:2:4: .nan is not a number JSON can hold"},
	} {
		_, err := Read(c.name, []byte(c.data))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s %q: err = %v, want %q", c.name, c.data, err, c.want)
		}
	}
}

func TestYAMLScalarsAsJSON(t *testing.T) {
	docs, err := Read("a.yaml", []byte("id: 42\ndate: 2025-11-14\nn: 3\nf: 1.5\nb: true\nz: null\ns: \"7\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": 42.0, "date": "2025-11-14", "n": 3.0, "f": 1.5, "b": true, "z": nil, "s": "7"}
	if diff := cmp.Diff(want, docs[0].Tree); diff != "" || docs[0].ID != "42" {
		t.Errorf("tree (-want +got):\n%s\nid %q", diff, docs[0].ID)
	}
}

// FuzzRead feeds Read arbitrary files: it must return documents or an
// error, never panic, and documents read must equal themselves.
func FuzzRead(f *testing.F) {
	f.Add("a.jsonl", "{\"id\":\"x\",\"mentions\":[{\"start\":0}]}\n")
	f.Add("a.json", "[{\"id\":1},{\"id\":\"y\"}]")
	f.Add("a.yaml", "id: x\nmentions:\n  - {start: 0, end: 4}\n---\nid: y\n")
	f.Add("-", "{\n  \"id\": \"z\"\n}\n")
	f.Add("b.yml", "- id: 1\n  n: .inf\n")
	f.Fuzz(func(t *testing.T, name, data string) {
		docs, err := Read(name, []byte(data))
		if err != nil {
			return
		}
		if r := Compare(docs, docs, Options{Ignore: DefaultIgnore()}); !r.Equal() {
			t.Errorf("documents differ from themselves: %+v", r.Docs)
		}
	})
}
