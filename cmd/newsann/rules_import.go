package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/annotate/rules"
	verbs "github.com/newsann/newsann/annotate/rules/petrarch"
)

// RulesImportOptions are the options of `newsann rules import`.
type RulesImportOptions struct {
	IO     *IOStreams
	From   string
	Path   string
	Output string
	Prefix string
	POS    bool
}

func newCmdRulesImport(f *Factory, runF func(*RulesImportOptions) error) *cobra.Command {
	opts := &RulesImportOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "import --from petrarch VERBS.txt",
		Short: "Convert a TABARI/PETRARCH verb dictionary into event rules",
		Long: `Import converts a verb dictionary of the TABARI/PETRARCH event coders (the
CAMEO verb patterns, PETRARCH's validation verbs) into a newsann rule file
of events. Each verb of a block becomes a rule coding the block's code (or
its own), and each pattern ("- * DIPLOMATIC TIES [064]") a rule coding its
code when its words are found around the verb; a verb's patterns are tried
longest first and the first that matches takes the verb, as in PETRARCH.
The source is the list of actors before the verb and the target the one
after it, unless the pattern places them ($, +); patterns that place
neither also get a passive variant ("X was opposed by Y"). Synonym sets
(&NAME) become macros; "[032:033]" codes an event back from the target.
PETRARCH codes only words its parser calls verbs; here a verb's word right
after a determiner ("an attack") is not coded, and --pos asks the
part-of-speech tagger as well.

Actors are lexicon names, qualified by the agents named with them (titles
with codes.cameo_agent: see lexicon import --from petrarch-agents). The
file is self-contained; run it with --rules, alone (--no-default-rules)
to code as PETRARCH does or after the default rules. Lines that cannot be
converted are reported as FILE:LINE on standard error.`,
		Example: `  newsann rules import --from petrarch PETR.Validate.verbs.txt -o verbs.yaml
  newsann --no-default-rules --rules verbs.yaml --lexicon actors.yaml annotate story.txt`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if opts.From != "petrarch" {
				return usageError{fmt.Errorf("--from %q: the only format is petrarch", opts.From)}
			}
			if runF != nil {
				return runF(opts)
			}
			return rulesImportRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "`FORMAT` of the input: petrarch (required)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output")
	cmd.Flags().StringVar(&opts.Prefix, "prefix", "petrarch", "`PREFIX` of rule ids, lists and macros")
	cmd.Flags().BoolVar(&opts.POS, "pos", false, "code a verb only where the part-of-speech tagger says it is one (slow: about 0.3 MB/s)")
	cmd.MarkFlagRequired("from")
	return cmd
}

func rulesImportRun(opts *RulesImportOptions) error {
	fh, err := os.Open(opts.Path)
	if err != nil {
		return err
	}
	dict, problems := verbs.Parse(opts.Path, fh)
	fh.Close()
	res, err := verbs.Convert(dict, verbs.Options{Prefix: opts.Prefix, Source: filepath.Base(opts.Path), POS: opts.POS})
	if err != nil {
		return fmt.Errorf("%s: %w", opts.Path, err)
	}
	// The result must compile: a converter bug is an error here, not in
	// every later run.
	rf, err := rules.ParseFile(opts.Path+" (converted)", res.YAML)
	if err == nil {
		_, err = rules.Compile([]*rules.File{rf})
	}
	if err != nil {
		return fmt.Errorf("the converted rules do not compile: %w", err)
	}
	err = writeOutput(opts.IO.Out, opts.Output, func(w io.Writer) error {
		if _, err := fmt.Fprintf(w, "# Converted from %s by `newsann rules import --from petrarch`.\n", filepath.Base(opts.Path)); err != nil {
			return err
		}
		_, err := w.Write(res.YAML)
		return err
	})
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(opts.IO.ErrOut, "newsann: %s\n", p)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(opts.IO.ErrOut, "newsann: %s\n", p)
	}
	s := res.Stats
	fmt.Fprintf(opts.IO.ErrOut, "%d blocks, %d verbs, %d patterns: %d rules (%d passive variants); %d null-coded patterns, %d patterns left out; %d lines skipped\n",
		s.Blocks, s.Verbs, s.Patterns, s.Rules, s.Passive, s.NullPatterns, s.Skipped, len(problems))
	return nil
}
