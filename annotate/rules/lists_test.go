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
// vocabulary, the word sets rules need, the in: tests' word lists, the
// list classes and the rule index by word (checkIndexAsBefore).
func TestListsAsBefore(t *testing.T) {
	files, err := DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	checkListsAsBefore(t, defaultRules(t), files)
	for _, c := range []struct{ a, b, pattern string }{
		{"said says told", "bin al van der", "[in:a] [in:b|a]? ([in:empty] | x) [in:a & !in:b]"},
		{"said", "said told", "<([in:a|b]) (said | [in:b]) [in:b|empty]"},
		{"", "", "[in:empty] [in:a|empty] [is:cap & in:a]"},
	} {
		rs, files, err := compileLists(c.a, c.b, c.pattern)
		if err != nil {
			t.Fatalf("%q: %v", c.pattern, err)
		}
		checkListsAsBefore(t, rs, files)
	}
}

// FuzzListsAsBefore checks the same on rule files with any lists and
// pattern: rule files are read from outside.
func FuzzListsAsBefore(f *testing.F) {
	f.Add("said says told", "bin al van der", "[in:a] [in:b|a]? ([in:empty] | x)")
	f.Add("Said SAID", "said", "[in:a & !in:b] said [in:b]")
	f.Fuzz(func(t *testing.T, a, b, pattern string) {
		rs, files, err := compileLists(a, b, pattern)
		if err != nil {
			return
		}
		checkListsAsBefore(t, rs, files)
	})
}

// compileLists compiles one rule with pattern and the lists a and b
// (their words separated by spaces) and empty, which has none.
func compileLists(a, b, pattern string) (*RuleSet, []*File, error) {
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
		return nil, nil, err
	}
	rs, err := Compile([]*File{f})
	return rs, []*File{f}, err
}

// checkListsAsBefore fails t where rs differs from the reference.
func checkListsAsBefore(t *testing.T, rs *RuleSet, files []*File) {
	t.Helper()
	ref := refRules{rs, refLists(rs, files)}
	if diff := cmp.Diff(refVocab(ref), rs.vocab); diff != "" {
		t.Errorf("vocabulary (-reference +compiled):\n%s", diff)
	}
	for _, r := range rs.rules {
		eachUnit(r.node, func(u *unit) {
			// requiredWords walks the pattern as it did; what it reads
			// of each unit is what changed.
			if diff := cmp.Diff(refWordsOf(u.test, ref), wordsOf(u.test, rs)); diff != "" {
				t.Errorf("rule %s: %s: required words (-reference +compiled):\n%s", r.ID, u.src, diff)
			}
			eachInTest(u.test, func(it *inTest) {
				if diff := cmp.Diff(refWordList(ref, it.lists...), []uint64(it.words.bits)); diff != "" {
					t.Errorf("rule %s: %s: words of in:%s (-reference +compiled):\n%s", r.ID, u.src, strings.Join(it.lists, "|"), diff)
				}
			})
		})
	}
	if len(ref.lists) != len(rs.listIDs) {
		t.Errorf("%d lists, not %d", len(rs.listIDs), len(ref.lists))
	}
	for name, set := range ref.lists {
		if diff := cmp.Diff(refWordList(ref, name), []uint64(rs.WordList(name).bits)); diff != "" {
			t.Errorf("WordList(%q) (-reference +compiled):\n%s", name, diff)
		}
		// InList searches the list's numbers: it must find the list's
		// words and no other word of the vocabulary (nor "").
		for _, w := range append(slices.Clone(rs.words), "", "zzyzx") {
			if got := rs.InList(name, w); got != set[w] {
				t.Errorf("InList(%q, %q) = %v", name, w, got)
			}
		}
	}
	if rs.InList("no such list", rs.words[0]) {
		t.Errorf("InList finds %q in a list there is not", rs.words[0])
	}
	if diff := cmp.Diff(refClassWords(ref), rs.classes.words); diff != "" {
		t.Errorf("list classes of the words (-reference +compiled):\n%s", diff)
	}
	checkIndexAsBefore(t, ref)
}

// refRules is a rule set with its lists as sets of folded words, made
// from its files as Compile once kept them, for the references below.
type refRules struct {
	*RuleSet
	lists map[string]map[string]bool
}

// refLists returns the word lists of files as sets of folded words.
func refLists(rs *RuleSet, files []*File) map[string]map[string]bool {
	lists := map[string]map[string]bool{}
	for _, f := range files {
		for _, l := range f.Lists {
			if lists[l.Name] == nil {
				lists[l.Name] = map[string]bool{}
			}
			for _, w := range l.Words {
				lists[l.Name][rs.folder.Key(w)] = true
			}
		}
	}
	return lists
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
func refVocab(rs refRules) map[string]int32 {
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
		literals(appendUnits(nil, r.node), func(w string) { add(rs.folder.Key(w)) })
	}
	add(numberWord)
	for _, k := range lexicon.Kinds() {
		add(kindWord(string(k)))
	}
	for _, r := range rs.rules {
		entries(appendUnits(nil, r.node), func(id string) { add(entryWord(id)) })
	}
	return vocab
}

