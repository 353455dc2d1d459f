package check_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/check"
	"github.com/newsann/newsann/lexicon"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/check/mistakes")

// articlesDir holds the articles written for these tests: clean/ must give
// no finding at all, mistakes/ give the findings of their .golden.json.
var articlesDir = filepath.Join("..", "..", "testdata", "check")

// pipeline is the annotator and checker every test shares: the embedded
// gazetteer and rules, as `newsann check` runs them.
var pipeline = sync.OnceValues(func() (*annotate.Annotator, error) {
	lex, err := lexicon.Default()
	if err != nil {
		return nil, err
	}
	// As `newsann check` builds it: without events and quotes, which no
	// check reads.
	return annotate.New(lex, annotate.Options{Version: "test", NoEvents: true, NoQuotes: true})
})

// bytesPipeline is pipeline with offsets in bytes, as `newsann check`
// annotates.
var bytesPipeline = sync.OnceValues(func() (*annotate.Annotator, error) {
	lex, err := lexicon.Default()
	if err != nil {
		return nil, err
	}
	return annotate.New(lex, annotate.Options{Version: "test", Offsets: annotate.Bytes, NoEvents: true, NoQuotes: true})
})

func newChecker(t testing.TB, opts check.Options) (*annotate.Annotator, *check.Checker) {
	t.Helper()
	a, err := pipeline()
	if err != nil {
		t.Fatal(err)
	}
	c, err := check.New(a.Lexicon(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return a, c
}

// checkText annotates and checks one text.
func checkText(t testing.TB, c *check.Checker, id, text string, in annotate.Input) []annotate.Finding {
	t.Helper()
	a, err := pipeline()
	if err != nil {
		t.Fatal(err)
	}
	in.ID, in.Text = id, text
	d, err := a.Annotate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := c.Check(d, text)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func articles(t *testing.T, dir string) []string {
	t.Helper()
	var paths []string
	for _, ext := range []string{"*.txt", "*.md"} {
		p, err := filepath.Glob(filepath.Join(articlesDir, dir, ext))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p...)
	}
	if len(paths) == 0 {
		t.Fatalf("no articles in %s", filepath.Join(articlesDir, dir))
	}
	return paths
}

// TestCleanArticles is the false-positive guard: articles about the same
// people as the mistakes, with their titles written the many ways
// newsrooms write them, must give no finding at all.
func TestCleanArticles(t *testing.T) {
	_, c := newChecker(t, check.Options{})
	for _, p := range articles(t, "clean") {
		t.Run(filepath.Base(p), func(t *testing.T) {
			text, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range checkText(t, c, p, string(text), annotate.Input{}) {
				t.Errorf("%s:%d:%d: %s: %s [%s]", filepath.Base(p), f.Line, f.Column, f.Severity, f.Message, f.Check)
			}
		})
	}
}

// golden is a finding as the golden files hold it: with the text its span
// covers, so that a reviewer sees what is flagged.
type golden struct {
	annotate.Finding
	Text string `json:"text"`
}

// TestMistakeArticles checks each article with mistakes in context
// against its golden findings: check, span, message, suggestion, the
// entry and dates behind it. After a deliberate change, regenerate with
// -update and review the diff.
func TestMistakeArticles(t *testing.T) {
	_, c := newChecker(t, check.Options{})
	for _, p := range articles(t, "mistakes") {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			fs := checkText(t, c, filepath.Base(p), text, annotate.Input{})
			if len(fs) == 0 {
				t.Fatal("no findings in an article of mistakes")
			}
			got := make([]golden, len(fs))
			runes := []rune(text)
			for i, f := range fs {
				got[i] = golden{Finding: f, Text: string(runes[f.Start:f.End])}
			}
			path := strings.TrimSuffix(p, filepath.Ext(p)) + ".golden.json"
			if *update {
				out, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wb, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			var want []golden
			if err := json.Unmarshal(wb, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("findings differ from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}
