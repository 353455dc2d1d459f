package diff

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tree reads a JSON object as Read would give it.
func tree(t *testing.T, s string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// changeLines writes changes as the lines Write prints.
func changeLines(changes []Change) []string {
	var out []string
	for _, c := range changes {
		switch {
		case !c.InB:
			out = append(out, "- "+c.Path+": "+compact(c.A))
		case !c.InA:
			out = append(out, "+ "+c.Path+": "+compact(c.B))
		default:
			out = append(out, "~ "+c.Path+": "+compact(c.A)+" → "+compact(c.B))
		}
	}
	return out
}

// TestCompareTrees checks how arrays are aligned: an element added or
// removed in the middle is that one change, an element changed in place
// is a change to its field, and what cannot be kept is paired in order.
func TestCompareTrees(t *testing.T) {
	m := func(text, label string) string { return fmt.Sprintf(`{"text":%q,"label":%q}`, text, label) }
	list := func(ms ...string) string { return `{"mentions":[` + strings.Join(ms, ",") + `]}` }
	a, b, c, d, e := m("Iran", "COUNTRY"), m("Oman", "COUNTRY"), m("WHO", "ORG"), m("Merz", "PERSON"), m("Kyiv", "CITY")
	for _, tc := range []struct {
		name string
		a, b string
		want []string
	}{
		{"same", list(a, b, c), list(a, b, c), nil},
		{"added in the middle", list(a, b, c, d), list(a, b, e, c, d),
			[]string{`+ mentions[2]: {"label":"CITY","text":"Kyiv"}`}},
		{"removed in the middle", list(a, b, e, c, d), list(a, b, c, d),
			[]string{`- mentions[2]: {"label":"CITY","text":"Kyiv"}`}},
		{"changed in place", list(a, b, c, d), list(a, m("Oman", "CITY"), c, d),
			[]string{`~ mentions[1].label: "COUNTRY" → "CITY"`}},
		{"changed and added", list(a, b, c, d), list(e, a, m("Oman", "CITY"), c, d),
			[]string{`+ mentions[0]: {"label":"CITY","text":"Kyiv"}`, `~ mentions[1].label: "COUNTRY" → "CITY"`}},
		{"one removed, one changed", list(a, b, c, d), list(a, m("WHO", "GPE"), d),
			[]string{`- mentions[1]: {"label":"COUNTRY","text":"Oman"}`, `~ mentions[2].label: "ORG" → "GPE"`}},
		{"moved", list(a, b, c), list(c, a, b),
			[]string{`+ mentions[0]: {"label":"ORG","text":"WHO"}`, `- mentions[2]: {"label":"ORG","text":"WHO"}`}},
		{"swapped: the first is taken out, then put back", `{"x":[1,2]}`, `{"x":[2,1]}`,
			[]string{`- x[0]: 1`, `+ x[1]: 1`}},
		{"numbers changed in place", `{"m":[1,10,20,3]}`, `{"m":[1,8,3,4]}`,
			[]string{`~ m[1]: 10 → 8`, `- m[2]: 20`, `+ m[3]: 4`}},
		{"field added and removed", `{"x":1,"y":[1,2]}`, `{"y":[1,2,3],"z":true}`,
			[]string{`- x: 1`, `+ y[2]: 3`, `+ z: true`}},
		{"kinds differ", `{"x":{"a":1},"y":[1],"z":null}`, `{"x":[1],"y":"1","z":0}`,
			[]string{`~ x: {"a":1} → [1]`, `~ y: [1] → "1"`, `~ z: null → 0`}},
		{"nested arrays", `{"e":[{"m":[0,1,2]},{"m":[3]}]}`, `{"e":[{"m":[0,2]},{"m":[3]}]}`,
			[]string{`- e[0].m[1]: 1`}},
	} {
		if diff := cmp.Diff(tc.want, changeLines(compareTrees(tree(t, tc.a), tree(t, tc.b)))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestAlignTooLarge checks that arrays whose middle would need a table
// larger than maxAlignCells are compared element by element, in order,
// instead of filling it.
func TestAlignTooLarge(t *testing.T) {
	n := 1 << 11 // (n+1)^2 > maxAlignCells
	if (n+1)*(n+1) <= maxAlignCells {
		t.Fatalf("n = %d is too small to pass the bound", n)
	}
	a, b := make([]any, n+2), make([]any, n+2)
	a[0], b[0], a[n+1], b[n+1] = "head", "head", "tail", "tail"
	for i := 1; i <= n; i++ {
		a[i], b[i] = float64(i), float64(i+1) // b is a shifted by one
	}
	steps := align(a, b)
	if len(steps) != n+2 {
		t.Fatalf("%d steps, want %d", len(steps), n+2)
	}
	var w walker
	w.array(a, b)
	if len(w.changes) != n {
		t.Errorf("%d changes, want %d, one an element", len(w.changes), n)
	}
}

// FuzzAlign checks align against its definition on small arrays: each
// element of a and of b is met once and in order, the elements kept are
// equal, and as many are kept as the longest common subsequence has.
func FuzzAlign(f *testing.F) {
	f.Add([]byte("abcd"), []byte("abxcd"))
	f.Add([]byte("abab"), []byte("baba"))
	f.Add([]byte(""), []byte("xyz"))
	f.Fuzz(func(t *testing.T, x, y []byte) {
		if len(x) > 64 || len(y) > 64 {
			return
		}
		a, b := make([]any, len(x)), make([]any, len(y))
		for i, c := range x {
			a[i] = float64(c % 4) // few letters: many equal elements
		}
		for j, c := range y {
			b[j] = float64(c % 4)
		}
		ni, nj, kept := 0, 0, 0
		for _, s := range align(a, b) {
			if s.i >= 0 {
				if s.i != ni {
					t.Fatalf("a[%d] met after a[%d]", s.i, ni-1)
				}
				ni++
			}
			if s.j >= 0 {
				if s.j != nj {
					t.Fatalf("b[%d] met after b[%d]", s.j, nj-1)
				}
				nj++
			}
			if s.i >= 0 && s.j >= 0 {
				if !equal(a[s.i], b[s.j]) {
					t.Fatalf("kept a[%d] = %v as b[%d] = %v", s.i, a[s.i], s.j, b[s.j])
				}
				kept++
			}
		}
		if ni != len(a) || nj != len(b) {
			t.Fatalf("met %d of a's %d and %d of b's %d", ni, len(a), nj, len(b))
		}
		if want := lcsLength(a, b); kept != want {
			t.Fatalf("kept %d, the longest common subsequence has %d", kept, want)
		}
	})
}

// lcsLength is the length of the longest common subsequence of a and b,
// by the textbook recursion over prefixes (align works over suffixes).
func lcsLength(a, b []any) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if equal(a[i], b[j]) {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}
