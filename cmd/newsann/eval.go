package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/corpus"
	"github.com/newsann/newsann/annotate/eval"
	"github.com/newsann/newsann/lexicon"
)

// EvalOptions are the options of `newsann eval`.
type EvalOptions struct {
	IO       *IOStreams
	Factory  *Factory
	Gold     string
	Pred     string
	Annotate bool
	Maps     []string
	Labels   string
	Preset   string
	Format   string
	Relaxed  bool
	Joins    []string
	Jobs     int
	Fallback bool
}

// evalPresets are label correspondences for the public data sets newsann
// is measured on (docs/accuracy.md explains each choice).
var evalPresets = map[string]struct {
	maps   []string
	labels string
	joins  []string
}{
	"conll": {maps: []string{"PERSON=PER", "COUNTRY=LOC", "CITY=LOC", "TERRITORY=LOC", "LOCATION=LOC", "ORGANIZATION=ORG", "NATIONALITY=MISC"}, labels: "PER,LOC,ORG"},
	"gmb": {maps: []string{"PERSON=PER", "COUNTRY=GEO", "TERRITORY=GEO", "LOCATION=GEO", "CITY=GEO", "ORGANIZATION=ORG", "NATIONALITY=GPE"}, labels: "PER,ORG,GEO,GPE",
		joins: []string{"TITLE+PERSON"}},
	"timex": {labels: "DATE,TIME,DURATION,SET"},
}

// NewCmdEval builds `newsann eval`.
func NewCmdEval(f *Factory, runF func(*EvalOptions) error) *cobra.Command {
	opts := &EvalOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "eval GOLD.jsonl [PRED.jsonl]",
		Short: "Score predicted mentions against gold spans",
		Long: `Eval scores predicted mentions against gold: exact span and label (or
overlapping span with --relaxed), precision, recall and F1 per label and
overall. Both files are JSONL, one document a line, joined on "id"; gold
spans are read from "entities", predicted ones from "mentions" (newsann's
output) or "entities". Offsets are code points.

With --annotate, newsann annotates the gold texts itself and scores them
in one go (a record's meta.date or meta.dct is its document date).

--map renames predicted labels (PERSON=PER); a label mapped to "-" is
dropped. --labels limits scoring to the given labels on both sides.
--preset conll|gmb|timex sets both for a public data set. The figures agree
with ../shared/eval/score.py on the same files.`,
		Example: `  newsann eval --annotate --preset conll ../shared/eval/conll2003/dev.jsonl
  newsann eval gold.jsonl pred.jsonl --map PERSON=PER --map COUNTRY=LOC --labels PER,LOC --format json`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Gold = args[0]
			if len(args) == 2 {
				opts.Pred = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return evalRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Annotate, "annotate", false, "annotate the gold texts and score the result")
	fl.StringArrayVar(&opts.Maps, "map", nil, "label correspondence `FROM=TO` (comma-separated or repeated)")
	fl.StringVar(&opts.Labels, "labels", "", "comma-separated `LABELS` to score (default: all)")
	fl.StringVar(&opts.Preset, "preset", "", "label mapping and labels for a data set: conll, gmb, timex")
	fl.StringVar(&opts.Format, "format", "table", "output `FORMAT`: table or json")
	fl.BoolVar(&opts.Relaxed, "relaxed", false, "count overlapping spans of the right label as matches")
	fl.StringArrayVar(&opts.Joins, "join", nil, "merge a predicted `A+B` pair (label A right before label B) into one B span, as data sets that count titles in names do")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "parallel workers for --annotate, 0 for one per CPU")
	fl.BoolVar(&opts.Fallback, "fallback", false, "with --annotate, add prose's statistical NER for names nothing else explains")
	return cmd
}

func evalRun(ctx context.Context, opts *EvalOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if opts.Format != "table" && opts.Format != "json" {
		return usageError{fmt.Errorf("--format %q: want table or json", opts.Format)}
	}
	if (opts.Pred == "") == !opts.Annotate {
		return usageError{fmt.Errorf("give a prediction file or --annotate, not both or neither")}
	}
	eo := eval.Options{Relaxed: opts.Relaxed, Map: map[string]string{}}
	maps, labels := opts.Maps, opts.Labels
	if opts.Preset != "" {
		p, ok := evalPresets[opts.Preset]
		if !ok {
			return usageError{fmt.Errorf("--preset %q: want conll, gmb or timex", opts.Preset)}
		}
		maps = append(slices.Clone(p.maps), maps...)
		if labels == "" {
			labels = p.labels
		}
		opts.Joins = append(slices.Clone(p.joins), opts.Joins...)
	}
	for _, m := range maps {
		for _, kv := range strings.Split(m, ",") {
			from, to, ok := strings.Cut(kv, "=")
			if !ok || from == "" || to == "" {
				return usageError{fmt.Errorf("--map %q: want FROM=TO", kv)}
			}
			eo.Map[from] = to
		}
	}
	if labels != "" {
		eo.Labels = strings.Split(labels, ",")
	}
	for _, j := range opts.Joins {
		a, b, ok := strings.Cut(j, "+")
		if !ok || a == "" || b == "" {
			return usageError{fmt.Errorf("--join %q: want LABEL+LABEL", j)}
		}
		eo.Join = append(eo.Join, [2]string{a, b})
	}
	gold, err := readEvalFile(opts.Gold)
	if err != nil {
		return err
	}
	var pred []eval.Doc
	if opts.Annotate {
		pred, err = annotateGold(ctx, opts, gold)
	} else {
		pred, err = readEvalFile(opts.Pred)
	}
	if err != nil {
		return err
	}
	rep := eval.Score(gold, pred, eo)
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		return enc.Encode(rep.JSON())
	}
	return rep.WriteTable(opts.IO.Out)
}

func readEvalFile(path string) ([]eval.Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return eval.Read(path, f)
}

// annotateGold annotates the gold documents' texts with code-point offsets.
func annotateGold(ctx context.Context, opts *EvalOptions, gold []eval.Doc) ([]eval.Doc, error) {
	a, err := opts.Factory.Annotator(annotate.Options{Offsets: annotate.Codepoints, Fallback: opts.Fallback})
	if err != nil {
		return nil, err
	}
	items := func(yield func(corpus.Item) bool) {
		for _, g := range gold {
			in := annotate.Input{ID: g.ID, Text: g.Text}
			if d, err := lexicon.ParseDate(firstDate(g.Date)); err == nil && d.Precision() == lexicon.DayPrecision {
				in.Date, in.DateSource = d, "record"
			}
			if !yield(corpus.Item{Input: in, Where: fmt.Sprintf("%s:%d", opts.Gold, g.Line)}) {
				return
			}
		}
	}
	var pred []eval.Doc
	err = corpus.Run(ctx, a, items, opts.Jobs, func(r corpus.Result) error {
		if r.Err != nil {
			return fmt.Errorf("%s: %w", r.Item.Where, r.Err)
		}
		d := eval.Doc{ID: r.Doc.ID, Text: r.Item.Input.Text}
		for _, m := range r.Doc.Mentions {
			d.Spans = append(d.Spans, eval.Span{Start: m.Start, End: m.End, Label: m.Label, Value: m.Value})
		}
		pred = append(pred, d)
		return nil
	})
	return pred, err
}

// firstDate returns the date part of a date or timestamp ("1996-08-22",
// "20130322T…" is left as is and fails to parse).
func firstDate(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}
