package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// classesAgree checks, at every token of text, that every unit test of
// rs with class masks gives through unitAt the answer its test gives.
// It returns how many (test, token) pairs the masks alone decided.
func classesAgree(t *testing.T, rs *RuleSet, lex *lexicon.Lexicon, text string) (decided int) {
	t.Helper()
	d := withMentions(NewDoc(text, lex, splitSentences))
	d.bindVocab(rs)
	d.clearMemo(len(rs.tests) + 1)
	for src, u := range rs.tests {
		if u.mask == nil {
			continue
		}
		for i := range d.Toks {
			wantEnd, want := u.test.at(d, i)
			gotEnd, got := d.unitAt(u, i)
			if got != want || (want && gotEnd != wantEnd) {
				t.Fatalf("%s at token %d %q of %.60q: masks say %v (end %d), the test %v (end %d)",
					src, i, d.Text[d.Toks[i].Start:d.Toks[i].End], text, got, gotEnd, want, wantEnd)
			}
			if !u.mask.rest || !got {
				decided++
			}
		}
	}
	// Literal words, compared by their vocabulary numbers, as by their
	// keys.
	for _, r := range rs.rules {
		eachUnit(r.node, func(u *unit) {
			eachKeyTest(u.test, func(k *keyTest) {
				for i := range d.Toks {
					if got, want := k.covers(d, i), d.Key(i) == k.fold; got != want {
						t.Fatalf("%s: %q at token %d %q of %.60q: %v by its number, %v by its key", r.ID, k.key, i, d.Key(i), text, got, want)
					}
				}
			})
		})
	}
	// The machine's inline answer for literal words (unit.key).
	m := &machine{d: d, lo: 0, hi: len(d.Toks)}
	keys := 0
	for src, u := range rs.tests {
		if u.key == nil {
			continue
		}
		keys++
		for i := range d.Toks {
			_, want := u.test.at(d, i)
			if end, got := m.unitEnd(u, i); got != want || got && end != i+1 {
				t.Fatalf("%s at token %d %q of %.60q: the machine says %v (end %d), the test %v", src, i, d.Key(i), text, got, end, want)
			}
		}
	}
	if keys == 0 && len(rs.rules) > 1 {
		t.Fatal("no unit of a literal word is answered inline")
	}
	return decided
}

// eachKeyTest calls f with every keyTest in t.
func eachKeyTest(t test, f func(*keyTest)) {
	switch t := t.(type) {
	case *keyTest:
		f(t)
	case *andTest:
		eachKeyTest(t.a, f)
		eachKeyTest(t.b, f)
	case *orTest:
		eachKeyTest(t.a, f)
		eachKeyTest(t.b, f)
	case *notTest:
		eachKeyTest(t.t, f)
	}
}

// TestClassMasksAgree: the default rules' tests, compiled to class masks,
// answer as their test trees do at every token of our articles.
func TestClassMasksAgree(t *testing.T) {
	rs := defaultRules(t)
	masked := 0
	for _, u := range rs.tests {
		if u.mask != nil {
			masked++
		}
	}
	if masked < 20 {
		t.Fatalf("%d of %d tests have class masks; the default rules have dozens", masked, len(rs.tests))
	}
	lex := defaultLexicon(t)
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	if len(paths) == 0 {
		t.Fatal("no test articles")
	}
	decided := 0
	for _, p := range paths[:min(len(paths), 12)] {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		decided += classesAgree(t, rs, lex, string(b))
	}
	// Headlines: is:shout, and capitals everywhere.
	decided += classesAgree(t, rs, lex, "TURKISH FOREIGN MINISTER HAKAN FIDAN MEETS U.S. ENVOY IN ANKARA. Then he left.")
	if decided == 0 {
		t.Fatal("the masks decided nothing")
	}
}

// FuzzClassMasks: for any text, the default rules' class masks answer as
// their tests do.
func FuzzClassMasks(f *testing.F) {
	f.Add("Turkish Foreign Minister Hakan Fidan said the U.S. envoy, M. Slater, met Fidan.")
	f.Add("THE PRIME MINISTER SAID NO. the u.s. and Turkey - al-Sharaa & co.")
	rs, lex := defaultRules(f), testLex(f)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 || strings.ContainsRune(text, 0) {
			return
		}
		classesAgree(t, rs, lex, text)
	})
}

