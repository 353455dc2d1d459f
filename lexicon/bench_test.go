package lexicon_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// benchArticles returns the test articles, each tokenized, and the folded
// key of every token.
func benchArticles(b *testing.B) (texts []string, toks [][]token.Token, keys []string) {
	b.Helper()
	paths, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no test articles: %v", err)
	}
	f := token.NewFolder()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		s := string(data)
		ts := token.Tokenize(nil, s)
		texts = append(texts, s)
		toks = append(toks, ts)
		for _, t := range ts {
			keys = append(keys, f.Key(t.Text(s)))
		}
	}
	return texts, toks, keys
}

func benchMatcher(b *testing.B) *lexicon.Matcher {
	b.Helper()
	l, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	return l.Matcher()
}

// BenchmarkMatcherID is the vocabulary lookup the annotator makes for
// every token of every document (Matcher.ID of a folded key), over the
// tokens of the test articles.
func BenchmarkMatcherID(b *testing.B) {
	m := benchMatcher(b)
	_, _, keys := benchArticles(b)
	var sink int32
	for b.Loop() {
		for _, k := range keys {
			sink += m.ID(k)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/token")
	_ = sink
}

// BenchmarkMatcherKeys folds and looks up every token of the test
// articles (Matcher.Keys).
func BenchmarkMatcherKeys(b *testing.B) {
	m := benchMatcher(b)
	texts, toks, keys := benchArticles(b)
	f := token.NewFolder()
	var ids []int32
	for b.Loop() {
		for i, s := range texts {
			ids = m.Keys(ids[:0], f, s, toks[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/token")
}

// BenchmarkMatcherMatch finds the names in the test articles, their ids
// computed once: the trie walk (first tokens, then edges) and the case
// checks.
func BenchmarkMatcherMatch(b *testing.B) {
	m := benchMatcher(b)
	texts, toks, keys := benchArticles(b)
	f := token.NewFolder()
	ids := make([][]int32, len(texts))
	for i, s := range texts {
		ids[i] = m.Keys(nil, f, s, toks[i])
	}
	var ms []lexicon.Match
	for b.Loop() {
		for i, s := range texts {
			ms = m.Match(ms[:0], s, toks[i], ids[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/token")
}
