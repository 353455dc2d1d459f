package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/newsann/newsann/annotate/synth"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// pipelineTimeout bounds one pipeline run in the tests. A run of the
// parity corpus takes seconds; a runner that hangs (Prism's PROCESS
// environment in 2.77.0 loses its worker and never finishes) must fail
// the test, not block it.
const pipelineTimeout = 3 * time.Minute

// runPipeline runs cfg on Prism, in process, with the loopback
// environment (Prism's default: the workers are goroutines of the test).
func runPipeline(t *testing.T, cfg Config) Summary {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), pipelineTimeout)
	defer cancel()
	type outcome struct {
		sum Summary
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		sum, err := Run(ctx, "prism", cfg)
		done <- outcome{sum, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatalf("pipeline: %v", o.err)
		}
		return o.sum
	case <-time.After(pipelineTimeout + 10*time.Second):
		t.Fatalf("pipeline still running %v after its deadline: the runner hangs", pipelineTimeout)
	}
	return Summary{}
}

// writeParityCorpus writes 1,000 good records built from our test
// articles, with dates, extra fields and numeric ids among them, and
// eight bad ones, split over two JSONL files. It returns the files.
func writeParityCorpus(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	docs := synth.Corpus(texts, 1000*3500, 9)
	if len(docs) < 1000 {
		t.Fatalf("synth.Corpus gave %d documents, want 1000", len(docs))
	}
	var lines [][]byte
	for i, text := range docs[:1000] {
		rec := map[string]any{"id": synth.ID(i), "text": text}
		if i%97 == 0 {
			rec["id"] = 500000 + i // numeric ids are kept as written
		}
		if i%10 == 3 {
			rec["date"] = fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28)
		}
		if i%7 == 1 {
			rec["feed"] = map[string]any{"name": "wire", "seq": i}
		}
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, b)
	}
	bad := []string{
		`not json`,
		`{"id":"bad-text","text":5}`,
		`{"id":"bad-date","text":"Iran","date":"yesterday"}`,
		`{"id":"no-text"}`,
		`[1,2,3]`,
		`{"id":"nul","text":"Iran\u0000Iraq"}`,
		`{"id":"bad-date-type","text":"Iran","date":20251114}`,
		`{"id":"cut","text":"Ira`,
	}
	for i, b := range bad {
		at := 40 + i*120
		lines = slices.Insert(lines, at, []byte(b), []byte("")) // a blank line too, skipped but counted
	}
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	half := len(lines) / 2
	files := []string{filepath.Join(in, "part-a.jsonl"), filepath.Join(in, "part-b.jsonl")}
	for i, part := range [][][]byte{lines[:half], lines[half:]} {
		if err := os.WriteFile(files[i], append(bytes.Join(part, []byte("\n")), '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// cliOutput runs `newsann annotate -o jsonl -j 1` over files, built from
// the main module with the given version, and splits its output into
// document lines and error records.
func cliOutput(t *testing.T, dir, version string, files []string) (docs, failures []string) {
	t.Helper()
	bin := filepath.Join(dir, "newsann")
	build := exec.Command("go", "build", "-C", filepath.Join("..", ".."), "-o", bin,
		"-ldflags", "-X main.version="+version, "./cmd/newsann")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the CLI: %v\n%s", err, out)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"annotate", "-o", "jsonl", "-j", "1"}, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("newsann annotate: %v, want exit status 2 for the bad records\n%s", err, stderr.Bytes())
	}
	for _, line := range splitLines(stdout.Bytes()) {
		if isFailure(t, line) {
			failures = append(failures, line)
		} else {
			docs = append(docs, line)
		}
	}
	return docs, failures
}

func splitLines(b []byte) []string {
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// isFailure reports whether a JSONL line is an {"id", "error"} record.
func isFailure(t *testing.T, line string) bool {
	var rec map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &rec); err != nil {
		t.Fatalf("output line is not JSON: %v\n%.200s", err, line)
	}
	_, ok := rec["error"]
	return ok && len(rec) == 2
}

// idOf is a line's id field, as written (a numeric id stays a number).
func idOf(t *testing.T, line string) string {
	var rec struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal([]byte(line), &rec); err != nil || len(rec.ID) == 0 {
		t.Fatalf("line without an id: %v\n%.200s", err, line)
	}
	var s string
	if json.Unmarshal(rec.ID, &s) == nil {
		return s
	}
	return string(rec.ID)
}

func sortByID(t *testing.T, lines []string) []string {
	type rec struct{ id, line string }
	recs := make([]rec, len(lines))
	seen := map[string]bool{}
	for i, l := range lines {
		id := idOf(t, l)
		if seen[id] {
			t.Fatalf("id %s twice", id)
		}
		seen[id] = true
		recs[i] = rec{id, l}
	}
	slices.SortFunc(recs, func(a, b rec) int { return strings.Compare(a.id, b.id) })
	sorted := make([]string, len(recs))
	for i, r := range recs {
		sorted[i] = r.line
	}
	return sorted
}

// sameLines compares two sorted outputs line by line and reports the
// first few differences by id, not a diff of megabytes.
func sameLines(t *testing.T, what string, want, got []string) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d lines, the CLI wrote %d", what, len(got), len(want))
	}
	bad := 0
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			t.Errorf("%s: line %d differs:\nCLI:  %.300s\nBeam: %.300s", what, i, want[i], got[i])
			if bad++; bad == 3 {
				return
			}
		}
	}
}

