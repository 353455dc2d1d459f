package scratch

import "testing"

// TestResize: Resize keeps the array when it is big enough (what the
// pipeline relies on to allocate nothing per document) and gives a new
// one of the length asked otherwise; EmptyLists empties every list but
// keeps its array.
func TestResize(t *testing.T) {
	s := make([]int, 3, 10)
	s[0] = 7
	r := Resize(s, 8)
	if len(r) != 8 || &r[0] != &s[0] || r[0] != 7 {
		t.Errorf("Resize within capacity: len %d, same array %v, first %d", len(r), &r[0] == &s[0], r[0])
	}
	g := Resize(s, 11)
	if len(g) != 11 || &g[0] == &s[0] {
		t.Errorf("Resize past capacity: len %d, same array %v", len(g), &g[0] == &s[0])
	}
	l := make([][]int, 2, 3)
	l[0], l[1] = []int{1, 2}, make([]int, 1, 5)
	e := EmptyLists(l, 3)
	if len(e) != 3 || len(e[0]) != 0 || len(e[1]) != 0 || cap(e[1]) != 5 {
		t.Errorf("EmptyLists: %v (caps %d)", e, cap(e[1]))
	}
}
