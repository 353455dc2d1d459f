package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// runAll runs the rule of rs from every start of every sentence of d, in
// order, on one machine, as Apply does, and returns each outcome. capped
// reports that a run hit the machine's step cap, so that it used a failure
// memo: for an oracle (a large cap), its outcomes are then not the
// unlimited ones.
func runAll(rs *RuleSet, d *Doc, m *machine) (out []string, capped bool) {
	d.bindVocab(rs)
	d.clearMemo(len(rs.tests) + 1)
	p := rs.rules[0].prog
	for s := range d.SentStart {
		m.lo, m.hi = int(d.SentStart[s]), int(d.SentEnd[s])
		for i := m.lo; i < m.hi; i++ {
			end, ok := m.run(p, i)
			if len(m.memos) > 0 {
				capped = true
				if m.stepCap >= oracleSteps {
					return out, true // an oracle's answer is lost already
				}
			}
			if ok {
				out = append(out, fmt.Sprintf("%d-%d %v", i, end, m.appendCaptures(nil, p)))
			}
		}
	}
	return out, capped
}

// oracleSteps is the step cap of the runs the memo is compared with: far
// above what any test text needs, and low enough that a fuzzed pattern
// whose backtracking is exponential is given up on in a second.
const oracleSteps = 1 << 22

// splitSentences ends a sentence after each "." or ";" token, so that
// the memo tests cross sentences.
func splitSentences(text string, toks []token.Token) [][2]int {
	var out [][2]int
	start := 0
	for i, t := range toks {
		if w := text[t.Start:t.End]; w == "." || w == ";" {
			out = append(out, [2]int{start, i + 1})
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, [2]int{start, len(toks)})
	}
	return out
}

// TestFailMemoAgrees: with the failure memo in use from the first run
// (a step cap of a few steps forces it), every start gives the match a
// run without any limit gives, captures included.
func TestFailMemoAgrees(t *testing.T) {
	patterns := []string{
		`($cap)+@p said`,
		`($cap+)@a ($cap)@b`,
		`[kind:title]+@t ($cap){1,3}@p`,
		`($cap | "and"){0,5} [in:speech]`,
		`"A" ("."? "A")* "B"`,
		`<("the") ($cap)+@n !>(said)`,
		`(($cap) ("-" $cap)?)+@x [in:particles]? $cap`,
		// Lookarounds whose bodies the machine runs (exec, with no
		// memo of their own) inside runs with one.
		`($cap)+@p >("said" "so")`,
		`<("the"+) ($cap)+@n`,
	}
	texts := []string{
		"Foreign Minister Foreign Minister Hakan Fidan said the U.S. and Turkey met.",
		strings.Repeat("A. ", 60) + "B said.",
		strings.Repeat("Big Red Dog ", 40) + "said so, and Sheikh Sheikh Bin Al Thani told them.",
		"the Ali Reza Khamenei-Tehrani bin Laden said; the Jane Doe left.",
		strings.Repeat("A A ", 50) + "B",
	}
	lex := testLex(t)
	for _, pat := range patterns {
		rs, err := compileOne(t, pat)
		if err != nil {
			t.Fatalf("compile %q: %v", pat, err)
		}
		for _, text := range texts {
			d := NewDoc(text, lex, splitSentences)
			want, capped := runAll(rs, d, &machine{d: d, stepCap: oracleSteps})
			if capped {
				t.Fatalf("pattern %q on %.40q…: the oracle hit its step cap", pat, text)
			}
			got, _ := runAll(rs, d, &machine{d: d, stepCap: 3})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("pattern %q on %.40q…: matches with the memo differ (-unlimited +memo):\n%s", pat, text, diff)
			}
		}
	}
}

// TestLongRepetitionMatches: a greedy repetition over a run of like
// tokens longer than the step limit allows still finds its match; before
// the failure memo, the limit cut it short and every start cost the whole
// limit.
func TestLongRepetitionMatches(t *testing.T) {
	text := strings.Repeat("Abc ", 30000) + "said"
	got := matches(t, `($cap)+@p said`, text)
	if len(got) != 1 || !strings.HasSuffix(got[0], " said p="+strings.TrimSpace(strings.Repeat("Abc ", 30000))) {
		t.Errorf("got %d matches, want one over the whole run", len(got))
	}
}

// BenchmarkGreedyRun: a greedy repetition over n like tokens that never
// matches costs time linear in n, not n squared.
func BenchmarkGreedyRun(b *testing.B) {
	rs, err := compileOne(b, `($cap)+@p said`)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10000, 40000} {
		// "said" ends the text, after a word that breaks the run: the
		// sentence has the word the rule needs, so the rule runs from
		// every start, and every run fails.
		text := strings.Repeat("Abc ", n) + "and said"
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			d := NewDoc(text, nil, nil)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				rs.Apply(d, 0, func(*Match) {})
			}
		})
	}
}

