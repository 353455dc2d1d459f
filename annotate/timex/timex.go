// Package timex finds temporal expressions in news text and gives each a
// TIMEX3 type and normalised value, resolved against the document's date.
//
// The vocabulary (month and weekday names, units, number words, modifiers,
// holidays) and the rules are data, data/timex.yaml, compiled once by New
// into tables. Tag runs a small matcher over the text's tokens: each token
// is looked up once, rules are tried only at tokens that can start them,
// the longest match wins, and a value function named by the rule turns the
// matched slots into a TIMEX3 value. docs/time.md describes the rules, the
// value formats and what the tagger does not handle.
package timex

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/newsann/newsann/annotate/internal/strsort"
	"github.com/newsann/newsann/annotate/internal/yamlbin"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

//go:generate go run ../internal/yamlbin/yaml2bin data/timex.yaml

// defaultData is data/timex.yaml as a parsed tree (data/timex.bin, written
// by go generate and kept fresh by a test), which decodes far faster than
// the YAML parses.
//
//go:embed data/timex.bin
var defaultData []byte

// dataFile is the name errors in the embedded data are reported under.
const dataFile = "annotate/timex/data/timex.yaml"

// Types of expression, as TIMEX3 names them.
const (
	Date     = "DATE"
	Time     = "TIME"
	Duration = "DURATION"
	Set      = "SET"
)

// What a value was resolved against.
const (
	AnchorDocument = "document" // the document date
	AnchorText     = "text"     // an earlier expression in the text
)

// Expr is one temporal expression. Start and End are byte offsets into the
// text, End exclusive.
type Expr struct {
	Start, End int
	Type       string // DATE, TIME, DURATION, SET
	// Value is the TIMEX3 value: 2025-11-13, 2025-11, 2025-W46, 2025-Q1,
	// 2025-SU, P2Y, PT3H, XXXX-11-04, XXXX-WXX-4, PRESENT_REF, 199 (the
	// 1990s), 2025-11-13T10:30. X's stand for what the text leaves open.
	Value string
	// Mod is the TIMEX3 mod when the text qualifies the expression:
	// START, MID, END, APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS,
	// EQUAL_OR_MORE, BEFORE, AFTER, ON_OR_AFTER, ON_OR_BEFORE.
	Mod string
	// Anchor says what the value was resolved against: AnchorDocument,
	// AnchorText, or "" when nothing was resolved (an absolute date, a
	// duration, or a relative expression in a document without a date).
	Anchor string
	// Ambiguous is set when the text allows several values and the
	// tagger does not guess: 03/04/2025, whose day and month order is
	// unknown, keeps X's where the readings differ.
	Ambiguous bool
	// Zone is the UTC offset of a clock time's named zone ("+00:00" for
	// GMT), empty when none is given.
	Zone string
	// Rule is the id of the rule that matched, for explanations.
	Rule string
	// RuleIndex is Rule's index in Tagger.Rules: a caller that keeps
	// something for each rule (the annotator, its mentions' Source)
	// reads it from a slice by the index rather than hashing Rule into a
	// map at every expression.
	RuleIndex int
}

// Tagger finds temporal expressions. It is built once, its tables
// compiled, and is safe for concurrent use.
type Tagger struct {
	t    *tables
	pool sync.Pool // *state
}

// New compiles the embedded rules and vocabulary.
func New() (*Tagger, error) {
	doc, err := yamlbin.Decode(defaultData)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dataFile, err)
	}
	t, err := compileNode(dataFile, doc)
	if err != nil {
		return nil, err
	}
	return wrap(t), nil
}

func newTagger(file string, data []byte) (*Tagger, error) {
	t, err := compile(file, data)
	if err != nil {
		return nil, err
	}
	return wrap(t), nil
}

func wrap(t *tables) *Tagger {
	g := &Tagger{t: t}
	g.pool.New = func() any { return &state{f: token.NewFolder()} }
	return g
}

// Tag finds the temporal expressions of text. toks are its tokens
// (token.Tokenize), sents the byte spans of its sentences ({start, end});
// nil sents treats the text as one sentence. docDate is the document's
// date; when it is zero, relative expressions keep unresolved values
// (XXXX...) rather than being read against today. The expressions are
// returned sorted by position and do not overlap.
func (g *Tagger) Tag(text string, toks []token.Token, sents [][2]int, docDate lexicon.Date) []Expr {
	return g.TagNumbered(text, toks, nil, nil, sents, docDate)
}

// TagNumbered is Tag for tokens a lexicon matcher has numbered already
// (ids[i] is token i's Matcher.ID): lw, made from that matcher, turns
// the ids into the tagger's own, so no token is looked up again. The
// result is Tag's. Without lw (nil), or with ids that do not fit the
// tokens, it looks the tokens up itself, as Tag does.
func (g *Tagger) TagNumbered(text string, toks []token.Token, ids []int32, lw *LexWords, sents [][2]int, docDate lexicon.Date) []Expr {
	return g.tag(text, toks, ids, lw, sents, nil, nil, docDate)
}

