package annotate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/token"
)

// FuzzIsQuoteMark checks that isQuoteMark, which passes over a token by
// its first byte, tells every token of any text as comparing its whole
// text with the marks (quoteMark) does.
func FuzzIsQuoteMark(f *testing.F) {
	for _, s := range []string{
		"\u201cWe will,\u201d she said. \u00abNon\u00bb, \u201eJa\u201c and \"yes\".",
		"\u2019tis \u2018so\u2019 \u00e9t\u00e9 \u00a0 \u2014 \u20ac5",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := &state{text: text, toks: token.Tokenize(nil, text)}
		for i, tok := range s.toks {
			gotOK, gotDir := s.isQuoteMark(i)
			wantOK, wantDir := quoteMark(tok.Text(text))
			if gotOK != wantOK || gotDir != wantDir {
				t.Errorf("%q: isQuoteMark = %v, %d; the marks' texts say %v, %d", tok.Text(text), gotOK, gotDir, wantOK, wantDir)
			}
		}
	})
}

// TestChosenLookupsAgree holds the quotes' lookups of settled mentions,
// binary searches, to the tables by token they replaced, at every token
// of the corpus.
func TestChosenLookupsAgree(t *testing.T) {
	resolveCorpus(t, func(s *state) {
		s.resolve()
		s.indexChosen()
		n := len(s.toks) + 1
		byFirst, byLast, lastPerson := make([]int32, n), make([]int32, n), make([]int32, n)
		for i := range n {
			byFirst[i], byLast[i], lastPerson[i] = -1, -1, -1
		}
		for k := range s.chosen {
			byFirst[s.chosen[k].first] = int32(k)
			byLast[s.chosen[k].last] = int32(k)
		}
		last, k := int32(-1), 0
		for i := range n {
			for k < len(s.chosen) && s.chosen[k].last <= i {
				if c := s.chosen[k]; c.label == "PERSON" && c.entity != "" {
					last = int32(k)
				}
				k++
			}
			lastPerson[i] = last
		}
		at := func(k int32) *candidate {
			if k < 0 {
				return nil
			}
			return s.chosen[k]
		}
		for i := range n {
			if got, want := s.chosenStarting(i), at(byFirst[i]); got != want {
				t.Fatalf("%s: chosenStarting(%d) = %v, want %v", s.in.ID, i, got, want)
			}
			if got, want := s.chosenEnding(i), at(byLast[i]); got != want {
				t.Fatalf("%s: chosenEnding(%d) = %v, want %v", s.in.ID, i, got, want)
			}
			if got, want := s.lastPersonBefore(i), at(lastPerson[i]); got != want {
				t.Fatalf("%s: lastPersonBefore(%d) = %v, want %v", s.in.ID, i, got, want)
			}
		}
	})
}

// findQuotesRef is findQuotes as it was before its loop was tightened:
// each token told by isQuoteMark, the quotes gathered in new slices.
func findQuotesRef(s *state) []quote {
	var out []quote
	open := -1
	for i := range s.toks {
		if open >= 0 && s.toks[i].Newlines >= 2 {
			// A paragraph break inside an open quote.
			if ok, dir := s.isQuoteMark(i); ok && dir >= 0 {
				out = append(out, quote{first: open + 1, last: i, open: open, close: -1})
				open = i
				continue
			}
			out = append(out, quote{first: open + 1, last: i, open: open, close: -1})
			open = -1
		}
		ok, dir := s.isQuoteMark(i)
		if !ok {
			if open >= 0 && s.toks[i].End-s.toks[open].Start > maxQuote {
				open = -1
			}
			continue
		}
		if dir == 0 {
			spaceBefore := s.toks[i].Space
			spaceAfter := i+1 >= len(s.toks) || s.toks[i+1].Space
			switch {
			case open < 0 && (spaceBefore || !spaceAfter):
				dir = 1
			case open >= 0:
				dir = -1
			default:
				dir = 1
			}
		}
		if dir > 0 {
			open = i
			continue
		}
		if open >= 0 && i > open+1 {
			out = append(out, quote{first: open + 1, last: i, open: open, close: i})
		}
		open = -1
	}
	// Merge the parts of one quotation broken by paragraphs: their
	// attribution is after the last part.
	var merged []quote
	for _, q := range out {
		if n := len(merged); n > 0 && merged[n-1].close < 0 && merged[n-1].last == q.open {
			merged[n-1].last, merged[n-1].close = q.last, q.close
			continue
		}
		merged = append(merged, q)
	}
	for i := range merged {
		for merged[i].last > merged[i].first && s.isPunct(merged[i].last-1) && s.key(merged[i].last-1) != "?" {
			merged[i].last-- // the comma before the closing mark
		}
	}
	return merged
}

