package timex

import (
	"slices"
	"testing"

	"github.com/newsann/newsann/annotate/token"
)

// TestTriggersHideNoMatch checks that the trigger index, which tries a
// rule only at the tokens it can start with and when the next token can
// follow, finds what trying every rule at every token finds.
func TestTriggersHideNoMatch(t *testing.T) {
	g := mustTagger(t)
	texts := append(articles(t), triggerTexts...)
	for _, text := range texts {
		toks := token.Tokenize(nil, text)
		if len(toks) == 0 {
			continue
		}
		st := &state{f: token.NewFolder()}
		st.reset(g.t, text, toks, nil, nil, nil)
		st.matchAll()
		indexed := slices.Clone(st.found)
		st.found = st.found[:0]
		st.matchEvery()
		if len(indexed) != len(st.found) {
			t.Errorf("%.60q: the index finds %d matches, trying every rule %d", text, len(indexed), len(st.found))
			continue
		}
		for k, m := range st.found {
			if x := indexed[k]; x.first != m.first || x.last != m.last || x.rule != m.rule {
				t.Errorf("%.60q: match %d: the index finds %s at %d-%d, trying every rule %s at %d-%d",
					text, k, x.rule.id, x.first, x.last, m.rule.id, m.first, m.last)
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
}
