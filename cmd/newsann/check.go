package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/check"
	"github.com/newsann/newsann/annotate/check/report"
	"github.com/newsann/newsann/annotate/corpus"
)

// CheckOptions are the options of `newsann check`.
type CheckOptions struct {
	IO      *IOStreams
	Factory *Factory
	Paths   []string

	Format  string
	FailOn  string
	Input   string
	Globs   []string
	Date    string
	Offsets string
	Jobs    int
}

// NewCmdCheck builds `newsann check`.
func NewCmdCheck(f *Factory, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "check [PATH|-]...",
		Short: "Fact-check officials' titles and names against the gazetteer",
		Long: `Check annotates texts as annotate does and checks what they say of officials
against the gazetteer's dated offices, at each document's date:

  title-mismatch      a known person given an office they do not hold
  former-title        an office held before, given as current (no "former")
  wrong-holder        a state's office given to someone other than its holder
  name-variant        a name close to, but not, the holder's ("did you mean …")
  inconsistent-title  one person given different offices in one article
  unknown-official    a titled person the gazetteer does not know (info)
  date-unknown        no document date: the checks that need one were skipped (info)

Inputs are read as by annotate: files, directories (*.txt and *.md, or
--glob), "-" for standard input, and JSONL records {"id", "text", "date"?}.
The document's date is --date, else a record's "date", else the text's
dateline, else date: in .newsann.yaml; never today's.

The exit status is 1 when a finding at or above --fail-on exists, 0 when
none does, and 2 on a usage, input, configuration or lexicon error.

Formats: text (file:line:col: severity: message [check-id]), json (one array
of findings, each with its file), jsonl (a finding a line), github (workflow
commands that annotate a pull request), sarif (SARIF 2.1.0 for code
scanning) and junit (XML for CI dashboards).

Configuration is read from .newsann.yaml in the working directory or the
nearest directory above it (or --config): lexicon and rule files, each
check's severity or off, a default date, paths to ignore. A comment
<!-- newsann-ignore CHECK-ID --> (or <!-- newsann-ignore --> for every check)
silences its own line when it shares it with text, else the next line.
docs/check.md describes each check and format.`,
		Example: `  newsann check --date 2025-11-14 story.md
  newsann check --format github articles/
  newsann check --format sarif --fail-on error articles/ > newsann.sarif
  newsann check --fail-on none -o jsonl corpus.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Format, "format", "o", "text", "output `FORMAT`: "+strings.Join(report.Formats(), ", "))
	fl.StringVar(&opts.FailOn, "fail-on", "warning", "exit 1 when a finding of this `SEVERITY` or above exists: error, warning, info or none")
	fl.StringVar(&opts.Input, "input", "auto", "input `MODE`: auto, text or jsonl")
	fl.StringArrayVar(&opts.Globs, "glob", nil, "file name `PATTERN` selecting files in directories (default *.txt and *.md); repeatable")
	fl.StringVar(&opts.Date, "date", "", "document `DATE` (YYYY-MM-DD); a JSONL record's own date wins")
	fl.StringVar(&opts.Offsets, "offsets", "codepoints", "offset `UNIT` of the findings' start and end: codepoints, bytes or utf16")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "`N` parallel workers, 0 for one per CPU; output order and bytes do not depend on it")
	return cmd
}

func checkRun(ctx context.Context, opts *CheckOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	failOn := check.Off // --fail-on none: never fail on findings
	if opts.FailOn != "none" {
		s, err := check.ParseSeverity(opts.FailOn)
		if err != nil || s == check.Off {
			return usageError{fmt.Errorf("--fail-on %q: want error, warning, info or none", opts.FailOn)}
		}
		failOn = s
	}
	unit, mode, date, err := parseReadFlags(opts.Offsets, opts.Input, opts.Date)
	if err != nil {
		return err
	}
	if opts.Jobs < 0 {
		return usageError{fmt.Errorf("--jobs %d: want 0 (one per CPU) or more", opts.Jobs)}
	}
	cfg, err := opts.Factory.Config()
	if err != nil {
		return err
	}
	// The checks read mentions and office relations: events and quotes
	// are not worked out. They read the text by bytes, and the reports
	// print the findings alone: the documents stay in bytes, and only
	// the findings are given in the unit asked for (CheckIn).
	a, err := opts.Factory.Annotator(annotate.Options{Offsets: annotate.Bytes, NoEvents: true, NoQuotes: true})
	if err != nil {
		return err
	}
	checker, err := check.New(a.Lexicon(), check.Options{Severity: cfg.Checks})
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.Path, err)
	}
	enc, err := report.New(opts.Format, opts.IO.Out, report.Options{Version: version, FailOn: failOn, Severity: checker.Severity})
	if err != nil {
		return usageError{err}
	}
	// The workers decode the JSONL records (Deferred).
	rd := &corpus.Reader{Mode: mode, Globs: opts.Globs, Date: date, DefaultDate: cfg.Date, Skip: cfg.Ignored, Stdin: opts.IO.In, Deferred: true}
	failed := 0
	worst := check.Off
	// Each document is checked by the worker that annotated it.
	annotateAndCheck := func(ctx context.Context, in annotate.Input) (*annotate.Document, error) {
		d, err := a.Annotate(ctx, in)
		if err != nil {
			return nil, err
		}
		d.Findings, err = checker.CheckIn(d, in.Text, unit)
		return d, err
	}
	runErr := corpus.RunFunc(ctx, annotateAndCheck, rd.Items(opts.Paths), opts.Jobs, func(r corpus.Result) error {
		for _, w := range r.Item.Warnings {
			fmt.Fprintf(opts.IO.ErrOut, "newsann: warning: %s\n", w)
		}
		if r.Err != nil {
			failed++
			fmt.Fprintf(opts.IO.ErrOut, "newsann: %s\n", oneLine(r.Err.Error()))
			return enc.EncodeError(r.Item.Input.ID, r.Err)
		}
		for _, f := range r.Doc.Findings {
			if s, err := check.ParseSeverity(f.Severity); err == nil && s > worst {
				worst = s
			}
		}
		return enc.Encode(r.Doc)
	})
	if runErr == nil {
		runErr = enc.Close()
	}
	switch {
	case runErr != nil:
		return runErr // a closed pipe ends quietly with 141, an interruption with 130 (exitCode)
	case failed > 0:
		fmt.Fprintf(opts.IO.ErrOut, "newsann: %d input(s) failed; the others were checked\n", failed)
		return errSilent{failed}
	case failOn != check.Off && worst >= failOn:
		return errFindings
	}
	return nil
}
