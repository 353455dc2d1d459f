package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsann/newsann/lexicon"
)

// anchorTexts mix names of the lexicon, capitalised words, numbers and
// the test lists' words, so that anchors are near some starts and far
// from others.
var anchorTexts = append([]string{
	"Big Red 3 Hakan Fidan 2 said; Turkey 10 United States 7 told.",
	"Turkey 's Foreign Minister said 4 times that Big Dog 12 Red 3, Fidan told.",
	"the United States Big Red said 3 Turkish envoys 10 told Fidan 4 Fidan Fidan.",
	"Turkey said Big Dog, then told Fidan; Turkey 's Red told 5 Big Dog, said.",
}, lookTexts...)

// anchorPatterns have anchors: words or numbers after a bounded start,
// some after a unit that spans a name or mention.
var anchorPatterns = []string{
	`(([label:X] | $cap) $cap?)@a [re:/[0-9]{1,3}/] ($cap)@b [re:/[0-9]{1,3}/]`,
	`!<([is:cap]) ([label:X|Y] | $cap)@a [is:number] [is:number]?`,
	`($cap)@a [in:speech]`,
	`[kind:country] "'s"? [is:cap]? ([in:speech] | told)`,
	`[is:cap]{1,3} said`,
	`[label:Y] "," [is:lower]{0,2} ([in:speech] | "told")`,
	`$cap >([in:speech])`,
	`($cap | [label:X]) [is:word]{0,2} >(said | [is:number])`,
	`[is:cap] [kind:title]? [in:speech]`,
	`(the | a)? [is:cap]+ [in:speech]`,
}

// TestAnchorsHold: at every start from which a pattern matches, each of
// its anchors is found, so trying a rule only where they are loses no
// match; and the patterns that should have anchors have them.
func TestAnchorsHold(t *testing.T) {
	lex := testLex(t)
	for k, pat := range anchorPatterns {
		rs, err := compileOne(t, pat)
		if err != nil {
			t.Fatalf("pattern %q: %v", pat, err)
		}
		if n := len(rs.rules[0].anchors); (n == 0) != (k >= len(anchorPatterns)-2) {
			t.Errorf("pattern %q: %d anchors", pat, n)
		}
		for _, text := range anchorTexts {
			anchorsHold(t, lex, pat, text)
		}
	}
}

// TestExtent: the tokens a part of a pattern consumes.
func TestExtent(t *testing.T) {
	for _, c := range []struct {
		pat  string
		want extent
	}{
		{`a b c`, extent{lo: 3, hi: 3, ok: true}},
		{`a? b{1,3}`, extent{lo: 1, hi: 4, ok: true}},
		{`([label:X] | a b) c?`, extent{lo: 1, hi: 3, span: true, ok: true}},
		{`a [label:X]`, extent{}},
		{`a+`, extent{}},
		{`[kind:title]{1,2}`, extent{}},
		{`!<(a b) a >(b c)`, extent{lo: 1, hi: 1, ok: true}},
	} {
		n, err := parsePattern(c.pat, nil, map[string]bool{}, nil)
		if err != nil {
			t.Fatalf("%q: %v", c.pat, err)
		}
		if got := extentOf(n, true); got.ok != c.want.ok || got.ok && got != c.want {
			t.Errorf("%q: extent %+v, want %+v", c.pat, got, c.want)
		}
	}
}

// FuzzAnchors: for any pattern and text, a match's start has the
// pattern's anchors.
func FuzzAnchors(f *testing.F) { fuzzPatternTexts(f, anchorPatterns, anchorsHold) }

// fuzzPatternTexts fuzzes check over a pattern and a text, seeded with
// patterns and the first anchor text. A pattern with a line break, a
// quote or a backslash is skipped (the rule file's quoting, not the
// engine, would be tested), and so is a text over 2,000 bytes.
func fuzzPatternTexts(f *testing.F, patterns []string, check func(t *testing.T, lex *lexicon.Lexicon, pattern, text string)) {
	for _, pat := range patterns {
		f.Add(pat, anchorTexts[0])
	}
	lex := testLex(f)
	f.Fuzz(func(t *testing.T, pattern, text string) {
		if strings.ContainsAny(pattern, "\n\r\"\\") || len(text) > 2000 {
			return
		}
		check(t, lex, pattern, text)
	})
}

