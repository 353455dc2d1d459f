package rules

import (
	"slices"
	"testing"
)

// firstOfSimple is firstOf as it was written before appendFirst: a slice
// made for each part, the parts' slices appended.
func firstOfSimple(n node) []*unit {
	switch n := n.(type) {
	case *unit:
		return []*unit{n}
	case *capture:
		return firstOfSimple(n.elem)
	case *seq:
		var union []*unit
		for _, e := range n.elems {
			if _, ok := e.(*look); ok {
				continue
			}
			f := firstOfSimple(e)
			if f == nil {
				return nil
			}
			union = append(union, f...)
			if !optional(e) {
				return union
			}
		}
		return union
	case *repeat:
		return firstOfSimple(n.elem)
	case *alt:
		var us []*unit
		for _, a := range n.alts {
			f := firstOfSimple(a)
			if f == nil {
				return nil
			}
			us = append(us, f...)
		}
		return us
	}
	return nil
}

// TestFirstOf holds firstOf to firstOfSimple at every part of every
// embedded rule's pattern.
func TestFirstOf(t *testing.T) {
	rs := defaultRules(t)
	var walk func(n node)
	parts := 0
	walk = func(n node) {
		parts++
		if got, want := firstOf(n), firstOfSimple(n); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Errorf("firstOf(%v) = %v, want %v", n, got, want)
		}
		switch n := n.(type) {
		case *capture:
			walk(n.elem)
		case *repeat:
			walk(n.elem)
		case *look:
			walk(n.elem)
		case *seq:
			for _, e := range n.elems {
				walk(e)
			}
		case *alt:
			for _, a := range n.alts {
				walk(a)
			}
		}
	}
	for _, r := range rs.rules {
		walk(r.node)
	}
	if parts < 1000 {
		t.Fatalf("only %d parts of patterns walked", parts)
	}
}