// quoteTestState is a state with text's tokens and, for keys, the
// tokens' own texts: all findQuotes reads.
func quoteTestState(text string) *state {
	s := &state{text: text, toks: token.Tokenize(nil, text)}
	var keys strings.Builder
	for _, t := range s.toks {
		keys.WriteString(t.Text(text))
		s.keyEnd = append(s.keyEnd, int32(keys.Len()))
	}
	s.keys = keys.String()
	return s
}

// checkFindQuotes compares findQuotes with findQuotesRef on s, twice, so
// that the second call runs on the scratch the first left.
func checkFindQuotes(t *testing.T, name string, s *state) {
	t.Helper()
	want := findQuotesRef(s)
	for range 2 {
		if got := s.findQuotes(); !slices.Equal(got, want) {
			t.Fatalf("%s: findQuotes = %v, want %v", name, got, want)
		}
	}
}

// TestFindQuotesAgrees holds findQuotes to findQuotesRef over the corpus
// and over texts made of every kind of quote mark, spaced and unspaced,
// paragraph breaks, commas and question marks before closing marks, and
// runs long enough to pass maxQuote.
func TestFindQuotesAgrees(t *testing.T) {
	resolveCorpus(t, func(s *state) { checkFindQuotes(t, s.in.ID, s) })
	pieces := []string{"\"", " \"", "\" ", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2019", "\u00e9t\u00e9",
		" Fidan said", ",", "?", ".", " ", "\n\n", "\n\n\"", "\n\n\u201c", "\n", "word", strings.Repeat("long words ", 300)}
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 3000 {
		text := randomText(rng, pieces, 80)
		checkFindQuotes(t, fmt.Sprintf("text %d %q", n, text), quoteTestState(text))
	}
}

// FuzzFindQuotes holds findQuotes to findQuotesRef on any text.
func FuzzFindQuotes(f *testing.F) {
	f.Add("\u201cWe will,\u201d she said.\n\n\"Yes,\n\n\"no?\" \u00abNon\u00bb, \u201eJa\u201c and \"yes\".")
	f.Fuzz(func(t *testing.T, text string) {
		checkFindQuotes(t, "fuzz", quoteTestState(text))
	})
}

// isSpeechRef is the test of a token where reported speech may begin,
// token by token, as the reported-speech loop first made it.
func isSpeechRef(s *state, i int, quoted []bool) bool {
	return !quoted[i] && (s.key(i) == "saying" || s.a.lists.speech.Has(&s.rdoc, i))
}

// checkSpeech holds speechCues to isSpeechRef at every token of s, with
// quotes marked at random, and checks that the speech verbs' ids are
// those of every token the list has.
func checkSpeech(t *testing.T, name string, s *state, rng *rand.Rand) {
	t.Helper()
	for i := range s.toks {
		if s.a.lists.speech.Has(&s.rdoc, i) && s.a.lists.cueIDs[s.ids[i]]&cueVerb == 0 {
			t.Fatalf("%s: the speech verbs' ids leave out %q's, %d", name, s.key(i), s.ids[i])
		}
		if s.key(i) == "saying" && s.a.lists.cueIDs[s.ids[i]]&cueSaying == 0 {
			t.Fatalf("%s: \"saying\" has id %d, not the one marked", name, s.ids[i])
		}
	}
	quoted := make([]bool, len(s.toks))
	for i := range quoted {
		quoted[i] = rng.IntN(4) == 0
	}
	var want []int32
	for i := range s.toks {
		if isSpeechRef(s, i, quoted) {
			want = append(want, int32(i))
		}
	}
	if got := s.speechCues(quoted); !slices.Equal(got, want) {
		t.Fatalf("%s: speechCues = %v, want %v", name, got, want)
	}
}

