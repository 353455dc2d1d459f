package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
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

// TestFoldKey holds foldKey, which returns a word folding leaves as it is
// without a copy, to token.Folder.Key, and checks that the words of the
// embedded lists are mostly returned as they are.
func TestFoldKey(t *testing.T) {
	rs := &RuleSet{folder: token.NewFolder()}
	f := token.NewFolder()
	words := []string{"", "minister", "Minister", "MINISTER", "Zürich", "o'brien", "O’Brien", "al-Qaeda", "u.s.", "1990s", "naïve"}
	files, err := DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range files {
		for _, list := range l.Lists {
			words = append(words, list.Words...)
		}
	}
	same := 0
	for _, w := range words {
		got := rs.foldKey(w)
		if want := f.Key(w); got != want {
			t.Fatalf("foldKey(%q) = %q, want %q", w, got, want)
		}
		if got == w {
			same++
		}
	}
	if same < len(words)/2 {
		t.Errorf("only %d of %d words fold to themselves", same, len(words))
	}
}

// TestListWords holds ListWords to InList: a list's words are those of
// the vocabulary InList finds in it, each once.
func TestListWords(t *testing.T) {
	rs := defaultRules(t)
	for name := range rs.listIDs {
		var want []string
		for _, w := range rs.Words() {
			if rs.InList(name, w) {
				want = append(want, w)
			}
		}
		got := slices.Sorted(slices.Values(rs.ListWords(name)))
		if !slices.Equal(got, want) {
			t.Errorf("ListWords(%q) = %q, want %q", name, got, want)
		}
	}
	if ws := rs.ListWords("no-such-list"); len(ws) != 0 {
		t.Errorf("ListWords of no list = %q", ws)
	}
}

// TestLexWordsTable holds LexWords, which takes the TokenMap's table, to
// settling each id with Word, for a matcher that numbers some of the
// rules' words and lacks the others.
func TestLexWordsTable(t *testing.T) {
	rs := defaultRules(t)
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	words := rs.Words()
	for _, m := range []*lexicon.Matcher{lex.Matcher(), lex.Matcher().WithWords(words[:len(words)/2]), lex.Matcher().WithWords(words)} {
		lw := rs.LexWords(m)
		tm := m.TokenMap(func(yield func(string, int32) bool) {
			for i, w := range rs.words {
				if !pseudoWord(w) && !yield(w, int32(i+1)) {
					return
				}
			}
		})
		if len(lw.byID) != m.Tokens() {
			t.Fatalf("%d ids, want %d", len(lw.byID), m.Tokens())
		}
		for id, got := range lw.byID {
			if want := settled(tm.Word(int32(id))); got != want {
				t.Fatalf("id %d: %d, want %d", id, got, want)
			}
		}
		if want := settled(tm.Word(int32(m.Tokens()))); lw.outside != want {
			t.Fatalf("outside: %d, want %d", lw.outside, want)
		}
	}
}

// TestStrMapError: a value of a string map that is not a string is
// reported under the map's field and its key.
func TestStrMapError(t *testing.T) {
	src := `prefer:
  paris: [a, b]
  london: Q84
`
	_, err := ParseFile("f.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "prefer.paris") || strings.Contains(err.Error(), "london") {
		t.Fatalf("error %v, want one naming prefer.paris alone", err)
	}
}

// TestAppendUnits holds appendUnits, the units Compile asks things of
// (Rule.units), to eachUnit: the same units, in the same order, for
// every default rule's pattern and a few with lookarounds and captures.
func TestAppendUnits(t *testing.T) {
	nodes := []node{}
	for _, r := range defaultRules(t).rules {
		nodes = append(nodes, r.node)
	}
	for _, p := range []string{"a (b | c@x)+ !>(d e) <(f) g?", "(a b)@y{2,3}"} {
		n, err := parsePattern(p, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, n)
	}
	for _, n := range nodes {
		var want []*unit
		eachUnit(n, func(u *unit) { want = append(want, u) })
		if got := appendUnits(nil, n); !slices.Equal(got, want) || len(got) == 0 {
			t.Errorf("%s: appendUnits gives %d units, eachUnit %d", n, len(got), len(want))
		}
	}
}
