package rules

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/newsann/newsann/annotate/token"
)

// test is what a [ … ] unit checks at a token. at returns where the unit
// ends when it matches at token i: i+1 for a token test, the end of the
// longest passing name for a lexicon or mention test. covers reports
// whether token i is inside something passing the test, which is what a
// negated test asks ("[!lexicon]": no lexicon name covers this token).
type test interface {
	at(d *Doc, i int) (end int, ok bool)
	covers(d *Doc, i int) bool
	// bind resolves names (lists) against the rule set once, at compile time.
	bind(rs *RuleSet)
}

type keyTest struct {
	key  string
	fold string
	// word is fold's number in the vocabulary of rs, the rule set the
	// test is bound to (0: none): the token of a Doc numbered by rs
	// (bindVocab) is compared by its number, not its key.
	word int32
	rs   *RuleSet
}

func (t *keyTest) at(d *Doc, i int) (int, bool) { return i + 1, t.covers(d, i) }
func (t *keyTest) covers(d *Doc, i int) bool {
	if t.word > 0 && d.vocab == t.rs && i < len(d.words) {
		return d.words[i] == t.word
	}
	return d.Key(i) == t.fold
}
func (t *keyTest) bind(rs *RuleSet) {
	t.fold = rs.foldKey(t.key)
	t.word, t.rs = rs.vocab[t.fold], rs
}

type anyKeyTest struct {
	keys  []string
	folds []string
}

func (t *anyKeyTest) at(d *Doc, i int) (int, bool) { return i + 1, t.covers(d, i) }
func (t *anyKeyTest) covers(d *Doc, i int) bool    { return slices.Contains(t.folds, d.Key(i)) }
func (t *anyKeyTest) bind(rs *RuleSet) {
	t.folds = make([]string, len(t.keys))
	for i, k := range t.keys {
		t.folds[i] = rs.foldKey(k)
	}
}

type textTest struct{ texts []string }

func (t *textTest) at(d *Doc, i int) (int, bool) { return i + 1, t.covers(d, i) }
func (t *textTest) covers(d *Doc, i int) bool {
	w := strings.Map(token.Plain, d.Text[d.Toks[i].Start:d.Toks[i].End])
	return slices.Contains(t.texts, w)
}
func (t *textTest) bind(*RuleSet) {}

// inTest checks membership in named word lists of the rule set. The
// lists are merged into one WordList, read by the token's vocabulary
// number.
type inTest struct {
	lists []string
	words WordList
}

func (t *inTest) at(d *Doc, i int) (int, bool) { return i + 1, t.covers(d, i) }
func (t *inTest) covers(d *Doc, i int) bool    { return t.words.Has(d, i) }
func (t *inTest) bind(rs *RuleSet)             { t.words = rs.wordList(t.lists...) }

// reTest matches a token against a regular expression, anchored at both
// ends. first, when known, are the bytes a match can begin with
// (firstBytes): the expression is run only on tokens that begin so.
type reTest struct {
	re    *regexp.Regexp
	first byteSet
	known bool
}

func newReTest(re *regexp.Regexp, expr string) *reTest {
	t := &reTest{re: re}
	t.first, t.known = firstBytes(expr)
	return t
}

func (t *reTest) at(d *Doc, i int) (int, bool) { return i + 1, t.covers(d, i) }
func (t *reTest) covers(d *Doc, i int) bool {
	w := d.Text[d.Toks[i].Start:d.Toks[i].End]
	if t.known && (w == "" || !t.first.has(w[0])) {
		return false
	}
	return t.re.MatchString(w)
}
func (t *reTest) bind(*RuleSet) {}

type shapeTest struct{ shapes []string }

func (t *shapeTest) at(d *Doc, i int) (int, bool) { return i + 1, t.covers(d, i) }
func (t *shapeTest) covers(d *Doc, i int) bool {
	return slices.Contains(t.shapes, token.Shape(d.Text[d.Toks[i].Start:d.Toks[i].End]))
}
func (t *shapeTest) bind(*RuleSet) {}

