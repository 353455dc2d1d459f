package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/check"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// docs are the documents every format writes: one with findings of each
// severity (and characters the formats must escape), one clean.
func docs() []*annotate.Document {
	return []*annotate.Document{
		{ID: "news/turkey, iran.md", Findings: []annotate.Finding{
			{Check: check.TitleMismatch, Severity: "error", Start: 60, End: 83, Line: 3, Column: 28, EndLine: 3, EndColumn: 51,
				Message:    "Abbas Araghchi is Foreign Minister of Iran since 2024-08-21, no longer Deputy Foreign Minister (from 2013 to 2021)",
				Suggestion: "Foreign Minister", Entry: "abbas-araghchi", Basis: "abbas-araghchi: foreign-minister of IRN since 2024-08-21; document date 2025-09-20"},
			{Check: check.NameVariant, Severity: "warning", Start: 100, End: 111, Line: 4, Column: 1, EndLine: 4, EndColumn: 12,
				Message: "\"Hakan Fidam\" is close to Hakan Fidan: 100% sure?\nno", Suggestion: "did you mean Hakan Fidan?", Entry: "hakan-fidan"},
			{Check: check.UnknownOfficial, Severity: "info", Start: 120, End: 128, Line: 5, Column: 3, EndLine: 5, EndColumn: 11,
				Message: "Jane Roe (Foreign Minister) is not in the lexicon"},
		}},
		{ID: "clean.txt", Findings: []annotate.Finding{}},
	}
}

func render(t *testing.T, format string, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	enc, err := New(format, &b, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs() {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.EncodeError("broken.jsonl:2", errString("broken.jsonl:2: not a JSON object")); err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type errString string

func (e errString) Error() string { return string(e) }

// TestGolden compares each format's output with testdata/FORMAT.golden.
func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, Options{Version: "test", FailOn: check.Warning})
			path := filepath.Join("testdata", format+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s output differs (-want +got):\n%s", format, diff)
			}
		})
	}
}

// TestSARIFSchema validates the SARIF output against the SARIF 2.1.0
// JSON Schema, formats (uri, uri-reference) asserted.
func TestSARIFSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	severity := func(id string) check.Severity {
		if id == check.UnknownOfficial {
			return check.Off
		}
		return check.Error
	}
	for _, opts := range []Options{{Version: "test"}, {Severity: severity}} {
		out := render(t, "sarif", opts)
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("the SARIF output does not match the schema: %v\n%s", err, out)
		}
		var log sarifLog
		if err := json.Unmarshal(out, &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		if len(run.Results) != 3 || len(run.Tool.Driver.Rules) != len(check.Checks()) {
			t.Errorf("%d results and %d rules, want 3 and %d", len(run.Results), len(run.Tool.Driver.Rules), len(check.Checks()))
		}
		for _, r := range run.Results {
			if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
				t.Errorf("result %s points at rule %d, %s", r.RuleID, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID)
			}
		}
		if run.Invocations[0].ExecutionSuccessful {
			t.Error("a run with a failed input is marked successful")
		}
	}
}

// TestJUnit: the XML parses back, and only findings at or above --fail-on
// are failures.
func TestJUnit(t *testing.T) {
	for _, tt := range []struct {
		failOn   check.Severity
		failures int
	}{{check.Error, 1}, {check.Warning, 2}, {check.Info, 3}, {check.Off, 0}} {
		var s junitSuites
		if err := xml.Unmarshal(render(t, "junit", Options{FailOn: tt.failOn}), &s); err != nil {
			t.Fatal(err)
		}
		if s.Failures != tt.failures || s.Tests != 5 || s.Errors != 1 {
			t.Errorf("fail-on %s: %d tests, %d failures, %d errors; want 5, %d, 1", tt.failOn, s.Tests, s.Failures, s.Errors, tt.failures)
		}
	}
}

// TestGitHubEscaping: a message's newline and a path's comma cannot break
// the workflow command.
func TestGitHubEscaping(t *testing.T) {
	out := string(render(t, "github", Options{}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::") || strings.Count(l, "::") != 2 {
			t.Errorf("not one workflow command: %q", l)
		}
	}
	if !strings.Contains(out, "file=news/turkey%2C iran.md") || !strings.Contains(out, "100%25 sure?%0Ano") {
		t.Errorf("values not escaped:\n%s", out)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("xml", &bytes.Buffer{}, Options{}); err == nil {
		t.Error("an unknown format was accepted")
	}
}
