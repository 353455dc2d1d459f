// Package scratch reuses the working slices a pipeline keeps from one
// document to the next: a per-token table is resized, not reallocated,
// so a corpus run allocates little per document. The annotate pipeline,
// the rule engine and the time tagger share it.
package scratch

// Resize returns s with length n, reusing its array when it is big
// enough. The elements are not cleared: callers write every one, or
// clear what they read.
func Resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// EmptyLists returns l with n empty lists, each keeping its array.
func EmptyLists[T any](l [][]T, n int) [][]T {
	l = Resize(l, n)
	for i := range l {
		l[i] = l[i][:0]
	}
	return l
}