// TagSentences is TagNumbered for sentences given as token ranges, as a
// pipeline's segmenter has them: sents[k] holds the first and, exclusive,
// the last token of sentence k, and the sentences follow each other with
// no gap, none empty, from the first token to the last. It spares mapping
// byte spans to tokens; the result is TagNumbered's for the sentences'
// byte spans. Ranges that do not cover the tokens so are not used: the
// tagger then splits the text itself, as Tag does given no sentences.
//
// sentOf, when it has an entry a token, must give each token its
// sentence's index in sents, as the pipeline keeps it anyway: the tagger
// then reads it rather than numbering the tokens again (a pass over the
// tokens a text). With sentOf nil, or of another length, the tagger
// numbers them.
func (g *Tagger) TagSentences(text string, toks []token.Token, ids []int32, lw *LexWords, sents [][2]int32, sentOf []int32, docDate lexicon.Date) []Expr {
	if !tiles(sents, len(toks)) {
		sents = nil
	}
	if len(sentOf) != len(toks) {
		sentOf = nil
	}
	return g.tag(text, toks, ids, lw, nil, sents, sentOf, docDate)
}

// tag is TagNumbered and TagSentences: the sentences as byte spans or as
// token ranges (at most one of the two; neither: the tagger's own).
func (g *Tagger) tag(text string, toks []token.Token, ids []int32, lw *LexWords, spans [][2]int, ranges [][2]int32, sentOf []int32, docDate lexicon.Date) []Expr {
	if len(toks) == 0 {
		return nil
	}
	st := g.pool.Get().(*state)
	defer g.pool.Put(st)
	if lw == nil || lw.t != g.t || len(ids) != len(toks) {
		lw, ids = nil, nil
	}
	st.reset(g.t, text, toks, ids, lw, spans, ranges, sentOf)
	return st.tag(docDate)
}

// tiles reports whether ranges cover tokens [0, n) in order, each
// range non-empty and beginning where the one before ends.
func tiles(ranges [][2]int32, n int) bool {
	at := int32(0)
	for _, r := range ranges {
		if r[0] != at || r[1] <= r[0] {
			return false
		}
		at = r[1]
	}
	return len(ranges) > 0 && int(at) == n
}

// tag finds the expressions of the text st was reset for.
func (st *state) tag(docDate lexicon.Date) []Expr {
	st.matchAll()
	if len(st.found) == 0 {
		return nil
	}
	st.applyModifiers()
	st.addRanges()
	return st.resolve(docDate)
}

// Words returns the folded words the tagger's rules and vocabulary are
// made of, sorted: a matcher given them (Matcher.WithWords) numbers every
// word the tagger can ask about, for LexWords. Each word is there once,
// as the vocabulary has it once.
func (g *Tagger) Words() []string {
	ws := g.AppendWords(make([]string, 0, len(g.t.words)))
	strsort.Sort(ws)
	return ws
}

// AppendWords appends the words Words returns to dst, in the tagger's
// own order rather than sorted: a caller that only adds them to a
// vocabulary (annotate.New, through Matcher.WithWords) is spared the
// sort.
func (g *Tagger) AppendWords(dst []string) []string {
	for _, w := range g.t.words {
		if w != "" {
			dst = append(dst, w)
		}
	}
	return dst
}

// LexWords maps a lexicon matcher's token ids to a tagger's words, for
// TagNumbered.
type LexWords struct {
	t *tables
	// byLex[id] is the vocabulary id of a token whose matcher id is id:
	// -1 for none, lexLookup when the id does not settle it (the token
	// is looked up by its key). byLex[0] also answers for ids outside it.
	// It is TokenMap.Word's answer for every id, read once when made.
	byLex []int32
}

// lexLookup marks a matcher id that does not settle the token's word
// (LexWords.byLex).
const lexLookup = -3

// LexWords returns the map from m's token ids to the tagger's words.
func (g *Tagger) LexWords(m *lexicon.Matcher) *LexWords {
	tm := m.TokenMap(func(yield func(string, int32) bool) {
		for id, w := range g.t.words {
			if w != "" && !yield(w, int32(id)+1) {
				return
			}
		}
	})
	// The TokenMap's table (0 none, -1 shared), rewritten in place, tm
	// being dropped; id 0 is answered as Word answers it.
	byLex := tm.IDs()
	for id, n := range byLex {
		switch {
		case id == 0:
			byLex[0] = lexLookup
			if n, ok := tm.Word(0); ok {
				byLex[0] = n - 1
			}
		case n < 0:
			byLex[id] = lexLookup
		default:
			byLex[id] = n - 1
		}
	}
	if len(byLex) == 0 {
		byLex = []int32{lexLookup}
		if n, ok := tm.Word(0); ok {
			byLex[0] = n - 1
		}
	}
	return &LexWords{t: g.t, byLex: byLex}
}

// Rules returns every value Expr.Rule takes: the ids of the tagger's
// rules in file order, then "range", for the second part of a range. A
// caller can derive what it writes per rule once, not per expression.
func (g *Tagger) Rules() []string {
	ids := make([]string, len(g.t.rules), len(g.t.rules)+1)
	for i, r := range g.t.rules {
		ids[i] = r.id
	}
	return append(ids, "range")
}

// String formats e for debugging and test failures.
func (e Expr) String() string {
	s := fmt.Sprintf("%d-%d %s %s", e.Start, e.End, e.Type, e.Value)
	if e.Mod != "" {
		s += " mod=" + e.Mod
	}
	if e.Anchor != "" {
		s += " anchor=" + e.Anchor
	}
	if e.Ambiguous {
		s += " ambiguous"
	}
	return s + " (" + e.Rule + ")"
}
