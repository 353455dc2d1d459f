package diff

import (
	"reflect"
	"slices"
	"strconv"
)

// compareTrees lists the differences between two documents, leaf by leaf,
// in path order.
//
// The comparison is ours rather than go-cmp's, for three reasons:
// go-cmp's edit script for slices flips a time-seeded coin to choose its
// search direction (cmp/internal/diff), so nothing promises two runs
// align a slice alike, and newsann's output must not change between
// runs; its pairing of changed elements is its own, not one made for
// annotations (see similar); and it calls reflect.Value.Method, which keeps every exported method
// of every type in the binary (21.7 MB with it, 16.8 without).
func compareTrees(a, b map[string]any) []Change {
	var w walker
	w.object(a, b)
	slices.SortStableFunc(w.changes, func(x, y Change) int { return comparePaths(x.Path, y.Path) })
	return w.changes
}

// walker walks two JSON trees side by side, keeping the path it is at.
type walker struct {
	path    []byte
	changes []Change
}

func (w *walker) report(a, b any, inA, inB bool) {
	w.changes = append(w.changes, Change{Path: string(w.path), A: a, B: b, InA: inA, InB: inB})
}

// value compares two values at the current path: objects field by field,
// arrays element by element, anything else as a whole.
func (w *walker) value(a, b any) {
	switch x := a.(type) {
	case map[string]any:
		if y, ok := b.(map[string]any); ok {
			w.object(x, y)
			return
		}
	case []any:
		if y, ok := b.([]any); ok {
			w.array(x, y)
			return
		}
	}
	if !equal(a, b) {
		w.report(a, b, true, true)
	}
}

// object compares the fields of a and b in key order.
func (w *walker) object(a, b map[string]any) {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		n := len(w.path)
		if n > 0 {
			w.path = append(w.path, '.')
		}
		w.path = append(w.path, k...)
		x, inA := a[k]
		y, inB := b[k]
		if inA && inB {
			w.value(x, y)
		} else {
			w.report(x, y, inA, inB)
		}
		w.path = w.path[:n]
	}
}

// array compares a and b along their best alignment (align), so that
// one element added or removed is reported as that, not as a change to
// every element after it, and an element changed in place (a mention
// whose label changed) as changes to its fields. Between two elements
// paired, scalars removed and added are paired in order too: [10] to [8]
// is one change of a number. An element is numbered as in a, or as in b
// when it is only there.
func (w *walker) array(a, b []any) {
	var dels, adds []int
	flush := func() {
		k := 0
		for ; k < len(dels) && k < len(adds) && scalar(a[dels[k]]) && scalar(b[adds[k]]); k++ {
			w.index(dels[k], func() { w.report(a[dels[k]], b[adds[k]], true, true) })
		}
		for _, i := range dels[k:] {
			w.index(i, func() { w.report(a[i], nil, true, false) })
		}
		for _, j := range adds[k:] {
			w.index(j, func() { w.report(nil, b[j], false, true) })
		}
		dels, adds = dels[:0], adds[:0]
	}
	for _, s := range align(a, b) {
		switch {
		case s.i >= 0 && s.j >= 0:
			flush()
			w.index(s.i, func() { w.value(a[s.i], b[s.j]) })
		case s.i >= 0:
			dels = append(dels, s.i)
		default:
			adds = append(adds, s.j)
		}
	}
	flush()
}

// scalar reports whether v is neither an object nor an array.
func scalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

// index runs f with [i] added to the path.
func (w *walker) index(i int, f func()) {
	n := len(w.path)
	w.path = append(w.path, '[')
	w.path = strconv.AppendInt(w.path, int64(i), 10)
	w.path = append(w.path, ']')
	f()
	w.path = w.path[:n]
}

// step is one step of an alignment: a[i] paired with b[j], a[i] removed
// (j < 0) or b[j] added (i < 0).
type step struct{ i, j int }

// maxAlignCells bounds the tables align fills (5 bytes a cell): past it,
// the elements between the common head and tail are paired in order.
const maxAlignCells = 1 << 22

