package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/rules"
)

// NewCmdRules builds `newsann rules` and its subcommands.
func NewCmdRules(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List and test extraction rules",
		Long: `Rules are YAML files of token patterns that propose mentions, relations and
events (docs/rules.md). The defaults are embedded; --rules PATH adds files
that may also replace a default rule by id or disable it.`,
	}
	cmd.AddCommand(newCmdRulesList(f), newCmdRulesTest(f, nil), newCmdRulesImport(f, nil))
	return cmd
}

func newCmdRulesList(f *Factory) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the rules in the order they run",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, err := f.RuleSet()
			if err != nil {
				return err
			}
			type row struct {
				ID          string `json:"id"`
				Phase       int    `json:"phase"`
				Description string `json:"description"`
				Pattern     string `json:"pattern"`
				Where       string `json:"where"`
			}
			var rows []row
			for _, r := range rs.Rules() {
				rows = append(rows, row{r.ID, r.Phase, strings.TrimSpace(r.Description), r.Pattern, r.Pos.String()})
			}
			switch format {
			case "json":
				enc := json.NewEncoder(f.IO.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			case "text":
				for _, r := range rows {
					fmt.Fprintf(f.IO.Out, "%-3d %-32s %s\n", r.Phase, r.ID, firstSentence(r.Description))
				}
				return nil
			}
			return usageError{fmt.Errorf("--format %q: want text or json", format)}
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output `FORMAT`: text or json")
	return cmd
}

func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// RulesTestOptions are the options of `newsann rules test`.
type RulesTestOptions struct {
	IO      *IOStreams
	Factory *Factory
	Paths   []string
	IDs     []string
}

func newCmdRulesTest(f *Factory, runF func(*RulesTestOptions) error) *cobra.Command {
	opts := &RulesTestOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run rules' examples and counter-examples",
		Long: `Test runs each rule's examples (which it must match, with the captures they
name) and counter-examples (which it must not match) through the whole
pipeline, and reports each failure as FILE:LINE: rule ID: "text": problem.
With PATH, the rules of those files are tested (compiled after the
defaults, so they may use the default lists and macros); without, every
rule. The exit status is 1 when an example fails, 2 on errors.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return rulesTestRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVar(&opts.IDs, "id", nil, "test only the rule with this `ID`; repeatable")
	return cmd
}

func rulesTestRun(ctx context.Context, opts *RulesTestOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	f := *opts.Factory
	f.RulePaths = append(append([]string(nil), f.RulePaths...), opts.Paths...)
	ids := opts.IDs
	if len(opts.Paths) > 0 && len(ids) == 0 {
		files, err := rules.ReadPaths(opts.Paths...)
		if err != nil {
			return err
		}
		for _, file := range files {
			for _, r := range file.Rules {
				ids = append(ids, r.ID)
			}
		}
	}
	a, err := f.Annotator(annotate.Options{})
	if err != nil {
		return err
	}
	fails, n, err := a.TestRules(ctx, ids...)
	if err != nil {
		return err
	}
	for _, fl := range fails {
		fmt.Fprintln(opts.IO.Out, fl)
	}
	fmt.Fprintf(opts.IO.Out, "%d examples and counter-examples, %d failed\n", n, len(fails))
	if len(fails) > 0 {
		return errFindings
	}
	return nil
}
