package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/lexicon"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// IOStreams are the process's standard streams, injected so that commands
// run in tests without a process.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// Factory carries what commands share: streams and the global options
// that choose the lexicon.
type Factory struct {
	IO *IOStreams
	// LexiconPaths are the --lexicon files and directories, merged over
	// the embedded default in order.
	LexiconPaths []string
	// NoDefault leaves the embedded gazetteer out: only LexiconPaths load.
	NoDefault bool
	// RulePaths are the --rules files and directories, compiled after the
	// embedded default rules.
	RulePaths []string
}

// RuleSet compiles the embedded rules with the user's files after them.
func (f *Factory) RuleSet() (*rules.RuleSet, error) {
	files, err := rules.DefaultFiles()
	if err != nil {
		return nil, err
	}
	if len(f.RulePaths) > 0 {
		user, err := rules.ReadPaths(f.RulePaths...)
		if err != nil {
			return nil, err
		}
		files = append(files, user...)
	}
	return rules.Compile(files)
}

// Annotator builds the annotator every command uses: the lexicon and rules
// the global flags choose, with opts.
func (f *Factory) Annotator(opts annotate.Options) (*annotate.Annotator, error) {
	lex, err := f.Lexicon()
	if err != nil {
		return nil, err
	}
	rs, err := f.RuleSet()
	if err != nil {
		return nil, err
	}
	opts.Rules = rs
	if opts.Version == "" {
		opts.Version = version
	}
	a, err := annotate.New(lex, opts)
	// The start-up that main collects garbage less eagerly for is over;
	// from here on the heap grows with the documents, and a 50 MB text
	// held five times over would not fit in memory. Set
	// back to the default.
	debug.SetGCPercent(100)
	return a, err
}

// Lexicon loads the embedded gazetteer with the user's files merged over
// it.
func (f *Factory) Lexicon() (*lexicon.Lexicon, error) {
	if len(f.LexiconPaths) == 0 && !f.NoDefault {
		return lexicon.Default() // validated when it was generated
	}
	var files []*lexicon.File
	if !f.NoDefault {
		def, err := lexicon.DefaultFiles()
		if err != nil {
			return nil, err
		}
		files = def
	}
	if len(f.LexiconPaths) > 0 {
		user, err := lexicon.ReadPaths(f.LexiconPaths...)
		if err != nil {
			return nil, err
		}
		files = append(files, user...)
	}
	return lexicon.Build(files, lexicon.Options{})
}

// Main runs newsann with args and returns the process exit status.
//
// Ctrl-C (SIGINT) or SIGTERM cancels the context commands run under: a
// corpus run stops after the document it is writing, so that its output
// ends with a complete line, and newsann exits with status 130. A second
// Ctrl-C ends the process at once.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the next signal has its default effect
	}()
	f := &Factory{IO: &IOStreams{In: stdin, Out: stdout, ErrOut: stderr}}
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return exitCode(root.ExecuteContext(ctx), stderr)
}

// usageError marks a command-line mistake.
type usageError struct{ error }

// NewCmdRoot builds the command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "newsann",
		Short: "Annotate news text with states, officials, organizations and their relations",
		Long: `newsann reads news text and says who and what is in it: countries, places,
officials with their offices, organizations, and how they relate. It prints
annotations as JSON, JSONL or YAML, with offsets that slice the original text,
and for people and other tools as marked-up text, an HTML page, brat
standoff, CoNLL or displaCy's format.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringArrayVar(&f.LexiconPaths, "lexicon", nil, "lexicon `PATH` (file or directory) merged over the embedded gazetteer; repeatable")
	root.PersistentFlags().BoolVar(&f.NoDefault, "no-default-lexicon", false, "use only the --lexicon files, not the embedded gazetteer")
	root.PersistentFlags().StringArrayVar(&f.RulePaths, "rules", nil, "rule `PATH` (file or directory) compiled after the embedded rules; repeatable")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err}
	})
	root.AddCommand(NewCmdAnnotate(f, nil))
	root.AddCommand(NewCmdEval(f, nil))
	root.AddCommand(NewCmdLexicon(f))
	root.AddCommand(NewCmdRules(f))
	root.AddCommand(NewCmdVersion(f))
	root.AddCommand(NewCmdDiff(f, nil))
	root.AddCommand(NewCmdGenDocs(f))
	return root
}
