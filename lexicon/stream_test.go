package lexicon

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func miniLexicon(t *testing.T) *Lexicon {
	t.Helper()
	b, err := os.ReadFile("../testdata/lexicon/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseYAML("mini.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	f.Variants = []Variant{{Spellings: []string{"Mohammed", "Muhammad"}}}
	l, err := Build([]*File{f}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func records(l *Lexicon) []Record {
	out := make([]Record, l.Len())
	for i, e := range l.Entries() {
		out[i] = RecordOf(e)
	}
	return out
}

// TestExportRoundTrip: every export format reads back as the same entries,
// as_of and variants.
func TestExportRoundTrip(t *testing.T) {
	l := miniLexicon(t)
	for _, format := range ExportFormats() {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Export(&b, l, format); err != nil {
				t.Fatal(err)
			}
			f, err := Parse("export."+format, b.Bytes())
			if err != nil {
				t.Fatalf("%v\n%s", err, b.String())
			}
			back, err := Build([]*File{f}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(records(l), records(back)); diff != "" {
				t.Errorf("entries differ after a round trip (-want +got):\n%s", diff)
			}
			if back.AsOf() != l.AsOf() {
				t.Errorf("as_of %s, want %s", back.AsOf(), l.AsOf())
			}
			if len(back.Variants()) != 1 || !cmp.Equal(back.Variants()[0].Spellings, []string{"Mohammed", "Muhammad"}) {
				t.Errorf("variants = %v", back.Variants())
			}
		})
	}
}

func TestParseJSONLErrors(t *testing.T) {
	src := `{"id": "IRN", "kind": "country", "name": "Iran"}
{"as_of": "2025-10-01"}

{"id": "x", "kind": "city", "name": "X", "alias": ["Y"]}
{"id": "y", "kind": "person", "name": "Y", "capital": "z"}
{"id": "z", "kind": "person", "name": "Z", "roles": [{"title": "t", "of": "IRN", "from": "2024-13"}]}
{"id": "w", "kind": "city", "name": 7}
{"id": "v", "kind": "city", "name": "V"
{"id": "u", "kind": "planet"} {"id": "t"}
[1, 2]
`
	_, err := ParseJSONL("f.jsonl", strings.NewReader(src))
	want := []string{
		`f.jsonl:2: as_of, description and variants belong on the first line, before any entry`,
		`f.jsonl:4: alias: unknown field "alias" (did you mean "aliases"?)`,
		`f.jsonl:5: entry y: capital: does not apply to a person`,
		`f.jsonl:6: entry z: roles.from: date "2024-13": month out of range`,
		`f.jsonl:7:38: name: want string, got a JSON number`,
		`f.jsonl:8:40: unexpected end of the line inside a JSON value`,
		`f.jsonl:9:31: more than one JSON value on the line (want one entry a line)`,
		`f.jsonl:10:2: want an entry object, got a JSON array`,
	}
	if diff := cmp.Diff(want, errorTexts(t, err)); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

func TestParseCSV(t *testing.T) {
	src := `# A lexicon in CSV.
# as_of: 2025-10-01
# variant: Mohammed|Muhammad
id,kind,name,aliases,codes,roles,country
IRN,country,Iran,Persia|Islamic Republic of Iran,iso2=IR|cameo=IRN,,
fm,title,Foreign Minister,,,,
a-b,person,A B,,,fm;IRN;2024-08-21;;state+acting;a note,IRN
`
	f, err := ParseCSV("f.csv", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Build([]*File{f}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{ID: "IRN", Kind: "country", Name: "Iran", Aliases: []string{"Persia", "Islamic Republic of Iran"}, Codes: map[string]string{"iso2": "IR", "cameo": "IRN"}},
		{ID: "fm", Kind: "title", Name: "Foreign Minister"},
		{ID: "a-b", Kind: "person", Name: "A B", Country: "IRN", Roles: []RoleRecord{{Title: "fm", Of: "IRN", From: "2024-08-21", Heads: []string{"state"}, Acting: true, Note: "a note"}}},
	}
	if diff := cmp.Diff(want, records(l)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if l.AsOf().String() != "2025-10-01" || len(l.Variants()) != 1 {
		t.Errorf("as_of %s, variants %v", l.AsOf(), l.Variants())
	}
	if got := l.Entry("a-b").Pos.String(); got != "f.csv:7:1" {
		t.Errorf("position %s, want f.csv:7:1", got)
	}
}

func TestParseCSVErrors(t *testing.T) {
	src := `id,kind,name,alias,roles
`
	_, err := ParseCSV("f.csv", strings.NewReader(src))
	want := []string{`f.csv:1:14: alias: unknown column "alias" (did you mean "aliases"?)`}
	if diff := cmp.Diff(want, errorTexts(t, err)); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	src = `id,kind,name,codes,roles,multiple
x,city,X,iso2,,
y,title,Y,,fm,maybe
z,city,"Z
w,city
`
	_, err = ParseCSV("f.csv", strings.NewReader(src))
	want = []string{
		`f.csv:2:10: entry x: codes: "iso2": want key=value items joined by |, such as iso2=IR|iso3=IRN`,
		`f.csv:3:12: entry y: roles: role "fm": want title;of;from;to;flags;note`,
		`f.csv:3:15: entry y: multiple: "maybe": want true, false or nothing`,
		`f.csv:5:8: extraneous or missing " in quoted-field`,
	}
	if diff := cmp.Diff(want, errorTexts(t, err)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// FuzzParseJSONL: any input gives entries or errors, never a panic, and
// whenever the fast path accepts a line, encoding/json reads the same
// record from it.
func FuzzParseJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "kind": "city", "name": "A\u00e9\n", "aliases": ["B", "C"], "codes": {"x": "y"}}`,
		`{"id": "p", "kind": "person", "name": "P", "roles": [{"title": "t", "of": "o", "from": "2024", "heads": ["state"], "acting": true}]}`,
		`{"as_of": "2025-01-01", "variants": [["a", "b"]]}`,
		`{"id": "a", "extend": true, "multiple": false, "note": "\ud83d\ude00 \\"}`,
		`{"id": 1}`, `{`, `[]`, `null`,
		`{"codes": {"a": "1"}, "codes": {"b": "2"}}`,
		`{"roles": [{"title": "a", "of": "x"}], "roles": [{"title": "b"}]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ParseJSONL("f.jsonl", strings.NewReader(s))
		line := []byte(s)
		var fast Record
		if !fastDecode(line, &fast) {
			return
		}
		var slow jsonlLine
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&slow); err != nil || dec.More() {
			t.Fatalf("fast path accepted %q, encoding/json did not: %v", s, err)
		}
		if diff := cmp.Diff(slow.Record, fast); diff != "" {
			t.Fatalf("%q: fast path differs from encoding/json (-json +fast):\n%s", s, diff)
		}
	})
}

func FuzzParseCSV(f *testing.F) {
	f.Add("# as_of: 2025-01-01\nid,kind,name,roles\na,person,A,t;o;2024;;state\n")
	f.Add("id,codes\nx,a=b|c=d\n")
	f.Fuzz(func(t *testing.T, s string) {
		ParseCSV("f.csv", strings.NewReader(s))
	})
}
