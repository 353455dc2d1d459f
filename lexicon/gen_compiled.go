//go:build ignore

// gen_compiled writes compiled.bin, the embedded form of lexicon/data and
// of the matcher it compiles to: it parses and validates every YAML file
// there and fails on any problem, so the binary never embeds a gazetteer
// that does not validate.
//
// Run it with `go generate ./lexicon` from the repository root.
package main

import (
	"fmt"
	"os"

	"github.com/newsann/newsann/lexicon"
)

func main() {
	files, err := lexicon.ParseFS(os.DirFS("data"), ".", lexicon.DataDir)
	if err == nil {
		_, err = lexicon.Build(files, lexicon.Options{NoOverride: true})
	}
	if err != nil {
		if el, ok := err.(lexicon.ErrorList); ok {
			for _, e := range el {
				fmt.Fprintln(os.Stderr, e)
			}
			fmt.Fprintf(os.Stderr, "%d problems; compiled.bin not written\n", len(el))
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	data, err := lexicon.EncodeCompiled(files)
	if err == nil {
		err = os.WriteFile("compiled.bin", data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