// FuzzFailMemo: for any pattern and text, runs with the failure memo
// forced on find what runs without a step limit find (where those end in
// oracleSteps). A run with a memo steps through every split, without the
// shortcut of a split whose branch begins with a unit: the target holds
// that shortcut too.
func FuzzFailMemo(f *testing.F) {
	f.Add(`($cap)+@p said`, "Big Red Dog said so.")
	f.Add(`"A" ("."? "A")* "B"`, "A. A. A A B")
	f.Add(`<("the") ($cap)+@n !>(said)`, "the Jane Doe left; the Ali Reza said")
	f.Add(`[kind:title]+@t ($cap){1,3}@p`, "Foreign Minister Foreign Minister Hakan Fidan met.")
	lex := testLex(f)
	f.Fuzz(func(t *testing.T, pattern, text string) {
		if strings.ContainsAny(pattern, "\n\r\"\\") || len(text) > 2000 {
			return
		}
		rs, err := compileOne(t, pattern)
		if err != nil {
			return
		}
		d := NewDoc(text, lex, splitSentences)
		want, capped := runAll(rs, d, &machine{d: d, stepCap: oracleSteps})
		if capped {
			return // exponential backtracking: no unlimited answer to compare with
		}
		got, _ := runAll(rs, d, &machine{d: d, stepCap: 3})
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("pattern %q on %q: memo differs (-unlimited +memo):\n%s", pattern, text, diff)
		}
	})
}

// scanningLooks returns p with its lookarounds running their bodies,
// lookbehinds from every start back to their longest reach, as they did
// before their units were asked directly (unitsEndAt, seqsEndAt).
func scanningLooks(p *program) *program {
	q := *p
	q.looks = slices.Clone(p.looks)
	for i := range q.looks {
		q.looks[i].units, q.looks[i].spans, q.looks[i].seqs = nil, false, nil
	}
	return &q
}

// withMentions gives d a mention of label X over every person's name of
// the lexicon and one of label Y over every two capitalised words no
// lexicon name starts with, so that lookbehinds over label: tests have
// spans of several tokens to reach back over, some overlapping, and
// lexicon names (of countries) that no mention starts with.
func withMentions(d *Doc) *Doc {
	d.Ments = make([][]MentionSpan, len(d.Toks))
	for i, spans := range d.Lex {
		for _, s := range spans {
			if s.Entry.Kind == lexicon.Person {
				d.Ments[i] = append(d.Ments[i], MentionSpan{End: s.End, Label: "X"})
			}
		}
		if i+1 < len(d.Toks) && len(spans) == 0 && d.Toks[i].Case == token.Title && d.Toks[i+1].Case == token.Title {
			d.Ments[i] = append(d.Ments[i], MentionSpan{End: i + 2, Label: "Y"})
		}
	}
	return d
}

// lookbehindAgrees checks that pattern finds the same matches over text
// with unitsEndAt as with the scan back it replaced.
func lookbehindAgrees(t *testing.T, lex *lexicon.Lexicon, pattern, text string) {
	t.Helper()
	rs, err := compileOne(t, pattern)
	if err != nil {
		return
	}
	d := withMentions(NewDoc(text, lex, splitSentences))
	got, capped := runAll(rs, d, &machine{d: d, stepCap: oracleSteps})
	if capped {
		return
	}
	rs.rules[0].prog = scanningLooks(rs.rules[0].prog)
	want, _ := runAll(rs, d, &machine{d: d, stepCap: oracleSteps})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pattern %q on %q: lookbehind differs from the scan (-scan +unit):\n%s", pattern, text, diff)
	}
}

// lookTexts are the texts the lookaround tests match over: names of the
// lexicon and capitalised words that are none, side by side and repeated.
var lookTexts = []string{
	"Turkish Foreign Minister Hakan Fidan said the United States Big Red Dog told Turkey.",
	"the U.S. Foreign Minister Foreign Minister Hakan Fidan; Sheikh Big Red said.",
	"United States Foreign Minister Hakan Fidan Big Dog said so; Fidan Fidan Fidan left.",
	"In Turkey, United States envoys and Hakan Fidan met. The U.S. Big dog of Turkey Red ran.",
	"Hakan Fidan's Foreign Minister Big Red said; the Sheikh Dog left, Turkey, Big Red told the Big Dog.",
	"Turkey's Big Red, Big Dog's Sheikh Fidan Red and the Big Red Dog said Turkey, the Foreign Minister Big Dog.",
}

// TestUnitLookbehindAgrees: a lookbehind of one unit, trying only the
// token before and the starts of the spans covering it, answers as the
// scan over every start did, for token tests, lexicon names and mentions.
func TestUnitLookbehindAgrees(t *testing.T) {
	patterns := []string{
		`<([kind:country]) ($cap)+@p`,
		`!<([kind:country] | $cap) ($cap)+@p`,
		`<([label:X]) $cap`,
		`!<([label:Y] | "the") ($cap){1,2}@p`,
		`<(([label:X|Y])) [is:word]`,
		`!<([label:X] | [kind:title]) ($cap)@p [in:speech]`,
	}
	lex := testLex(t)
	for _, pat := range patterns {
		if rs, err := compileOne(t, pat); err != nil || rs.rules[0].prog.looks[0].units == nil {
			t.Fatalf("pattern %q: compiled %v, want a one-unit lookbehind", pat, err)
		}
		for _, text := range lookTexts {
			lookbehindAgrees(t, lex, pat, text)
		}
	}
}

