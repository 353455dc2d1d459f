// Package strsort sorts strings as slices.Sort does, in fewer
// instructions for the vocabularies the rules and the time tagger sort at
// start-up (a few hundred to a few thousand words).
//
// slices.Sort compares strings through a call each (n log n of them); Sort
// compares, for most pairs, the words' first six bytes packed into one
// integer instead, and compares whole strings only within the runs of
// words those bytes do not tell apart. It exists because building an
// annotator sorts its words several times, once per process.
package strsort

import "slices"

// minLen is the length below which Sort leaves the work to slices.Sort:
// the keys are not worth making for a few words.
const minLen = 32

// prefixBytes is how many of a word's first bytes its key holds; the
// rest of the key's 64 bits number the word (up to 1<<indexBits of them).
const (
	prefixBytes = 6
	indexBits   = 64 - 8*prefixBytes
)

// Sort sorts s in increasing order, as slices.Sort(s).
func Sort(s []string) {
	n := len(s)
	if n < minLen || n >= done {
		slices.Sort(s)
		return
	}
	// A key is the word's first bytes, big endian and zero padded, above
	// its index: keys in order are words in order of those bytes (a
	// shorter word padded with zeros comes before any longer one it
	// starts), ties broken below by the whole words.
	keys := make([]uint64, n)
	for i, w := range s {
		keys[i] = prefix(w)<<indexBits | uint64(i)
	}
	slices.Sort(keys)
	// Move each word to its place, a cycle of the permutation at a time,
	// marking the keys of the places filled (their index set to done).
	for i := range keys {
		if keys[i]&done == done {
			continue
		}
		w := s[i]
		j := i
		for {
			k := int(keys[j] & done)
			keys[j] |= done
			if k == i {
				s[j] = w
				break
			}
			s[j] = s[k]
			j = k
		}
	}
	for i := 0; i < n; {
		j := i + 1
		for j < n && keys[j]>>indexBits == keys[i]>>indexBits {
			j++
		}
		if j-i > 1 {
			slices.Sort(s[i:j])
		}
		i = j
	}
}

// done is the index bits all set, which no word's index is (Sort leaves
// longer slices to slices.Sort): it marks a place filled.
const done = 1<<indexBits - 1

// prefix returns the first prefixBytes bytes of w, big endian, zero padded.
func prefix(w string) uint64 {
	var p uint64
	for i := range prefixBytes {
		p <<= 8
		if i < len(w) {
			p |= uint64(w[i])
		}
	}
	return p
}
