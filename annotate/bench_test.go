package annotate

import (
	"context"
	"path/filepath"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/annotate/synth"
	"github.com/newsann/newsann/annotate/timex"
	"github.com/newsann/newsann/lexicon"
)

// benchDocs is the corpus the benchmarks share: a ~1 MB corpus
// synthesized from the test articles, or the texts of the JSONL file
// named by NEWSANN_BENCH_CORPUS (for measuring on real news one has).
var benchDocs = sync.OnceValue(func() []string {
	texts, err := synth.BenchCorpus(filepath.Join("..", "testdata", "articles", "*.txt"))
	if err != nil {
		panic(err)
	}
	return texts
})

func defaultAnnotator(b *testing.B) *Annotator { return benchAnnotator(b, Options{}) }

// benchAnnotator returns an annotator with the default lexicon and o.
func benchAnnotator(b *testing.B, o Options) *Annotator {
	o.Version = "bench"
	return embeddedAnnotator(b, o)
}

// benchAnnotate annotates the corpus with a on one goroutine, dated date.
func benchAnnotate(b *testing.B, a *Annotator, date lexicon.Date) {
	docs := benchDocs()
	ctx := context.Background()
	b.SetBytes(synth.Size(docs))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			if _, err := a.Annotate(ctx, Input{ID: synth.ID(i), Text: d, Date: date}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkStage times each stage of the pipeline on its own: every
// document goes through the whole pipeline, and only the named stage's
// time and allocations are counted, so the figures add up to
// BenchmarkAnnotate's (less the pool and the context checks). MB/s is the
// stage's speed over the input text.
func BenchmarkStage(b *testing.B) {
	a := defaultAnnotator(b)
	docs := benchDocs()
	size := synth.Size(docs)
	date := lexicon.MustDate("2025-11-14")
	for k, st := range a.stages {
		b.Run(st.name, func(b *testing.B) {
			b.ReportAllocs() // so that the B/op and allocs/op reported below are printed
			sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/heap/allocs:objects"}}
			var spent time.Duration
			var bytes, objects uint64
			n := 0
			for b.Loop() {
				n++
				for i, d := range docs {
					in := Input{ID: synth.ID(i), Text: d, Date: date}
					s := a.pool.Get().(*state)
					s.a, s.in, s.text = a, &in, in.Text
					for j, sj := range a.stages {
						if j != k {
							sj.run(s)
							continue
						}
						metrics.Read(sample)
						b0, o0 := sample[0].Value.Uint64(), sample[1].Value.Uint64()
						t0 := time.Now()
						sj.run(s)
						spent += time.Since(t0)
						metrics.Read(sample)
						bytes += sample[0].Value.Uint64() - b0
						objects += sample[1].Value.Uint64() - o0
					}
					s.reset()
					a.pool.Put(s)
				}
			}
			b.ReportMetric(float64(spent.Nanoseconds())/float64(n), "ns/op")
			b.ReportMetric(float64(size)*float64(n)/1e6/spent.Seconds(), "MB/s")
			b.ReportMetric(float64(bytes)/float64(n), "B/op")
			b.ReportMetric(float64(objects)/float64(n), "allocs/op")
		})
	}
}

// BenchmarkAnnotate is the whole pipeline on one goroutine.
func BenchmarkAnnotate(b *testing.B) {
	benchAnnotate(b, defaultAnnotator(b), lexicon.MustDate("2025-11-14"))
}

// BenchmarkNew is the start-up cost of New beyond the builds it is
// given: the lexicon, the rules and the time tagger are built once,
// outside the timer, as the CLI builds them concurrently beforehand.
func BenchmarkNew(b *testing.B) {
	lex, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	files, err := rules.DefaultFiles()
	if err != nil {
		b.Fatal(err)
	}
	rs, err := rules.Compile(files)
	if err != nil {
		b.Fatal(err)
	}
	tx, err := timex.New()
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Version: "bench", Rules: rs, Timex: tx}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(lex, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnnotateUndated is the whole pipeline on texts given no date,
// as the records of most corpora are: the annotator then looks for one in
// each text's head (timex.Tagger.DocumentDate), which costs most on short
// texts (one-sentence records).
func BenchmarkAnnotateUndated(b *testing.B) {
	benchAnnotate(b, defaultAnnotator(b), lexicon.Date{})
}

// BenchmarkAnnotateNoRules is the pipeline with the lexicon alone, to
// show what the rules cost.
func BenchmarkAnnotateNoRules(b *testing.B) {
	benchAnnotate(b, benchAnnotator(b, Options{NoRules: true}), lexicon.Date{})
}

// BenchmarkAnnotateNoRelations is the pipeline without the relation and
// event rules (50-relations.yaml, 60-events.yaml), to show what they cost
// next to BenchmarkAnnotate; the lexicon's relations and quotes still run.
func BenchmarkAnnotateNoRelations(b *testing.B) {
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
	benchAnnotate(b, benchAnnotator(b, Options{Rules: rs}), lexicon.MustDate("2025-11-14"))
}

// BenchmarkAppendJSON is the JSON encoding of the corpus's documents
// alone, as the JSONL encoder writes them, each into the buffer of the
// one before: the work of the one goroutine that writes a corpus run's
// output, whatever the number of workers. MB/s is over the input text.
func BenchmarkAppendJSON(b *testing.B) {
	a := defaultAnnotator(b)
	texts := benchDocs()
	docs := make([]*Document, len(texts))
	for i, t := range texts {
		d, err := a.Annotate(context.Background(), Input{ID: synth.ID(i), Text: t, Date: lexicon.MustDate("2025-11-14")})
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = d
	}
	b.SetBytes(synth.Size(texts))
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		for _, d := range docs {
			var err error
			if buf, err = d.AppendJSON(buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
