// Command gencorpus writes a benchmark corpus built from the test articles
// (testdata/articles), as JSONL or as a directory of text files:
//
//	go run ./testdata/gencorpus -size 10MB -o /tmp/corpus.jsonl
//	go run ./testdata/gencorpus -size 1MB -dir /tmp/corpus
//	go run ./testdata/gencorpus -size 50MB -line /tmp/line.txt
//
// -line writes the whole corpus as one text on one line, line breaks made
// spaces, for docs/robustness.md's test of a 50 MB line.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/newsann/newsann/annotate/synth"
)

func main() {
	size := flag.String("size", "1MB", "corpus size (KB, MB, GB suffixes)")
	out := flag.String("o", "", "write JSONL to this file")
	dir := flag.String("dir", "", "write one .txt file per document into this directory")
	line := flag.String("line", "", "write the corpus as one text on one line to this file")
	articles := flag.String("articles", "testdata/articles", "directory of source articles")
	seed := flag.Uint64("seed", 1, "shuffle seed")
	flag.Parse()
	n, err := parseSize(*size)
	if outputs := btoi(*out != "") + btoi(*dir != "") + btoi(*line != ""); err != nil || outputs != 1 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -size N[KB|MB|GB] (-o FILE.jsonl | -dir DIR | -line FILE)")
		os.Exit(2)
	}
	paths, _ := filepath.Glob(filepath.Join(*articles, "*.txt"))
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			fail(err)
		}
		texts = append(texts, string(b))
	}
	docs := synth.Corpus(texts, n, *seed)
	if *line != "" {
		text := strings.Join(strings.Fields(strings.Join(docs, " ")), " ")
		if len(text) > n {
			text = strings.ToValidUTF8(text[:n], "")
		}
		if err := os.WriteFile(*line, []byte(text), 0o644); err != nil {
			fail(err)
		}
		return
	}
	if *dir != "" {
		if err := os.MkdirAll(*dir, 0o755); err != nil {
			fail(err)
		}
		for i, d := range docs {
			if err := os.WriteFile(filepath.Join(*dir, synth.ID(i)+".txt"), []byte(d), 0o644); err != nil {
				fail(err)
			}
		}
		return
	}
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	enc := json.NewEncoder(f)
	for i, d := range docs {
		if err := enc.Encode(map[string]string{"id": synth.ID(i), "text": d, "date": "2025-11-14"}); err != nil {
			fail(err)
		}
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}

func parseSize(s string) (int, error) {
	mult := 1
	for suf, m := range map[string]int{"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30} {
		if strings.HasSuffix(strings.ToUpper(s), suf) {
			s, mult = s[:len(s)-2], m
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	return int(n * float64(mult)), err
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gencorpus:", err)
	os.Exit(1)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
