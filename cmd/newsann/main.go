// Command newsann annotates news text with the states, officials and
// organizations it names, and how they relate.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// A run over one article is over in milliseconds, most of them spent
	// building the gazetteer's tables; collecting garbage less eagerly
	// while they are built cut the CPU time of such a run from 27 to 20 ms
	// here. The live heap of any run is small (the lexicon and the
	// documents in flight), so five times it stays well within bounds.
	debug.SetGCPercent(400)
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
