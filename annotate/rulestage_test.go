package annotate

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/annotate/timex"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// applyAliasesRef is applyAliases as it was before its filter: every
// token's key looked up in the map of first keys.
func applyAliasesRef(s *state) {
	fresh := s.aliases[s.aliasesDone:]
	s.aliasesDone = len(s.aliases)
	if len(fresh) == 0 {
		return
	}
	// The uses are found in one pass over the tokens, the aliases looked
	// up by their first key (a long document defines many). An alias
	// defined again for the same entity adds nothing: the first
	// definition's candidate would stand in its way at every use.
	byFirst := make(map[string][]int, len(fresh))
	defined := make(map[string]bool, len(fresh))
	for ai, al := range fresh {
		k := strings.Join(al.keys, "\x00") + "\x00" + al.entity
		if defined[k] {
			continue
		}
		defined[k] = true
		byFirst[al.keys[0]] = append(byFirst[al.keys[0]], ai)
	}
	for i := range s.toks {
		for _, ai := range byFirst[s.key(i)] {
			al := &fresh[ai]
			n := len(al.keys)
			if i+n > len(s.toks) {
				continue
			}
			match := true
			for k := 1; k < n; k++ {
				if s.key(i+k) != al.keys[k] {
					match = false
					break
				}
			}
			if !match || s.hasCandidate(i, i+n, al.entity) {
				continue
			}
			s.addCand(candidate{
				first: i, last: i + n, start: s.toks[i].Start, end: s.toks[i+n-1].End,
				label: al.label, entity: al.entity, name: al.name,
				// A name the document defined outranks the guesses of
				// the generic rules (org.suffix) on the same words.
				source: al.rule.Source(), priority: 10*n + ruleBonus + aliasBonus, rule: al.rule,
			})
		}
	}
}

// aliasTestState is a state of random tokens spelled from words (their
// keys, the tokens' texts; "" for a token that folds to no key), with
// random candidates and aliases over them, some of the aliases already
// applied.
func aliasTestState(t *testing.T, rng *rand.Rand) *state {
	a, err := sharedAnnotator()
	if err != nil {
		t.Fatal(err)
	}
	rule := a.rules.Rules()[0]
	words := []string{"the", "united", "nations", "un", "'s", "eu", "union", "a", "\x00x", "é", "ab", "ba", ""}
	s := &state{a: a}
	var text, keys strings.Builder
	n := rng.IntN(60)
	for range n {
		w := words[rng.IntN(len(words))]
		start := text.Len()
		text.WriteString(w)
		s.toks = append(s.toks, token.Token{Start: start, End: text.Len(), Kind: token.Word, Space: true})
		text.WriteByte(' ')
		keys.WriteString(w)
		s.keyEnd = append(s.keyEnd, int32(keys.Len()))
	}
	s.text, s.keys = text.String(), keys.String()
	s.ids = a.matcher.IDs(nil, s.keys, s.keyEnd)
	s.resetCands()
	entities := []string{"org:un", "org:eu", "org:x"}
	for range rng.IntN(20) {
		if n == 0 {
			break
		}
		f := rng.IntN(n)
		l := f + 1 + rng.IntN(min(3, n-f))
		s.addCand(candidate{first: f, last: l, entity: entities[rng.IntN(len(entities))], dropped: rng.IntN(5) == 0})
	}
	for range rng.IntN(8) {
		al := alias{label: "ORGANIZATION", entity: entities[rng.IntN(len(entities))], name: "x", rule: rule}
		for range 1 + rng.IntN(3) {
			al.keys = append(al.keys, words[rng.IntN(len(words))])
		}
		al.firstID = a.matcher.ID(al.keys[0])
		s.aliases = append(s.aliases, al)
	}
	s.aliasesDone = rng.IntN(len(s.aliases) + 1)
	return s
}

// cloneForAliases copies what applyAliases reads and writes.
func cloneForAliases(s *state) *state {
	c := *s
	c.cands = append([]candidate(nil), s.cands...)
	c.candAt = make([][]int32, len(s.candAt))
	for i, l := range s.candAt {
		c.candAt[i] = append([]int32(nil), l...)
	}
	return &c
}

// TestApplyAliasesAgrees holds applyAliases to applyAliasesRef over
// random documents: the same candidates, indexed the same.
func TestApplyAliasesAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	added := 0
	for n := range 5000 {
		s := aliasTestState(t, rng)
		want, got := cloneForAliases(s), cloneForAliases(s)
		applyAliasesRef(want)
		got.applyAliases()
		if !reflect.DeepEqual(got.cands, want.cands) || !reflect.DeepEqual(got.candAt, want.candAt) || got.aliasesDone != want.aliasesDone {
			t.Fatalf("document %d %q, aliases %v from %d: candidates\n%v\nwant\n%v", n, s.keys, s.aliases, s.aliasesDone,
				fmt.Sprint(got.cands), fmt.Sprint(want.cands))
		}
		added += len(want.cands) - len(s.cands)
	}
	if added < 1000 {
		t.Errorf("only %d candidates added by aliases: the test documents have too few uses", added)
	}
}

// TestLabelClassCache holds the state's cache of label classes to the
// rule sets' LabelClass, asked of two rule sets in turn, for the labels
// of the rules and of the lexicon, labels no rule names, and labels that
// fall on one entry of the cache.
func TestLabelClassCache(t *testing.T) {
	a, err := sharedAnnotator()
	if err != nil {
		t.Fatal(err)
	}
	files, err := rules.DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	other, err := rules.Compile(files[:1])
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{"", "PERSON", "ORGANIZATION", "COUNTRY", "CITY", "TERRITORY", "TITLE", "NATIONALITY",
		"_NAME", "_NAME2", "DATE", "TIME", "MONEY", "NOSUCH", "P", "Q", "PERSOM", "QERSON"}
	for _, r := range a.rules.Rules() {
		for _, e := range r.Emit {
			if e.Mention != nil {
				labels = append(labels, e.Mention.Label)
			}
		}
	}
	sets := []*rules.RuleSet{a.rules, other}
	rng := rand.New(rand.NewPCG(11, 12))
	s := &state{}
	for range 20000 {
		rs, label := sets[rng.IntN(len(sets))], labels[rng.IntN(len(labels))]
		if got, want := s.labelClass(rs, label), rs.LabelClass(label); got != want {
			t.Fatalf("labelClass(%q) = %#x, want %#x", label, got, want)
		}
	}
}

// TestLabelCacheDistinct checks that the labels the lexicon's kinds, the
// time tagger and the default rules give candidates each have an entry
// of the state's label cache of their own, as its hash was chosen for
// (labelCache): two labels that shared one took it from each other at
// every turn, and asked the rule set's map again each time.
func TestLabelCacheDistinct(t *testing.T) {
	labels := []string{timex.Date, timex.Time, timex.Duration, timex.Set, "_NAME", lexicon.Kind("").Label()}
	for _, k := range lexicon.Kinds() {
		if l := k.Label(); !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	var s state
	owner := map[*labelInfo]string{}
	for _, l := range labels {
		e := s.labelInfo(l)
		if o, ok := owner[e]; ok {
			t.Errorf("labels %s and %s share an entry of the label cache", o, l)
		}
		owner[e] = l
	}
}
