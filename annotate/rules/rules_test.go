package rules

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/annotate/internal/yamlbin"

	"github.com/newsann/newsann/lexicon"
	"github.com/newsann/newsann/lexicon/lexicontest"
)

const testLexicon = `as_of: 2025-10-01
entries:
  - {id: TUR, kind: country, name: Turkey, demonyms: [Turkish]}
  - {id: USA, kind: country, name: United States, aliases: [U.S.]}
  - {id: foreign-minister, kind: title, type: office, name: Foreign Minister}
  - {id: sheikh, kind: title, type: honorific, name: Sheikh}
  - {id: hakan-fidan, kind: person, name: Hakan Fidan, short: [Fidan]}
`

func testLex(t testing.TB) *lexicon.Lexicon {
	return lexicontest.Build(t, "lex.yaml", testLexicon)
}

// compileOne compiles one rule with the given pattern, plus lists and
// macros, and returns the rule set.
func compileOne(t testing.TB, pattern string) (*RuleSet, error) {
	src := fmt.Sprintf(`lists:
  speech: [said, says, told]
  particles: [bin, al, van, der]
macros:
  cap: "[is:cap & !lexicon]"
rules:
  - id: r
    pattern: %q
    emit: [{mention: {label: X}}]
    examples: [x]
`, pattern)
	f, err := ParseFile("r.yaml", []byte(src))
	if err != nil {
		return nil, err
	}
	return Compile([]*File{f})
}

// matches runs a pattern over text and returns each match as
// "whole text" plus "name=text" for each capture.
func matches(t *testing.T, pattern, text string) []string {
	t.Helper()
	rs, err := compileOne(t, pattern)
	if err != nil {
		t.Fatalf("compile %q: %v", pattern, err)
	}
	d := NewDoc(text, testLex(t), nil)
	var out []string
	rs.Apply(d, 0, func(m *Match) {
		s := text[d.Toks[m.Start].Start:d.Toks[m.End-1].End]
		for _, c := range m.Caps {
			s += fmt.Sprintf(" %s=%s", c.Name, text[d.Toks[c.Start].Start:d.Toks[c.End-1].End])
		}
		out = append(out, s)
	})
	return out
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          []string
	}{
		{"said", "He said and she said.", []string{"said", "said"}},
		{"[in:speech]", "He told them what he says.", []string{"told", "says"}},
		{`"'s" [is:lower]`, "Iran's minister", []string{"'s minister"}},
		// A lexicon test consumes the whole name.
		{"[kind:country]@c [is:lower]", "the United States said", []string{"United States said c=United States"}},
		{"[kind:title & type:office]@t ([is:cap]{1,3})@p", "Foreign Minister Hakan Fidan spoke", []string{"Foreign Minister Hakan Fidan t=Foreign Minister p=Hakan Fidan"}},
		// Negated lexicon: only words no lexicon name covers.
		{"$cap{2,3}@n", "Hakan Fidan met John Smith Jones in Turkey", []string{"John Smith Jones n=John Smith Jones"}},
		// Quantifiers are greedy but give back.
		{"[is:cap]+ Smith", "Ann Bob Smith left", []string{"Ann Bob Smith"}},
		{"[is:cap]{2} x?", "A B C", []string{"A B"}},
		// Alternation and groups.
		{"(the|a) (big|small)? dog", "the dog and a small dog", []string{"the dog", "a small dog"}},
		// A capture of a branch that failed is put back: the match is the
		// other branch's, without it, or with the value it had before.
		{"([is:word])@p said | [is:word] told", "Fidan told", []string{"Fidan told"}},
		{"([is:cap])@p (([is:cap])@p said | [is:cap] told)", "Ann Bob told", []string{"Ann Bob told p=Ann"}},
		{"(([is:cap])@p [is:cap])+ said", "A B C D E said", []string{"B C D E said p=D"}},
		// Lookbehind and lookahead.
		{"<(\",\") [is:cap]@n >([in:speech])", "Yes, Smith said. Smith said.", []string{"Smith n=Smith"}},
		{"!<(the) [is:cap]@n", "the Smith and Jones", []string{"Jones n=Jones"}},
		// Particles inside names.
		{"[is:cap] ([in:particles]{0,2} \"-\"? [is:cap])*", "Ursula von der Leyen and Sheikh Mohammed bin Salman al-Saud", []string{"Ursula", "Leyen", "Sheikh Mohammed bin Salman al-Saud"}},
		// Sentence boundaries are never crossed (one sentence here: no segmenter).
		{"[is:number] [is:punct]", "It is 5. Then", []string{"5."}},
		// Regular expressions and shapes.
		{"[re:/[0-9]{4}s/]", "the 1990s and 2000s", []string{"1990s", "2000s"}},
		{"[shape:XXXX]", "NATO and Nato", []string{"NATO"}},
		{"[form:short]", "Fidan met Hakan Fidan", []string{"Fidan"}},
		// Words of a combined test are known to the index and the sentence
		// filter, first in the pattern or not.
		{"[key:cordoned & is:lower] off", "They cordoned off the road.", []string{"cordoned off"}},
		{"they ([key:cordon|cordoned & is:lower] | [key:sealed & is:lower])", "They cordoned off the road.", []string{"They cordoned"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, matches(t, tt.pattern, tt.text)); diff != "" {
			t.Errorf("%q on %q (-want +got):\n%s", tt.pattern, tt.text, diff)
		}
	}
}

