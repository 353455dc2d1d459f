// Command newsann annotates news text with the states, officials and
// organizations it names, and how they relate.
package main

import (
	"os"
	"runtime/debug"
)

func main() { os.Exit(run()) }

// run is the process: what main does, and what the tests execute as the
// newsann command, so that they test the program itself (its signals, its
// standard streams) and not only Main.
func run() int {
	// A run over one article is over in milliseconds, most of them spent
	// building the gazetteer's tables; collecting garbage less eagerly
	// while they are built cut the CPU time of such a run from 27 to 20 ms
	// here. Factory.Annotator sets it back once the tables are built.
	debug.SetGCPercent(400)
	return Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}
