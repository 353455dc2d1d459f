// Package synth builds benchmark corpora from the articles we wrote for the
// tests, so that speed is measured on text shaped like wire news without
// copying outside text.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Corpus builds a corpus of about size bytes for benchmarks from
// articles we wrote: each document is a headline-like first paragraph and
// paragraphs drawn from the articles, reordered with a fixed seed, so the
// text keeps the density of names and sentences of real wire copy without
// copying any outside text. Documents are about 3 KB, like a wire story.
func Corpus(articles []string, size int, seed uint64) []string {
	var paras []string
	for _, a := range articles {
		for _, p := range strings.Split(a, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	if len(paras) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x6e657773616e6e))
	var docs []string
	total := 0
	for total < size {
		var b strings.Builder
		for b.Len() < 3000 {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(paras[rng.IntN(len(paras))])
		}
		docs = append(docs, b.String())
		total += b.Len()
	}
	return docs
}

// ID names the i-th synthesized document.
func ID(i int) string { return fmt.Sprintf("synth-%06d", i) }
