// Command prosener runs prose's named-entity recognizer over text files
// with its model loaded once, and prints how many entities it found: the
// statistical yardstick of testdata/bench/compare.sh.
//
//	go run ./testdata/bench/prosener FILE...
package main

import (
	"fmt"
	"os"

	"github.com/jdkato/prose/v2"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: prosener FILE...")
		os.Exit(2)
	}
	entities, bytes := 0, 0
	for _, path := range os.Args[1:] {
		b, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "prosener:", err)
			os.Exit(1)
		}
		// prose loads its model on first use and keeps it: one process
		// over many files pays for it once, as newsann does its lexicon.
		doc, err := prose.NewDocument(string(b))
		if err != nil {
			fmt.Fprintf(os.Stderr, "prosener: %s: %v\n", path, err)
			os.Exit(1)
		}
		entities += len(doc.Entities())
		bytes += len(b)
	}
	fmt.Printf("%d entities in %d bytes\n", entities, bytes)
}
