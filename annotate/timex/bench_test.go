package timex

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsann/newsann/annotate/synth"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

func readArticles() ([]string, error) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	if err != nil {
		return nil, err
	}
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		texts = append(texts, string(b))
	}
	return texts, nil
}

// articles returns the test articles we wrote (testdata/articles).
func articles(t testing.TB) []string {
	t.Helper()
	texts, err := readArticles()
	if err != nil || len(texts) == 0 {
		t.Fatalf("reading test articles: %v (%d found)", err, len(texts))
	}
	return texts
}

// benchDocs is a ~1 MB corpus synthesized from the test articles, as the
// pipeline's benchmarks use.
var benchDocs = sync.OnceValue(func() []string {
	texts, err := readArticles()
	if err != nil {
		panic(err)
	}
	return synth.Corpus(texts, 1<<20, 1)
})

// BenchmarkTag measures Tag alone, on tokens and sentences computed
// beforehand, over wire-like text.
func BenchmarkTag(b *testing.B) {
	g := mustTagger(b)
	docs := benchDocs()
	toks := make([][]token.Token, len(docs))
	n := 0
	for i, d := range docs {
		toks[i] = token.Tokenize(nil, d)
		n += len(d)
	}
	date := lexicon.MustDate("2025-11-14")
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			g.Tag(d, toks[i], nil, date)
		}
	}
}

// BenchmarkNew measures compiling the embedded rules, paid once per
// process.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
