package rules

import (
	"fmt"
	"strings"
	"testing"
)

// dumpNode writes out a pattern tree, every field of its nodes and tests
// (go-cmp, given the unexported fields, takes time exponential in the
// nesting of these trees).
func dumpNode(n node) string {
	var b strings.Builder
	var walk func(n node)
	each := func(name string, ns []node) {
		b.WriteString(name + "(")
		for _, e := range ns {
			walk(e)
			b.WriteString(" ")
		}
		b.WriteString(")")
	}
	walk = func(n node) {
		switch n := n.(type) {
		case *seq:
			each("seq", n.elems)
		case *alt:
			each("alt", n.alts)
		case *repeat:
			fmt.Fprintf(&b, "repeat{%d,%d}", n.min, n.max)
			each("", []node{n.elem})
		case *capture:
			fmt.Fprintf(&b, "capture %q", n.name)
			each("", []node{n.elem})
		case *look:
			fmt.Fprintf(&b, "look behind=%v negate=%v maxLen=%d", n.behind, n.negate, n.maxLen)
			each("", []node{n.elem})
		case *unit:
			fmt.Fprintf(&b, "unit %q id=%d cheap=%v mask=%v %s", n.src, n.id, n.cheap, n.mask, dumpTest(n.test))
		default:
			fmt.Fprintf(&b, "%T", n)
		}
	}
	walk(n)
	return b.String()
}

// dumpTest writes out a test and the tests inside it.
func dumpTest(t test) string {
	switch t := t.(type) {
	case *andTest:
		return "and(" + dumpTest(t.a) + ", " + dumpTest(t.b) + ")"
	case *orTest:
		return "or(" + dumpTest(t.a) + ", " + dumpTest(t.b) + ")"
	case *notTest:
		return "not(" + dumpTest(t.t) + ")"
	case *reTest:
		return "re(" + t.re.String() + ")"
	case *isTest:
		return fmt.Sprintf("is%q fns=%d", t.names, len(t.fns))
	case *inTest:
		return fmt.Sprintf("in%q words=%v", t.lists, t.words.bits)
	}
	return fmt.Sprintf("%T%+v", t, t)
}

// checkKeptMacros parses patterns in turn with one store of macro trees,
// as Compile does, and fails t where a tree or an error differs from
// parsing each pattern with its macros expanded afresh.
func checkKeptMacros(t *testing.T, macros map[string]string, lists map[string]bool, patterns ...string) {
	t.Helper()
	trees := map[string]*macroTree{}
	for _, src := range patterns {
		want, wantErr := parsePattern(src, macros, lists, nil)
		got, gotErr := parsePattern(src, macros, lists, trees)
		if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
			t.Errorf("%.80q: error %v with kept macros, %v parsing afresh", src, gotErr, wantErr)
			continue
		}
		if w, g := dumpNode(want), dumpNode(got); w != g {
			t.Errorf("%.80q: tree with kept macros differs:\nafresh %.500s\nkept   %.500s", src, w, g)
		}
	}
}

// TestKeptMacrosDefault checks the default rules' patterns.
func TestKeptMacrosDefault(t *testing.T) {
	files, err := DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	macros, lists := map[string]string{}, map[string]bool{}
	var patterns []string
	for _, f := range files {
		for _, m := range f.Macros {
			macros[m.Name] = m.Pattern
		}
		for _, l := range f.Lists {
			lists[l.Name] = true
		}
		for _, r := range f.Rules {
			patterns = append(patterns, r.Pattern)
		}
	}
	if len(patterns) < 20 || len(macros) < 5 {
		t.Fatalf("%d patterns and %d macros: the default rules not read", len(patterns), len(macros))
	}
	checkKeptMacros(t, macros, lists, patterns...)
}

// TestKeptMacrosBounds uses a macro first where it fits the bounds on a
// pattern, then where it crosses one: its nesting, its size or its
// depth of expansion. The error must be the one parsing it there gives.
func TestKeptMacrosBounds(t *testing.T) {
	open := func(n int) string { return strings.Repeat("(", n) }
	shut := func(n int) string { return strings.Repeat(")", n) }
	macros := map[string]string{
		"nest":  "((((a))))",
		"big":   strings.Repeat("a ", 400),
		"bad":   "a (b",
		"d0":    "$d1",
		"d1":    "$d2",
		"d2":    "$d3",
		"d3":    "$d4",
		"d4":    "$d5",
		"d5":    "$d6",
		"d6":    "$d7",
		"d7":    "$d8",
		"d8":    "$d9",
		"d9":    "x",
		"loop":  "a $loop",
		"inner": "[in:l] $nest b",
	}
	lists := map[string]bool{"l": true}
	for _, ps := range [][]string{
		{"$nest", open(28) + "$nest" + shut(28), open(29) + "$nest" + shut(29)},
		{"$inner", open(28) + "$inner" + shut(28), open(29) + "$inner" + shut(29)},
		{"$nest", "$inner", open(28) + "$inner" + shut(28), open(29) + "$inner" + shut(29)},
		{"$big", "$big $big $big $big $big", "$big $big $big $big $big z"},
		{"$d9", "$d5", "$d1", "$d0", "$d2 $d0"},
		{"$bad", "x $bad", "$loop"},
	} {
		checkKeptMacros(t, macros, lists, ps...)
	}
}

// FuzzKeptMacros checks any two macros and patterns: rule files are
// read from outside.
func FuzzKeptMacros(f *testing.F) {
	f.Add("[is:cap & !in:l]", "$a+ ($a | b)?", "$b@x $a", "<($b) c")
	f.Add("(a (b $b))", "[re:/x+/]{1,3}", "((($a)))", "$a $a $b")
	f.Fuzz(func(t *testing.T, a, b, p1, p2 string) {
		checkKeptMacros(t, map[string]string{"a": a, "b": b}, map[string]bool{"l": true}, p1, p2, p1)
	})
}
