package strsort

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// check sorts a copy of words with Sort and with slices.Sort and fails
// when they differ.
func check(t *testing.T, words []string) {
	t.Helper()
	got, want := slices.Clone(words), slices.Clone(words)
	Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("Sort(%q) = %q, want %q", words, got, want)
	}
}

// TestSortMatchesSlices holds Sort to slices.Sort on words sharing long
// prefixes, shorter than the key, with zero and high bytes, and repeated.
func TestSortMatchesSlices(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"", "a", "b", "\x00", "\xff", "é", "minist", "ry", "er"}
	for n := range 600 {
		words := make([]string, n)
		for i := range words {
			var b strings.Builder
			for range r.IntN(5) {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			words[i] = b.String()
		}
		check(t, words)
	}
}

// FuzzSort holds Sort to slices.Sort on words cut from the input.
func FuzzSort(f *testing.F) {
	f.Add("minister ministry min mini \x00a \x00 a b ab abc abcdefg abcdefgh abcdefga")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Split(s, " ")
		for len(words) < minLen { // so that the keys are used
			words = append(words, words...)
		}
		check(t, words)
		for len(words) < minRadix { // and sorted by radix
			words = append(words, words...)
		}
		check(t, words)
	})
}
