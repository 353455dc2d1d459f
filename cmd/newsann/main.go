// Command newsann annotates news text with the states, officials and
// organizations it names, and how they relate.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
)

func main() { os.Exit(run()) }

// run is the process: what main does, and what the tests execute as the
// newsann command, so that they test the program itself (its signals, its
// standard streams) and not only Main.
func run() int {
	// A run over one article is over in milliseconds, most of them spent
	// building the gazetteer's tables; collecting garbage less eagerly
	// while they are built cut the CPU time of such a run from 27 to 20 ms
	// here. Factory.Annotator sets it back 50 ms after the tables are built.
	debug.SetGCPercent(400)
	// NEWSANN_CPUPROFILE=FILE writes a CPU profile of the whole run, for
	// `go tool pprof` (docs/performance.md): the benchmarks time the
	// library, this times what a user's command does.
	if path := os.Getenv("NEWSANN_CPUPROFILE"); path != "" {
		stop, err := startProfile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "newsann:", err)
			return 2
		}
		defer stop()
	}
	return Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

func startProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("NEWSANN_CPUPROFILE: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("NEWSANN_CPUPROFILE: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
