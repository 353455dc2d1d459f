package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/corpus"
	"github.com/newsann/newsann/lexicon"
)

// Config is what a run needs: where to read and write, and how to
// annotate.
type Config struct {
	Input  string // glob of JSONL files
	Output string // prefix of the document shards
	Shards int
	// DeadLetter is the prefix of the dead-letter output; default
	// Output + "-errors".
	DeadLetter string
	Options    Options
}

// Options are the annotation options, as `newsann annotate` has them.
// They travel to the workers inside the DoFns, so every field is exported
// and plain.
type Options struct {
	Date      string // YYYY-MM-DD, for records without a date of their own
	Offsets   string // codepoints, bytes or utf16
	Explain   bool
	Text      bool
	Version   string // written into each document
	MaxRecord int    // longest JSONL line in bytes; 0 is the CLI's default
}

// Check reports a configuration that cannot run, before any worker starts.
func (c *Config) Check() error {
	switch {
	case c.Input == "":
		return errors.New("--input PATTERN is required")
	case c.Output == "":
		return errors.New("--output PREFIX is required")
	case c.Shards < 1:
		return fmt.Errorf("--shards %d: want 1 or more", c.Shards)
	case c.Options.MaxRecord < 0:
		return fmt.Errorf("--max_record %d: want 0 or more", c.Options.MaxRecord)
	}
	if _, err := c.Options.reader(); err != nil {
		return err
	}
	_, err := annotate.ParseOffsetUnit(c.Options.Offsets)
	return err
}

func (c *Config) deadLetter() string {
	if c.DeadLetter != "" {
		return c.DeadLetter
	}
	return c.Output + "-errors"
}

func (c *Config) outputFiles() string     { return shardPattern(c.Output, c.Shards) }
func (c *Config) deadLetterFiles() string { return shardPattern(c.deadLetter(), 1) }

// reader is the record decoder, with the CLI's --date and line limit.
func (o Options) reader() (*corpus.Reader, error) {
	r := &corpus.Reader{Mode: corpus.JSONL, MaxRecord: o.MaxRecord}
	if o.Date != "" {
		d, err := lexicon.ParseDay(o.Date)
		if err != nil {
			return nil, fmt.Errorf("--date %w", err)
		}
		r.Date = d
	}
	return r, nil
}

// annotator builds the annotator over the embedded gazetteer, as the CLI
// does without --lexicon.
func (o Options) annotator() (*annotate.Annotator, error) {
	unit, err := annotate.ParseOffsetUnit(o.Offsets)
	if err != nil {
		return nil, err
	}
	lex, err := lexicon.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the embedded gazetteer: %w", err)
	}
	return annotate.New(lex, annotate.Options{Offsets: unit, Explain: o.Explain, IncludeText: o.Text, Version: o.Version})
}

// Build adds the pipeline to s:
//
//	list files → read lines → reshuffle → annotate → shard by id → write N shards
//	                 ↘ lines too long    ↘ bad records   → write the dead letters
//
// Files are read one per worker, each line tagged "file:line" as the CLI
// tags it; the reshuffle then spreads the lines, so annotation, the costly
// step, runs on every worker whatever the number of files.
func Build(s beam.Scope, cfg Config) {
	s = s.Scope("newsann")
	files := beam.ParDo(s.Scope("List"), &listFn{Pattern: cfg.Input}, beam.Impulse(s))
	files = beam.Reshuffle(s.Scope("SpreadFiles"), files)
	lines, tooLong := beam.ParDo2(s.Scope("Read"), &readFn{MaxRecord: cfg.Options.MaxRecord}, files)
	lines = beam.Reshuffle(s.Scope("SpreadLines"), lines)
	docs, failed := beam.ParDo2(s.Scope("Annotate"), &annotateFn{Options: cfg.Options, Shards: cfg.Shards}, lines)
	writeShards(s.Scope("WriteDocuments"), docs, cfg.Output, cfg.Shards)
	dead := beam.AddFixedKey(s, beam.Flatten(s, tooLong, failed))
	writeShards(s.Scope("WriteDeadLetters"), dead, cfg.deadLetter(), 1)
}

// Summary counts what a run wrote.
type Summary struct {
	Documents, DeadLetters int64
	// Known is false when the runner reported no metrics.
	Known bool
}

// Run builds the pipeline and runs it on runner ("" is prism), waiting
// for it to finish.
func Run(ctx context.Context, runner string, cfg Config) (Summary, error) {
	if err := cfg.Check(); err != nil {
		return Summary{}, err
	}
	if runner == "" {
		runner = "prism"
	}
	p, s := beam.NewPipelineWithRoot()
	Build(s, cfg)
	res, err := beam.Run(ctx, runner, p)
	if err != nil {
		return Summary{}, fmt.Errorf("pipeline on %s: %w", runner, err)
	}
	var sum Summary
	if res == nil {
		return sum, nil
	}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Namespace() != counterNamespace {
			continue
		}
		switch c.Name() {
		case documentsCounter:
			sum.Documents += c.Result()
			sum.Known = true
		case deadLettersCounter:
			sum.DeadLetters += c.Result()
			sum.Known = true
		}
	}
	return sum, nil
}

// Counters, as a runner's console shows them.
const (
	counterNamespace   = "newsann"
	documentsCounter   = "documents"
	deadLettersCounter = "dead_letters"
)

// counter returns the named counter of the pipeline.
func counter(name string) beam.Counter { return beam.NewCounter(counterNamespace, name) }