// align returns the steps that turn a into b. It pairs equal elements
// and similar ones (similar), keeping the order of both and scoring an equal pair twice a similar
// one, for the highest score; removals come before additions where both
// would do, so that the same two arrays always give the same steps.
func align(a, b []any) []step {
	head, tail := commonEnds(a, b)
	steps := make([]step, 0, max(len(a), len(b)))
	for k := range head {
		steps = append(steps, step{k, k})
	}
	steps = alignMiddle(steps, a[head:len(a)-tail], b[head:len(b)-tail], head)
	for k := range tail {
		steps = append(steps, step{len(a) - tail + k, len(b) - tail + k})
	}
	return steps
}

// alignMiddle appends to steps the alignment of a and b, which start at
// index off of the whole arrays.
func alignMiddle(steps []step, a, b []any, off int) []step {
	n, m := len(a), len(b)
	i, j := 0, 0
	switch {
	case n == 0 || m == 0:
	case (n+1)*(m+1) > maxAlignCells:
		for ; i < n && j < m; i, j = i+1, j+1 {
			steps = append(steps, step{off + i, off + j})
		}
	default:
		// pair[i*m+j] scores a[i] against b[j] (2 equal, 1 similar, 0
		// neither), and best[i*(m+1)+j] is the highest score of a[i:]
		// against b[j:].
		pair := make([]uint8, n*m)
		best := make([]int32, (n+1)*(m+1))
		at := func(i, j int) int32 { return best[i*(m+1)+j] }
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				s := max(at(i+1, j), at(i, j+1))
				if p := score(a[i], b[j]); p > 0 {
					pair[i*m+j] = p
					s = max(s, at(i+1, j+1)+int32(p))
				}
				best[i*(m+1)+j] = s
			}
		}
		for i < n && j < m {
			switch p := pair[i*m+j]; {
			case p > 0 && at(i, j) == at(i+1, j+1)+int32(p):
				steps = append(steps, step{off + i, off + j})
				i, j = i+1, j+1
			case at(i+1, j) >= at(i, j+1):
				steps = append(steps, step{off + i, -1})
				i++
			default:
				steps = append(steps, step{-1, off + j})
				j++
			}
		}
	}
	for ; i < n; i++ {
		steps = append(steps, step{off + i, -1})
	}
	for ; j < m; j++ {
		steps = append(steps, step{-1, off + j})
	}
	return steps
}

// score says how well b stands for a in an alignment: 2 when they are
// equal, 1 when they are similar, 0 otherwise.
func score(a, b any) uint8 {
	switch {
	case equal(a, b):
		return 2
	case similar(a, b):
		return 1
	}
	return 0
}

// similar reports whether a and b are likely the same thing changed:
// objects with at least half of all their fields in both and similar,
// arrays whose common head and tail hold at least half the longer one's
// elements, or equal values.
func similar(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return false
		}
		same, all := 0, len(y)
		for k, v := range x {
			if u, ok := y[k]; !ok {
				all++
			} else if similar(v, u) {
				same++
			}
		}
		return same > 0 && 2*same >= all
	case []any:
		y, ok := b.([]any)
		if !ok {
			return false
		}
		head, tail := commonEnds(x, y)
		return head+tail > 0 && 2*(head+tail) >= max(len(x), len(y))
	}
	return equal(a, b)
}

// commonEnds returns how many elements a and b share at their start
// (head) and then at their end (tail), the two not overlapping.
func commonEnds(a, b []any) (head, tail int) {
	n := min(len(a), len(b))
	for head < n && equal(a[head], b[head]) {
		head++
	}
	for tail < n-head && equal(a[len(a)-1-tail], b[len(b)-1-tail]) {
		tail++
	}
	return head, tail
}

// equal reports whether two JSON values are the same: objects with the
// same fields, arrays with the same elements in order, equal scalars.
func equal(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			u, ok := y[k]
			if !ok || !equal(v, u) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case string, float64, bool, nil:
		return a == b
	}
	return reflect.DeepEqual(a, b)
}
