package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/lexicon"
)

// TestListsAsBefore checks what Compile derives from the word lists, now
// read from their vocabulary numbers (RuleSet.listIDs), against the
// reference below, which reads the lists' maps as Compile did before: the
// vocabulary, the word sets rules need, the in: tests' word lists and the
// list classes.
func TestListsAsBefore(t *testing.T) {
	checkListsAsBefore(t, defaultRules(t))
	for _, c := range []struct{ a, b, pattern string }{
		{"said says told", "bin al van der", "[in:a] [in:b|a]? ([in:empty] | x) [in:a & !in:b]"},
		{"said", "said told", "<([in:a|b]) (said | [in:b]) [in:b|empty]"},
		{"", "", "[in:empty] [in:a|empty] [is:cap & in:a]"},
	} {
		rs, err := compileLists(c.a, c.b, c.pattern)
		if err != nil {
			t.Fatalf("%q: %v", c.pattern, err)
		}
		checkListsAsBefore(t, rs)
	}
}

// FuzzListsAsBefore checks the same on rule files with any lists and
// pattern: rule files are read from outside.
func FuzzListsAsBefore(f *testing.F) {
	f.Add("said says told", "bin al van der", "[in:a] [in:b|a]? ([in:empty] | x)")
	f.Add("Said SAID", "said", "[in:a & !in:b] said [in:b]")
	f.Fuzz(func(t *testing.T, a, b, pattern string) {
		rs, err := compileLists(a, b, pattern)
		if err != nil {
			return
		}
		checkListsAsBefore(t, rs)
	})
}

// compileLists compiles one rule with pattern and the lists a and b
// (their words separated by spaces) and empty, which has none.
func compileLists(a, b, pattern string) (*RuleSet, error) {
	list := func(words string) string {
		var qs []string
		for _, w := range strings.Fields(words) {
			qs = append(qs, fmt.Sprintf("%q", w))
		}
		return "[" + strings.Join(qs, ", ") + "]"
	}
	src := fmt.Sprintf("lists:\n  a: %s\n  b: %s\n  empty: []\nrules:\n  - id: r\n    pattern: %q\n    emit: [{mention: {label: X}}]\n    examples: [x]\n",
		list(a), list(b), pattern)
	f, err := ParseFile("r.yaml", []byte(src))
	if err != nil {
		return nil, err
	}
	return Compile([]*File{f})
}

// checkListsAsBefore fails t where rs differs from the reference.
func checkListsAsBefore(t *testing.T, rs *RuleSet) {
	t.Helper()
	if diff := cmp.Diff(refVocab(rs), rs.vocab); diff != "" {
		t.Errorf("vocabulary (-reference +compiled):\n%s", diff)
	}
	for _, r := range rs.rules {
		for _, ahead := range []bool{true, false} {
			if diff := cmp.Diff(refRequiredWords(r.node, rs, ahead), requiredWords(r.node, rs, ahead)); diff != "" {
				t.Errorf("rule %s: required words (ahead %v) (-reference +compiled):\n%s", r.ID, ahead, diff)
			}
		}
		eachUnit(r.node, func(u *unit) {
			eachInTest(u.test, func(it *inTest) {
				if diff := cmp.Diff(refWordList(rs, it.lists...), it.words.bits); diff != "" {
					t.Errorf("rule %s: %s: words of in:%s (-reference +compiled):\n%s", r.ID, u.src, strings.Join(it.lists, "|"), diff)
				}
			})
		})
	}
	for name := range rs.lists {
		if diff := cmp.Diff(refWordList(rs, name), rs.WordList(name).bits); diff != "" {
			t.Errorf("WordList(%q) (-reference +compiled):\n%s", name, diff)
		}
	}
	if diff := cmp.Diff(refClassWords(rs), rs.classes.words); diff != "" {
		t.Errorf("list classes of the words (-reference +compiled):\n%s", diff)
	}
}

// eachInTest calls f with the in: tests inside t.
func eachInTest(t test, f func(*inTest)) {
	switch t := t.(type) {
	case *inTest:
		f(t)
	case *andTest:
		eachInTest(t.a, f)
		eachInTest(t.b, f)
	case *orTest:
		eachInTest(t.a, f)
		eachInTest(t.b, f)
	case *notTest:
		eachInTest(t.t, f)
	}
}

// refVocab numbers the words as Compile did: the lists' words in the
// order of the lists' names and of their words, the literal words, the
// pseudo-words.
func refVocab(rs *RuleSet) map[string]int32 {
	vocab := map[string]int32{}
	add := func(w string) {
		if vocab[w] == 0 {
			vocab[w] = int32(len(vocab) + 1)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(rs.lists)) {
		for _, w := range slices.Sorted(maps.Keys(rs.lists[name])) {
			add(w)
		}
	}
	for _, r := range rs.rules {
		literals(r.node, func(w string) { add(rs.folder.Key(w)) })
	}
	add(numberWord)
	for _, k := range lexicon.Kinds() {
		add(kindWord(string(k)))
	}
	for _, r := range rs.rules {
		entries(r.node, func(id string) { add(entryWord(id)) })
	}
	return vocab
}

// refWordList is the bits of wordList, from the lists' maps.
func refWordList(rs *RuleSet, names ...string) []uint64 {
	bits := make([]uint64, (len(rs.vocab)+64)/64)
	for _, name := range names {
		for k := range rs.lists[name] {
			if w := rs.vocab[k]; w > 0 {
				bits[w/64] |= 1 << (w % 64)
			}
		}
	}
	return bits
}

// refClassWords is classSet.words, the list bits of each word, from the
// lists' maps.
func refClassWords(rs *RuleSet) []uint64 {
	words := make([]uint64, len(rs.classes.words))
	for list, b := range rs.classes.in {
		if b < 0 {
			continue
		}
		for w := range rs.lists[list] {
			if id := rs.vocab[w]; id > 0 {
				words[id] |= 1 << b
			}
		}
	}
	return words
}

// refRequiredWords is requiredWords with refWordsOf.
func refRequiredWords(n node, rs *RuleSet, ahead bool) [][]int32 {
	var need [][]int32
	var walk func(n node)
	walk = func(n node) {
		switch n := n.(type) {
		case *unit:
			if ws := refWordsOf(n.test, rs); ws != nil {
				need = append(need, ws)
			}
		case *capture:
			walk(n.elem)
		case *seq:
			for _, e := range n.elems {
				walk(e)
			}
		case *repeat:
			if n.min > 0 {
				walk(n.elem)
			}
		case *look:
			if !n.negate && !(ahead && n.behind) {
				walk(n.elem)
			}
		case *alt:
			var union []int32
			for _, a := range n.alts {
				sets := refRequiredWords(a, rs, ahead)
				if len(sets) == 0 {
					return
				}
				union = append(union, sets[0]...)
			}
			need = append(need, union)
		}
	}
	walk(n)
	return need
}

// refWordsOf is wordsOf reading an in: test's lists from their maps.
func refWordsOf(t test, rs *RuleSet) []int32 {
	switch t := t.(type) {
	case *inTest:
		var ws []int32
		for _, set := range t.sets {
			for w := range set {
				ws = append(ws, rs.vocab[w])
			}
		}
		slices.Sort(ws)
		return ws
	case *andTest:
		if ws := refWordsOf(t.a, rs); ws != nil {
			return ws
		}
		return refWordsOf(t.b, rs)
	}
	return wordsOf(t, rs)
}
