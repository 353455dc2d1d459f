package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
)

type keyed struct {
	Key  string
	Line string
}

// readAll runs readFn over one file and returns its lines and dead letters.
func readAll(t *testing.T, f *readFn, name string) (lines []keyed, dead []string, err error) {
	t.Helper()
	err = f.ProcessElement(context.Background(), name,
		func(where string, b []byte) { lines = append(lines, keyed{where, string(b)}) },
		func(b []byte) { dead = append(dead, string(b)) })
	return lines, dead, err
}

// TestReadFn: lines are keyed "file:line" as the CLI names records, blank
// lines are skipped, a line over the limit is a dead letter, gzip input is
// read through, and a file that cannot be read fails the bundle (so the
// runner retries it) rather than becoming a dead letter.
func TestReadFn(t *testing.T) {
	dir := t.TempDir()
	body := `{"id":"a","text":"Iran"}` + "\n\n" + `{"id":"long","text":"` + strings.Repeat("x", 60) + `"}` + "\r\n" + `{"id":"b","text":"Chad"}`
	plain := filepath.Join(dir, "x.jsonl")
	if err := os.WriteFile(plain, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(body))
	zw.Close()
	zipped := filepath.Join(dir, "x.jsonl.gz")
	if err := os.WriteFile(zipped, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{plain, zipped} {
		lines, dead, err := readAll(t, &readFn{MaxRecord: 40}, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := []keyed{{name + ":1", `{"id":"a","text":"Iran"}`}, {name + ":4", `{"id":"b","text":"Chad"}`}}
		if diff := cmp.Diff(want, lines); diff != "" {
			t.Errorf("%s lines (-want +got):\n%s", name, diff)
		}
		wantDead := []string{fmt.Sprintf(`{"id":"%[1]s:3","error":"%[1]s:3: line too long: over 40 bytes"}`+"\n", name)}
		if diff := cmp.Diff(wantDead, dead); diff != "" {
			t.Errorf("%s dead letters (-want +got):\n%s", name, diff)
		}
	}
	if _, _, err := readAll(t, &readFn{}, filepath.Join(dir, "missing.jsonl")); err == nil || !strings.Contains(err.Error(), "missing.jsonl") {
		t.Errorf("missing file: err = %v, want an error naming it", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.jsonl.gz"), []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readAll(t, &readFn{}, filepath.Join(dir, "bad.jsonl.gz")); err == nil || !strings.Contains(err.Error(), "bad.jsonl.gz") {
		t.Errorf("corrupt gzip: err = %v, want an error naming the file", err)
	}
}

func TestListFn(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.jsonl", "a.jsonl", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	emit := func(s string) { got = append(got, s) }
	if err := (&listFn{Pattern: filepath.Join(dir, "*.jsonl")}).ProcessElement(context.Background(), nil, emit); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if want := []string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")}; !slices.Equal(got, want) {
		t.Errorf("listed %q, want %q", got, want)
	}
	err := (&listFn{Pattern: filepath.Join(dir, "*.gz")}).ProcessElement(context.Background(), nil, emit)
	if err == nil || !strings.Contains(err.Error(), "no file matches") {
		t.Errorf("empty pattern: err = %v, want no file matches", err)
	}
}

// TestAnnotateFn: a good record becomes the CLI's JSONL line keyed by its
// shard; a bad record and a record the annotator panics on become dead
// letters, and the bundle does not fail.
func TestAnnotateFn(t *testing.T) {
	f := &annotateFn{Options: Options{Offsets: "codepoints", Version: "t"}, Shards: 8}
	if err := f.Setup(); err != nil {
		t.Fatal(err)
	}
	type docOut struct {
		Shard int
		Line  string
	}
	var docs []docOut
	var dead []string
	process := func(where, line string) {
		t.Helper()
		err := f.ProcessElement(context.Background(), where, []byte(line),
			func(k int, b []byte) { docs = append(docs, docOut{k, string(b)}) },
			func(b []byte) { dead = append(dead, string(b)) })
		if err != nil {
			t.Fatalf("%s: bundle failed: %v", where, err)
		}
	}
	process("f:1", `{"id":"a","text":"Abbas Araghchi spoke to Hakan Fidan.","feed":"x"}`)
	process("f:2", `{"id":"b","text":["no"]}`)
	if len(docs) != 1 || docs[0].Shard != shardOf("a", 8) {
		t.Fatalf("documents %+v, want one in shard %d", docs, shardOf("a", 8))
	}
	var doc struct {
		ID       string
		Newsann  string
		Feed     string
		Mentions []struct{ Text string }
	}
	if err := json.Unmarshal([]byte(docs[0].Line), &doc); err != nil || !strings.HasSuffix(docs[0].Line, "}\n") {
		t.Fatalf("document line %q: %v", docs[0].Line, err)
	}
	if doc.ID != "a" || doc.Newsann != "t" || doc.Feed != "x" || len(doc.Mentions) < 2 || doc.Mentions[0].Text != "Abbas Araghchi" {
		t.Errorf("document = %+v", doc)
	}
	if want := []string{`{"id":"b","error":"f:2: field \"text\" is an array, not a string"}` + "\n"}; !slices.Equal(dead, want) {
		t.Errorf("dead letters %q, want %q", dead, want)
	}

	f.annotate = func(context.Context, annotate.Input) (*annotate.Document, error) { panic("index out of range") }
	dead = nil
	process("f:3", `{"id":"c","text":"Iran"}`)
	if want := []string{`{"id":"c","error":"f:3: the annotator failed on this record: index out of range"}` + "\n"}; !slices.Equal(dead, want) || len(docs) != 1 {
		t.Errorf("after a panic: dead letters %q (want %q), %d documents", dead, want, len(docs))
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f.Setup()
	err := f.ProcessElement(ctx, "f:4", []byte(`{"id":"d","text":"Iran"}`), func(int, []byte) {}, func(b []byte) { t.Errorf("dead letter %s for a cancelled bundle", b) })
	if err == nil {
		t.Error("a cancelled bundle did not fail, so the runner would not retry its records")
	}
}

// TestShardOf: every shard is used and ids land in range, so N shards
// share the work.
func TestShardOf(t *testing.T) {
	for _, n := range []int{1, 3, 16} {
		count := make([]int, n)
		for i := range 2000 {
			s := shardOf(fmt.Sprint("doc-", i), n)
			if s < 0 || s >= n {
				t.Fatalf("shardOf(_, %d) = %d", n, s)
			}
			count[s]++
		}
		for s, c := range count {
			if c < 2000/n/2 {
				t.Errorf("%d shards: shard %d got %d of 2000 ids", n, s, c)
			}
		}
	}
}

// TestWriteShardFn: a shard's file holds its lines, not the markers, and
// a retry rewrites it whole.
func TestWriteShardFn(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "sub", "out")
	f := &writeShardFn{Prefix: prefix, Shards: 3, Counter: documentsCounter}
	write := func(lines ...string) {
		t.Helper()
		i := 0
		next := func(b *[]byte) bool {
			if i == len(lines) {
				return false
			}
			*b = []byte(lines[i])
			i++
			return true
		}
		if err := f.ProcessElement(context.Background(), 2, next); err != nil {
			t.Fatal(err)
		}
	}
	write("{\"id\":\"a\"}\n", "", "{\"id\":\"b\"}\n")
	write("{\"id\":\"b\"}\n", "{\"id\":\"c\"}\n", "")
	name := prefix + "-00002-of-00003.jsonl"
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\"id\":\"b\"}\n{\"id\":\"c\"}\n"; string(b) != want {
		t.Errorf("%s = %q, want %q", name, b, want)
	}
}

func TestConfigCheck(t *testing.T) {
	good := Config{Input: "in/*.jsonl", Output: "out/x", Shards: 2, Options: Options{Offsets: "codepoints"}}
	tests := []struct {
		change func(*Config)
		err    string
	}{
		{func(c *Config) {}, ""},
		{func(c *Config) { c.Input = "" }, "--input PATTERN is required"},
		{func(c *Config) { c.Output = "" }, "--output PREFIX is required"},
		{func(c *Config) { c.Shards = 0 }, "--shards 0: want 1 or more"},
		{func(c *Config) { c.Options.Date = "2025-11" }, `--date "2025-11": want YYYY-MM-DD`},
		{func(c *Config) { c.Options.Offsets = "runes" }, "runes"},
		{func(c *Config) { c.Options.MaxRecord = -1 }, "--max_record -1: want 0 or more"},
	}
	for i, tt := range tests {
		c := good
		tt.change(&c)
		err := c.Check()
		if (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("case %d: err = %v, want %q", i, err, tt.err)
		}
	}
	if got := good.deadLetterFiles(); got != "out/x-errors-*-of-00001.jsonl" {
		t.Errorf("default dead letters %q", got)
	}
}
