// Command newsann annotates news text with the states, officials and
// organizations it names, and how they relate.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"

	_ "github.com/newsann/newsann/cmd/newsann/internal/hugeheap" // huge pages for the start-up tables
)

func main() { os.Exit(run()) }

// run is the process: what main does, and what the tests execute as the
// newsann command, so that they test the program itself (its signals, its
// standard streams) and not only Main.
func run() int {
	// A run over one article is over in milliseconds, most of them spent
	// building the gazetteer's tables; collecting garbage less eagerly
	// while they are built cut the CPU time of such a run from 27 to 20 ms
	// here. Factory.Annotator sets the running pace 50 ms after the tables
	// are built. A GOGC the user sets is left as it is.
	if !userGOGC(os.Getenv) {
		debug.SetGCPercent(gcStartPercent)
	}
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

// The garbage collector's pace (GOGC) while the annotator's tables are
// built, and for the run after them. A corpus run's live heap is small
// (about 8 MB: the tables and the documents in flight) and it allocates
// about 17 MB a MB of text, so that at the runtime's default of 100 it
// collected 20 times over 4.3 MB, 7 % of the CPU on one core. At 200 a
// run took 0.94x the CPU for 8 MB more at its peak (42 MiB against 34);
// 400 saved 1 % more for 17 MB more, 800 nothing more.
const (
	gcStartPercent = 400
	gcRunPercent   = 200
)

// userGOGC reports whether the environment sets GOGC: newsann then
// leaves the garbage collector's pace to the user.
func userGOGC(getenv func(string) string) bool { return getenv("GOGC") != "" }
