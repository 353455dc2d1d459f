package lexicon_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsann/newsann/annotate/synth"
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

// BenchmarkMatchCorpus is name matching as the foundation issue measures
// it: tokenize, fold, look up and match every name of a ~1 MB corpus
// synthesized from the test articles, with the countries alone and with
// the whole gazetteer. MB/s is over the corpus's text.
func BenchmarkMatchCorpus(b *testing.B) {
	l, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	var countries []*lexicon.Entry
	for _, e := range l.Entries() {
		if e.Kind == lexicon.Country {
			countries = append(countries, e)
		}
	}
	only, err := lexicon.Build([]*lexicon.File{{Path: "countries", Entries: countries}}, lexicon.Options{SkipValidation: true})
	if err != nil {
		b.Fatal(err)
	}
	texts, _, _ := benchArticles(b)
	docs := synth.Corpus(texts, 1<<20, 1)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	for _, c := range []struct {
		name string
		m    *lexicon.Matcher
	}{{"countries", only.Matcher()}, {"gazetteer", l.Matcher()}} {
		b.Run(c.name, func(b *testing.B) {
			f := token.NewFolder()
			var toks []token.Token
			var ids []int32
			var ms []lexicon.Match
			found := 0
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				found = 0
				for _, d := range docs {
					toks = token.Tokenize(toks[:0], d)
					ids = c.m.Keys(ids[:0], f, d, toks)
					ms = c.m.Match(ms[:0], d, toks, ids)
					found += len(ms)
				}
			}
			b.ReportMetric(float64(found), "names/op")
		})
	}
}
