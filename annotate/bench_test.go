package annotate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/annotate/synth"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// benchDocs is a ~1 MB corpus synthesized from the test articles, shared
// by the benchmarks.
var benchDocs = sync.OnceValue(func() []string {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			panic(err)
		}
		texts = append(texts, string(b))
	}
	return synth.Corpus(texts, 1<<20, 1)
})

func benchBytes(docs []string) int64 {
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	return int64(n)
}

func defaultAnnotator(b *testing.B) *Annotator {
	lex, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	a, err := New(lex, Options{Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return a
}

func BenchmarkTokenize(b *testing.B) {
	docs := benchDocs()
	b.SetBytes(benchBytes(docs))
	var toks []token.Token
	for b.Loop() {
		for _, d := range docs {
			toks = token.Tokenize(toks[:0], d)
		}
	}
}

func BenchmarkSegment(b *testing.B) {
	docs := benchDocs()
	f := token.NewFolder()
	toks := make([][]token.Token, len(docs))
	for i, d := range docs {
		toks[i] = token.Tokenize(nil, d)
	}
	b.SetBytes(benchBytes(docs))
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			segment(d, toks[i], f)
		}
	}
}

// BenchmarkLexiconMatch measures finding the embedded lexicon's names:
// folding keys and walking the trie, after tokenizing.
func BenchmarkLexiconMatch(b *testing.B) {
	a := defaultAnnotator(b)
	docs := benchDocs()
	f := token.NewFolder()
	toks := make([][]token.Token, len(docs))
	for i, d := range docs {
		toks[i] = token.Tokenize(nil, d)
	}
	var ids []int32
	var ms []lexicon.Match
	b.SetBytes(benchBytes(docs))
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			ids = a.matcher.Keys(ids[:0], f, d, toks[i])
			ms = a.matcher.Match(ms[:0], d, toks[i], ids)
		}
	}
}

// BenchmarkAnnotate is the whole pipeline on one goroutine.
func BenchmarkAnnotate(b *testing.B) {
	a := defaultAnnotator(b)
	docs := benchDocs()
	ctx := context.Background()
	b.SetBytes(benchBytes(docs))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			if _, err := a.Annotate(ctx, Input{ID: synth.ID(i), Text: d, Date: lexicon.MustDate("2025-11-14")}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAnnotateNoRules is the pipeline with the lexicon alone, to
// show what the rules cost.
func BenchmarkAnnotateNoRules(b *testing.B) {
	lex, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	a, err := New(lex, Options{Version: "bench", NoRules: true})
	if err != nil {
		b.Fatal(err)
	}
	docs := benchDocs()
	ctx := context.Background()
	b.SetBytes(benchBytes(docs))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			if _, err := a.Annotate(ctx, Input{ID: synth.ID(i), Text: d}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAnnotateNoRelations is the pipeline without the relation and
// event rules (50-relations.yaml, 60-events.yaml), to show what they cost
// next to BenchmarkAnnotate; the lexicon's relations and quotes still run.
func BenchmarkAnnotateNoRelations(b *testing.B) {
	lex, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	files, err := rules.DefaultFiles()
	if err != nil {
		b.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f *rules.File) bool {
		return strings.HasSuffix(f.Path, "50-relations.yaml") || strings.HasSuffix(f.Path, "60-events.yaml")
	})
	rs, err := rules.Compile(files)
	if err != nil {
		b.Fatal(err)
	}
	a, err := New(lex, Options{Version: "bench", Rules: rs})
	if err != nil {
		b.Fatal(err)
	}
	docs := benchDocs()
	ctx := context.Background()
	b.SetBytes(benchBytes(docs))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			if _, err := a.Annotate(ctx, Input{ID: synth.ID(i), Text: d, Date: lexicon.MustDate("2025-11-14")}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
