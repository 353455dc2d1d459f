package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/check/config"
	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/annotate/timex"
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
	// NoDefaultRules leaves the embedded rules out: only RulePaths compile.
	NoDefaultRules bool
	// ConfigPath is --config: the project configuration to read instead
	// of the .newsann.yaml found by walking up from the working directory.
	ConfigPath string

	// cfg caches the configuration once read; NewCmdRoot sets it, and a
	// copy of the Factory shares it.
	cfg *configCache
	// gcPercent is the garbage collector's pace (GOGC) Annotator sets
	// once start-up is over; 0 leaves it alone.
	gcPercent int
}

type configCache struct {
	once sync.Once
	cfg  *config.Config
	err  error
}

// Config returns the project configuration: --config's file, else the
// .newsann.yaml nearest the working directory, else an empty one. It is
// read once.
func (f *Factory) Config() (*config.Config, error) {
	c := f.cfg
	if c == nil { // a Factory built without NewCmdRoot: read every time
		c = &configCache{}
	}
	c.once.Do(func() {
		p := f.ConfigPath
		if p == "" {
			if p, c.err = config.Find("."); c.err != nil || p == "" {
				c.cfg = &config.Config{Dir: "."}
				return
			}
		}
		c.cfg, c.err = config.Load(p)
	})
	return c.cfg, c.err
}

// lexiconPaths are the configuration's lexicon files, then --lexicon's.
func (f *Factory) lexiconPaths() ([]string, error) {
	c, err := f.Config()
	if err != nil {
		return nil, err
	}
	return append(slices.Clone(c.Lexicon), f.LexiconPaths...), nil
}

// rulePaths are the configuration's rule files, then --rules'.
func (f *Factory) rulePaths() ([]string, error) {
	c, err := f.Config()
	if err != nil {
		return nil, err
	}
	return append(slices.Clone(c.Rules), f.RulePaths...), nil
}

// RuleSet compiles the embedded rules with the user's files after them.
func (f *Factory) RuleSet() (*rules.RuleSet, error) {
	paths, err := f.rulePaths()
	if err != nil {
		return nil, err
	}
	var files []*rules.File
	if !f.NoDefaultRules {
		def, err := rules.DefaultFiles()
		if err != nil {
			return nil, err
		}
		files = def
	}
	if len(paths) > 0 {
		user, err := rules.ReadPaths(paths...)
		if err != nil {
			return nil, err
		}
		files = append(files, user...)
	}
	return rules.Compile(files)
}

// Annotator builds the annotator every command uses: the lexicon and rules
// the global flags choose, with opts.
//
// The gazetteer, the rules and the time tables are built at the same time:
// each takes a few milliseconds, and a one-article run is mostly start-up.
func (f *Factory) Annotator(opts annotate.Options) (*annotate.Annotator, error) {
	var (
		lex              *lexicon.Lexicon
		rs               *rules.RuleSet
		tx               *timex.Tagger
		errL, errR, errT error
		wg               sync.WaitGroup
	)
	wg.Go(func() { lex, errL = f.Lexicon() })
	wg.Go(func() { rs, errR = f.RuleSet() })
	wg.Go(func() { tx, errT = timex.New() })
	wg.Wait()
	if err := errors.Join(errL, errR, errT); err != nil {
		return nil, err
	}
	opts.Rules, opts.Timex = rs, tx
	if opts.Version == "" {
		opts.Version = version
	}
	a, err := annotate.New(lex, opts)
	// The start-up that main collects garbage less eagerly for is over;
	// from here on the heap grows with the documents, and a 50 MB text
	// held five times over would not fit in memory. The running pace
	// comes a little later, not at once: lowering the goal now would
	// start a collection of the gazetteer's fresh tables in the middle of
	// annotating a single article (31 ms a run against 26 here), while a
	// run long enough to need it is still at its start.
	if p := f.gcPercent; p > 0 {
		time.AfterFunc(gcRestoreDelay, func() { debug.SetGCPercent(p) })
	}
	return a, err
}

// gcRestoreDelay is how long after the annotator is built garbage
// collection goes to its running pace.
const gcRestoreDelay = 50 * time.Millisecond

// Lexicon loads the embedded gazetteer with the user's files merged over
// it.
func (f *Factory) Lexicon() (*lexicon.Lexicon, error) {
	paths, err := f.lexiconPaths()
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 && !f.NoDefault {
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
	if len(paths) > 0 {
		user, err := lexicon.ReadPaths(paths...)
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
	if !userGOGC(os.Getenv) {
		f.gcPercent = gcRunPercent
	}
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
	if f.cfg == nil {
		f.cfg = &configCache{}
	}
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
	root.PersistentFlags().BoolVar(&f.NoDefaultRules, "no-default-rules", false, "use only the --rules files, not the embedded rules (none: the lexicon alone)")
	root.PersistentFlags().StringVar(&f.ConfigPath, "config", "", "configuration `FILE` to read instead of the .newsann.yaml found walking up from the working directory")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err}
	})
	root.AddCommand(NewCmdAnnotate(f, nil))
	root.AddCommand(NewCmdCheck(f, nil))
	root.AddCommand(NewCmdEval(f, nil))
	root.AddCommand(NewCmdLexicon(f))
	root.AddCommand(NewCmdRules(f))
	root.AddCommand(NewCmdVersion(f))
	root.AddCommand(NewCmdDiff(f, nil))
	return root
}
