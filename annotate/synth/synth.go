// Package synth builds benchmark corpora from the articles we wrote for the
// tests, so that speed is measured on text shaped like wire news without
// copying outside text.
package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsann/newsann/lexicon"
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

// Size returns the bytes of a corpus's texts, for a benchmark's SetBytes
// (its MB/s are of text, whatever the documents carry besides).
func Size(texts []string) int64 {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	return int64(n)
}

// ID names the i-th synthesized document.
func ID(i int) string { return fmt.Sprintf("synth-%06d", i) }

// Syllables of made-up person names: onsets, vowels and codas that read as
// plausible names in many languages without being anyone's in particular.
var (
	onsets = []string{"b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
		"sh", "kh", "ch", "br", "dr", "tr", "gr", "st", "y", "j", "w"}
	vowels = []string{"a", "e", "i", "o", "u", "ai", "ei", "ou", "ia"}
	codas  = []string{"", "", "", "n", "r", "l", "s", "m", "k", "d"}
)

// PersonNames returns n distinct made-up names of the form "Given Family",
// built from syllables with a fixed seed, for benchmarks of large
// lexicons: plausible in shape (two to four syllables a part, capitalised)
// and reproducible, without copying any real list of names.
func PersonNames(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 0x70656f706c65))
	part := func(minSyl, maxSyl int) string {
		var b strings.Builder
		k := minSyl + rng.IntN(maxSyl-minSyl+1)
		for i := range k {
			b.WriteString(onsets[rng.IntN(len(onsets))])
			b.WriteString(vowels[rng.IntN(len(vowels))])
			if i == k-1 || rng.IntN(3) == 0 {
				b.WriteString(codas[rng.IntN(len(codas))])
			}
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	seen := make(map[string]struct{}, n)
	out := make([]string, 0, n)
	for len(out) < n {
		name := part(2, 3) + " " + part(2, 4)
		if _, dup := seen[name]; dup {
			continue
		}
		seen[name] = struct{}{}
		out = append(out, name)
	}
	return out
}

// People returns n lexicon entries for the names of PersonNames: a person
// with a unique id, the name, and the family name as a short form.
func People(n int, seed uint64) []*lexicon.Entry {
	names := PersonNames(n, seed)
	block := make([]lexicon.Entry, n)
	out := make([]*lexicon.Entry, n)
	for i, name := range names {
		_, family, _ := strings.Cut(name, " ")
		block[i] = lexicon.Entry{ID: fmt.Sprintf("synth-person-%07d", i+1), Kind: lexicon.Person, Name: name, Short: []string{family}}
		out[i] = &block[i]
	}
	return out
}

// BenchCorpus returns the corpus a benchmark runs over: the texts of the
// JSONL file named by the environment variable NEWSANN_BENCH_CORPUS, for
// measuring on real news one has, or else a corpus of about 1 MB built
// (Corpus, seed 1) from the articles in the files the glob patterns match.
// The benchmarks of the packages share it, so that their figures are over
// the same text.
func BenchCorpus(patterns ...string) ([]string, error) {
	if path := os.Getenv("NEWSANN_BENCH_CORPUS"); path != "" {
		return readTexts(path)
	}
	var texts []string
	for _, pat := range patterns {
		paths, err := filepath.Glob(pat)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pat, err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			texts = append(texts, string(b))
		}
	}
	return Corpus(texts, 1<<20, 1), nil
}

// readTexts returns the "text" of every record of a JSONL corpus, for
// benchmarks over real news one has (NEWSANN_BENCH_CORPUS) instead of
// the synthetic corpus.
func readTexts(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for line := 1; sc.Scan(); line++ {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		texts = append(texts, rec.Text)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return texts, nil
}
