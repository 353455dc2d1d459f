package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
)

const notebookExample = "../../docs/notebook_example.py"

// TestNotebookExample runs docs/notebook_example.py, the Python of
// docs/notebook.md, on JSONL that newsann wrote, and checks what it prints
// against the same figures computed here. It needs only python3's
// standard library, and skips where there is no python3.
func TestNotebookExample(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 on PATH")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "corpus.jsonl")
	corpus := `{"id": "call", "text": "🇹🇷 Türkiye's foreign minister Hakan Fidan called Abbas Araghchi of Iran."}
{"id": "broken", "text": 
{"id": "chad", "text": "Chad and the United States; Iranian officials in Tehran."}
`
	if err := os.WriteFile(in, []byte(corpus), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, stderr bytes.Buffer
	args := []string{"--no-default-lexicon", "--lexicon", "../../testdata/lexicon/mini.yaml", "annotate", "-o", "jsonl", "--text", in}
	if code := Main(args, nil, &out, &stderr); code != exitError {
		t.Fatalf("annotate: exit %d, want %d for the broken record: %s", code, exitError, stderr.String())
	}

	// The stages that fill relations, events and findings come later; give
	// the first document one of each, written as newsann writes them, so
	// that the script's handling of them runs too.
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	var first annotate.Document
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	at := func(s string) annotate.Span {
		i := strings.Index(first.Text, s)
		start := len([]rune(first.Text[:i]))
		return annotate.Span{Start: start, End: start + len([]rune(s))}
	}
	first.Relations = []annotate.Relation{{Type: "holds_role", Subject: "hakan-fidan", Object: "TUR", Evidence: at("Türkiye's foreign minister Hakan Fidan"), Source: "rule:x"}}
	first.Events = []annotate.Event{{Type: "contact", CAMEO: "040", Trigger: at("called"), Evidence: at("Hakan Fidan called Abbas Araghchi"), Source: "rule:y"}}
	first.Findings = []annotate.Finding{{Check: "c", Severity: "info", Start: 0, End: 1, Line: 1, Column: 1, Message: "a note"}}
	b, err := json.Marshal(&first)
	if err != nil {
		t.Fatal(err)
	}
	lines[0] = string(b)
	annotated := filepath.Join(dir, "annotations.jsonl")
	if err := os.WriteFile(annotated, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(py, notebookExample, annotated)
	cmd.Stderr = &stderr
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 %s: %v\n%s", notebookExample, err, stderr.String())
	}

	// What the script must print, computed from the same file.
	var want strings.Builder
	var docs []map[string]any
	for _, l := range lines {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if e, ok := r["error"]; ok {
			fmt.Fprintf(&want, "failed: %s: %s\n", r["id"], e)
			continue
		}
		docs = append(docs, r)
	}
	fmt.Fprintf(&want, "%d documents\n", len(docs))
	labels := map[string]int{}
	for _, d := range docs {
		for _, m := range list(d["mentions"]) {
			labels[m["label"].(string)]++
		}
	}
	for _, l := range slices.SortedFunc(maps.Keys(labels), func(a, b string) int {
		return cmp.Or(cmp.Compare(labels[b], labels[a]), cmp.Compare(a, b))
	}) {
		fmt.Fprintf(&want, "%s\t%d\n", l, labels[l])
	}
	for _, d := range docs {
		text := []rune(d["text"].(string))
		slice := func(s any) string {
			sp := s.(map[string]any)
			return string(text[int(sp["start"].(float64)):int(sp["end"].(float64))])
		}
		entities := map[string]map[string]any{}
		for _, e := range list(d["entities"]) {
			entities[e["id"].(string)] = e
		}
		set := map[string]bool{}
		for _, m := range list(d["mentions"]) {
			e, ok := entities[fmt.Sprint(m["entity"])]
			if !ok || (m["label"] != "COUNTRY" && m["label"] != "NATIONALITY") {
				continue
			}
			code := e["id"].(string)
			if codes, ok := e["codes"].(map[string]any); ok && codes["iso3"] != nil {
				code = codes["iso3"].(string)
			}
			set[code] = true
		}
		countries := strings.Join(slices.Sorted(maps.Keys(set)), " ")
		fmt.Fprintf(&want, "%s: countries %s\n", d["id"], cmp.Or(countries, "-"))
		for _, r := range list(d["relations"]) {
			fmt.Fprintf(&want, "  %s %s %s: \"%s\"\n", r["subject"], r["type"], r["object"], slice(r["evidence"]))
		}
		for _, e := range list(d["events"]) {
			cameo, ok := e["cameo"].(string)
			if !ok {
				cameo = "-"
			}
			fmt.Fprintf(&want, "  event %s %s: \"%s\"\n", e["type"], cameo, slice(e["trigger"]))
		}
		for _, f := range list(d["findings"]) {
			fmt.Fprintf(&want, "  %s %s at %v:%v: %s\n", f["severity"], f["check"], f["line"], f["column"], f["message"])
		}
	}
	if diff := gocmp.Diff(want.String(), string(got)); diff != "" {
		t.Errorf("notebook_example.py printed (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(got), "TUR") || !strings.Contains(string(got), `"called"`) {
		t.Errorf("the example found too little:\n%s", got)
	}
}

func list(v any) []map[string]any {
	var out []map[string]any
	for _, e := range v.([]any) {
		out = append(out, e.(map[string]any))
	}
	return out
}

// TestNotebookQuotesExample checks that docs/notebook.md shows the tested
// script as it is.
func TestNotebookQuotesExample(t *testing.T) {
	script, err := os.ReadFile(notebookExample)
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../../docs/notebook.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "```python\n"+string(script)+"```\n") {
		t.Errorf("docs/notebook.md does not quote docs/notebook_example.py verbatim in a python block; copy it in")
	}
}