// refWordList is the bits of wordList, from the lists' maps.
func refWordList(rs refRules, names ...string) []uint64 {
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
func refClassWords(rs refRules) []uint64 {
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

// refWordsOf is wordsOf reading an in: test's lists from their maps.
func refWordsOf(t test, rs refRules) []int32 {
	switch t := t.(type) {
	case *inTest:
		var ws []int32
		for _, l := range t.lists {
			for w := range rs.lists[l] {
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
	return wordsOf(t, rs.RuleSet)
}

// checkIndexAsBefore fails t where rs's rule index, filled by vocabulary
// number, differs from refIndexView's, filled by key from the lists'
// maps and numbered after, as Compile did before.
func checkIndexAsBefore(t *testing.T, ref refRules) {
	t.Helper()
	rs := ref.RuleSet
	want := refIndexView(ref)
	got := indexView{WordPhases: rs.wordPhases}
	for _, phase := range rs.phases {
		pi := rs.index[phase]
		byWord := map[int32][]string{}
		for w, list := range pi.byWord {
			if len(list) > 0 {
				byWord[int32(w)] = ruleIDs(list)
			}
		}
		got.ByWord = append(got.ByWord, byWord)
		got.Worded = append(got.Worded, ruleIDs(pi.worded))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rule index (-reference +compiled):\n%s", diff)
	}
}

// indexView is the part of a rule index made of words, per phase, with
// rules by id.
type indexView struct {
	ByWord     []map[int32][]string
	Worded     [][]string
	WordPhases []uint32
}

func ruleIDs(rules []*Rule) []string {
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	return ids
}

// refIndexView indexes rs's rules by the keys of their triggers, then
// numbers the keys.
func refIndexView(rs refRules) indexView {
	v := indexView{WordPhases: make([]uint32, len(rs.vocab)+1)}
	for k, phase := range rs.phases {
		byKey := map[string][]*Rule{}
		var worded []*Rule
		for _, r := range rs.index[phase].all {
			if r.first == nil {
				continue
			}
			tr := refTriggerOf(r.first, rs)
			if tr.any {
				continue
			}
			for _, key := range tr.keys {
				if !slices.Contains(byKey[key], r) {
					byKey[key] = append(byKey[key], r)
				}
			}
			if len(tr.keys) > 0 {
				worded = append(worded, r)
			}
		}
		byWord := map[int32][]string{}
		for key, list := range byKey {
			if w := rs.vocab[key]; w > 0 {
				byWord[w] = ruleIDs(list)
				v.WordPhases[w] |= phaseBit(k)
			}
		}
		v.ByWord = append(v.ByWord, byWord)
		v.Worded = append(v.Worded, ruleIDs(worded))
	}
	return v
}

// refTrigger is trigger as it was, with keys where it has words.
type refTrigger struct {
	keys                []string
	lex, ment, cap, any bool
}

func (t refTrigger) selectivity() int {
	return trigger{words: make([]int32, len(t.keys)), lex: t.lex, ment: t.ment, cap: t.cap, any: t.any}.selectivity()
}

// refTriggerOf is triggerOf as it was, reading the keys of in: tests
// from the lists' maps.
func refTriggerOf(t test, rs refRules) refTrigger {
	switch t := t.(type) {
	case *keyTest:
		return refTrigger{keys: []string{t.fold}}
	case *anyKeyTest:
		return refTrigger{keys: t.folds}
	case *inTest:
		var keys []string
		for _, l := range t.lists {
			for k := range rs.lists[l] {
				keys = append(keys, k)
			}
		}
		return refTrigger{keys: keys}
	case *lexTest:
		return refTrigger{lex: true}
	case *mentionTest:
		return refTrigger{ment: true}
	case *isTest:
		for _, n := range t.names {
			if n != "cap" && n != "title" && n != "upper" && n != "initial" {
				return refTrigger{any: true}
			}
		}
		return refTrigger{cap: true}
	case *andTest:
		a, b := refTriggerOf(t.a, rs), refTriggerOf(t.b, rs)
		if b.selectivity() < a.selectivity() {
			return b
		}
		return a
	case *orTest:
		a, b := refTriggerOf(t.a, rs), refTriggerOf(t.b, rs)
		if a.any || b.any {
			return refTrigger{any: true}
		}
		return refTrigger{keys: append(append([]string(nil), a.keys...), b.keys...), lex: a.lex || b.lex, ment: a.ment || b.ment, cap: a.cap || b.cap}
	}
	return refTrigger{any: true}
}
