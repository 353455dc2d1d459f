package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/lexicon"
)

// NewCmdLexicon builds `newsann lexicon` and its subcommands.
func NewCmdLexicon(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lexicon",
		Short: "Inspect, validate and convert gazetteer files",
	}
	cmd.AddCommand(newCmdLexiconValidate(f, nil))
	return cmd
}

// LexiconValidateOptions are the options of `newsann lexicon validate`.
type LexiconValidateOptions struct {
	IO    *IOStreams
	Paths []string
	// Alone validates the files without the embedded gazetteer, for a
	// self-contained user lexicon.
	Alone bool
}

func newCmdLexiconValidate(f *Factory, runF func(*LexiconValidateOptions) error) *cobra.Command {
	opts := &LexiconValidateOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check lexicon files and report every problem with file:line:col",
		Long: `Validate parses and checks lexicon files merged over the embedded gazetteer
(or alone, with --alone) and reports every problem at once: unknown fields,
wrong types, dangling references, impossible or inverted dates, overlapping
terms of a single-holder office, dates glued into codes, and one name on two
entries not marked ambiguous. With no PATH it validates the embedded gazetteer.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return lexiconValidateRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Alone, "alone", false, "validate the files without the embedded gazetteer")
	return cmd
}

func lexiconValidateRun(opts *LexiconValidateOptions) error {
	var files []*lexicon.File
	var errs lexicon.ErrorList
	if !opts.Alone {
		def, err := lexicon.DefaultFiles()
		if err != nil {
			return err
		}
		files = def
	}
	if len(opts.Paths) > 0 {
		user, err := lexicon.ReadPaths(opts.Paths...)
		var el lexicon.ErrorList
		if errors.As(err, &el) {
			errs = append(errs, el...)
		} else if err != nil {
			return err
		}
		files = append(files, user...)
	}
	if len(errs) == 0 {
		// The embedded files alone make one gazetteer: an id defined twice
		// there is a mistake, where a user file may override on purpose.
		_, err := lexicon.Build(files, lexicon.Options{NoOverride: len(opts.Paths) == 0})
		var el lexicon.ErrorList
		if errors.As(err, &el) {
			errs = append(errs, el...)
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		for _, e := range errs {
			fmt.Fprintln(opts.IO.ErrOut, e)
		}
		fmt.Fprintf(opts.IO.ErrOut, "%d problems\n", len(errs))
		return errSilent{len(errs)}
	}
	n := 0
	for _, f := range files {
		n += len(f.Entries)
	}
	fmt.Fprintf(opts.IO.Out, "ok: %d files, %d entries\n", len(files), n)
	return nil
}
