package check_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/check"
	"github.com/newsann/newsann/annotate/synth"
	"github.com/newsann/newsann/lexicon"
)

// benchDocs is a ~1 MB corpus synthesized from our test articles and the
// check articles (clean and with mistakes), so that the checks have
// officials, titles and findings to work on; or the texts of the JSONL
// file named by NEWSANN_BENCH_CORPUS, as for the annotate benchmarks.
var benchDocs = sync.OnceValue(func() []string {
	texts, err := synth.BenchCorpus(
		filepath.Join("..", "..", "testdata", "articles", "*.txt"),
		filepath.Join(articlesDir, "*", "*.txt"),
		filepath.Join(articlesDir, "*", "*.md"))
	if err != nil {
		panic(err)
	}
	return texts
})

func benchInput(i int, text string) annotate.Input {
	return annotate.Input{ID: synth.ID(i), Text: text, Date: lexicon.MustDate("2025-09-20"), DateSource: "flag"}
}

// BenchmarkCheck measures the checks alone, over documents annotated
// beforehand (code-point offsets, as `newsann check` asks by default).
func BenchmarkCheck(b *testing.B) {
	a, c := newChecker(b, check.Options{})
	texts := benchDocs()
	docs := make([]*annotate.Document, len(texts))
	for i, t := range texts {
		d, err := a.Annotate(context.Background(), benchInput(i, t))
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = d
	}
	b.SetBytes(synth.Size(texts))
	b.ResetTimer()
	findings := 0
	for b.Loop() {
		findings = 0
		for i, d := range docs {
			fs, err := c.Check(d, texts[i])
			if err != nil {
				b.Fatal(err)
			}
			findings += len(fs)
		}
	}
	b.ReportMetric(float64(findings), "findings")
}

// BenchmarkAnnotateAndCheck measures what `newsann check` does per
// document: the whole pipeline in bytes, then the checks, their findings
// in code points.
func BenchmarkAnnotateAndCheck(b *testing.B) {
	_, c := newChecker(b, check.Options{})
	a, err := bytesPipeline()
	if err != nil {
		b.Fatal(err)
	}
	texts := benchDocs()
	b.SetBytes(synth.Size(texts))
	b.ResetTimer()
	for b.Loop() {
		for i, t := range texts {
			d, err := a.Annotate(context.Background(), benchInput(i, t))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := c.CheckIn(d, t, annotate.Codepoints); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAnnotate is the pipeline alone, on the same corpus, so the
// share of the checks can be read off.
func BenchmarkAnnotate(b *testing.B) {
	a, _ := newChecker(b, check.Options{})
	texts := benchDocs()
	b.SetBytes(synth.Size(texts))
	b.ResetTimer()
	for b.Loop() {
		for i, t := range texts {
			if _, err := a.Annotate(context.Background(), benchInput(i, t)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCheckLongParagraph measures the checks over one document of
// ~128 KB with no paragraph break and no line break: the clean check
// articles over and over for half of it, then the corpus's texts (but for
// those with a suppression comment, which would then cover the whole
// text), all run together, so that the same officials are named hundreds
// of times in one paragraph, on one line, with the same office and then
// with others. What the checks do per claim or per finding must not read
// the paragraph or the line from its start, nor compare each claim of a
// person with every other.
func BenchmarkCheckLongParagraph(b *testing.B) {
	a, c := newChecker(b, check.Options{})
	clean, err := filepath.Glob(filepath.Join(articlesDir, "clean", "*"))
	if err != nil || len(clean) == 0 {
		b.Fatalf("no clean articles: %v", err)
	}
	var sb strings.Builder
	add := func(t string) {
		sb.WriteString(strings.Join(strings.Fields(t), " "))
		sb.WriteString(" ")
	}
	for sb.Len() < 64<<10 {
		for _, name := range clean {
			t, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			add(string(t))
		}
	}
	for _, t := range benchDocs() {
		if sb.Len() >= 128<<10 {
			break
		}
		if !strings.Contains(t, "newsann-ignore") {
			add(t)
		}
	}
	text := sb.String()
	d, err := a.Annotate(context.Background(), benchInput(0, text))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	findings := 0
	for b.Loop() {
		fs, err := c.Check(d, text)
		if err != nil {
			b.Fatal(err)
		}
		findings = len(fs)
	}
	b.ReportMetric(float64(findings), "findings")
}
