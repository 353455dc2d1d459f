package annotate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsann/newsann/annotate/synth"
	"github.com/newsann/newsann/lexicon"
	"github.com/newsann/newsann/lexicon/petrarch"
)

// phoenixCountries is the Phoenix country actor dictionary, in the public
// evaluation data beside the repository.
const phoenixCountries = "../../shared/eval/petrarch-cameo/raw/petrarch2/Phoenix.Countries.actors.txt"

// annotateOver builds an annotator for the embedded gazetteer with more
// files merged over it, validated as `--lexicon` files are.
func annotateOver(b *testing.B, more ...*lexicon.File) *Annotator {
	b.Helper()
	files, err := lexicon.DefaultFiles()
	if err != nil {
		b.Fatal(err)
	}
	lex, err := lexicon.Build(append(files, more...), lexicon.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return mustNew(b, lex, Options{Version: "bench"})
}

// phoenixFile converts the Phoenix country dictionary over the embedded
// gazetteer, as `newsann lexicon import --from petrarch` does.
func phoenixFile(b *testing.B) *lexicon.File {
	b.Helper()
	fh, err := os.Open(phoenixCountries)
	if err != nil {
		b.Skip("no Phoenix dictionary in ../shared/eval")
	}
	defer fh.Close()
	actors, _ := petrarch.Parse(filepath.Base(phoenixCountries), fh)
	base, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	res := petrarch.Convert(actors, petrarch.Options{Base: base, Source: filepath.Base(phoenixCountries)})
	f := &lexicon.File{Path: "phoenix.yaml", AsOf: res.AsOf}
	for i := range res.Records {
		e, err := res.Records[i].Entry(lexicon.Pos{File: f.Path, Line: i + 1})
		if err != nil {
			b.Fatal(err)
		}
		e.AsOf = res.AsOf
		f.Entries = append(f.Entries, e)
	}
	return f
}

// compareAnnotators annotates the corpus with each annotator in turn,
// round after round, and reports each one's throughput (MB/s, under its
// name) and its speed relative to the first. Interleaving the rounds
// keeps a busy machine from favouring whichever ran first.
func compareAnnotators(b *testing.B, names []string, as []*Annotator) {
	docs := benchDocs()
	ctx := context.Background()
	date := lexicon.MustDate("2025-11-14")
	spent := make([]time.Duration, len(as))
	b.ResetTimer()
	for b.Loop() {
		for k, a := range as {
			start := time.Now()
			for i, d := range docs {
				if _, err := a.Annotate(ctx, Input{ID: synth.ID(i), Text: d, Date: date}); err != nil {
					b.Fatal(err)
				}
			}
			spent[k] += time.Since(start)
		}
	}
	mb := float64(synth.Size(docs)) / 1e6 * float64(b.N)
	for k, name := range names {
		b.ReportMetric(mb/spent[k].Seconds(), name+"-MB/s")
		if k > 0 {
			b.ReportMetric(spent[0].Seconds()/spent[k].Seconds(), name+"/"+names[0])
		}
	}
}

// BenchmarkAnnotateLexicon compares annotation throughput over the same
// ~1 MB corpus with the embedded gazetteer alone and with the Phoenix
// country dictionary (~18k actors, ~26k names) imported and merged over
// it, in one run. The ratio phoenix/default is the speed kept.
//
//	go test ./annotate -run '^$' -bench BenchmarkAnnotateLexicon$ -benchtime 10x
func BenchmarkAnnotateLexicon(b *testing.B) {
	compareAnnotators(b, []string{"default", "phoenix"}, []*Annotator{annotateOver(b), annotateOver(b, phoenixFile(b))})
}

// BenchmarkAnnotateLexiconSize shows annotation cost against lexicon
// size: the embedded gazetteer alone and with 1, 10 and 100 times its
// number of entries in made-up people added. Matching costs a hash lookup
// per token whatever the lexicon's size, so throughput should stay nearly
// flat.
//
//	go test ./annotate -run '^$' -bench BenchmarkAnnotateLexiconSize -benchtime 10x
func BenchmarkAnnotateLexiconSize(b *testing.B) {
	def, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"x0"}
	as := []*Annotator{annotateOver(b)}
	for _, x := range []int{1, 10, 100} {
		f := &lexicon.File{Path: "synth.jsonl", Entries: synth.People(x*def.Len(), 1)}
		names = append(names, fmt.Sprintf("x%d", x))
		as = append(as, annotateOver(b, f))
	}
	compareAnnotators(b, names, as)
}
