package rules

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/internal/bitset"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// refBound is what bindVocab works out for a Doc, as its one loop over
// the tokens did before it was split into passes: the reference for
// TestBindVocabAgree. Every token is looked up by its key.
type refBound struct {
	words   []int32
	trig    []uint32
	present [][]uint64
	lastAt  []int32 // -1 where the sentence lacks the set
	lexFrom []int32
}

func refBindVocab(d *Doc, rs *RuleSet) refBound {
	n := (rs.needSets + 63) / 64
	ns := rs.needSets
	r := refBound{
		words:   make([]int32, len(d.Toks)),
		trig:    make([]uint32, len(d.Toks)),
		present: make([][]uint64, len(d.SentStart)),
		lastAt:  make([]int32, ns*len(d.SentStart)),
		lexFrom: lexFromIndex(nil, len(d.Toks), d.Lex),
	}
	for si := range r.present {
		r.present[si] = make([]uint64, n)
	}
	num := rs.vocab[numberWord]
	mark := func(si int32, ids []int32, i int) {
		for _, id := range ids {
			bitset.Set(r.present[si]).Add(id)
			r.lastAt[int(si)*ns+int(id)] = int32(i)
		}
	}
	for i, t := range d.Toks {
		w := rs.vocab[d.Key(i)]
		r.words[i] = w
		var f uint32
		if w > 0 && int(w) < len(rs.wordPhases) {
			f = rs.wordPhases[w]
		}
		if len(d.Lex[i]) > 0 {
			f |= trigLex
		}
		if t.Case == token.Title || t.Case == token.Upper {
			f |= trigCap
		}
		if t.Kind == token.Number {
			f |= trigNumber
		}
		r.trig[i] = f
		si := d.Sent[i]
		if w > 0 {
			mark(si, rs.wordNeeds[w], i)
		}
		if t.Kind == token.Number {
			mark(si, rs.wordNeeds[num], i)
		}
		for _, l := range d.Lex[i] {
			if w := rs.wordOfKind(l.Entry.Kind); w > 0 {
				mark(si, rs.wordNeeds[w], i)
			}
			if w := rs.entryWords[l.Entry.ID]; w > 0 {
				mark(si, rs.wordNeeds[w], i)
			}
		}
	}
	for si, p := range r.present {
		for k := range ns {
			if !bitset.Set(p).Has(int32(k)) {
				r.lastAt[si*ns+k] = -1
			}
		}
	}
	return r
}

// word returns the rule word of d's token i, whose matcher id is id, as
// bindVocab works it out (LexWords.number, then the key where the id does
// not settle it): for TestLexWordsAgree.
func (lw *LexWords) word(id int32, d *Doc, i int) int32 {
	var w [1]int32
	if lw.number(w[:], []int32{id}) {
		return lw.rs.vocab[d.Key(i)]
	}
	return w[0]
}

// splitAtStops is a sentence splitter for tests: a sentence ends after
// each "." token.
func splitAtStops(text string, toks []token.Token) [][2]int {
	var sents [][2]int
	start := 0
	for i, t := range toks {
		if text[t.Start:t.End] == "." {
			sents = append(sents, [2]int{start, i + 1})
			start = i + 1
		}
	}
	if start < len(toks) {
		sents = append(sents, [2]int{start, len(toks)})
	}
	return sents
}

// checkBindVocab binds d, reused from the text before, to rs and compares
// what it worked out with the reference.
func checkBindVocab(t *testing.T, rs *RuleSet, d *Doc, src *Doc, ids []int32, lw *LexWords) {
	t.Helper()
	d.Reset()
	d.Text, d.Toks, d.Lex, d.Sent, d.Lexicon = src.Text, src.Toks, src.Lex, src.Sent, src.Lexicon
	d.SentStart, d.SentEnd = src.SentStart, src.SentEnd
	d.SetKeys(src.keys, src.keyEnd)
	d.SetLexIDs(ids, lw)
	d.bindVocab(rs)
	want := refBindVocab(d, rs)
	if !slices.Equal(d.words, want.words) {
		t.Fatalf("%q: words %v, reference %v", d.Text, d.words, want.words)
	}
	if !slices.Equal(d.trig, want.trig) {
		t.Fatalf("%q: trig %v, reference %v", d.Text, d.trig, want.trig)
	}
	if !slices.Equal(d.lexFrom, want.lexFrom) {
		t.Fatalf("%q: covers %v, reference %v", d.Text, d.lexFrom, want.lexFrom)
	}
	ns := rs.needSets
	for si := range want.present {
		if !slices.Equal(d.present[si], want.present[si]) {
			t.Fatalf("%q, sentence %d: present %x, reference %x", d.Text, si, d.present[si], want.present[si])
		}
		for k := range ns {
			if w := want.lastAt[si*ns+k]; w >= 0 && d.lastAt[si*ns+k] != w {
				t.Fatalf("%q, sentence %d, need set %d: last token %d, reference %d", d.Text, si, k, d.lastAt[si*ns+k], w)
			}
		}
	}
}

// TestBindVocabAgree: bindVocab's passes work out what one loop over the
// tokens did, with and without the lexicon's ids (both with a matcher
// that lacks some rule words and one that has them), on texts of rule
// words, numbers, gazetteer names and words of neither, in a Doc reused
// from text to text.
func TestBindVocabAgree(t *testing.T) {
	rs, lex := defaultRules(t), defaultLexicon(t)
	pool := append(rs.Words(), "1995", "42", "3.5", "Iran", "IRAN", "Tehran", "Ahmed", "Ahmad",
		"Ahmadinejad", "United Nations", "zzyzx", "Qwerty", ".", ".", ",", "said", "Said", "the")
	for k, e := range lex.Entries() {
		if _, named := rs.entryWords[e.ID]; named || k < 200 {
			pool = append(pool, e.Name)
		}
	}
	// The words in the rule set's own order (AppendWords, as
	// annotate.New gives them) number them otherwise than sorted.
	matchers := []*lexicon.Matcher{lex.Matcher(), lex.Matcher().WithWords(rs.Words()),
		lex.Matcher().WithWords(rs.AppendWords(nil))}
	var lws []*LexWords
	for _, m := range matchers {
		lws = append(lws, rs.LexWords(m))
	}
	r := rand.New(rand.NewPCG(3, 4))
	d := &Doc{}
	for range 300 {
		words := make([]string, r.IntN(80))
		for k := range words {
			words[k] = pool[r.IntN(len(pool))]
		}
		src := NewDoc(strings.Join(words, " "), lex, splitAtStops)
		checkBindVocab(t, rs, d, src, nil, nil)
		for k, m := range matchers {
			ids := m.Keys(nil, token.NewFolder(), src.Text, src.Toks)
			checkBindVocab(t, rs, d, src, ids, lws[k])
		}
	}
}

// TestAppendWords: AppendWords gives Words's words, in any order, after
// what dst holds.
func TestAppendWords(t *testing.T) {
	rs := defaultRules(t)
	got := rs.AppendWords([]string{"x"})
	if got[0] != "x" {
		t.Fatalf("dst's word replaced by %q", got[0])
	}
	got = got[1:]
	slices.Sort(got)
	if want := rs.Words(); !slices.Equal(got, want) {
		t.Fatalf("AppendWords gives %d words, Words %d, or others", len(got), len(want))
	}
}
