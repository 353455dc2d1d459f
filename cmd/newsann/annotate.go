package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
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
--glob), "-" for standard input, and JSONL files of records
{"id", "text", "date"?, ...} (automatic for *.jsonl, or --input jsonl);
a record's other fields are carried through to its output. With no PATH,
standard input is read; it is taken as JSONL when it starts with "{".

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
terminal, a run that lasts a while shows its progress there too.`,
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
	fl.StringVar(&opts.Input, "input", "auto", "input `MODE`: auto, text or jsonl")
	fl.StringArrayVar(&opts.Globs, "glob", nil, "file name `PATTERN` selecting files in directories (default *.txt and *.md); repeatable")
	fl.StringVar(&opts.Date, "date", "", "document `DATE` (YYYY-MM-DD); a JSONL record's own date wins")
	fl.StringVar(&opts.Offsets, "offsets", "codepoints", "offset `UNIT`: codepoints, bytes or utf16")
	fl.BoolVar(&opts.Explain, "explain", false, "say for each mention which rule or lexicon entry made it")
	fl.BoolVar(&opts.Text, "text", false, "include the text in each document")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "`N` parallel workers, 0 for one per CPU; output order and bytes do not depend on it")
	fl.BoolVar(&opts.Fallback, "fallback", false, "add prose's statistical NER for names no lexicon entry or rule explains (slow)")
	fl.StringVar(&opts.OutDir, "out-dir", "", "`DIR` for formats that write files (brat)")
	fl.BoolVar(&opts.Stats, "stats", false, "print a summary of the run on standard error: documents, bytes, mentions by label, time, MB/s")
	return cmd
}

func annotateRun(ctx context.Context, opts *AnnotateOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	unit, err := annotate.ParseOffsetUnit(opts.Offsets)
	if err != nil {
		return usageError{err}
	}
	mode, err := corpus.ParseMode(opts.Input)
	if err != nil {
		return usageError{err}
	}
	var date lexicon.Date
	if opts.Date != "" {
		if date, err = lexicon.ParseDate(opts.Date); err != nil || date.Precision() != lexicon.DayPrecision {
			return usageError{fmt.Errorf("--date %q: want YYYY-MM-DD", opts.Date)}
		}
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
	rd := &corpus.Reader{Mode: mode, Globs: opts.Globs, Date: date, Stdin: opts.IO.In}
	failed := 0
	var stats corpus.Stats
	start := time.Now()
	// The bar shares the terminal with the output when both go there;
	// then it would break the output's lines, so it shows only when the
	// output goes elsewhere (a file, a pipe, brat's directory).
	showProgress := isTerminal(opts.IO.ErrOut) && (!isTerminal(opts.IO.Out) || encode.WritesFiles(opts.Format))
	prog := newProgress(opts.IO.ErrOut, showProgress, progressDelay)
	runErr := corpus.Run(ctx, a, rd.Items(opts.Paths), opts.Jobs, func(r corpus.Result) error {
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
		if err := enc.Encode(r.Doc); err != nil {
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
		if isBrokenPipe(runErr) {
			return errSilent{} // the reader went away: stop quietly
		}
		return runErr
	}
	if failed > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "newsann: %d input(s) failed; the others were written\n", failed)
		return errSilent{failed}
	}
	return nil
}

func isBrokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed) || errors.Is(err, io.ErrClosedPipe)
}
