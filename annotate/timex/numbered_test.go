package timex

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
	"github.com/newsann/newsann/lexicon/lexicontest"
)

// variantLexicon merges spellings the tagger tells apart ("Sept" and
// "September" are one word to it, "Monday" and "Mon" too): the matcher
// gives each pair one id, which LexWords must not map to either word.
const variantLexicon = `as_of: 2025-10-01
variants:
  - [September, Sept]
  - [Monday, Mon]
entries:
  - {id: IRN, kind: country, name: Iran}
  - {id: sept-group, kind: organization, name: September Group}
`

// TestTagNumberedAgrees: tagging tokens a lexicon matcher numbered
// (TagNumbered) finds what Tag finds, with every token's id the same,
// whether the matcher numbers the tagger's words or not and where it
// merges two of them as variant spellings.
func TestTagNumberedAgrees(t *testing.T) {
	g := mustTagger(t)
	small := lexicontest.Build(t, "variants.yaml", variantLexicon)
	def, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	if m := small.Matcher(); m.ID("sept") == 0 || m.ID("sept") != m.ID("september") {
		t.Fatal("the variants lexicon no longer merges Sept and September")
	}
	matchers := map[string]*lexicon.Matcher{
		"lexicon":       small.Matcher(),
		"lexicon+words": small.Matcher().WithWords(g.Words()),
		"default+words": def.Matcher().WithWords(g.Words()),
		// In the tagger's own order, as annotate.New gives them.
		"default+unsorted":  def.Matcher().WithWords(g.AppendWords(nil)),
		"default, no words": def.Matcher(),
	}
	texts := append(articles(t), triggerTexts...)
	texts = append(texts,
		"On Monday, Sept. 8, and on Mon. Sept 15 the September Group met; SEPTEMBER 2025 and mon 9 sept.",
		"The o`clock and o'clock TALKS at 10:30 a.m. lasted twenty-four hours.",
		// Words whose folded key is shorter than their bytes: a diacritic,
		// a combining mark, a typographic apostrophe.
		"In the third quärter, at 5 o\u2019clock, and the third quArter\u05ad of 2025.",
		// A token longer than any word that folds to one ("may" with
		// twenty combining marks): no word to the tagger, numbered or
		// not.
		"Talks in ma"+strings.Repeat("\u0301", 20)+"y 2025 and on 3 ma"+strings.Repeat("\u0301", 20)+"y.")
	f := token.NewFolder()
	date := lexicon.MustDate("2025-11-14")
	for name, m := range matchers {
		lw := g.LexWords(m)
		for _, text := range texts {
			toks := token.Tokenize(nil, text)
			if len(toks) == 0 {
				continue
			}
			ids := m.Keys(nil, f, text, toks)
			if diff := cmp.Diff(g.Tag(text, toks, nil, date), g.TagNumbered(text, toks, ids, lw, nil, date)); diff != "" {
				t.Errorf("%s: %.60q: TagNumbered differs from Tag (-Tag +TagNumbered):\n%s", name, text, diff)
			}
			want := &state{f: token.NewFolder()}
			want.reset(g.t, text, toks, nil, nil, nil, nil, nil)
			got := &state{f: token.NewFolder()}
			got.reset(g.t, text, toks, ids, lw, nil, nil, nil)
			for i := range toks {
				if w, n := want.id(i), got.id(i); w != n {
					t.Errorf("%s: token %d %q of %.40q: id %d looked up, %d numbered", name, i, toks[i].Text(text), text, w, n)
				}
			}
		}
	}
}

// TestAppendWords: AppendWords gives Words's words, in any order, after
// what dst holds.
func TestAppendWords(t *testing.T) {
	g := mustTagger(t)
	got := g.AppendWords([]string{"x"})
	if got[0] != "x" {
		t.Fatalf("dst's word replaced by %q", got[0])
	}
	got = got[1:]
	slices.Sort(got)
	if want := g.Words(); !slices.Equal(got, want) {
		t.Fatalf("AppendWords gives %d words, Words %d, or others", len(got), len(want))
	}
}