// TestSeqLookbehindAgrees: a lookbehind whose ways through are units one
// after another, of one token each but the first, asked back from the
// position, answers as the scan over every start did.
func TestSeqLookbehindAgrees(t *testing.T) {
	patterns := []string{
		`!<([label:X] | [label:X] "'s" | "the" | [in:speech]) [kind:title] ($cap)@p`,
		`<([kind:country] "," | "the" [is:cap]) ($cap)+@p`,
		`!<("the" [is:cap] [is:cap]) ($cap)@p`,
		`<(([label:Y] | [kind:country]) ("'s" | ",")) ($cap){1,2}@p`,
		`!<([label:X|Y] [is:word] | [kind:title] [is:cap]) ($cap)@p [in:speech]?`,
	}
	lex := testLex(t)
	for _, pat := range patterns {
		if rs, err := compileOne(t, pat); err != nil || rs.rules[0].prog.looks[0].seqs == nil {
			t.Fatalf("pattern %q: compiled %v, want a lookbehind of unit sequences", pat, err)
		}
		for _, text := range lookTexts {
			lookbehindAgrees(t, lex, pat, text)
		}
	}
	for _, pat := range []string{`!<([is:cap] [kind:title]) $cap`, `<("the" [is:cap]?) $cap`, `<("the" ($cap "," | "'s")) $cap`} {
		rs, err := compileOne(t, pat)
		if err != nil {
			t.Fatalf("pattern %q: %v", pat, err)
		}
		if rs.rules[0].prog.looks[0].seqs != nil {
			t.Errorf("pattern %q: a lookbehind taken for unit sequences", pat)
		}
		for _, text := range lookTexts {
			lookbehindAgrees(t, lex, pat, text)
		}
	}
}

// TestTokenLookaroundAgrees: a lookaround whose body is one unit of one
// token, answered by the unit's test at the token before or at the
// position, answers as running the body did.
func TestTokenLookaroundAgrees(t *testing.T) {
	patterns := []string{
		`!<([is:cap]) ($cap)+@p`,
		`<([is:lower & !in:speech]) ($cap){1,2}@p`,
		`($cap)@p >([in:speech])`,
		`($cap)+@p !>([is:cap] | "'s")`,
		`!<("the") [kind:title] ($cap)@p !>(",")`,
		`($cap [is:word]?)@p >([!lexicon])`,
		`($cap)@p >("," | [is:number] | "(")`,
	}
	lex := testLex(t)
	for _, pat := range patterns {
		rs, err := compileOne(t, pat)
		if err != nil {
			t.Fatalf("pattern %q: %v", pat, err)
		}
		for _, l := range rs.rules[0].prog.looks {
			if l.units == nil || l.spans {
				t.Fatalf("pattern %q: a lookaround is not of one token", pat)
			}
		}
		for _, text := range lookTexts {
			lookbehindAgrees(t, lex, pat, text)
		}
	}
	for _, pat := range []string{`<([kind:country]) $cap`, `$cap >([label:X])`, `$cap >("," $cap)`, `$cap >("," | [kind:title])`} {
		rs, err := compileOne(t, pat)
		if err != nil {
			t.Fatalf("pattern %q: %v", pat, err)
		}
		if l := rs.rules[0].prog.looks[0]; l.units != nil && !l.spans {
			t.Errorf("pattern %q: a lookaround over names or of two units taken for one token", pat)
		}
		for _, text := range lookTexts {
			lookbehindAgrees(t, lex, pat, text)
		}
	}
}

// FuzzUnitLookbehind: for any pattern and text, one-unit lookbehinds
// answer as the scan back over every start did, and lookarounds of one
// token as running their body did.
func FuzzUnitLookbehind(f *testing.F) {
	f.Add(`!<([kind:country] | $cap) ($cap)+@p`, "Turkish Foreign Minister Hakan Fidan said the United States Big Red Dog told Turkey.")
	f.Add(`<([label:X]) $cap`, "the U.S. Foreign Minister Hakan Fidan; Sheikh Big Red said.")
	f.Add(`!<([label:Y] | "the") ($cap){1,2}@p`, "United States Big Dog said so.")
	f.Add(`($cap)+@p !>([is:cap] | "'s")`, "Hakan Fidan's aide, Big Red, said.")
	f.Add(`!<([label:X] | [label:X] "'s" | "the") [kind:title] ($cap)@p`, "Hakan Fidan's Foreign Minister Big Red said; the Sheikh Dog left.")
	lex := testLex(f)
	f.Fuzz(func(t *testing.T, pattern, text string) {
		if strings.ContainsAny(pattern, "\n\r\"\\") || len(text) > 2000 {
			return
		}
		lookbehindAgrees(t, lex, pattern, text)
	})
}
