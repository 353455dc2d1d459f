package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/corpus"
	"github.com/newsann/newsann/annotate/encode"
	"github.com/newsann/newsann/lexicon"
)

// AnnotateOptions are the options of `newsann annotate`.
type AnnotateOptions struct {
	IO      *IOStreams
	Factory *Factory
	Paths   []string

	Format   string
	Input    string
	Globs    []string
	Date     string
	Offsets  string
	Explain  bool
	Text     bool
	Jobs     int
	OutDir   string
	Fallback bool
	Stats    bool
	MaxSize  string
}

// NewCmdAnnotate builds `newsann annotate`.
func NewCmdAnnotate(f *Factory, runF func(*AnnotateOptions) error) *cobra.Command {
	opts := &AnnotateOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "annotate [PATH|-]...",
		Short: "Annotate texts and print the annotations",
		Long: `Annotate reads texts and prints their annotations: sentences, mentions of
countries, places, people, organizations and titles, the entities they refer
to, and (as later stages fill them) relations, events and findings.

Inputs are files, directories (searched recursively for *.txt and *.md, or
--glob), "-" for standard input, JSONL files of records
{"id", "text", "date"?, ...} (automatic for *.jsonl, or --input jsonl),
whose other fields are carried through to the output, and saved web pages
(automatic for *.html and *.htm, or --input html), whose article text is
annotated: offsets then refer to that extracted text, which --text prints.
With no PATH, standard input is read; it is taken as JSONL when it starts
with "{". A text or record over --max-size is an error.

Offsets are Unicode code points into the original text by default, so that
Python's text[start:end] gives the mention; --offsets bytes or utf16 suit Go
and JavaScript.

Formats (-o): json (one object for one input, an array for several), jsonl
(a line per document), yaml (a document per input); for people, text (the
article with mentions marked [Iran|COUNTRY], coloured on a terminal unless
NO_COLOR is set, then relations, events and findings) and html (one
self-contained page); for other tools, brat (standoff .txt and .ann files
into --out-dir), conll (a token and its IOB2 tag a line) and spacy
(displaCy's manual format). docs/output.md describes each.

--stats prints a summary on standard error when the run is over; on a
terminal, a run that lasts a while shows its progress there too.

Ctrl-C stops a run after the document being written, so the output ends
with a complete line (exit status 130); when the reader of the output
goes away (newsann annotate big.jsonl | head -1), newsann stops quietly.`,
		Example: `  newsann annotate testdata/articles/araghchi-fidan-call.txt
  cat story.txt | newsann annotate -o yaml
  newsann annotate --format jsonl --stats corpus/ > out.jsonl
  newsann annotate --date 2025-11-14 --explain story.txt
  newsann annotate -o text story.txt | less -R
  newsann annotate -o html corpus/ > corpus.html
  newsann annotate -o brat --out-dir brat-data/ corpus/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return annotateRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Format, "format", "o", "json", "output `FORMAT`: "+strings.Join(encode.Formats(), ", "))
	fl.StringVar(&opts.Input, "input", "auto", "input `MODE`: auto, text, jsonl or html")
	fl.StringArrayVar(&opts.Globs, "glob", nil, "file name `PATTERN` selecting files in directories (default *.txt and *.md); repeatable")
	fl.StringVar(&opts.Date, "date", "", "document `DATE` (YYYY-MM-DD); a JSONL record's own date wins")
	fl.StringVar(&opts.Offsets, "offsets", "codepoints", "offset `UNIT`: codepoints, bytes or utf16")
	fl.BoolVar(&opts.Explain, "explain", false, "say for each mention which rule or lexicon entry made it")
	fl.BoolVar(&opts.Text, "text", false, "include the text in each document")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "`N` parallel workers, 0 for one per CPU; output order and bytes do not depend on it")
	fl.BoolVar(&opts.Fallback, "fallback", false, "add prose's statistical NER for names no lexicon entry or rule explains (slow)")
	fl.StringVar(&opts.OutDir, "out-dir", "", "`DIR` for formats that write files (brat)")
	fl.BoolVar(&opts.Stats, "stats", false, "print a summary of the run on standard error: documents, bytes, mentions by label, time, MB/s")
	fl.StringVar(&opts.MaxSize, "max-size", "64MiB", "largest text, page or JSONL line to read, in `BYTES` (suffixes KiB, MiB, GiB); annotation takes about 100 times it in memory")
	return cmd
}

func annotateRun(ctx context.Context, opts *AnnotateOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	unit, mode, date, err := parseReadFlags(opts.Offsets, opts.Input, opts.Date)
	if err != nil {
		return err
	}
	maxSize, err := parseSize(opts.MaxSize)
	if err != nil {
		return usageError{fmt.Errorf("--max-size %q: %v", opts.MaxSize, err)}
	}
	if opts.Jobs < 0 {
		return usageError{fmt.Errorf("--jobs %d: want 0 (one per CPU) or more", opts.Jobs)}
	}
	enc, err := encode.New(opts.Format, opts.IO.Out, encode.Options{OutDir: opts.OutDir, Color: opts.IO.ColorEnabled()})
	if err != nil {
		return usageError{err}
	}
	// The formats that print or slice the text get it in their documents;
	// the others only with --text.
	includeText := opts.Text || encode.NeedsText(opts.Format)
	a, err := opts.Factory.Annotator(annotate.Options{Offsets: unit, Explain: opts.Explain, IncludeText: includeText, Fallback: opts.Fallback})
	if err != nil {
		return err
	}
	rd := &corpus.Reader{Mode: mode, Globs: opts.Globs, Date: date, Stdin: opts.IO.In, MaxRecord: maxSize, Deferred: true}
	failed := 0
	var stats corpus.Stats
	start := time.Now()
	// The bar shares the terminal with the output when both go there;
	// then it would break the output's lines, so it shows only when the
	// output goes elsewhere (a file, a pipe, brat's directory).
	showProgress := isTerminal(opts.IO.ErrOut) && (!isTerminal(opts.IO.Out) || encode.WritesFiles(opts.Format))
	prog := newProgress(opts.IO.ErrOut, showProgress, progressDelay)
	// The workers decode the JSONL records (Deferred) and make the
	// records of the formats whose records stand alone (json, jsonl,
	// yaml): this goroutine only reads lines and writes bytes.
	p := corpus.Pipeline{Process: a.Annotate, Workers: opts.Jobs}
	records, ok := enc.(encode.RecordEncoder)
	if ok {
		p.Record = records.AppendRecord
	}
	runErr := p.Run(ctx, rd.Items(opts.Paths), func(r corpus.Result) error {
		stats.Add(r)
		if len(r.Item.Warnings) > 0 || r.Err != nil {
			prog.clear()
		}
		for _, w := range r.Item.Warnings {
			fmt.Fprintf(opts.IO.ErrOut, "newsann: warning: %s\n", w)
		}
		if r.Err != nil {
			failed++
			fmt.Fprintf(opts.IO.ErrOut, "newsann: %s\n", oneLine(r.Err.Error()))
			return enc.EncodeError(r.Item.Input.ID, r.Err)
		}
		var err error
		if p.Record != nil {
			err = records.WriteRecord(r.Record)
		} else {
			err = enc.Encode(r.Doc)
		}
		if err != nil {
			return err
		}
		prog.add(len(r.Item.Input.Text))
		return nil
	})
	prog.done()
	if runErr == nil {
		runErr = enc.Close()
	}
	if opts.Stats && (runErr == nil || !isBrokenPipe(runErr)) {
		if err := stats.Write(opts.IO.ErrOut, time.Since(start)); err != nil && runErr == nil {
			runErr = err
		}
	}
	if runErr != nil {
		return runErr // a closed pipe ends quietly, an interruption with 130 (exitCode)
	}
	if failed > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "newsann: %d input(s) failed; the others were written\n", failed)
		return errSilent{failed}
	}
	return nil
}

// parseReadFlags parses the flags annotate and check share for reading a
// corpus: --offsets, --input and --date (a whole day, or none). Its
// errors are usage errors.
func parseReadFlags(offsets, input, date string) (annotate.OffsetUnit, corpus.Mode, lexicon.Date, error) {
	var d lexicon.Date
	unit, err := annotate.ParseOffsetUnit(offsets)
	if err != nil {
		return unit, 0, d, usageError{err}
	}
	mode, err := corpus.ParseMode(input)
	if err != nil {
		return unit, mode, d, usageError{err}
	}
	if date != "" {
		if d, err = lexicon.ParseDay(date); err != nil {
			return unit, mode, d, usageError{fmt.Errorf("--date %w", err)}
		}
	}
	return unit, mode, d, nil
}

// sizeUnits are the suffixes --max-size takes, by lower-case spelling.
var sizeUnits = map[string]int64{
	"": 1, "b": 1,
	"k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
	"m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20,
	"g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30,
}

// parseSize parses a size in bytes with an optional binary unit: "4096",
// "64MiB", "1g".
func parseSize(s string) (int, error) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	unit, ok := sizeUnits[strings.ToLower(strings.TrimSpace(s[i:]))]
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if i == 0 || !ok || err != nil || n <= 0 || n > (1<<40)/unit {
		return 0, fmt.Errorf("want a positive number of bytes, such as 65536, 64MiB or 1GiB")
	}
	return int(n * unit), nil
}
