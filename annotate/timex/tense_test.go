package timex

import "testing"

// refTenseAt is tenseAt asking cue at every token it passes, as it did
// before mayCue.
func (st *state) refTenseAt(first, last int) tenseOf {
	sn := st.sents[st.sent[first]]
	best, bestD := tenseNone, 1<<30
	for i := first - 1; i >= int(sn[0]); i-- {
		if 2*(first-i)-2*maxCueLen >= bestD || st.isQuote(i) {
			break
		}
		t, n, weak := st.cue(i)
		if t == tenseNone || i+n > first {
			continue
		}
		if t == tenseScheduled {
			t = tenseFuture
		}
		d := 2 * (first - (i + n - 1))
		if weak {
			d += suffixPenalty
		}
		if d < bestD {
			best, bestD = t, d
		}
	}
	for i := last; i < int(sn[1]); i++ {
		if 2*(i-last)+1 >= bestD || st.isQuote(i) {
			break
		}
		t, _, weak := st.cue(i)
		if t == tenseNone || t == tenseScheduled {
			continue
		}
		d := 2*(i-last) + 1
		if weak {
			d += suffixPenalty
		}
		if d < bestD {
			best, bestD = t, d
		}
	}
	return best
}

// checkTenses fails t when tenseAt and refTenseAt differ at a span of
// one to three tokens of one sentence of text, and when mayCue is false
// at a token where cue reads a tense.
func checkTenses(t *testing.T, g *Tagger, text string) {
	t.Helper()
	st := tokenizedState(g, text)
	if st == nil {
		return
	}
	for i := range st.toks {
		if tn, _, _ := st.cue(i); tn != tenseNone && !st.mayCue(i, &st.toks[i]) {
			t.Errorf("%.60q: cue reads tense %d at token %d (%q), which mayCue passes over", text, tn, i, st.toks[i].Text(text))
		}
		for n := 1; n <= 3 && i+n <= len(st.toks) && st.sent[i+n-1] == st.sent[i]; n++ {
			if got, want := st.tenseAt(i, i+n), st.refTenseAt(i, i+n); got != want {
				t.Errorf("%.60q: tenseAt(%d, %d) = %d, refTenseAt %d", text, i, i+n, got, want)
			}
		}
	}
}

// TestTenseAtAsBefore holds tenseAt to refTenseAt over the test articles.
func TestTenseAtAsBefore(t *testing.T) {
	g := mustTagger(t)
	for _, text := range append(articles(t), triggerTexts...) {
		checkTenses(t, g, text)
	}
	checkTenses(t, g, "The planned sale had been due to expire; it was expected to close, and untouched stocks, hit by losses, were planning to rally on Friday.")
}

// FuzzTenseAt holds tenseAt to refTenseAt on any text.
func FuzzTenseAt(f *testing.F) {
	f.Add("The planned sale had been due to expire Friday, “it will leave Thursday,” Castro said.")
	f.Add("Arsenal host PSG on Tuesday after they crippled rivals last week.")
	g := mustTagger(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkTenses(t, g, text)
	})
}