// TestLexWordsAgree: numbering a token by its lexicon matcher id
// (LexWords) gives the word the rules' own vocabulary gives its key, for
// every rule word, for words the rules lack, and for spellings the
// lexicon merges as variants but the rules tell apart ("Ahmed" and
// "Ahmad" are both given names in the rules' lists), with the lexicon's
// matcher and with one that numbers the rule words too.
func TestLexWordsAgree(t *testing.T) {
	rs, lex := defaultRules(t), defaultLexicon(t)
	if m := lex.Matcher(); m.ID("ahmed") == 0 || m.ID("ahmed") != m.ID("ahmad") || rs.vocab["ahmed"] == rs.vocab["ahmad"] {
		t.Fatal("the test needs two rule words the lexicon merges: ahmed and ahmad no longer are")
	}
	keys := append(rs.Words(), "zzyzx", "iran", "ahmadinejad", "")
	for _, m := range []*lexicon.Matcher{lex.Matcher(), lex.Matcher().WithWords(rs.Words())} {
		lw := rs.LexWords(m)
		for _, k := range keys {
			d := &Doc{keys: k, keyEnd: []int32{int32(len(k))}}
			if got, want := lw.word(m.ID(k), d, 0), rs.vocab[k]; got != want {
				t.Errorf("%q (matcher id %d): LexWords gives word %d, the vocabulary %d", k, m.ID(k), got, want)
			}
		}
	}
}

// defaultRules compiles the embedded rules.
func defaultRules(t testing.TB) *RuleSet {
	t.Helper()
	files, err := DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Compile(files)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// defaultLexicon loads the embedded gazetteer.
func defaultLexicon(t testing.TB) *lexicon.Lexicon {
	t.Helper()
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	return lex
}

// TestFirstsDistinct checks that a rule asks each test of its first
// units once a try: the two branches of names begin with the same name
// part, and asking it twice at every capitalised word cost the rules
// stage 2.5 %.
func TestFirstsDistinct(t *testing.T) {
	rs := defaultRules(t)
	names := false
	for _, r := range rs.rules {
		names = names || r.ID == "names" && len(r.firsts) > 0
		seen := map[int32]bool{}
		for _, u := range r.firsts {
			if seen[u.id] {
				t.Errorf("%s: test %d (%s) twice among its first units", r.ID, u.id, u.src)
			}
			seen[u.id] = true
		}
	}
	if !names {
		t.Fatal("rule names: missing, or no first units")
	}
}

// TestKindWords: RuleSet.wordOfKind gives every lexicon kind the
// vocabulary's word for its names, and an unknown kind none.
func TestKindWords(t *testing.T) {
	rs := defaultRules(t)
	for _, k := range lexicon.Kinds() {
		want := rs.vocab[kindWord(string(k))]
		if want == 0 {
			t.Errorf("kind %q has no word in the vocabulary", k)
		}
		if got := rs.wordOfKind(k); got != want {
			t.Errorf("wordOfKind(%q) = %d, the vocabulary's word is %d", k, got, want)
		}
	}
	if got := rs.wordOfKind("planet"); got != 0 {
		t.Errorf("wordOfKind of an unknown kind = %d, want 0", got)
	}
}

// TestCaseBit: bindVocab sets trigCap from bit 1 of a token's case,
// which Title and Upper have and no other case has.
func TestCaseBit(t *testing.T) {
	for _, c := range []token.Case{token.NoCase, token.Lower, token.Title, token.Upper} {
		if got, want := c>>1&1 == 1, c == token.Title || c == token.Upper; got != want {
			t.Errorf("case %d: bit 1 is %v, want %v", c, got, want)
		}
	}
}

// fieldClassesAgree checks that the classes a token's fields decide,
// read off classSet.byField, are those their is: tests give, for tokens
// built from spec, five bytes a token.
func fieldClassesAgree(t *testing.T, spec []byte) {
	t.Helper()
	c := newClassSet(0)
	for _, name := range fieldClasses {
		c.isBit(name)
	}
	d := &Doc{vocab: &RuleSet{classes: c}}
	for k := 0; k+4 < len(spec); k += 5 {
		start := int(spec[k+3] % 4)
		d.Toks = append(d.Toks, token.Token{
			Kind: token.Kind(spec[k] % 10), Case: token.Case(spec[k+1] % 6),
			Space: spec[k+2]&1 != 0, Newlines: spec[k+2] >> 1 % 3,
			Start: start, End: start + int(spec[k+4]%4),
		})
	}
	n := len(d.Toks)
	d.words, d.cls, d.clsKnown = make([]int32, n), make([]uint64, n), make([]uint64, n)
	for i, tok := range d.Toks {
		got := d.classes(i, c.fields)
		for _, name := range fieldClasses {
			b := c.is[name]
			if want := isTests[name](d, i); got&(1<<b) != 0 != want {
				t.Fatalf("token %+v: is:%s %v from the table, %v from its test", tok, name, !want, want)
			}
		}
	}
}

func TestFieldClassesAgree(t *testing.T) {
	var spec []byte
	for kind := range 10 {
		for cs := range 6 {
			for sp := range 6 {
				for l := range 4 {
					spec = append(spec, byte(kind), byte(cs), byte(sp), byte(l), byte(l+1))
				}
			}
		}
	}
	fieldClassesAgree(t, spec)
}

func FuzzFieldClasses(f *testing.F) {
	f.Add([]byte{1, 2, 1, 0, 1, 2, 3, 4, 1, 2})
	f.Fuzz(fieldClassesAgree)
}
