package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/lexicon"
	"github.com/newsann/newsann/lexicon/petrarch"
)

// LexiconImportOptions are the options of `newsann lexicon import`.
type LexiconImportOptions struct {
	IO       *IOStreams
	Factory  *Factory
	From     string
	Path     string
	Output   string
	Alone    bool
	IDPrefix string
}

func newCmdLexiconImport(f *Factory, runF func(*LexiconImportOptions) error) *cobra.Command {
	opts := &LexiconImportOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "import --from petrarch|petrarch-agents FILE",
		Short: "Convert a TABARI/PETRARCH actor or agent dictionary into a lexicon file",
		Long: `Import converts an actor dictionary of the TABARI/PETRARCH event coders
(Phoenix, CAMEO) into a newsann lexicon file. Each actor becomes an entry:
a person when a code is dated ([IRNGOV 20130803-20210803], [AUSGOV >20130918])
or marks an elite (ELI), with a role for each dated GOV or MIL code; a
country or region for a single three-letter code; an organization otherwise.
Synonyms become aliases; every code is kept, the undated one in codes.cameo
and all of them, as written, in the note.

The result is made to merge over the lexicon (the embedded gazetteer and any
--lexicon files; --alone for a self-contained file): an actor the lexicon
already has is extended (extend: true) rather than duplicated, names another
entry already has are left out, and a name two actors share is marked
ambiguous. Lines that cannot be read are reported as FILE:LINE and skipped.
The output format follows the extension of -o (YAML on standard output).

--from petrarch-agents reads an agents dictionary instead: words for roles
("police", "foreign minister") whose code qualifies the code of the actor
they are named with ("Gondor police" is GONCOP). Each agent becomes a title
entry with codes.cameo_agent (~COP after the actor's code, NGO~ before
it), its plurals and !SET! substitutions as aliases; a title the lexicon
already has is extended with the code.`,
		Args: cobra.ExactArgs(1),
		Example: `  newsann lexicon import --from petrarch Phoenix.Countries.actors.txt -o phoenix.yaml
  newsann lexicon import --from petrarch-agents Phoenix.agents.txt -o agents.yaml
  newsann --lexicon phoenix.yaml --lexicon agents.yaml annotate story.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if opts.From != "petrarch" && opts.From != "petrarch-agents" {
				return usageError{fmt.Errorf("--from %q: want petrarch (actors) or petrarch-agents", opts.From)}
			}
			if opts.Output != "" && outputFormat(opts.Output) == "" {
				return usageError{fmt.Errorf("-o %s: want a .yaml, .json, .jsonl or .csv file", opts.Output)}
			}
			if runF != nil {
				return runF(opts)
			}
			return lexiconImportRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "`FORMAT` of the input: petrarch (actors) or petrarch-agents (required)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (.yaml, .json, .jsonl, .csv) instead of standard output")
	cmd.Flags().BoolVar(&opts.Alone, "alone", false, "make a self-contained file, not one merged over the lexicon")
	cmd.Flags().StringVar(&opts.IDPrefix, "id-prefix", "petrarch-", "`PREFIX` of the ids of new entries")
	cmd.MarkFlagRequired("from")
	return cmd
}

// outputFormat returns the lexicon format of a file name, or "".
func outputFormat(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return "yaml"
	case ".json":
		return "json"
	case ".jsonl":
		return "jsonl"
	case ".csv":
		return "csv"
	}
	return ""
}

func lexiconImportRun(opts *LexiconImportOptions) error {
	var base *lexicon.Lexicon
	if !opts.Alone {
		var err error
		if base, err = opts.Factory.Lexicon(); err != nil {
			return err
		}
	}
	fh, err := os.Open(opts.Path)
	if err != nil {
		return err
	}
	if opts.From == "petrarch-agents" {
		defer fh.Close()
		return agentsImport(opts, fh, base)
	}
	actors, problems := petrarch.Parse(opts.Path, fh)
	fh.Close()
	res := petrarch.Convert(actors, petrarch.Options{Base: base, IDPrefix: opts.IDPrefix, Source: filepath.Base(opts.Path)})
	if err := writeImported(opts, res.AsOf, res.Records); err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(opts.IO.ErrOut, "newsann: %s\n", p)
	}
	s := res.Stats
	fmt.Fprintf(opts.IO.ErrOut, "%d actors: %d entries (%d extend the lexicon; %d people, %d organizations, %d countries, %d regions), %d roles, %d codes; %d names and %d actors left out as the lexicon has them; %d names marked ambiguous; %d lines skipped\n",
		s.Actors, s.Entries, s.Extended, s.ByKind[lexicon.Person], s.ByKind[lexicon.Organization], s.ByKind[lexicon.Country], s.ByKind[lexicon.Region],
		s.Roles, s.Codes, s.NamesDropped, s.ActorsDropped, s.Ambiguous, len(problems))
	return nil
}

// agentsImport converts an agents dictionary read from r.
func agentsImport(opts *LexiconImportOptions, r io.Reader, base *lexicon.Lexicon) error {
	agents, problems := petrarch.ParseAgents(opts.Path, r)
	res := petrarch.ConvertAgents(agents, petrarch.Options{Base: base, IDPrefix: opts.IDPrefix, Source: filepath.Base(opts.Path)})
	if err := writeImported(opts, lexicon.Date{}, res.Records); err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(opts.IO.ErrOut, "newsann: %s\n", p)
	}
	s := res.Stats
	fmt.Fprintf(opts.IO.ErrOut, "%d agents: %d title entries (%d extend the lexicon), %d names; %d names left out as another entry has them; %d lines skipped\n",
		s.Agents, s.Entries, s.Extended, s.Names, s.NamesDropped, len(problems))
	return nil
}

// writeImported writes the converted records to -o's file, in the format
// its extension names, or as YAML to standard output. YAML starts with a
// comment saying where the entries came from.
func writeImported(opts *LexiconImportOptions, asOf lexicon.Date, recs []lexicon.Record) error {
	format := "yaml"
	if opts.Output != "" {
		format = outputFormat(opts.Output)
	}
	return writeOutput(opts.IO.Out, opts.Output, func(w io.Writer) error {
		if format == "yaml" {
			fmt.Fprintf(w, "# Converted from %s by `newsann lexicon import --from %s`.\n", filepath.Base(opts.Path), opts.From)
		}
		return lexicon.WriteRecords(w, format, asOf, nil, recs)
	})
}
