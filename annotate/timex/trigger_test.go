package timex

import (
	"slices"
	"testing"

	"github.com/newsann/newsann/annotate/token"
)

// TestTriggersHideNoMatch checks that the trigger index, which tries a
// rule only at the tokens it can start with (state.starts) and when the
// next token can follow, finds what trying every rule at every token
// finds, with the same slots bound.
func TestTriggersHideNoMatch(t *testing.T) {
	g := mustTagger(t)
	for _, text := range append(articles(t), triggerTexts...) {
		checkTriggers(t, g, text)
	}
}

// FuzzTriggers checks the trigger index against trying every rule at
// every token on any text, and the shapes of its tokens (shapeOf), by
// which the index passes over number tokens, against the builtin classes
// that read them.
func FuzzTriggers(f *testing.F) {
	for _, s := range triggerTexts {
		f.Add(s)
	}
	f.Add("1990s '90s 90s 2000s 10:30 24:00 9:5 13.11.2025 31.02.2024 1st 32nd 13th 0 00 1,000 1,5 2199 2200 999")
	g := mustTagger(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkTriggers(t, g, text)
		checkShapes(t, g, text)
	})
}

// tokenizedState returns a tagger state set up for text, looking its
// tokens up itself, or nil when text has no token.
func tokenizedState(g *Tagger, text string) *state {
	toks := token.Tokenize(nil, text)
	if len(toks) == 0 {
		return nil
	}
	st := &state{f: token.NewFolder()}
	st.reset(g.t, text, toks, nil, nil, nil, nil, nil)
	return st
}

// checkTriggers fails t when matchAll and matchEvery differ on text.
func checkTriggers(t *testing.T, g *Tagger, text string) {
	t.Helper()
	st := tokenizedState(g, text)
	if st == nil {
		return
	}
	st.matchAll()
	indexed := slices.Clone(st.found)
	st.found = st.found[:0]
	st.matchEvery()
	if len(indexed) != len(st.found) {
		t.Errorf("%.60q: the index finds %d matches, trying every rule %d", text, len(indexed), len(st.found))
		return
	}
	for k, m := range st.found {
		if x := indexed[k]; x.first != m.first || x.last != m.last || x.rule != m.rule {
			t.Errorf("%.60q: match %d: the index finds %s at %d-%d, trying every rule %s at %d-%d",
				text, k, x.rule.id, x.first, x.last, m.rule.id, m.first, m.last)
		} else if x.slots != m.slots {
			t.Errorf("%.60q: match %d (%s at %d-%d): the index binds %+v, trying every rule %+v",
				text, k, m.rule.id, m.first, m.last, x.slots, m.slots)
		}
	}
}

// checkShapes fails t when a builtin class reads a token by its digits
// and the token's shapes lack the class's bit: the index would not try
// a rule that matches there.
func checkShapes(t *testing.T, g *Tagger, text string) {
	t.Helper()
	st := tokenizedState(g, text)
	if st == nil {
		return
	}
	st.limit = len(st.toks)
	for i, tok := range st.toks {
		num := numberLike(text, &tok)
		for b := bInt; b <= bDotDate; b++ {
			a := &classAlt{class: -1, builtin: b, slot: builtinSlot[b]}
			read := len(st.builtin(a, i, nil)) > 0
			has := st.shapes[i]&builtinShape[b] != 0
			switch {
			case has && !(num && read):
				t.Errorf("%q: token %q has shape %b, which builtin %d does not read", text, tok.Text(text), builtinShape[b], b)
			case num && read && !has && st.ids[i] < 0:
				// A token with no id is read by its digits alone.
				t.Errorf("%q: builtin %d reads token %q, whose shapes %b lack it", text, b, tok.Text(text), st.shapes[i])
			}
		}
	}
}

// matchEvery is matchAll without the trigger index: every rule is tried,
// in file order, at every token.
func (st *state) matchEvery() {
	for i := 0; i < len(st.toks); {
		st.limit = int(st.sents[st.sent[i]][1])
		st.best.last = -1
		for _, r := range st.t.rules {
			st.try(r, i)
		}
		if st.best.last > i {
			st.found = append(st.found, st.best)
			i = st.best.last
			continue
		}
		i++
	}
}

// triggerTexts are sentences with the phrases whose first word begins
// rules of its own or none: "the future", "the near term", number words.
var triggerTexts = []string{
	"In the future, and in the near future, the past will matter less than the near term or the short term.",
	"The future of the deal was discussed, the past week was calm, and the past is past.",
	"A hundred and ten people came a week ago; twenty-four left two thousand days later.",
	"It happened in nineteen ninety-six, in the 1990s, at 10:30 GMT on 13.11.2025 and 1st March.",
	"The first two quarters of 2024, the second half of the year, the end of the month, every week.",
	"At present, at the moment, these days and now: the year 2025 fiscal quarter.",
	// Rules that need one of several words later on (need sets).
	"Two years previously, five hours afterwards, the comparable period a year before, at midday, the close of the year, the latter half of 2024.",
}

// checkShapeOf fails t when shapeOf and shapeOfSlow differ on the token
// s of either kind a number-like token has.
func checkShapeOf(t *testing.T, s string) {
	t.Helper()
	for _, k := range []token.Kind{token.Number, token.Word} {
		if got, want := shapeOf(s, k), shapeOfSlow(s, k); got != want {
			t.Errorf("shapeOf(%q, %v) = %b, shapeOfSlow %b", s, k, got, want)
		}
	}
}

// TestShapeOf holds shapeOf's one pass to shapeOfSlow on the number-like
// tokens of the test articles and on edge cases.
func TestShapeOf(t *testing.T) {
	for _, s := range []string{
		"", "0", "00", "1", "31", "32", "999", "1000", "2199", "2200", "123456789", "1234567890", "123456789012", "1234567890123",
		"1,000", ",1", "1,", "1,,0", "1,000,000,000", "1,000,000,0000", "3.5", "1.", ".5", "1.2.3", "13.11.2025", "31.02.2024",
		"1.000,5", "10:30", "1st", "22ND", "1990s", "90s", "9:5", "12-3", "٣",
	} {
		checkShapeOf(t, s)
	}
	for _, text := range articles(t) {
		for _, tok := range token.Tokenize(nil, text) {
			if numberLike(text, &tok) {
				checkShapeOf(t, tok.Text(text))
			}
		}
	}
}

// FuzzShapeOf holds shapeOf to shapeOfSlow on any token text.
func FuzzShapeOf(f *testing.F) {
	f.Add("1,000")
	f.Add("13.11.2025")
	f.Fuzz(func(t *testing.T, s string) {
		checkShapeOf(t, s)
	})
}
