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

import (
	"encoding/binary"
	"slices"
)

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
	size := n
	if n >= minRadix {
		size = 2 * n // and radixSort's buffer
	}
	keys := make([]uint64, n, size)
	for i, w := range s {
		keys[i] = prefix(w)<<indexBits | uint64(i)
	}
	if n < minRadix {
		slices.Sort(keys)
	} else {
		keys = radixSort(keys, keys[n:2*n])
	}
	place(s, keys)
}

// minRadix is the length from which Sort sorts the keys by radix: below,
// the passes' 256 counts each cost more than comparisons.
const minRadix = 256

// place moves the words of s to the places keys, sorted, give them, and
// sorts the runs of words whose keys' prefixes tie.
func place(s []string, keys []uint64) {
	n := len(s)
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
	if len(w) >= 8 {
		return binary.BigEndian.Uint64([]byte(w[:8])) >> (64 - 8*prefixBytes)
	}
	var p uint64
	for i := range prefixBytes {
		p <<= 8
		if i < len(w) {
			p |= uint64(w[i])
		}
	}
	return p
}

// radixSort sorts keys by their prefix bits, a byte at a time from the
// lowest (each pass stable, so keys of equal prefixes stay in index
// order, as a sort of the whole keys leaves them), using buf, as long as
// keys, between passes. It returns the sorted keys, in keys or buf. A
// pass is a count and a move of each key: for the few thousand words
// sorted here, fewer instructions than comparison sorting's n log n.
func radixSort(keys, buf []uint64) []uint64 {
	// The counts of every pass's bytes, made in one pass over the keys.
	var count [prefixBytes][256]int
	// Written out for the six bytes of a prefix (a loop over them costs
	// twice the instructions).
	var _ = [1]int{}[prefixBytes-6]
	for _, k := range keys {
		count[0][byte(k>>indexBits)]++
		count[1][byte(k>>(indexBits+8))]++
		count[2][byte(k>>(indexBits+16))]++
		count[3][byte(k>>(indexBits+24))]++
		count[4][byte(k>>(indexBits+32))]++
		count[5][byte(k>>(indexBits+40))]++
	}
	for p := range prefixBytes {
		shift := uint(indexBits + 8*p)
		c := &count[p]
		if c[byte(keys[0]>>shift)] == len(keys) {
			continue // the keys share this byte: nothing moves
		}
		sum := 0
		for b, n := range c {
			c[b] = sum
			sum += n
		}
		for _, k := range keys {
			b := byte(k >> shift)
			buf[c[b]] = k
			c[b]++
		}
		keys, buf = buf, keys
	}
	return keys
}
