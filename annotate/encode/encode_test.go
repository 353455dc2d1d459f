package encode

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
)

func doc(id string) *annotate.Document {
	return &annotate.Document{
		ID: id, SHA256: "x", Offsets: "codepoints",
		Sentences: []annotate.Span{{Start: 0, End: 4}},
		Mentions:  []annotate.Mention{{Start: 0, End: 4, Text: "Iran", Label: "COUNTRY", Entity: "IRN", Source: "lexicon"}},
		Entities:  []annotate.Entity{}, Relations: []annotate.Relation{}, Events: []annotate.Event{}, Findings: []annotate.Finding{},
		Extra: map[string]json.RawMessage{"zeta": json.RawMessage(`1`), "alpha": json.RawMessage(`{"a":[1,2]}`), "mentions": json.RawMessage(`"ignored"`)},
	}
}

func encodeAll(t *testing.T, format string, docs ...*annotate.Document) string {
	t.Helper()
	var b bytes.Buffer
	enc, err := New(format, &b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d == nil {
			if err := enc.EncodeError("bad", errors.New("bad.jsonl:2: broken")); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestJSONOneAndMany(t *testing.T) {
	one := encodeAll(t, "json", doc("a"))
	var obj map[string]any
	if err := json.Unmarshal([]byte(one), &obj); err != nil || obj["id"] != "a" {
		t.Fatalf("one document is not one object: %v\n%s", err, one)
	}
	if !strings.HasPrefix(one, "{\n  \"id\": \"a\",") {
		t.Errorf("one document not indented from the left margin:\n%s", one)
	}
	many := encodeAll(t, "json", doc("a"), nil, doc("b"))
	var arr []map[string]any
	if err := json.Unmarshal([]byte(many), &arr); err != nil {
		t.Fatalf("several documents are not an array: %v\n%s", err, many)
	}
	ids := []any{arr[0]["id"], arr[1]["id"], arr[2]["id"]}
	if diff := cmp.Diff([]any{"a", "bad", "b"}, ids); diff != "" || arr[1]["error"] != "bad.jsonl:2: broken" {
		t.Errorf("array order or error record wrong (-want +got):\n%s\n%v", diff, arr[1])
	}
	// Laid out as json.MarshalIndent lays out the array of the compact
	// values, each element a level in.
	a, _ := doc("a").MarshalJSON()
	b, _ := doc("b").MarshalJSON()
	var want bytes.Buffer
	if err := json.Indent(&want, []byte(`[`+string(a)+`,{"id":"bad","error":"bad.jsonl:2: broken"},`+string(b)+`]`), "", "  "); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.String()+"\n", many); diff != "" {
		t.Errorf("array layout (-want +got):\n%s", diff)
	}
	if none := encodeAll(t, "json"); none != "[]\n" {
		t.Errorf("no documents = %q, want []", none)
	}
}

func TestJSONLCarriesExtraFieldsInOrder(t *testing.T) {
	out := encodeAll(t, "jsonl", doc("a"), nil)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), out)
	}
	// Own fields first in fixed order, then extra fields sorted; an extra
	// field named like an own field is never written.
	if !strings.HasSuffix(lines[0], `"findings":[],"alpha":{"a":[1,2]},"zeta":1}`) {
		t.Errorf("extra fields: %s", lines[0])
	}
	if strings.Count(lines[0], `"mentions"`) != 1 {
		t.Errorf("an extra field shadowed mentions: %s", lines[0])
	}
	if lines[1] != `{"id":"bad","error":"bad.jsonl:2: broken"}` {
		t.Errorf("error line = %s", lines[1])
	}
}

