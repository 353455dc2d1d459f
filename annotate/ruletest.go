package annotate

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/annotate/token"
)

// RuleFailure is one example or counter-example that a rule got wrong.
type RuleFailure struct {
	Rule    *rules.Rule
	Text    string
	Counter bool   // a counter-example that matched
	Problem string // what was wrong
}

func (f RuleFailure) String() string {
	return fmt.Sprintf("%s: rule %s: %q: %s", f.Rule.Pos, f.Rule.ID, f.Text, f.Problem)
}

// TestRules runs every rule's examples and counter-examples through the
// whole pipeline (so that a rule sees what earlier phases give it) and
// returns what failed: an example the rule does not match, or matches
// with other captures than expected, and a counter-example it matches.
// ids, when given, limits the rules tested.
func (a *Annotator) TestRules(ctx context.Context, ids ...string) ([]RuleFailure, int, error) {
	if a.rules == nil {
		return nil, 0, nil
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var fails []RuleFailure
	checked := 0
	for _, r := range a.rules.Rules() {
		if len(want) > 0 && !want[r.ID] {
			continue
		}
		for _, ex := range r.Examples {
			checked++
			ms, text, err := a.matchesOf(ctx, r, ex.Text)
			if err != nil {
				return nil, 0, err
			}
			if len(ms) == 0 {
				fails = append(fails, RuleFailure{Rule: r, Text: ex.Text, Problem: "does not match"})
				continue
			}
			if len(ex.Expect) == 0 {
				continue
			}
			var best string
			for _, m := range ms {
				diff := captureDiff(m, ex.Expect, text)
				if diff == "" {
					best = ""
					break
				}
				if best == "" {
					best = diff
				}
			}
			if best != "" {
				fails = append(fails, RuleFailure{Rule: r, Text: ex.Text, Problem: best})
			}
		}
		for _, c := range r.Counter {
			checked++
			ms, text, err := a.matchesOf(ctx, r, c)
			if err != nil {
				return nil, 0, err
			}
			if len(ms) > 0 {
				fails = append(fails, RuleFailure{Rule: r, Text: c, Counter: true, Problem: "counter-example matches: " + matchText(ms[0], text)})
			}
		}
	}
	return fails, checked, nil
}

type tracedMatch struct {
	m    *rules.Match
	toks [][2]int // byte spans of the document's tokens
}

func (a *Annotator) matchesOf(ctx context.Context, r *rules.Rule, text string) ([]tracedMatch, string, error) {
	_, ms, err := a.Trace(ctx, Input{ID: "example", Text: text})
	if err != nil {
		return nil, "", err
	}
	spans := tokenSpans(text)
	var out []tracedMatch
	for _, m := range ms {
		if m.Rule == r {
			out = append(out, tracedMatch{m: m, toks: spans})
		}
	}
	return out, text, nil
}

func captureDiff(tm tracedMatch, expect map[string]string, text string) string {
	names := make([]string, 0, len(expect))
	for n := range expect {
		names = append(names, n)
	}
	sort.Strings(names)
	var probs []string
	for _, n := range names {
		a, b, ok := tm.m.Cap(n)
		got := "(nothing)"
		if ok && a < b {
			got = text[tm.toks[a][0]:tm.toks[b-1][1]]
		}
		if got != expect[n] {
			probs = append(probs, fmt.Sprintf("%s is %q, want %q", n, got, expect[n]))
		}
	}
	return strings.Join(probs, "; ")
}

func matchText(tm tracedMatch, text string) string {
	if tm.m.Start >= tm.m.End {
		return "(empty)"
	}
	return fmt.Sprintf("%q", text[tm.toks[tm.m.Start][0]:tm.toks[tm.m.End-1][1]])
}

// tokenSpans returns the byte spans of text's tokens, as the pipeline
// tokenizes it.
func tokenSpans(text string) [][2]int {
	toks := token.Tokenize(nil, text)
	out := make([][2]int, len(toks))
	for i, t := range toks {
		out[i] = [2]int{t.Start, t.End}
	}
	return out
}