// anchorsHold runs pattern from every start of text and checks that
// every start it matches from has its anchors.
func anchorsHold(t *testing.T, lex *lexicon.Lexicon, pattern, text string) {
	t.Helper()
	rs, err := compileOne(t, pattern)
	if err != nil {
		return
	}
	r := rs.rules[0]
	d := withMentions(NewDoc(text, lex, splitSentences))
	d.bindVocab(rs)
	d.clearMemo(len(rs.tests) + 1)
	m := &machine{d: d, stepCap: oracleSteps}
	for si := range d.SentStart {
		m.lo, m.hi = int(d.SentStart[si]), int(d.SentEnd[si])
		for i := m.lo; i < m.hi; i++ {
			end, ok := m.run(r.prog, i)
			if len(m.memos) > 0 {
				return // exponential backtracking: no answer to go by
			}
			if !ok {
				continue
			}
			if !d.sentenceHas(si, r.need) {
				t.Fatalf("pattern %q on %q: matches %d-%d in a sentence without its need sets", pattern, text, i, end)
			}
			for _, a := range r.anchors {
				if !d.hasAnchor(&a, i, int(d.lastAt[si*rs.needSets+int(a.set)])) {
					t.Errorf("pattern %q on %q: matches %d-%d without its anchor %+v", pattern, text, i, end, a)
				}
			}
		}
	}
}

// prevPatterns begin with lookbehinds: the first three of one word each,
// which give the rule the words the token before a start must have; the
// others of a number, a lexicon name, a negation or two tokens, which
// give none.
var prevPatterns = []string{
	`<([in:speech]) ($cap)@a`,
	`<(said | told | the) [is:cap]+`,
	`<([in:speech & is:lower]) [is:word] [is:cap]?`,
	`<([is:number]) [is:cap]`,
	`<([kind:country]) [is:cap]`,
	`!<([in:speech]) [is:cap]`,
	`<(the [is:cap]) [is:cap]`,
	`[is:cap] <(said) [is:cap]`,
}

// TestPrevWordsAgree: a rule whose pattern begins with a lookbehind of
// one word matches what it matches when tried at every token, as it was
// before the words were asked first.
func TestPrevWordsAgree(t *testing.T) {
	for k, pat := range prevPatterns {
		if rs, _ := compileOne(t, pat); rs != nil && (rs.rules[0].prev != nil) != (k < 3) {
			t.Errorf("pattern %q: words before %v", pat, rs.rules[0].prev != nil)
		}
		texts := append(slices.Clone(anchorTexts),
			"said Big Red told the Dog; told Fidan said said Turkey the Big told. Said Red.",
			"the Big said 3 Turkey, said Turkey")
		for _, text := range texts {
			prevAgrees(t, testLex(t), pat, text)
		}
	}
}

// FuzzPrevWords: for any pattern and text, the rule matches the same with
// and without the words before its starts asked first.
func FuzzPrevWords(f *testing.F) { fuzzPatternTexts(f, prevPatterns, prevAgrees) }

// prevAgrees applies pattern's rule to text with its words before (if
// any) and without, and compares the matches.
func prevAgrees(t *testing.T, lex *lexicon.Lexicon, pattern, text string) {
	t.Helper()
	rs, err := compileOne(t, pattern)
	if err != nil {
		return
	}
	r := rs.rules[0]
	if r.prev == nil {
		return
	}
	matches := func() []string {
		var out []string
		d := withMentions(NewDoc(text, lex, splitSentences))
		rs.Apply(d, r.Phase, func(m *Match) { out = append(out, fmt.Sprint(m.Start, m.End, m.Caps)) })
		return out
	}
	got := matches()
	prev := r.prev
	r.prev = nil
	want := matches()
	r.prev = prev
	if !slices.Equal(got, want) {
		t.Errorf("pattern %q on %q: matches %v with the words before, %v without", pattern, text, got, want)
	}
}