// TestSpeechCuesAgrees holds speechCues to isSpeechRef over the corpus,
// and checks its set of ids over the rule set's own words: every speech
// verb's id is in it, and 0, every unknown word's, not.
func TestSpeechCuesAgrees(t *testing.T) {
	a, err := sharedAnnotator()
	if err != nil {
		t.Fatal(err)
	}
	passed := 0
	for _, w := range a.rules.Words() {
		id := a.matcher.ID(w)
		if a.rules.InList("speech-verbs", w) && a.lists.cueIDs[id]&cueVerb == 0 {
			t.Errorf("the speech verbs' ids leave out %q's, %d", w, id)
		}
		if a.lists.cueIDs[id]&cueVerb != 0 {
			passed++
		}
	}
	if a.lists.cueIDs[0] != 0 {
		t.Errorf("a speech verb or \"saying\" has id 0: every word the matcher lacks passes")
	}
	t.Logf("the speech verbs' ids are those of %d of the rules' %d words", passed, len(a.rules.Words()))
	rng := rand.New(rand.NewPCG(7, 8))
	resolveCorpus(t, func(s *state) { checkSpeech(t, s.in.ID, s, rng) })
}

// FuzzSpeechCues is TestSpeechCuesAgrees on any text, run through the
// pipeline up to the rules.
func FuzzSpeechCues(f *testing.F) {
	f.Add("Fidan said that talks would resume, saying \u201cwe will\u201d. He told reporters in Geneva that it was over.")
	f.Add("SAID said Said \x00said says\xff warned")
	a, err := sharedAnnotator()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		in := Input{ID: "fuzz", Text: text}
		s := a.pool.Get().(*state)
		defer func() {
			s.reset()
			a.pool.Put(s)
		}()
		s.a, s.in, s.text = a, &in, in.Text
		for _, st := range a.stages {
			if st.name == "resolve" {
				break
			}
			st.run(s)
		}
		checkSpeech(t, "fuzz", s, rand.New(rand.NewPCG(uint64(len(text)), 9)))
	})
}

// checkMarkFinder holds markFinder.next to nextToWatch outside quotes,
// from every token: with one finder going forward, as findQuotes uses
// it, and with a new one at each token.
func checkMarkFinder(t *testing.T, name string, s *state) {
	t.Helper()
	shared := newMarkFinder()
	for i := range len(s.toks) + 1 {
		want := nextToWatch(s.toks, s.text, i, math.MaxInt, 256)
		fresh := newMarkFinder()
		if got := fresh.next(s.toks, s.text, i); got != want {
			t.Fatalf("%s: next(%d) = %d, want %d", name, i, got, want)
		}
		if got := shared.next(s.toks, s.text, i); got != want {
			t.Fatalf("%s: next(%d) after next(%d) = %d, want %d", name, i, i-1, got, want)
		}
	}
}

// TestMarkFinderAgrees holds markFinder to nextToWatch over the corpus
// and over texts of marks, their lead bytes in other characters (– ’ é
// and no-break spaces) and invalid UTF-8.
func TestMarkFinderAgrees(t *testing.T) {
	resolveCorpus(t, func(s *state) { checkMarkFinder(t, s.in.ID, s) })
	pieces := []string{"\"", " \"", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2019s", "\u2013", "\u00a0", "\u00e9t\u00e9",
		"\xe2", "\xc2", "x\"y", " word", "\n\n", " "}
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 3000 {
		text := randomText(rng, pieces, 40)
		checkMarkFinder(t, fmt.Sprintf("text %d %q", n, text), quoteTestState(text))
	}
}