// TestPipelineMatchesCLI runs the pipeline on Prism over 1,000 records
// and eight bad ones and checks, after sorting by id, that its documents
// are the CLI's sequential output byte for byte and its dead letters the
// CLI's error records; that there are exactly the shards asked for, each
// document in the shard its id hashes to.
func TestPipelineMatchesCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI and runs a pipeline")
	}
	t.Setenv("TMPDIR", t.TempDir())
	dir := t.TempDir()
	files := writeParityCorpus(t, dir)
	const version = "parity-test"
	wantDocs, wantFailures := cliOutput(t, dir, version, files)
	if len(wantDocs) != 1000 || len(wantFailures) != 8 {
		t.Fatalf("the CLI wrote %d documents and %d errors, want 1000 and 8", len(wantDocs), len(wantFailures))
	}

	const shards = 4
	out := filepath.Join(dir, "out", "annotated")
	cfg := Config{
		Input:   filepath.Join(dir, "in", "*.jsonl"),
		Output:  out,
		Shards:  shards,
		Options: Options{Offsets: "codepoints", Version: version},
	}
	sum := runPipeline(t, cfg)
	if want := (Summary{Documents: 1000, DeadLetters: 8, Known: true}); sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}

	names, _ := filepath.Glob(filepath.Join(dir, "out", "*"))
	var wantNames []string
	for i := range shards {
		wantNames = append(wantNames, shardName(out, i, shards))
	}
	deadFile := shardName(out+"-errors", 0, 1)
	if want := append(slices.Clone(wantNames), deadFile); !slices.Equal(names, slices.Sorted(slices.Values(want))) {
		t.Fatalf("output files %q, want %q", names, want)
	}
	var gotDocs []string
	for i, name := range wantNames {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) == 0 {
			t.Errorf("%s is empty: 1,000 ids should reach every shard", name)
			continue
		}
		for _, line := range splitLines(b) {
			if s := shardOf(idOf(t, line), shards); s != i {
				t.Errorf("document %s in shard %d, its id hashes to %d", idOf(t, line), i, s)
			}
			gotDocs = append(gotDocs, line)
		}
	}
	sameLines(t, "documents", sortByID(t, wantDocs), sortByID(t, gotDocs))

	b, err := os.ReadFile(deadFile)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "dead letters", sortByID(t, wantFailures), sortByID(t, splitLines(b)))
}
