// Command newsann-beam annotates a JSONL corpus with newsann on an Apache
// Beam runner: Prism on one machine, or Dataflow, Flink or Spark when one
// machine is not enough. It reads records {"id", "text", "date"?, …} from
// local files or any file system Beam's Go SDK has registered (gs://, s3://),
// annotates each with the library `newsann annotate` uses, and writes the
// documents as N JSONL shards and the records it could not use as a
// separate dead-letter JSONL of {"id", "error"}.
//
//	newsann-beam --input 'corpus/*.jsonl' --output out/annotated --shards 8
//
// See docs/scale.md for the commands of each runner.
//
// It is a module of its own so that the newsann CLI does not carry Beam's
// dependencies.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners" // the common --runner flag
)

// version is set at build time with -ldflags "-X main.version=…", as the
// CLI's is, and written into each document.
var version = "0.1.0-dev"

func main() {
	cfg := registerFlags(flag.CommandLine)
	flag.Parse()
	// On a worker (Dataflow, a PROCESS environment) Init runs the SDK
	// harness and never returns; it must come before anything else.
	beam.Init()
	os.Exit(launch(cfg, *runners.Runner))
}

func launch(cfg *Config, runner string) int {
	if err := cfg.Check(); err != nil {
		fmt.Fprintf(os.Stderr, "newsann-beam: %v\n", err)
		return 2
	}
	// Beam leaves files in the temporary directory on every submission
	// (an empty "beamloopbackworker-*" with Prism, a cross-compiled worker
	// without --worker_binary); keep them in one directory of our own and
	// remove it at the end.
	tmp, err := os.MkdirTemp("", "newsann-beam-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "newsann-beam: %v\n", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	os.Setenv("TMPDIR", tmp)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// An input that matches nothing is said plainly here, not deep in a
	// failed bundle's trace. The workers list the files again: a launcher
	// that cannot list them (a path only the cluster sees) only warns.
	if files, err := listInput(ctx, cfg.Input); err != nil {
		fmt.Fprintf(os.Stderr, "newsann-beam: warning: cannot list the input here, the workers will try: %v\n", err)
	} else if len(files) == 0 {
		fmt.Fprintf(os.Stderr, "newsann-beam: --input %s: no file matches\n", cfg.Input)
		return 2
	}
	sum, err := Run(ctx, runner, *cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "newsann-beam: %v\n", err)
		return 1
	}
	if !sum.Known {
		fmt.Fprintf(os.Stderr, "newsann-beam: submitted; the runner reported no counts (an asynchronous or dry run?): documents go to %s, records that fail to %s\n", cfg.outputFiles(), cfg.deadLetterFiles())
		return 0
	}
	fmt.Fprintf(os.Stderr, "newsann-beam: %d document(s) written to %s\n", sum.Documents, cfg.outputFiles())
	if sum.DeadLetters > 0 {
		fmt.Fprintf(os.Stderr, "newsann-beam: %d record(s) failed; see %s\n", sum.DeadLetters, cfg.deadLetterFiles())
		return 2 // as `newsann annotate` when an input failed
	}
	return 0
}

// registerFlags defines the pipeline's flags on fs beside Beam's own
// (--runner, --endpoint, --project, …), which Beam defines on the
// process's flag set.
func registerFlags(fs *flag.FlagSet) *Config {
	cfg := &Config{Options: Options{Version: version}}
	fs.StringVar(&cfg.Input, "input", "", "input `PATTERN`: a glob of JSONL files, local or on a registered file system (gs://bucket/corpus/*.jsonl); *.gz files are decompressed")
	fs.StringVar(&cfg.Output, "output", "", "output `PREFIX`: documents go to PREFIX-SSSSS-of-NNNNN.jsonl")
	fs.IntVar(&cfg.Shards, "shards", 16, "number of `N` output shards, each written by one worker")
	fs.StringVar(&cfg.DeadLetter, "dead_letter", "", "`PREFIX` of the dead-letter JSONL of records that failed, {\"id\",\"error\"} (default OUTPUT-errors)")
	fs.StringVar(&cfg.Options.Date, "date", "", "document `DATE` (YYYY-MM-DD) for records without one")
	fs.StringVar(&cfg.Options.Offsets, "offsets", "codepoints", "offset `UNIT`: codepoints, bytes or utf16")
	fs.BoolVar(&cfg.Options.Explain, "explain", false, "say for each mention which rule or lexicon entry made it")
	fs.BoolVar(&cfg.Options.Text, "text", false, "include the text in each document")
	fs.IntVar(&cfg.Options.MaxRecord, "max_record", 0, "longest JSONL line in `BYTES`; longer ones go to the dead letters (default 1 GiB)")
	return cfg
}
