package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/lexicon"
)

// NewCmdLexicon builds `newsann lexicon` and its subcommands.
func NewCmdLexicon(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lexicon",
		Short: "Inspect, validate and convert gazetteer files",
	}
	cmd.AddCommand(newCmdLexiconValidate(f, nil))
	cmd.AddCommand(newCmdLexiconList(f, nil))
	cmd.AddCommand(newCmdLexiconShow(f, nil))
	cmd.AddCommand(newCmdLexiconLookup(f, nil))
	cmd.AddCommand(newCmdLexiconExport(f, nil))
	cmd.AddCommand(newCmdLexiconImport(f, nil))
	cmd.AddCommand(newCmdLexiconNames(f, nil))
	return cmd
}

// LexiconNamesOptions are the options of `newsann lexicon names`.
type LexiconNamesOptions struct {
	IO      *IOStreams
	Factory *Factory
	Kind    string
}

func newCmdLexiconNames(f *Factory, runF func(*LexiconNamesOptions) error) *cobra.Command {
	opts := &LexiconNamesOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "names",
		Short: "Print every name the lexicon matches, one per line",
		Long: `Names prints every name, alias, demonym and short form of the merged lexicon,
once each, sorted: a word list for other tools (grep -F -w -f, a spelling
checker). Spelling variants are matched as well but not spelled out.`,
		Args: cobra.NoArgs,
		Example: `  newsann lexicon names --kind person > people.txt
  grep -F -w -o -f <(newsann lexicon names) article.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Kind != "" && !lexicon.Kind(opts.Kind).Valid() {
				return usageError{fmt.Errorf("unknown kind %q (want one of %s)", opts.Kind, kindNames())}
			}
			if runF != nil {
				return runF(opts)
			}
			return lexiconNamesRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "only entries of `KIND`: "+kindNames())
	return cmd
}

func lexiconNamesRun(opts *LexiconNamesOptions) error {
	lex, err := opts.Factory.Lexicon()
	if err != nil {
		return err
	}
	var names []string
	for _, e := range lex.Entries() {
		if opts.Kind != "" && string(e.Kind) != opts.Kind {
			continue
		}
		names = append(names, e.Name)
		names = append(names, e.Aliases...)
		names = append(names, e.Demonyms...)
		names = append(names, e.Short...)
	}
	slices.Sort(names)
	var b bytes.Buffer
	for _, n := range slices.Compact(names) {
		if n != "" {
			b.WriteString(n)
			b.WriteByte('\n')
		}
	}
	_, err = opts.IO.Out.Write(b.Bytes())
	return err
}

// LexiconValidateOptions are the options of `newsann lexicon validate`.
type LexiconValidateOptions struct {
	IO      *IOStreams
	Factory *Factory
	Paths   []string
	// Alone validates the files without the embedded gazetteer, for a
	// self-contained user lexicon.
	Alone bool
}

func newCmdLexiconValidate(f *Factory, runF func(*LexiconValidateOptions) error) *cobra.Command {
	opts := &LexiconValidateOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check lexicon files and report every problem with file:line:col",
		Long: `Validate parses and checks lexicon files merged over the embedded gazetteer
(and the configuration's and --lexicon files; or alone, with --alone) and reports every problem at once: unknown fields,
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
	f := opts.Factory
	if !opts.Alone && !f.NoDefault {
		def, err := lexicon.DefaultFiles()
		if err != nil {
			return err
		}
		files = def
	}
	paths := opts.Paths
	if !opts.Alone {
		// The files every other command merges: the configuration's,
		// then --lexicon's.
		merged, err := f.lexiconPaths()
		if err != nil {
			return err
		}
		paths = append(merged, paths...)
	}
	if len(paths) > 0 {
		user, err := lexicon.ReadPaths(paths...)
		var el lexicon.ErrorList
		if errors.As(err, &el) {
			errs = append(errs, el...)
		} else if err != nil {
			return err
		}
		files = append(files, user...)
	}
	// Build even when parsing found problems: the entries that were read
	// are checked too, so every problem is reported at once.
	// The embedded files alone make one gazetteer: an id defined twice
	// there is a mistake, where a user file may override on purpose.
	_, err := lexicon.Build(files, lexicon.Options{NoOverride: len(paths) == 0})
	var el lexicon.ErrorList
	if errors.As(err, &el) {
		errs = append(errs, el...)
	} else if err != nil {
		return err
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

// LexiconListOptions are the options of `newsann lexicon list`.
type LexiconListOptions struct {
	IO      *IOStreams
	Factory *Factory
	Kind    string
	Format  string
}

func newCmdLexiconList(f *Factory, runF func(*LexiconListOptions) error) *cobra.Command {
	opts := &LexiconListOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the lexicon's entries: id, kind and name, ordered by id",
		Args:  cobra.NoArgs,
		Example: `  newsann lexicon list --kind organization
  newsann --lexicon my.yaml lexicon list --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Kind != "" && !lexicon.Kind(opts.Kind).Valid() {
				return usageError{fmt.Errorf("unknown kind %q (want one of %s)", opts.Kind, kindNames())}
			}
			if opts.Format != "text" && opts.Format != "json" {
				return usageError{fmt.Errorf("unknown format %q (want text or json)", opts.Format)}
			}
			if runF != nil {
				return runF(opts)
			}
			return lexiconListRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "only entries of `KIND`: "+kindNames())
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `FORMAT`: text or json")
	return cmd
}

func kindNames() string {
	var s []string
	for _, k := range lexicon.Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func lexiconListRun(opts *LexiconListOptions) error {
	lex, err := opts.Factory.Lexicon()
	if err != nil {
		return err
	}
	var entries []*lexicon.Entry
	for _, e := range lex.Entries() {
		if opts.Kind == "" || string(e.Kind) == opts.Kind {
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b *lexicon.Entry) int { return strings.Compare(a.ID, b.ID) })
	if opts.Format == "json" {
		type item struct {
			ID   string `json:"id"`
			Kind string `json:"kind"`
			Name string `json:"name"`
		}
		items := make([]item, len(entries))
		for i, e := range entries {
			items[i] = item{e.ID, string(e.Kind), e.Name}
		}
		return writeJSON(opts.IO.Out, items)
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 8, 2, ' ', 0)
	for _, e := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.ID, e.Kind, e.Name)
	}
	return tw.Flush()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// LexiconShowOptions are the options of `newsann lexicon show`.
type LexiconShowOptions struct {
	IO      *IOStreams
	Factory *Factory
	ID      string
	Date    string
}

func newCmdLexiconShow(f *Factory, runF func(*LexiconShowOptions) error) *cobra.Command {
	opts := &LexiconShowOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print one entry as YAML, with where it is defined and, for a person, which offices they hold at a date",
		Args:  cobra.ExactArgs(1),
		Example: `  newsann lexicon show IRN
  newsann lexicon show abbas-araghchi --date 2020-01-01`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if opts.Date != "" {
				if _, err := lexicon.ParseDate(opts.Date); err != nil {
					return usageError{fmt.Errorf("--date: %w", err)}
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return lexiconShowRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Date, "date", "", "`DATE` at which to say which roles a person holds (default: the lexicon's as_of)")
	return cmd
}

func lexiconShowRun(opts *LexiconShowOptions) error {
	lex, err := opts.Factory.Lexicon()
	if err != nil {
		return err
	}
	e := lex.Entry(opts.ID)
	if e == nil {
		return fmt.Errorf("no entry with id %q", opts.ID)
	}
	at := lex.AsOf()
	if opts.Date != "" {
		at, _ = lexicon.ParseDate(opts.Date)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n", e.Pos)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(lexicon.RecordOf(e)); err != nil {
		return err
	}
	enc.Close()
	if len(e.Roles) > 0 {
		fmt.Fprintf(&b, "# roles at %s:\n", at)
		for _, r := range e.Roles {
			to := r.To.String()
			if to == "" {
				to = "now"
			}
			from := r.From.String()
			if from == "" {
				from = "?"
			}
			holds := map[lexicon.Truth]string{lexicon.True: "holds", lexicon.False: "does not hold", lexicon.Maybe: "may hold (partial dates)"}[r.HoldsAt(at)]
			fmt.Fprintf(&b, "#   %s of %s, %s to %s: %s (%s)\n", r.Title, r.Of, from, to, holds, r.Pos)
		}
	}
	_, err = opts.IO.Out.Write(b.Bytes())
	return err
}

// LexiconLookupOptions are the options of `newsann lexicon lookup`.
type LexiconLookupOptions struct {
	IO      *IOStreams
	Factory *Factory
	Text    string
	Format  string
}

func newCmdLexiconLookup(f *Factory, runF func(*LexiconLookupOptions) error) *cobra.Command {
	opts := &LexiconLookupOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "lookup TEXT...",
		Short: "Say which entries a phrase names, through which name and which folding",
		Long: `Lookup matches TEXT (the arguments joined by spaces) as a whole against the
lexicon, as the annotator would match it in an article, and prints each entry
it may name: the id, kind, the form (name, alias, demonym or short), the
entry's name it matched, and what folding it took: case, diacritics,
punctuation (typographic quotes and dashes), variant (a spelling variant) or
dash (a dash written or left out); "exact" when none.`,
		Args: cobra.MinimumNArgs(1),
		Example: `  newsann lexicon lookup Turkiye
  newsann lexicon lookup "Al Qaeda"`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Text = strings.Join(args, " ")
			if opts.Format != "text" && opts.Format != "json" {
				return usageError{fmt.Errorf("unknown format %q (want text or json)", opts.Format)}
			}
			if runF != nil {
				return runF(opts)
			}
			return lexiconLookupRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `FORMAT`: text or json")
	return cmd
}

func lexiconLookupRun(opts *LexiconLookupOptions) error {
	lex, err := opts.Factory.Lexicon()
	if err != nil {
		return err
	}
	ms := lex.Matcher().Lookup(opts.Text)
	type item struct {
		ID    string   `json:"id"`
		Kind  string   `json:"kind"`
		Form  string   `json:"form"`
		Name  string   `json:"name"`
		Folds []string `json:"folding"`
	}
	items := make([]item, 0, len(ms))
	for _, m := range ms {
		it := item{ID: m.Entry.ID, Kind: string(m.Entry.Kind), Form: m.Form.String(), Name: m.Name, Folds: []string{}}
		for _, f := range m.Folds {
			it.Folds = append(it.Folds, string(f))
		}
		items = append(items, it)
	}
	if opts.Format == "json" {
		return writeJSON(opts.IO.Out, items)
	}
	if len(items) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "no entry is named %q\n", opts.Text)
		return nil
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 8, 2, ' ', 0)
	for _, it := range items {
		fold := strings.Join(it.Folds, "+")
		if fold == "" {
			fold = "exact"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s %q\t%s\n", it.ID, it.Kind, it.Form, it.Name, fold)
	}
	return tw.Flush()
}

// LexiconExportOptions are the options of `newsann lexicon export`.
type LexiconExportOptions struct {
	IO      *IOStreams
	Factory *Factory
	Format  string
	Output  string
}

func newCmdLexiconExport(f *Factory, runF func(*LexiconExportOptions) error) *cobra.Command {
	opts := &LexiconExportOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the merged lexicon (embedded and --lexicon files) as YAML, JSON, JSONL or CSV",
		Long: `Export writes every entry of the merged lexicon — the embedded gazetteer with
the --lexicon files merged over it — in load order, as one lexicon file that
reads back as the same entries. CSV has the columns of docs/lexicon.md, lists
joined by "|".`,
		Args: cobra.NoArgs,
		Example: `  newsann lexicon export --format csv > lexicon.csv
  newsann --lexicon mine.yaml lexicon export --format jsonl -o merged.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(lexicon.ExportFormats(), opts.Format) {
				return usageError{fmt.Errorf("unknown format %q (want %s)", opts.Format, strings.Join(lexicon.ExportFormats(), ", "))}
			}
			if runF != nil {
				return runF(opts)
			}
			return lexiconExportRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "yaml", "output `FORMAT`: "+strings.Join(lexicon.ExportFormats(), ", "))
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}

func lexiconExportRun(opts *LexiconExportOptions) error {
	lex, err := opts.Factory.Lexicon()
	if err != nil {
		return err
	}
	return writeOutput(opts.IO.Out, opts.Output, func(w io.Writer) error { return lexicon.Export(w, lex, opts.Format) })
}

// writeOutput runs write on standard output, or on the file path when it
// is set, removing the file again when writing fails.
func writeOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(stdout)
	}
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	err = write(fh)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