func TestPatternErrors(t *testing.T) {
	tests := map[string]string{
		"[is:cap":         "unclosed [",
		"(a b":            "unclosed (",
		"a{3,1}":          "bad repetition {3,1}",
		"[is:shiny]":      "is:shiny: unknown",
		"[in:nolist]":     `unknown list "nolist"`,
		"$nomacro":        "unknown macro $nomacro",
		"[re:/(/]":        "re: error parsing regexp",
		"a @":             "unexpected \"@\"",
		"[colour:red]":    `unknown test "colour"`,
		"a | ":            "",
		"<a":              "want ( after <",
		"[kind:title & ]": "empty test",
	}
	for pattern, want := range tests {
		_, err := compileOne(t, pattern)
		if want == "" {
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one containing %q", pattern, err, want)
		}
		if err != nil && !strings.Contains(err.Error(), "r.yaml:") {
			t.Errorf("%q: error %v does not name the file", pattern, err)
		}
	}
}

func TestFileErrors(t *testing.T) {
	src := `rules:
  - id: a
    pattern: "x@c"
    emit: [{mention: {span: nope, label: X}}]
    examples: [x]
  - id: b
    pattern: x
    emit: [{mention: {label: X}}]
  - id: a
    pattern: y
    emit: [{shout: {}}]
    examples: [y]
    colour: red
  - id: c
    pattern: "(x)@s y"
    emit: [{event: {type: t, source: each:s, exclusive: maybe}}]
    examples: [x y]
`
	_, err := ParseFile("f.yaml", []byte(src))
	var got []string
	if el, ok := err.(lexicon.ErrorList); ok {
		for _, e := range el {
			got = append(got, e.Error())
		}
	}
	want := []string{
		`f.yaml:9:5: rule a: id: duplicate rule id, first at f.yaml:2:5`,
		`f.yaml:11:13: rule a: emit: unknown emission "shout" (want mention, relation, event, drop, alias)`,
		`f.yaml:13:5: rule a: colour: unknown field (want one of [id description pattern phase emit examples counter disabled])`,
		`f.yaml:16:57: rule c: emit.event.exclusive: want true or false, not "maybe"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parse errors (-want +got):\n%s", diff)
	}
	f, err := ParseFile("g.yaml", []byte(src[:strings.Index(src, "  - id: a\n    pattern: y")]))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile([]*File{f})
	var all []string
	if el, ok := err.(lexicon.ErrorList); ok {
		for _, e := range el {
			all = append(all, e.Error())
		}
	}
	want = []string{
		`g.yaml:2:5: rule a: emit: refers to capture "nope", which the pattern does not define (it has: c)`,
		`g.yaml:6:5: rule b: examples: every rule needs at least one example that must match`,
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("compile errors (-want +got):\n%s", diff)
	}
}

func TestOverrideAndListMerge(t *testing.T) {
	base, _ := ParseFile("base.yaml", []byte(`lists: {speech: [said]}
rules:
  - {id: a, pattern: "[in:speech]", emit: [{mention: {label: X}}], examples: [said]}
  - {id: b, pattern: "b", emit: [{mention: {label: X}}], examples: [b]}
`))
	user, err := ParseFile("user.yaml", []byte(`lists: {speech: [told]}
rules:
  - {id: b, disabled: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Compile([]*File{base, user})
	if err != nil {
		t.Fatal(err)
	}
	if rs.Rule("b") != nil || rs.Rule("a") == nil {
		t.Fatalf("rules = %v", rs.Rules())
	}
	d := NewDoc("He told us and said so.", nil, nil)
	n := 0
	rs.Apply(d, 0, func(*Match) { n++ })
	if n != 2 {
		t.Errorf("%d matches, want 2 (told from the user list, said from the base)", n)
	}
}

func FuzzPattern(f *testing.F) {
	for _, s := range []string{"[kind:title]@t ($cap)+@p", "<(a|b) c{1,2}? !>(d)", "[re:/x+/ & !is:start]", "((((a))))", "[", "a{99999}"} {
		f.Add(s)
	}
	lex := testLex(f)
	f.Fuzz(func(t *testing.T, pattern string) {
		if strings.ContainsAny(pattern, "\n\r\"\\") {
			return // not expressible in the one-line test file
		}
		rs, err := compileOne(t, pattern)
		if err != nil {
			if _, ok := err.(lexicon.ErrorList); !ok {
				t.Fatalf("error %T is not an ErrorList: %v", err, err)
			}
			return
		}
		d := NewDoc("Foreign Minister Hakan Fidan said the U.S. and Turkey, a NATO ally, met.", lex, nil)
		rs.Apply(d, 0, func(m *Match) {
			if m.Start < 0 || m.End > len(d.Toks) || m.End < m.Start {
				t.Fatalf("match [%d,%d) out of bounds", m.Start, m.End)
			}
		})
	})
}

// TestDefaultsFresh fails when a rule file was edited without running
// `go generate ./annotate/rules`.
func TestDefaultsFresh(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("data", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no rule files: %v", err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		bin, err := defaults.ReadFile(path.Join("data", strings.TrimSuffix(filepath.Base(p), ".yaml")+".bin"))
		if err != nil || !bytes.Equal(bin, yamlbin.Encode(&n)) {
			t.Errorf("%s: its .bin is missing or stale: run `go generate ./annotate/rules`", p)
		}
	}
	bins, _ := fs.Glob(defaults, "data/*.bin")
	if len(bins) != len(paths) {
		t.Errorf("%d .bin files for %d .yaml files: remove stale ones", len(bins), len(paths))
	}
}

// TestMemoEpochs: emptying the memo moves to a new epoch instead of
// clearing it, so a result of an earlier epoch (an earlier phase or text)
// must never be returned, also when the epoch counter wraps.
func TestMemoEpochs(t *testing.T) {
	d := NewDoc("Tehran said no.", nil, nil)
	calls := 0
	u := &unit{id: 7, test: countingTest{&calls}}
	want := func(n int, when string) {
		t.Helper()
		if calls != n {
			t.Fatalf("%s: the test ran %d times in all, want %d", when, calls, n)
		}
	}
	d.clearMemo(8)
	d.memoAt(u, u.test, 0)
	d.memoAt(u, u.test, 0)
	want(1, "twice in one epoch")
	d.memoAt(u, u.test, 1) // stays in the memo, epoch 1
	want(2, "another token")
	d.clearMemo(8)
	d.memoAt(u, u.test, 0)
	want(3, "a new epoch")

	// Reset keeps the epoch counting: starting again at 1 would bring
	// back token 1's result of epoch 1.
	toks := d.Toks
	d.Reset()
	d.Toks = toks
	d.clearMemo(8)
	d.memoAt(u, u.test, 1)
	want(4, "after Reset")

	// A wrap clears the memo: epoch 1 comes round again.
	d.memoEpoch = 0
	d.clearMemo(8)         // epoch 1
	d.memoAt(u, u.test, 2) // stays, epoch 1
	want(5, "token 2")
	d.memoEpoch = ^uint32(0)
	d.clearMemo(8) // wraps to 1
	d.memoAt(u, u.test, 2)
	want(6, "after the wrap")
}

// countingTest passes at every token and counts its evaluations.
type countingTest struct{ n *int }

func (c countingTest) at(d *Doc, i int) (int, bool) { *c.n++; return i + 1, true }
func (c countingTest) covers(d *Doc, i int) bool    { return true }
func (c countingTest) bind(*RuleSet)                {}

// TestManyPhases: rules of more phases than Doc.trig has bits for are
// still tried at their words.
func TestManyPhases(t *testing.T) {
	var b strings.Builder
	b.WriteString("rules:\n")
	for p := range trigPhases + 4 {
		fmt.Fprintf(&b, "  - id: r%d\n    phase: %d\n    pattern: %q\n    emit: [{mention: {label: X}}]\n    examples: [w%d]\n", p, p, fmt.Sprintf("w%d", p), p)
	}
	f, err := ParseFile("many.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Compile([]*File{f})
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for p := range trigPhases + 4 {
		words = append(words, fmt.Sprintf("w%d", p))
	}
	d := NewDoc(strings.Join(words, " "), nil, nil)
	for _, phase := range rs.Phases() {
		var got []string
		rs.Apply(d, phase, func(m *Match) { got = append(got, m.Rule.ID) })
		if want := []string{fmt.Sprintf("r%d", phase)}; !slices.Equal(got, want) {
			t.Errorf("phase %d: matched %v, want %v", phase, got, want)
		}
	}
}

// TestActiveInAgrees: the rules a sentence activates, kept by the
// sentence's need sets and reused, are those computed for the sentence
// alone, for the default rules (few need sets: reused) and for a rule set
// with more need sets than one word holds (computed each time).
func TestActiveInAgrees(t *testing.T) {
	files, err := DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	// Rules of n need sets, one word each, and a text of some of them.
	manyRules := func(n int) (*File, string) {
		var many, text strings.Builder
		many.WriteString("rules:\n")
		for k := range n {
			fmt.Fprintf(&many, "  - {id: r%d, pattern: \"[is:cap] w%d\", emit: [{mention: {label: X}}], examples: [\"A w%d\"]}\n", k, k, k)
			fmt.Fprintf(&text, "Big w%d; ", k%7*10)
		}
		mf, err := ParseFile("many.yaml", []byte(many.String()))
		if err != nil {
			t.Fatal(err)
		}
		return mf, text.String()
	}
	mf, text := manyRules(70)    // two words of need sets: kept
	mf3, text3 := manyRules(140) // three: built each sentence
	for _, c := range []struct {
		name  string
		files []*File
		text  string
	}{
		{"default", files, "Turkish Foreign Minister Hakan Fidan said on Monday that he met the U.S. envoy; Fidan told reporters. " +
			"The ministry said so. Fidan and Turkey condemned the attack; Sheikh Big Red visited Turkey. The envoy said."},
		{"many need sets", []*File{mf}, text},
		{"too many need sets", []*File{mf3}, text3},
	} {
		rs, err := Compile(c.files)
		if err != nil {
			t.Fatal(err)
		}
		d := withMentions(NewDoc(c.text, testLex(t), splitSentences))
		d.bindVocab(rs)
		// Twice: with room to keep every combination, and with the
		// phases' maps full of others, where none is kept.
		for _, full := range []bool{false, true} {
			st := &applyState{}
			if full {
				for _, pi := range rs.index {
					sets := st.setsOf(rs, pi)
					for k := range maxActiveSets {
						sets.put(activeKey{^uint64(0), uint64(k)}, &activeRules{})
					}
				}
			}
			for _, phase := range rs.Phases() {
				pi := rs.index[phase]
				sets := st.setsOf(rs, pi)
				for si := range d.SentStart {
					got := st.activeIn(sets, pi, d, si)
					want := pi.activate(d, si, nil)
					if diff := cmp.Diff(want, got, cmp.AllowUnexported(activeRules{}), cmpopts.EquateEmpty(), cmp.Comparer(func(a, b *Rule) bool { return a == b })); diff != "" {
						t.Errorf("%s, full %v, phase %d, sentence %d (-alone +kept):\n%s", c.name, full, phase, si, diff)
					}
				}
				if n := sets.n; full && n != maxActiveSets {
					t.Errorf("%s, phase %d: %d combinations kept in a full map of %d", c.name, phase, n, maxActiveSets)
				}
			}
		}
		if c.name != "default" {
			var got []string
			rs.Apply(d, rs.Phases()[0], func(m *Match) { got = append(got, m.Rule.ID) })
			if want := []string{"r0", "r10", "r20", "r30", "r40", "r50", "r60"}; !slices.Equal(slices.Sorted(slices.Values(slices.Compact(slices.Sorted(slices.Values(got))))), want) {
				t.Errorf("many need sets: matched %v, want %v", got, want)
			}
		}
	}
}

// TestAheadInNeed: every need set a rule looks for ahead of its start is
// one its sentence filter asks for, so that the rule is tried only in
// sentences where Doc.lastAt holds that set's last token (bindVocab does
// not clear it). A Doc reused for a second text matches as a new one.
func TestAheadInNeed(t *testing.T) {
	rs := defaultRules(t)
	for _, r := range rs.rules {
		for _, id := range r.ahead {
			if int(id)/64 >= len(r.need) || r.need[id/64]&(1<<(id%64)) == 0 {
				t.Errorf("%s: need set %d is looked for ahead but not needed", r.ID, id)
			}
		}
	}
	matches := func(d *Doc) []string {
		var got []string
		for _, phase := range rs.Phases() {
			rs.Apply(d, phase, func(m *Match) { got = append(got, fmt.Sprint(m.Rule.ID, m.Start, m.End)) })
		}
		return got
	}
	first := "Sheikh Big Red met the envoy in Paris. The ministry said it would appeal; Fidan agreed to talks."
	second := "Turkish Foreign Minister Hakan Fidan said on Monday that he met the U.S. envoy. The envoy said so."
	reused := withMentions(NewDoc(first, testLex(t), splitSentences))
	matches(reused)
	fresh := withMentions(NewDoc(second, testLex(t), splitSentences))
	want := matches(fresh)
	d2 := withMentions(NewDoc(second, testLex(t), splitSentences))
	d2.lastAt = slices.Repeat([]int32{-1}, len(reused.lastAt)+len(fresh.lastAt)) // stale: before every token
	if got := matches(d2); !slices.Equal(got, want) {
		t.Errorf("with stale lastAt: %v, want %v", got, want)
	}
	if len(want) == 0 {
		t.Error("no rule matched the second text")
	}
}

// TestEntryNeed: a rule that needs a name of given entries is set aside
// in sentences without one, and still matches where one is.
func TestEntryNeed(t *testing.T) {
	rs, err := compileOne(t, `([entry:hakan-fidan|USA])@p [is:word]`)
	if err != nil {
		t.Fatal(err)
	}
	if rs.rules[0].need == nil {
		t.Fatal("the rule needs no word: the entry test is not a need")
	}
	text := "Turkey said so; Hakan Fidan said so; Turkey and the U.S. agreed."
	d := NewDoc(text, testLex(t), splitSentences)
	var got []string
	rs.Apply(d, 0, func(m *Match) { got = append(got, text[d.Toks[m.Start].Start:d.Toks[m.End-1].End]) })
	if want := []string{"Hakan Fidan said", "U.S. agreed"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
	for si, want := range []bool{false, true, true} {
		if has := d.sentenceHas(si, rs.rules[0].need); has != want {
			t.Errorf("sentence %d has the entries: %v, want %v", si, has, want)
		}
	}
}

// TestMentionClassAgrees: rules read mentions whose labels come with
// their class (MentionSpan.Class) as they read them by the label string:
// tests of labels and the index of rules that start at a mention. The
// rule set of many labels has more than the 63 that get a bit.
func TestMentionClassAgrees(t *testing.T) {
	var many strings.Builder
	many.WriteString("rules:\n")
	for k := range 70 {
		fmt.Fprintf(&many, "  - {id: m%d, pattern: \"[label:L%d|X] [is:word]\", emit: [{mention: {label: Z}}], examples: [\"a\"]}\n", k, k)
	}
	many.WriteString("  - {id: y, pattern: \"[label:Y]@y !>([label:X])\", emit: [{mention: {label: Z}}], examples: [\"a\"]}\n")
	mf, err := ParseFile("many.yaml", []byte(many.String()))
	if err != nil {
		t.Fatal(err)
	}
	patterns := []string{
		`[label:X] [is:word]`,
		`[label:Y|X]@p [is:lower]`,
		`!<([label:Y]) ([label:X] | [label:Q])@p`,
		`[label:X & is:cap] [!label:Y]`,
		`[mention]@any [is:word]`,
	}
	texts := []string{
		"Turkish Foreign Minister Hakan Fidan said the United States Big Red Dog told Turkey.",
		"In Turkey, United States envoys and Hakan Fidan met. The U.S. Big dog of Turkey Red ran.",
	}
	var sets []*RuleSet
	for _, p := range patterns {
		rs, err := compileOne(t, p)
		if err != nil {
			t.Fatalf("pattern %q: %v", p, err)
		}
		sets = append(sets, rs)
	}
	rs, err := Compile([]*File{mf})
	if err != nil {
		t.Fatal(err)
	}
	if c := rs.LabelClass("L69"); c != 0 {
		t.Errorf("the 70th label has class %x, want none", c)
	}
	sets = append(sets, rs)
	for _, rs := range sets {
		matched := false
		for _, text := range texts {
			var got [2][]string
			for k := range got {
				d := withMentions(NewDoc(text, testLex(t), splitSentences))
				if k == 1 {
					for i := range d.Ments {
						for j := range d.Ments[i] {
							d.Ments[i][j].Class = rs.LabelClass(d.Ments[i][j].Label)
						}
					}
				}
				for _, phase := range rs.Phases() {
					rs.Apply(d, phase, func(m *Match) {
						got[k] = append(got[k], fmt.Sprintf("%s %d-%d %v", m.Rule.ID, m.Start, m.End, m.Caps))
					})
				}
			}
			matched = matched || len(got[0]) > 0
			if diff := cmp.Diff(got[0], got[1]); diff != "" {
				t.Errorf("rule %s on %q (-strings +classes):\n%s", rs.rules[0].Pattern, text, diff)
			}
		}
		if !matched {
			t.Errorf("rule %s: no match to compare", rs.rules[0].Pattern)
		}
	}
}

// TestImplies: a rule that starts at a capitalised word is tried only at
// words in capitals, or at the start of a sentence, when its first test
// says so; the default rules have both kinds.
func TestImplies(t *testing.T) {
	for _, c := range []struct {
		pattern      string
		upper, start bool
	}{
		{`[is:upper] [is:word]`, true, false},
		{`[is:initial & !lexicon] "."`, true, false},
		{`([is:initial] "." | [is:upper & re:/[A-Z]+/]) $cap`, true, false},
		{`[is:start & is:upper & is:word]`, true, true},
		{`[is:start & is:cap]`, false, true},
		{`[is:cap] [is:word]`, false, false},
		{`([is:upper] | [is:title]) $cap`, false, false},
		{`[is:upper|title] $cap`, false, false},
		{`[!is:upper & is:cap]`, false, false},
	} {
		rs, err := compileOne(t, c.pattern)
		if err != nil {
			t.Fatalf("pattern %q: %v", c.pattern, err)
		}
		r := rs.rules[0]
		if r.capUpper != c.upper || r.capStart != c.start {
			t.Errorf("pattern %q: tried at capitals only %v, at starts only %v; want %v, %v", c.pattern, r.capUpper, r.capStart, c.upper, c.start)
		}
	}
	rs := defaultRules(t)
	for id, want := range map[string][2]bool{"person.initials": {true, false}, "place.dateline": {true, true}, "names": {false, false}} {
		if r := rs.Rule(id); r == nil || r.capUpper != want[0] || r.capStart != want[1] {
			t.Errorf("rule %s: want tried at capitals only %v, at starts only %v", id, want[0], want[1])
		}
	}
	// The filters leave the matches as they were.
	text := "ANKARA (Reuters) - J. R. Smith and Hakan Fidan met. TURKEY SAID NO. Big Red Dog of the U.S. left; M. Slater, A. B. Jones said so."
	var got [2][]string
	for k := range got {
		if k == 1 {
			for _, r := range rs.rules {
				r.capUpper, r.capStart = false, false
			}
		}
		d := withMentions(NewDoc(text, testLex(t), splitSentences))
		for _, phase := range rs.Phases() {
			rs.Apply(d, phase, func(m *Match) { got[k] = append(got[k], fmt.Sprintf("%s %d-%d %v", m.Rule.ID, m.Start, m.End, m.Caps)) })
		}
	}
	if len(got[0]) == 0 {
		t.Fatal("no match to compare")
	}
	if diff := cmp.Diff(got[1], got[0]); diff != "" {
		t.Errorf("matches differ (-every capitalised word +filtered):\n%s", diff)
	}
}

// TestShouting: a sentence is written in capitals when it has two words
// of capitals and no word of three letters or more that is not, wherever
// in the sentence that word comes.
func TestShouting(t *testing.T) {
	for _, c := range []struct {
		sentence string
		want     bool
	}{
		{"TURKEY SAYS NO TO TALKS.", true},
		{"TURKEY SAYS NO TO TALKS with Iran.", false},
		{"Turkey SAYS NO TO TALKS.", false},
		{"UN IS OK.", true},
		{"UN is OK.", true}, // two-letter words decide nothing
		{"U.S.", false},     // one word of capitals
		{"The UN and the US.", false},
		{"A 12 B ; ok !", false},
	} {
		d := NewDoc(c.sentence, nil, nil)
		if got := d.shouting(0); got != c.want {
			t.Errorf("%q: shouting %v, want %v", c.sentence, got, c.want)
		}
		if got := d.shouting(0); got != c.want {
			t.Errorf("%q, asked again: shouting %v, want %v", c.sentence, got, c.want)
		}
	}
}
