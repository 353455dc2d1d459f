package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/annotate/diff"
)

// DiffOptions are the options of `newsann diff`.
type DiffOptions struct {
	IO     *IOStreams
	A, B   string
	Ignore []string
	// All compares every field, the default ignores included.
	All   bool
	Quiet bool
}

// NewCmdDiff builds `newsann diff`.
func NewCmdDiff(f *Factory, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "diff A B",
		Short: "Compare two annotation outputs document by document",
		Long: `Diff compares two outputs of newsann annotate (JSON, JSONL or YAML, told by
the extension or the content; "-" is standard input), matching documents by
id. It prints, per document, whether it is only in A, only in B, or changed,
and each change as a path and its values:

  ~ mentions[3].label: "COUNTRY" → "CITY"    a value changed
  - mentions[5]: {...}                       only in A
  + entities[2]: {...}                       only in B

Fields that differ between runs of different versions are not compared:
newsann, lexicon_as_of and the explain of every item (*.explain). --ignore
adds fields, as dotted paths from the top of a document (arrays are looked
through, * stands for any field): --ignore sha256 --ignore mentions.attrs.
--all compares everything.

The exit status is 0 when the outputs are the same, 1 when they differ,
2 on an error: a golden check for a corpus in CI.`,
		Example: `  newsann annotate -o jsonl corpus/ > new.jsonl && newsann diff golden.jsonl new.jsonl
  newsann annotate -o jsonl corpus/ | newsann diff golden.jsonl -
  newsann diff --ignore sha256 --ignore entities.codes old.yaml new.json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.A, opts.B = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&opts.Ignore, "ignore", nil, "leave `FIELD` (a dotted path such as mentions.attrs) out of the comparison; repeatable")
	fl.BoolVar(&opts.All, "all", false, "compare every field, also newsann, lexicon_as_of and *.explain")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print nothing; only the exit status says whether the outputs differ")
	return cmd
}

func diffRun(opts *DiffOptions) error {
	if opts.A == "-" && opts.B == "-" {
		return usageError{errors.New("only one of A and B can be standard input")}
	}
	a, err := diff.ReadFile(opts.A, opts.IO.In)
	if err != nil {
		return err
	}
	b, err := diff.ReadFile(opts.B, opts.IO.In)
	if err != nil {
		return err
	}
	ignore := opts.Ignore
	if !opts.All {
		ignore = append(diff.DefaultIgnore(), ignore...)
	}
	r := diff.Compare(a, b, diff.Options{Ignore: ignore})
	if r.Equal() {
		return nil
	}
	if !opts.Quiet {
		if err := r.Write(opts.IO.Out, displayName(opts.A), displayName(opts.B)); err != nil {
			return err
		}
	}
	return errFindings
}

// displayName is how the report names an input.
func displayName(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}
