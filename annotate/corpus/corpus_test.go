package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/encode"
	"github.com/newsann/newsann/lexicon"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type seen struct{ ID, Err string }

func collect(r *Reader, paths ...string) []seen {
	var out []seen
	for it := range r.Items(paths) {
		s := seen{ID: it.Input.ID}
		if it.Err != nil {
			s.Err = it.Err.Error()
		}
		out = append(out, s)
	}
	return out
}

func TestReaderDirectoryAndErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"b.txt": "Iran", "a.md": "Turkey", "sub/c.txt": "Chad", "skip.csv": "x",
		"recs.jsonl": "{\"id\":\"r1\",\"text\":\"Iran\"}\nnot json\n",
	})
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	r := &Reader{}
	got := collect(r, dir)
	want := []seen{
		{ID: filepath.Join(dir, "a.md")},
		{ID: filepath.Join(dir, "b.txt")},
		{ID: filepath.Join(dir, "dangling.txt"), Err: filepath.Join(dir, "dangling.txt") + ": no such file or directory"},
		{ID: filepath.Join(dir, "sub/c.txt")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("directory items (-want +got):\n%s", diff)
	}
	got = collect(r, filepath.Join(dir, "recs.jsonl"))
	if len(got) != 2 || got[0].ID != "r1" || !strings.Contains(got[1].Err, "recs.jsonl:2: not a JSON object") {
		t.Errorf("jsonl items = %+v", got)
	}
}

func TestReaderText(t *testing.T) {
	r := &Reader{Stdin: strings.NewReader("\ufeffIran \xff\xfe here"), Date: lexicon.MustDate("2025-11-14")}
	var items []Item
	for it := range r.Items(nil) {
		items = append(items, it)
	}
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	it := items[0]
	if it.Input.Text != "Iran \ufffd\ufffd here" || it.Input.ID != "-" || it.Input.DateSource != "flag" {
		t.Errorf("item = %+v", it.Input)
	}
	if len(it.Warnings) != 1 || it.Warnings[0] != "-:1: invalid UTF-8: 2 bad bytes replaced by U+FFFD; offsets refer to the replaced text" {
		t.Errorf("warnings = %q", it.Warnings)
	}
}

func TestReaderLongLine(t *testing.T) {
	in := `{"id":"a","text":"` + strings.Repeat("x", 100) + "\"}\n" + `{"id":"b","text":"Iran"}` + "\n"
	r := &Reader{Stdin: strings.NewReader(in), Mode: JSONL, MaxRecord: 50}
	got := collect(r)
	if len(got) != 2 || !strings.Contains(got[0].Err, "line too long") || got[1].ID != "b" || got[1].Err != "" {
		t.Errorf("items = %+v", got)
	}
}

func miniAnnotator(t testing.TB) *annotate.Annotator {
	files, err := lexicon.ReadPaths(filepath.Join("..", "..", "testdata", "lexicon", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Build(files, lexicon.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := annotate.New(lex, annotate.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// corpusItems makes n inputs, every seventh one broken.
func corpusItems(n int) func(func(Item) bool) {
	words := []string{"Iran", "Turkey", "Chad", "Georgia", "Abbas Araghchi met Hakan Fidan.", "the U.S. and NATO"}
	return func(yield func(Item) bool) {
		for i := range n {
			it := Item{Input: annotate.Input{ID: fmt.Sprint(i), Text: strings.Repeat(words[i%len(words)]+". ", i%13)}}
			if i%7 == 3 {
				it.Err = errors.New("broken input")
			}
			if !yield(it) {
				return
			}
		}
	}
}

func runJSONL(t *testing.T, a *annotate.Annotator, workers int) []byte {
	t.Helper()
	var b bytes.Buffer
	enc, _ := encode.New("jsonl", &b, encode.Options{})
	err := Run(context.Background(), a, corpusItems(500), workers, func(r Result) error {
		if r.Err != nil {
			return enc.EncodeError(r.Item.Input.ID, r.Err)
		}
		return enc.Encode(r.Doc)
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRunDeterministic: the output is byte-identical for any number of
// workers and from one run to the next, in input order.
func TestRunDeterministic(t *testing.T) {
	a := miniAnnotator(t)
	one := runJSONL(t, a, 1)
	if lines := bytes.Count(one, []byte("\n")); lines != 500 {
		t.Fatalf("%d lines, want 500", lines)
	}
	for _, w := range []int{4, 4, 16} {
		if got := runJSONL(t, a, w); !bytes.Equal(one, got) {
			t.Fatalf("output with %d workers differs from one worker", w)
		}
	}
	if !bytes.HasPrefix(one, []byte(`{"id":"0",`)) || !bytes.Contains(one, []byte(`{"id":"3","error":"broken input"}`)) {
		t.Errorf("unexpected output start or error record:\n%.300s", one)
	}
}

// TestRunStopsWithoutLeaks: an emit error or a cancelled context stops the
// run promptly and leaves no goroutine behind.
func TestRunStopsWithoutLeaks(t *testing.T) {
	a := miniAnnotator(t)
	before := runtime.NumGoroutine()
	stop := errors.New("reader went away")
	n := 0
	err := Run(context.Background(), a, corpusItems(100000), 4, func(r Result) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("err = %v after %d results, want the emit error after 10", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Run(ctx, a, corpusItems(100000), 4, func(r Result) error {
		n++
		if n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n > 6 {
		t.Errorf("err = %v after %d results, want context.Canceled promptly", err, n)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines after the runs, %d before: a leak", g, before)
	}
}