// isTests are the named token classes of is:.
var isTests = map[string]func(d *Doc, i int) bool{
	"title": func(d *Doc, i int) bool { return d.Toks[i].Case == token.Title },
	"upper": func(d *Doc, i int) bool { return d.Toks[i].Case == token.Upper },
	"lower": func(d *Doc, i int) bool { return d.Toks[i].Case == token.Lower },
	// cap: starts with a capital (title case or all capitals).
	"cap": func(d *Doc, i int) bool {
		c := d.Toks[i].Case
		return (c == token.Title || c == token.Upper) && d.Toks[i].Kind == token.Word
	},
	"word":   func(d *Doc, i int) bool { return d.Toks[i].Kind == token.Word },
	"number": func(d *Doc, i int) bool { return d.Toks[i].Kind == token.Number },
	"punct":  func(d *Doc, i int) bool { return d.Toks[i].Kind == token.Punct },
	"start":  func(d *Doc, i int) bool { return i == d.sentStart(i) },
	"end":    func(d *Doc, i int) bool { return i == d.sentEnd(i)-1 },
	// spaced: whitespace precedes the token.
	"spaced": func(d *Doc, i int) bool { return d.Toks[i].Space },
	// newline: a line break precedes the token.
	"newline": func(d *Doc, i int) bool { return d.Toks[i].Newlines > 0 },
	// inside: a lexicon name that starts before the token covers it (the
	// "Minister" of "Foreign Minister").
	"inside": func(d *Doc, i int) bool { return d.lexCoverFrom(i) < i },
	// initial: one capital letter ("M" of "M. Slater").
	"initial": func(d *Doc, i int) bool {
		t := d.Toks[i]
		return t.End-t.Start == 1 && t.Case == token.Upper
	},
	// shout: the token's sentence is written in capitals (a headline),
	// where capitals say nothing about names.
	"shout": func(d *Doc, i int) bool { return d.shouting(int(d.Sent[i])) },
}