func TestYAML(t *testing.T) {
	out := encodeAll(t, "yaml", doc("a"), doc("2025"))
	if strings.Count(out, "\n---\n") != 1 {
		t.Errorf("want one separator between two documents:\n%s", out)
	}
	// A string that looks like a number stays a string.
	if !strings.Contains(out, `id: "2025"`) {
		t.Errorf("numeric-looking id not quoted:\n%s", out)
	}
	if !strings.Contains(out, "  - start: 0\n    end: 4\n    text: Iran\n") {
		t.Errorf("mentions not in block style:\n%s", out)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("xml", nil, Options{}); err == nil || !strings.Contains(err.Error(), strings.Join(Formats(), ", ")) {
		t.Errorf("unknown format error = %v", err)
	}
}

// TestJSONLSameAsMarshal: the JSONL encoder writes a document's own
// MarshalJSON output without json.Marshal's second pass, so that output
// must already be what json.Marshal makes of it: compact and
// HTML-escaped, carried-through fields included.
func TestJSONLSameAsMarshal(t *testing.T) {
	d := &annotate.Document{
		ID:       "a<b>",
		Mentions: []annotate.Mention{{Text: "AT&T", Label: "ORGANIZATION"}},
		Extra: map[string]json.RawMessage{
			"meta":  json.RawMessage(` { "tag" : "<b>&</b>", "n" : [1, 2] } `),
			"title": json.RawMessage(`"x\u2028y"`),
		},
	}
	want, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc, err := New("jsonl", &buf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want)+"\n", buf.String()); diff != "" {
		t.Errorf("jsonl line differs from json.Marshal (-want +got):\n%s", diff)
	}
}

// TestRecordsAsEncode: the formats whose records stand alone write the
// same bytes when the records are made apart, concurrently and out of
// order, into buffers that already hold something, and written in order,
// as when each document is encoded in turn: for streams of none, one and
// several documents, failed inputs among them.
func TestRecordsAsEncode(t *testing.T) {
	all := append(stream(t, annotate.Codepoints), doc("a"), nil)
	var parallel []string
	for _, format := range Formats() {
		enc, err := New(format, io.Discard, Options{OutDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := enc.(RecordEncoder); !ok {
			continue
		}
		parallel = append(parallel, format)
		for n := range len(all) + 1 {
			docs := all[:n]
			want := run(t, format, Options{}, docs)["stdout"]

			var b bytes.Buffer
			enc, _ := New(format, &b, Options{})
			records := enc.(RecordEncoder)
			made := make([][]byte, len(docs))
			var wg sync.WaitGroup
			for i := len(docs) - 1; i >= 0; i-- {
				if docs[i] == nil {
					continue
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					rec, err := records.AppendRecord([]byte("old record"), docs[i])
					if err != nil || !bytes.HasPrefix(rec, []byte("old record")) {
						t.Errorf("%s: AppendRecord: %v, or it did not append", format, err)
						return
					}
					made[i] = rec[len("old record"):]
				}()
			}
			wg.Wait()
			for i, d := range docs {
				if d == nil {
					err = enc.EncodeError("wire/broken.jsonl:3", errors.New("wire/broken.jsonl:3: record has no \"text\" field"))
				} else {
					err = records.WriteRecord(made[i])
					clear(made[i]) // WriteRecord must not have kept it
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if err := enc.Close(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, b.String()); diff != "" {
				t.Errorf("%s, %d documents: records differ from Encode (-Encode +records):\n%s", format, n, diff)
			}
		}
	}
	if diff := cmp.Diff([]string{"json", "jsonl", "yaml"}, parallel); diff != "" {
		t.Errorf("formats with records (-want +got):\n%s", diff)
	}
}

// TestEmptyStreams: a run with no input writes what each format's empty
// stream is, without an error (YAML's used to be "expected
// STREAM-START").
func TestEmptyStreams(t *testing.T) {
	for format, want := range map[string]string{"json": "[]\n", "jsonl": "", "yaml": "", "text": ""} {
		if got := encodeAll(t, format); got != want {
			t.Errorf("%s: empty stream %q, want %q", format, got, want)
		}
	}
}
