// Command genlexicon writes a large lexicon of made-up people, for
// measuring how loading and matching scale with the size of a gazetteer:
//
//	go run ./testdata/genlexicon -n 1000000 -o /tmp/big.jsonl
//	go run ./testdata/genlexicon -n 100000 -o /tmp/big.csv
//
// Each entry is a person with a unique name ("Kaimo Dravesh") and its
// family name as a short form. The format follows the extension of -o.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/newsann/newsann/annotate/synth"
	"github.com/newsann/newsann/lexicon"
)

func main() {
	n := flag.Int("n", 1000000, "number of people")
	out := flag.String("o", "", "output file (.jsonl, .csv or .yaml)")
	seed := flag.Uint64("seed", 1, "name generator seed")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: genlexicon -n N -o FILE.(jsonl|csv|yaml)")
		os.Exit(2)
	}
	format := map[string]string{".jsonl": "jsonl", ".csv": "csv", ".yaml": "yaml", ".json": "json"}[ext(*out)]
	if format == "" {
		fmt.Fprintln(os.Stderr, "genlexicon: -o must end in .jsonl, .csv, .yaml or .json")
		os.Exit(2)
	}
	f := &lexicon.File{Path: *out, Entries: synth.People(*n, *seed)}
	l, err := lexicon.Build([]*lexicon.File{f}, lexicon.Options{SkipValidation: true})
	if err == nil {
		var w *os.File
		if w, err = os.Create(*out); err == nil {
			err = lexicon.Export(w, l, format)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlexicon:", err)
		os.Exit(1)
	}
}

func ext(p string) string {
	for i := len(p) - 1; i >= 0 && p[i] != '/'; i-- {
		if p[i] == '.' {
			return p[i:]
		}
	}
	return ""
}