func isNames() string {
	names := make([]string, 0, len(isTests))
	for n := range isTests {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

type isTest struct {
	names []string
	fns   []func(d *Doc, i int) bool
}

func (t *isTest) at(d *Doc, i int) (int, bool) { return i + 1, t.covers(d, i) }
func (t *isTest) covers(d *Doc, i int) bool {
	for _, f := range t.fns {
		if f(d, i) {
			return true
		}
	}
	return false
}
func (t *isTest) bind(*RuleSet) {
	t.fns = t.fns[:0]
	for _, n := range t.names {
		t.fns = append(t.fns, isTests[n])
	}
}

type posTest struct{ tags []string }

func (t *posTest) at(d *Doc, i int) (int, bool) { return i + 1, t.covers(d, i) }
func (t *posTest) covers(d *Doc, i int) bool {
	tag := d.pos(i)
	for _, want := range t.tags {
		if tag == want || (strings.HasSuffix(want, "*") && strings.HasPrefix(tag, want[:len(want)-1])) {
			return true
		}
	}
	return false
}
func (t *posTest) bind(*RuleSet) {}

// lexTest matches a lexicon name starting at the token; with field set,
// only names whose entry's kind, type or id, or whose form, is one of vals.
type lexTest struct {
	field string
	vals  []string
}

func (t *lexTest) pass(d *Doc, s LexSpan) bool {
	switch t.field {
	case "":
		return true
	case "capital":
		return d.Lexicon != nil && d.Lexicon.CapitalOf(s.Entry.ID) != ""
	case "kind":
		return slices.Contains(t.vals, string(s.Entry.Kind))
	case "type":
		return slices.Contains(t.vals, s.Entry.Type)
	case "entry":
		return slices.Contains(t.vals, s.Entry.ID)
	case "form":
		return slices.Contains(t.vals, s.Form.String())
	}
	return false
}

func (t *lexTest) at(d *Doc, i int) (int, bool) {
	best := -1
	for _, s := range d.Lex[i] {
		if s.End > best && t.pass(d, s) {
			best = s.End
		}
	}
	return best, best > i
}

func (t *lexTest) covers(d *Doc, i int) bool {
	from := d.lexCoverFrom(i)
	if t.field == "" {
		return from <= i // some name covers i, and any passes
	}
	for j := from; j <= i; j++ {
		for _, s := range d.Lex[j] {
			if s.End > i && t.pass(d, s) {
				return true
			}
		}
	}
	return false
}
func (t *lexTest) bind(*RuleSet) {}

// mentionTest matches a current mention (from the lexicon or an earlier
// rule) starting at the token, with one of labels when given.
type mentionTest struct {
	labels []string
	// class holds the labels' bits (RuleSet.LabelClass, without
	// labelKnown) when each has one: a mention whose Class is known
	// passes on a shared bit.
	class uint64
}

func (t *mentionTest) pass(m *MentionSpan) bool {
	switch {
	case len(t.labels) == 0:
		return true
	case t.class != 0 && m.Class != 0:
		return m.Class&t.class != 0
	}
	return slices.Contains(t.labels, m.Label)
}

func (t *mentionTest) at(d *Doc, i int) (int, bool) {
	// The mentions are read in place: a MentionSpan is seven words.
	best := -1
	ms := d.Ments[i]
	for k := range ms {
		if m := &ms[k]; m.End > best && t.pass(m) {
			best = m.End
		}
	}
	return best, best > i
}

func (t *mentionTest) covers(d *Doc, i int) bool {
	for _, j := range d.mentCovering(i) {
		ms := d.Ments[j]
		for k := range ms {
			if m := &ms[k]; m.End > i && t.pass(m) {
				return true
			}
		}
	}
	return false
}

func (t *mentionTest) bind(rs *RuleSet) {
	t.class = 0
	var class uint64
	for _, l := range t.labels {
		b := rs.labelBit(l)
		if b == 0 {
			return // past the bits: the labels are compared as strings
		}
		class |= b &^ labelKnown
	}
	t.class = class
}

// cost ranks tests by how much evaluating one costs, so that a
// conjunction evaluates cheap tests first and expensive ones (regular
// expressions, shapes, parts of speech) only on tokens that pass the rest.
func cost(t test) int {
	switch t := t.(type) {
	case *isTest, *keyTest, *anyKeyTest, *inTest:
		return 1
	case *textTest, *lexTest, *mentionTest:
		return 2
	case *notTest:
		return cost(t.t)
	case *andTest:
		return max(cost(t.a), cost(t.b))
	case *orTest:
		return cost(t.a) + cost(t.b)
	case *reTest, *shapeTest:
		return 5
	case *posTest:
		return 50
	}
	return 3
}

type andTest struct{ a, b test }

func (t *andTest) at(d *Doc, i int) (int, bool) {
	ea, ok := t.a.at(d, i)
	if !ok {
		return 0, false
	}
	eb, ok := t.b.at(d, i)
	if !ok {
		return 0, false
	}
	return max(ea, eb), true
}
func (t *andTest) covers(d *Doc, i int) bool { return t.a.covers(d, i) && t.b.covers(d, i) }
func (t *andTest) bind(rs *RuleSet) {
	t.a.bind(rs)
	t.b.bind(rs)
	if cost(t.b) < cost(t.a) {
		t.a, t.b = t.b, t.a
	}
}

type orTest struct{ a, b test }

func (t *orTest) at(d *Doc, i int) (int, bool) {
	ea, oka := t.a.at(d, i)
	eb, okb := t.b.at(d, i)
	switch {
	case oka && okb:
		return max(ea, eb), true
	case oka:
		return ea, true
	case okb:
		return eb, true
	}
	return 0, false
}
func (t *orTest) covers(d *Doc, i int) bool { return t.a.covers(d, i) || t.b.covers(d, i) }
func (t *orTest) bind(rs *RuleSet)          { t.a.bind(rs); t.b.bind(rs) }

// notTest passes on a token that nothing passing t covers; it consumes one
// token.
type notTest struct{ t test }

func (t *notTest) at(d *Doc, i int) (int, bool) { return i + 1, !t.t.covers(d, i) }
func (t *notTest) covers(d *Doc, i int) bool    { return !t.t.covers(d, i) }
func (t *notTest) bind(rs *RuleSet)             { t.t.bind(rs) }

// acronymTest passes on a token that is an acronym of what an earlier
// capture matched: its capitals are the initials of the capture's words,
// in order ("ISF" of "International Stabilization Force"). It needs the
// captures of the match in progress, so the matcher evaluates it.
type acronymTest struct{ of string }

func (t *acronymTest) at(d *Doc, i int) (int, bool) { return i + 1, false }
func (t *acronymTest) covers(d *Doc, i int) bool    { return false }
func (t *acronymTest) bind(*RuleSet)                {}

// isAcronym reports whether short abbreviates the words of long: each
// capital of short starts one of long's words, in order, beginning with
// the first word; small words ("of", "for") may be skipped.
func isAcronym(short string, long []string) bool {
	var letters []rune
	for _, r := range short {
		if r >= 'A' && r <= 'Z' {
			letters = append(letters, r)
		}
	}
	if len(letters) < 2 || len(long) == 0 {
		return false
	}
	w := 0
	for k, r := range letters {
		found := false
		for w < len(long) {
			word := long[w]
			w++
			if word == "" {
				continue
			}
			first := []rune(word)[0]
			if first == r || first == r+('a'-'A') {
				found = true
				break
			}
			if k == 0 {
				return false // the first letter must start the first word
			}
		}
		if !found {
			return false
		}
	}
	return true
}
