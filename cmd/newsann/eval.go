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
	// Relations scores relations instead of mentions; RelMaps are the
	// correspondences of relation types to gold labels.
	Relations bool
	RelMaps   []string
	// Events scores coded events (source, target, code) instead.
	Events bool
}

// evalPresets are label correspondences for the public data sets newsann
// is measured on (docs/accuracy.md explains each choice).
var evalPresets = map[string]struct {
	maps   []string
	labels string
	joins  []string
	// relMaps and relLabels are the preset's relation correspondence,
	// for --relations.
	relMaps   []string
	relLabels string
}{
	"conll": {maps: []string{"PERSON=PER", "COUNTRY=LOC", "CITY=LOC", "TERRITORY=LOC", "LOCATION=LOC", "ORGANIZATION=ORG", "NATIONALITY=MISC"}, labels: "PER,LOC,ORG"},
	"gmb": {maps: []string{"PERSON=PER", "COUNTRY=GEO", "TERRITORY=GEO", "LOCATION=GEO", "CITY=GEO", "ORGANIZATION=ORG", "NATIONALITY=GPE"}, labels: "PER,ORG,GEO,GPE",
		joins: []string{"TITLE+PERSON"}},
	"timex": {labels: "DATE,TIME,DURATION,SET"},
	// CrossRE's news relations: a person's office or place in a body is
	// ROLE, a place in a place PHYSICAL, a part or member of a whole
	// PART-OF (docs/accuracy.md says why).
	"crossre": {relMaps: []string{"holds_role=ROLE", "located_in=PHYSICAL", "border=PHYSICAL", "part_of=PART-OF", "member_of=PART-OF"}, relLabels: "ROLE,PHYSICAL,PART-OF"},
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
with ../shared/eval/score.py on the same files.

With --relations, relations are scored instead: gold records give them as
{"head", "tail", "label"} indexing their "entities"; newsann's as
{"type", "subject", "object"} between entities, placed at the mentions of
those entities in the relation's sentence. A prediction is right when a
gold relation of its label has its head at a subject mention and its tail
at an object mention (overlapping with --relaxed). --rel-map gives the
correspondence of newsann's relation types to the gold labels
(holds_role=ROLE); --preset crossre sets it for CrossRE.

With --events, coded events are scored as event coders' validation suites
score them: gold records list {"source", "target", "code"} (actor codes and
a CAMEO code), newsann's events give source_code, target_code and cameo.
An expected event is found when a coded event of the same document has the
same source, target and code (or, for the root figure, the same two-digit
root); coded events that answer none are extra. A record's meta.date
(YYYY-MM-DD or YYYYMMDD) is its document date, which dated actor codes
depend on.`,
		Example: `  newsann eval --annotate --preset conll ../shared/eval/conll2003/dev.jsonl
  newsann eval gold.jsonl pred.jsonl --map PERSON=PER --map COUNTRY=LOC --labels PER,LOC --format json
  newsann eval --relations --annotate --preset crossre ../shared/eval/crossre-news/dev.jsonl
  newsann --no-default-rules --rules verbs.yaml --no-default-lexicon --lexicon actors.yaml eval --events --annotate unittest.jsonl`,
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
	fl.StringVar(&opts.Preset, "preset", "", "label mapping and labels for a data set: conll, gmb, timex, crossre")
	fl.StringVar(&opts.Format, "format", "table", "output `FORMAT`: table or json")
	fl.BoolVar(&opts.Relaxed, "relaxed", false, "count overlapping spans of the right label as matches")
	fl.StringArrayVar(&opts.Joins, "join", nil, "merge a predicted `A+B` pair (label A right before label B) into one B span, as data sets that count titles in names do")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "parallel workers for --annotate, 0 for one per CPU")
	fl.BoolVar(&opts.Fallback, "fallback", false, "with --annotate, add prose's statistical NER for names nothing else explains")
	fl.BoolVar(&opts.Relations, "relations", false, "score relations rather than mentions")
	fl.StringArrayVar(&opts.RelMaps, "rel-map", nil, "with --relations, relation type correspondence `TYPE=LABEL` (comma-separated or repeated)")
	fl.BoolVar(&opts.Events, "events", false, "score coded events (source, target, CAMEO code) rather than mentions")
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
	if opts.Events && opts.Relations {
		return usageError{fmt.Errorf("--events and --relations: one at a time")}
	}
	eo := eval.Options{Relaxed: opts.Relaxed, Map: map[string]string{}}
	maps, labels := opts.Maps, opts.Labels
	if opts.Relations {
		maps = opts.RelMaps
	} else if len(opts.RelMaps) > 0 {
		return usageError{fmt.Errorf("--rel-map needs --relations")}
	}
	if opts.Preset != "" {
		p, ok := evalPresets[opts.Preset]
		if !ok {
			return usageError{fmt.Errorf("--preset %q: want conll, gmb, timex or crossre", opts.Preset)}
		}
		pmaps, plabels := p.maps, p.labels
		if opts.Relations {
			pmaps, plabels = p.relMaps, p.relLabels
		}
		if len(pmaps) == 0 && plabels == "" {
			return usageError{fmt.Errorf("--preset %s has no %s correspondence", opts.Preset, map[bool]string{true: "relation", false: "mention"}[opts.Relations])}
		}
		maps = append(slices.Clone(pmaps), maps...)
		if labels == "" {
			labels = plabels
		}
		opts.Joins = append(slices.Clone(p.joins), opts.Joins...)
	}
	for _, m := range maps {
		for _, kv := range strings.Split(m, ",") {
			from, to, ok := strings.Cut(kv, "=")
			if !ok || from == "" || to == "" {
				return usageError{fmt.Errorf("%s %q: want FROM=TO", map[bool]string{true: "--rel-map", false: "--map"}[opts.Relations], kv)}
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
	if opts.Events {
		rep := eval.ScoreEvents(gold, pred)
		if opts.Format == "json" {
			return json.NewEncoder(opts.IO.Out).Encode(rep)
		}
		return rep.WriteTable(opts.IO.Out)
	}
	score := eval.Score
	if opts.Relations {
		score = eval.ScoreRelations
	}
	rep := score(gold, pred, eo)
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
			if d, err := lexicon.ParseDay(firstDate(g.Date)); err == nil {
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
		d := eval.FromDocument(r.Doc, r.Item.Input.Text)
		pred = append(pred, d)
		return nil
	})
	return pred, err
}

// firstDate returns the date part of a date or timestamp as YYYY-MM-DD
// ("1996-08-22"; event data's "19950101" is read as 1995-01-01;
// "20130322T…" is left as is and fails to parse).
func firstDate(s string) string {
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		return s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	if len(s) > 10 {
		return s[:10]
	}
	return s
}
