// Package rules is newsann's rule engine: YAML files of token patterns
// that propose mentions, relations and events, compiled once and matched
// over each text. Rules are data, so that users read, test and extend them
// without writing Go; docs/rules.md documents the language.
//
// The package parses, compiles and matches; what a match emits (a mention,
// a relation, an event) is carried out by the annotate pipeline, which
// knows entities and the lexicon.
package rules

import (
	"cmp"
	"embed"
	"encoding/binary"
	"fmt"
	"io/fs"
	"maps"
	"math/bits"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate/internal/bitset"
	"github.com/newsann/newsann/annotate/internal/scratch"
	"github.com/newsann/newsann/annotate/internal/strsort"
	"github.com/newsann/newsann/annotate/internal/yamlbin"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// Rule is one compiled rule.
type Rule struct {
	ID          string
	Description string
	Pattern     string
	// Phase orders rules: a rule sees the mentions emitted by rules of
	// earlier phases (and the lexicon's), never those of its own phase.
	Phase    int
	Emit     []Emit
	Examples []Example
	Counter  []string
	Pos      lexicon.Pos
	node     node
	prog     *program
	first    test
	index    int // position in the rule set
	bit      int // position among its phase's rules (phaseIndex.all)
	// need marks the rule set's need sets (bits of needSets) of which a
	// sentence must have at least one word each for the rule to match in
	// it (its literal words and lists that are not optional); sentences
	// without them are skipped. Nil: no words needed.
	need bitset.Set
	// ahead lists the need sets every match has a word of at or after
	// its first token (need less lookbehinds): the rule cannot start
	// after the last such word of the sentence.
	ahead []int32
	// anchors are need sets every match has a word of at a bounded
	// distance from its start (anchor.go).
	anchors []anchor
	// firsts are the units one of which a match passes at its first token,
	// and firstNeed the class bits their masks read, asked for at once.
	firsts    []*unit
	firstNeed uint64
	caps      map[string]bool
	needPOS   bool
	source    string
	// proposes: an Emit is a relation or an event (Proposes).
	proposes bool
	// mentClass, for a rule that starts at a mention, has the bits of
	// the labels one of which the mention has (mentionClass), or is 0.
	mentClass uint64
	// capUpper and capStart, for a rule that starts at a capitalised
	// word, say that the word must be in capitals or begin its sentence
	// (implies).
	capUpper, capStart bool
	// prev, for a rule whose pattern begins with a lookbehind of one
	// word ("<([in:place-preps])"), marks the words the token before a
	// match has one of (prevWords): the rule is tried only after them.
	prev bitset.Set
	// units are the pattern's units, in eachUnit's order, while the rule
	// set is compiled (nil after): listed once for the walks that ask
	// each unit something, rather than walked for each.
	units []*unit
}

// Source is how the rule is named in a mention's source: "rule:" and its
// id. Made once, since every match's mentions carry it.
func (r *Rule) Source() string {
	if r.source == "" { // a Rule not compiled
		return "rule:" + r.ID
	}
	return r.source
}

// Emit is one thing a match produces. Exactly one of its parts is set.
type Emit struct {
	Mention  *MentionEmit
	Relation *RelationEmit
	Event    *EventEmit
	// Drop removes the candidate mentions that exactly cover a capture
	// (with one of Labels, when given): a rule that knows "Jordan" in
	// "Michael Jordan" is no country says so.
	Drop *DropEmit
	// Alias makes later uses of a capture's words ("ISF") refer to what
	// another capture names ("International Stabilization Force").
	Alias *AliasEmit
}

// AliasEmit defines a short name within one document.
type AliasEmit struct {
	Span string // the short name
	Of   string // the capture whose mention it stands for
}

// MentionEmit proposes a mention.
type MentionEmit struct {
	Span  string // capture name; "" is the whole match
	Label string
	// Entity is where the mention's entity comes from: "" to reuse the
	// entity of a lexicon name or earlier mention with exactly this span
	// (else mint one from the text), a capture name to take that
	// capture's entity, "=ID" for a fixed lexicon id, or "mint:TEMPLATE"
	// to mint one from a template of {capture} (its words) and
	// {capture.entity} (its entity id).
	Entity string
	// RefersTo names what the mention stands for: a capture (its
	// entity), or "country-of:CAPTURE" (the state of a place or body).
	RefersTo string
	Attrs    map[string]string
	// Priority is added to the span's length when overlapping candidates
	// compete; the lexicon's own candidates have none.
	Priority int
}

// RelationEmit proposes a relation between the entities of two captures.
// Subject may also be "each:CAPTURE" (one relation per mention inside the
// capture: the members of a list) or "@antecedent" (the person named
// earlier in the document who holds the office captured as Title).
type RelationEmit struct {
	Type     string
	Subject  string
	Object   string
	Title    string // capture of the office, for holds_role
	Evidence string // capture; "" is the whole match
	Attrs    map[string]string
}

// EventEmit proposes an event.
type EventEmit struct {
	Type     string
	Mode     string
	CAMEO    string
	Source   string // capture of the source actor
	Target   string // capture of the target actor
	Trigger  string // capture of the trigger words
	Evidence string
	Attrs    map[string]string
	// Exclusive events compete for their trigger: of the exclusive
	// emissions that match one trigger, only those of the rule first in
	// the rule set stand. Source and Target may be "each:CAPTURE": one
	// event per actor of the list the capture holds.
	Exclusive bool
}

// DropEmit removes candidates.
type DropEmit struct {
	Span   string
	Labels []string
}

// Example is a text a rule must match, with what some captures must be.
type Example struct {
	Text   string
	Expect map[string]string // capture name -> its text
}

// RuleSet is a compiled set of rule files, ready to match. It is immutable
// and safe for concurrent use.
type RuleSet struct {
	rules  []*Rule
	phases []int
	// listIDs holds each list's words by their vocabulary numbers,
	// sorted: in: tests, their classes and the sentence filter read a
	// list so, and a list is looked up in vocab once, not at each use.
	// It is the only form of the lists kept (InList searches it), so
	// that Compile makes no set of each list's words.
	listIDs map[string][]int32
	macros  map[string]string
	folder  *token.Folder // used at compile time only
	keyBuf  []byte        // foldKey's buffer, at compile time only
	progBuf []inst        // compileProgram's buffer, at compile time only
	units   []*unit       // the rules' units (Rule.units), at compile time only
	index   map[int]*phaseIndex
	needPOS bool
	// vocab numbers every word of the lists (from 1), so that a
	// document's tokens are looked up once and list tests are array reads.
	vocab map[string]int32
	// words are vocab's words in the order of their numbers (words[n-1]
	// is word n), for Words and LexWords, which read them all.
	words []string
	// wordPhases marks, for each vocabulary word, the phases (by
	// index, up to trigPhases) that have a rule starting with it.
	wordPhases []uint32
	// kindWords is the vocabulary's word for a lexicon name of each kind
	// (kindWord), looked up once here rather than built per name found;
	// a short list, searched faster than a map is hashed (RuleSet.wordOfKind).
	kindWords []kindWordOf
	// entryWords is the vocabulary's word for a lexicon name of each
	// entry a rule names (entryWord). entryIDs has, by an id's first
	// byte, a bit for the length of each id named (the last for all from
	// 63 up): the rules name a few entries, and a name of any other is
	// passed over without hashing its id (entryWordOf).
	entryWords map[string]int32
	entryIDs   [256]uint64
	// labels gives each mention label a rule names its bit (LabelClass).
	labels map[string]uint64
	// tests holds, per distinct unit source, the first unit bound with
	// it: the later ones copy its test, id, mask and cost.
	tests map[string]*unit
	// classes numbers the token classes the tests are compiled to.
	classes *classSet
	// needSets are the distinct word sets rules need (see Rule.need), and
	// wordNeeds lists, for each vocabulary word, the need sets it is in:
	// a document marks each sentence's met sets once, and a rule's
	// sentence filter is then a few word-wide ANDs.
	needSets  int
	wordNeeds [][]int32
	// prefer maps a folded shared name to the entry it means by default.
	prefer map[string]string
}

// kindWordOf is the vocabulary's word for the lexicon names of a kind.
type kindWordOf struct {
	kind lexicon.Kind
	word int32
}

// wordOfKind returns the vocabulary's word for a lexicon name of kind k, 0
// for none. The kinds are few and of different lengths but for two, so a
// search compares lengths, not bytes, and costs less than a map's hash.
func (rs *RuleSet) wordOfKind(k lexicon.Kind) int32 {
	for _, kw := range rs.kindWords {
		if kw.kind == k {
			return kw.word
		}
	}
	return 0
}

// entryWordOf returns the vocabulary's word for a lexicon name of the
// entry with the given id, 0 for none.
func (rs *RuleSet) entryWordOf(id string) int32 {
	if id != "" && rs.entryIDs[id[0]]>>min(len(id), 63)&1 == 0 {
		return 0
	}
	return rs.entryWords[id]
}

// LexWords maps the token ids of a lexicon matcher's vocabulary to the
// rule set's words. A pipeline has looked every token up in the lexicon's
// vocabulary already (Matcher.ID); with LexWords (Doc.SetLexIDs) a Doc
// numbers the tokens by the rules' words from those ids instead of looking
// every token up a second time. The matcher should number the rule words
// too (Matcher.WithWords with Words): then only the tokens of spellings
// the lexicon merges and the rules tell apart are looked up again.
type LexWords struct {
	rs *RuleSet
	// byID is the word of each matcher token id, -1 where the id does
	// not settle it (lexicon.TokenMap.Word) and the key is looked up;
	// outside is that of an id past the table.
	byID    []int32
	outside int32
}

// Words returns the folded words the rules name (in word lists, literal
// words and key: tests), sorted: a matcher given them (Matcher.WithWords)
// numbers every word a rule can ask about.
func (rs *RuleSet) Words() []string {
	ws := rs.AppendWords(make([]string, 0, len(rs.words)))
	strsort.Sort(ws)
	return ws
}

// AppendWords appends the words Words returns to dst, in the rule set's
// own order rather than sorted: a caller that only adds them to a
// vocabulary (annotate.New, through Matcher.WithWords) is spared the
// sort, a fifth of building an annotator.
func (rs *RuleSet) AppendWords(dst []string) []string {
	for _, w := range rs.words {
		if !pseudoWord(w) {
			dst = append(dst, w)
		}
	}
	return dst
}

// LexWords returns the map from m's token ids to the rule set's words.
// The matcher's TokenMap is read into a table of its own, which gives a
// token's word, or that its key must be looked up, in one array read.
func (rs *RuleSet) LexWords(m *lexicon.Matcher) *LexWords {
	tm := m.TokenMap(func(yield func(string, int32) bool) {
		for i, w := range rs.words {
			if !pseudoWord(w) && !yield(w, int32(i+1)) {
				return
			}
		}
	})
	// The TokenMap's table is what Word settles an id to, -1 where it
	// does not, but for id 0, which Word answers as an id outside it:
	// taken as it is, tm being dropped.
	lw := &LexWords{rs: rs, byID: tm.IDs()}
	lw.outside = settled(tm.Word(int32(len(lw.byID))))
	if len(lw.byID) > 0 {
		lw.byID[0] = settled(tm.Word(0))
	}
	return lw
}

// settled is a TokenMap's word, or -1 when it is not ok.
func settled(w int32, ok bool) int32 {
	if !ok {
		return -1
	}
	return w
}

// number writes in words the rule word of each token whose matcher id ids
// has, or -1 where the id does not settle it: it reports whether any does
// not, and the caller then looks those tokens up by their keys.
func (lw *LexWords) number(words, ids []int32) (lookup bool) {
	byID, outside := lw.byID, lw.outside
	var neg int32
	for i, id := range ids[:len(words)] {
		w := outside
		if uint(id) < uint(len(byID)) {
			w = byID[id]
		}
		words[i] = w
		neg |= w
	}
	return neg < 0
}

// InList reports whether the folded key is in the named word list.
func (rs *RuleSet) InList(list, key string) bool {
	id := rs.vocab[key]
	_, found := slices.BinarySearch(rs.listIDs[list], id)
	return id != 0 && found
}

// ListWords returns the folded words of the named list (none if there is
// no such list), for a caller that wants the words themselves, such as
// to mark their ids in a vocabulary, rather than to test tokens against
// the list (InList, WordList) word by word.
func (rs *RuleSet) ListWords(name string) []string {
	ids := rs.listIDs[name]
	ws := make([]string, len(ids))
	for i, id := range ids {
		ws[i] = rs.words[id-1]
	}
	return ws
}

// A WordList is one of a rule set's word lists, made for testing the
// tokens of a Doc the rule set has been applied to: a bit for each word of
// the rule set's vocabulary, so that a test is two array reads and not a
// hash of the key, for code that asks about every token.
type WordList struct {
	rs   *RuleSet
	bits bitset.Set
}

// WordList returns the named word list (empty if there is none).
func (rs *RuleSet) WordList(name string) WordList { return rs.wordList(name) }

// wordList returns the words of the named lists as one list: an in: test
// of several lists reads them so.
func (rs *RuleSet) wordList(names ...string) WordList {
	l := WordList{rs: rs, bits: bitset.New(len(rs.vocab) + 1)}
	for _, name := range names {
		for _, w := range rs.listIDs[name] {
			l.bits.Add(w)
		}
	}
	return l
}

// Has reports whether token i of d is a word of the list. d must have
// been through Apply with the list's rule set; otherwise (a Doc a test
// built) Has falls back to looking the key up.
func (l WordList) Has(d *Doc, i int) bool {
	if d.vocab != l.rs || i >= len(d.words) {
		return l.has(l.rs.vocab[d.Key(i)])
	}
	return l.has(d.words[i])
}

func (l WordList) has(w int32) bool {
	return w > 0 && int(w/64) < len(l.bits) && l.bits.Has(w)
}

// Prefer returns the entry id a shared name (folded key, as
// lexicon.NameKey makes it) means when the document does not decide, or "".
func (rs *RuleSet) Prefer(key string) string { return rs.prefer[key] }

// phaseIndex finds, for a phase, the rules that may start at a token.
type phaseIndex struct {
	// byWord lists, by vocabulary number, the rules that may start at
	// a token with that word.
	byWord [][]*Rule
	worded []*Rule // the rules indexed under a word
	lex    []*Rule
	ment   []*Rule
	cap    []*Rule // rules that start on a capitalised word
	any    []*Rule
	all    []*Rule // every rule of the phase
	// needs marks the need sets of the phase's rules (Rule.need): the
	// rules a sentence activates depend on these bits of it alone.
	needs []uint64
	// wordBit is the phase's bit in RuleSet.wordPhases and Doc.trig.
	wordBit uint32
	// ord is the phase's place in RuleSet.phases.
	ord int
}

// labelKnown is the bit of a class (LabelClass) that says it was worked
// out, so that a label no rule names has a class other than zero.
const labelKnown = 1 << 63

// LabelClass returns the class of a mention label in the rule set, for
// MentionSpan.Class: a bit for each label the rules name (up to 63 of
// them; the class of a label past those is zero) and labelKnown.
func (rs *RuleSet) LabelClass(label string) uint64 {
	if b, ok := rs.labels[label]; ok {
		return b
	}
	if len(rs.labels) < 63 {
		return labelKnown // named by no rule: no test passes on it
	}
	return 0
}

// labelBit returns label's bit (with labelKnown), giving it the next one
// at compile time, or zero when the 63 bits are taken.
func (rs *RuleSet) labelBit(label string) uint64 {
	if b, ok := rs.labels[label]; ok {
		return b
	}
	if len(rs.labels) == 63 {
		return 0
	}
	b := uint64(1)<<len(rs.labels) | labelKnown
	rs.labels[label] = b
	return b
}

// Proposes reports whether the rule emits a relation or an event, which
// the caller makes once mentions are settled, after Apply.
func (r *Rule) Proposes() bool { return r.proposes }

// Order returns the rule's position in its rule set: by phase, then in
// file order.
func (r *Rule) Order() int { return r.index }

// Rules returns the rules in order (phase, then file order).
func (rs *RuleSet) Rules() []*Rule { return rs.rules }

// Phases returns the phases that have rules, in order.
func (rs *RuleSet) Phases() []int { return rs.phases }

// NeedsPOS reports whether any rule tests parts of speech.
func (rs *RuleSet) NeedsPOS() bool { return rs.needPOS }

// Rule returns the rule with the given id, or nil.
func (rs *RuleSet) Rule(id string) *Rule {
	for _, r := range rs.rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

//go:generate sh -c "go run ../internal/yamlbin/yaml2bin data/*.yaml"

// defaults holds the default rule files, data/*.yaml, as parsed trees
// (data/*.bin, written by go generate and kept fresh by a test): decoding
// them is several times faster than parsing the YAML at every start.
//
//go:embed data/*.bin
var defaults embed.FS

// DefaultFiles returns the embedded default rule files. Positions in them
// refer to the YAML under annotate/rules/data.
func DefaultFiles() ([]*File, error) {
	names, err := fs.Glob(defaults, "data/*.bin")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var files []*File
	for _, n := range names {
		b, err := defaults.ReadFile(n)
		if err != nil {
			return nil, err
		}
		doc, err := yamlbin.Decode(b)
		if err != nil {
			return nil, fmt.Errorf("rules %s: %w", n, err)
		}
		f, err := parseNode(path.Join("annotate/rules", strings.TrimSuffix(n, ".bin")+".yaml"), doc)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// Compile compiles rule files in order into a RuleSet. A rule whose id an
// earlier file defined replaces it (or, with `disabled: true`, removes
// it); lists named in several files are merged; a later macro of the same
// name wins. Every problem is reported, each with file:line:column.
func Compile(files []*File) (*RuleSet, error) {
	rs := &RuleSet{
		macros: map[string]string{},
		folder: token.NewFolder(),
		index:  map[int]*phaseIndex{},
		tests:  map[string]*unit{},
		prefer: map[string]string{},
		labels: map[string]uint64{},
	}
	var errs lexicon.ErrorList
	// Each list's folded words, in the files' order, repeats kept:
	// numberLists sorts them and drops the repeats.
	lists := map[string][]string{}
	for _, f := range files {
		for _, l := range f.Lists {
			ws := slices.Grow(lists[l.Name], len(l.Words))
			for _, w := range l.Words {
				ws = append(ws, rs.foldKey(w))
			}
			lists[l.Name] = ws
		}
		for _, m := range f.Macros {
			rs.macros[m.Name] = m.Pattern
		}
		for name, id := range f.Prefer {
			rs.prefer[lexicon.NameKey(rs.folder, name)] = id
		}
	}
	listNames := map[string]bool{}
	for n := range lists {
		listNames[n] = true
	}
	byID := map[string]int{}
	trees := map[string]*macroTree{}
	for _, f := range files {
		for _, fr := range f.Rules {
			if i, ok := byID[fr.ID]; ok {
				rs.rules[i] = nil // replaced or disabled by a later file
			}
			if fr.Disabled {
				continue
			}
			r, err := compileRule(fr, rs, listNames, trees)
			if err != nil {
				errs = append(errs, err...)
				continue
			}
			byID[fr.ID] = len(rs.rules)
			rs.rules = append(rs.rules, r)
		}
	}
	if len(errs) > 0 {
		for _, e := range errs {
			e.Thing = "rule"
		}
		errs.Sort()
		return nil, errs
	}
	rs.rules = slices.DeleteFunc(rs.rules, func(r *Rule) bool { return r == nil })
	slices.SortStableFunc(rs.rules, func(a, b *Rule) int { return cmp.Compare(a.Phase, b.Phase) })
	rs.numberLists(lists)
	addWord := rs.addWord
	for _, r := range rs.rules {
		literals(r.units, func(w string) { addWord(rs.foldKey(w)) })
	}
	addWord(numberWord)
	rs.kindWords = nil
	for _, k := range lexicon.Kinds() {
		addWord(kindWord(string(k)))
		rs.kindWords = append(rs.kindWords, kindWordOf{k, rs.vocab[kindWord(string(k))]})
	}
	rs.entryWords = map[string]int32{}
	rs.entryIDs = [256]uint64{}
	for _, r := range rs.rules {
		entries(r.units, func(id string) {
			addWord(entryWord(id))
			rs.entryWords[id] = rs.vocab[entryWord(id)]
			if id != "" {
				rs.entryIDs[id[0]] |= 1 << min(len(id), 63)
			}
		})
	}
	needIDs := &needSets{ids: map[string]int{}, names: bitset.New(len(rs.vocab) + 1)}
	for _, kw := range rs.kindWords {
		needIDs.names.Add(kw.word)
	}
	for _, w := range rs.entryWords {
		needIDs.names.Add(w)
	}
	rs.classes = newClassSet(len(rs.vocab))
	var sets [][]int32 // a rule's required word sets (requiredWords)
	for i, r := range rs.rules {
		r.index = i
		r.source = "rule:" + r.ID
		r.proposes = slices.ContainsFunc(r.Emit, func(e Emit) bool { return e.Relation != nil || e.Event != nil })
		bindTests(r.units, rs)
		r.units = nil // the last use
		// After binding: the shared, bound tests. r.first is a test
		// every match passes at its first token: the disjunction of
		// the first units.
		us := firstUnits(r.node)
		for _, u := range us {
			r.first = orOf(r.first, u.test)
		}
		// Alternatives often begin with the same unit (the two branches
		// of names do): each test once.
		r.firsts = distinctTests(us)
		for _, u := range r.firsts {
			if u.mask != nil {
				r.firstNeed |= u.mask.need
			}
		}
		sets = requiredWords(sets[:0], r.node, rs, true)
		for _, ws := range sets {
			r.ahead = append(r.ahead, int32(rs.needSet(ws, needIDs)))
		}
		sets = requiredWords(sets[:0], r.node, rs, false)
		for _, ws := range sets {
			id := rs.needSet(ws, needIDs)
			for len(r.need) <= id/64 {
				r.need = append(r.need, 0)
			}
			r.need.Add(int32(id))
		}
		r.anchors = anchorsOf(r.node, rs, needIDs)
		r.prev = prevWords(r.prog, rs)
		for _, a := range r.anchors {
			// Needed already but for an alternative of units, whose
			// words need not be the first of its branches'.
			for len(r.need) <= int(a.set)/64 {
				r.need = append(r.need, 0)
			}
			r.need.Add(a.set)
		}
		if len(rs.phases) == 0 || rs.phases[len(rs.phases)-1] != r.Phase {
			rs.phases = append(rs.phases, r.Phase)
		}
		if r.needPOS {
			rs.needPOS = true
		}
	}
	rs.units, rs.progBuf = nil, nil // compile-time buffers
	rs.setWordNeeds(needIDs)
	rs.buildIndex()
	// Word 0 is no word, and starts no rule: Doc.bindVocab reads it so
	// without testing for it.
	rs.wordPhases[0] = 0
	return rs, nil
}

// numberLists starts the vocabulary with the words of the lists (each
// list's folded words, repeats allowed), in the order of the lists' names
// and then of their words, and keeps each list's numbers (listIDs).
func (rs *RuleSet) numberLists(lists map[string][]string) {
	n := 0
	for _, ws := range lists {
		n += len(ws)
	}
	rs.vocab = make(map[string]int32, n)
	rs.words = make([]string, 0, n) // the lists share words: room for the others too
	rs.listIDs = make(map[string][]int32, len(lists))
	for _, name := range slices.Sorted(maps.Keys(lists)) {
		words := lists[name]
		strsort.Sort(words)
		words = slices.Compact(words)
		ids := make([]int32, len(words))
		for i, w := range words {
			ids[i] = rs.addWord(w)
		}
		slices.Sort(ids)
		rs.listIDs[name] = ids
	}
}

// foldKey returns the folded key of w (token.Folder.Key): w itself when
// folding leaves it as it is, as it does most words of the rule files,
// which are lower case already, sparing a copy of each.
func (rs *RuleSet) foldKey(w string) string {
	rs.keyBuf = rs.folder.AppendKey(rs.keyBuf[:0], w)
	if string(rs.keyBuf) == w {
		return w
	}
	return string(rs.keyBuf)
}

// addWord returns the vocabulary number of w, numbering it when new.
func (rs *RuleSet) addWord(w string) int32 {
	id, ok := rs.vocab[w]
	if !ok {
		id = int32(len(rs.vocab) + 1)
		rs.vocab[w] = id
		rs.words = append(rs.words, w)
	}
	return id
}

// compileRule compiles one rule; trees keeps the macros parsed for the
// next rules (parsePattern).
func compileRule(fr *FileRule, rs *RuleSet, lists map[string]bool, trees map[string]*macroTree) (*Rule, lexicon.ErrorList) {
	var errs lexicon.ErrorList
	r := &Rule{
		ID: fr.ID, Description: fr.Description, Pattern: fr.Pattern, Phase: fr.Phase,
		Emit: fr.Emit, Examples: fr.Examples, Counter: fr.Counter, Pos: fr.Pos,
	}
	n, err := parsePattern(fr.Pattern, rs.macros, lists, trees)
	if err != nil {
		pe := err.(*PatternError)
		errs.Add(fr.PatternPos, fr.ID, "pattern", "%s: %s", pe, excerpt(fr.Pattern, pe.Col))
		return nil, errs
	}
	r.node = n
	if r.prog, err = compileProgram(n, &rs.progBuf); err != nil {
		errs.Add(fr.PatternPos, fr.ID, "pattern", "%v: %s", err, clip(fr.Pattern))
		return nil, errs
	}
	r.caps = map[string]bool{}
	captures(n, r.caps)
	// The pattern's units, from one array for the rule set.
	at := len(rs.units)
	rs.units = appendUnits(rs.units, n)
	r.units = rs.units[at:len(rs.units):len(rs.units)]
	r.needPOS = usesPOS(r.units)
	if len(r.Emit) == 0 {
		errs.Add(fr.Pos, fr.ID, "emit", "a rule must emit something")
	}
	for _, e := range r.Emit {
		for _, c := range e.captureRefs() {
			if c != "" && !r.caps[c] {
				errs.Add(fr.Pos, fr.ID, "emit", "refers to capture %q, which the pattern does not define (it has: %s)", c, capNames(r.caps))
			}
		}
	}
	if len(r.Examples) == 0 {
		errs.Add(fr.Pos, fr.ID, "examples", "every rule needs at least one example that must match")
	}
	return r, errs
}

// excerpt points at column col of a pattern.
func excerpt(p string, col int) string {
	col = min(max(col, 1), len(p)+1)
	return fmt.Sprintf("%s (at %q)", clip(p), p[col-1:min(len(p), col-1+12)])
}

// clip quotes a pattern for an error message, its first 100 bytes at
// most: a machine-made pattern can be megabytes long, and the message is
// one line.
func clip(p string) string {
	const n = 100
	if len(p) <= n {
		return fmt.Sprintf("%q", p)
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(p[cut]) {
		cut--
	}
	return fmt.Sprintf("%q… (%d bytes)", p[:cut], len(p))
}

func capNames(caps map[string]bool) string {
	if len(caps) == 0 {
		return "none"
	}
	names := make([]string, 0, len(caps))
	for c := range caps {
		names = append(names, c)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// captureRefs lists the capture names an emission refers to.
func (e Emit) captureRefs() []string {
	var refs []string
	switch {
	case e.Mention != nil:
		m := e.Mention
		refs = append(refs, m.Span)
		switch {
		case strings.HasPrefix(m.Entity, "mint:"):
			refs = append(refs, templateRefs(m.Entity)...)
		case m.Entity != "" && !strings.HasPrefix(m.Entity, "="):
			refs = append(refs, m.Entity)
		}
		for _, v := range m.Attrs {
			refs = append(refs, templateRefs(v)...)
		}
		if m.RefersTo != "" {
			refs = append(refs, strings.TrimPrefix(m.RefersTo, "country-of:"))
		}
	case e.Relation != nil:
		subj := strings.TrimPrefix(e.Relation.Subject, "each:")
		if strings.HasPrefix(subj, "@") {
			subj = "" // @antecedent: found by the pipeline
		}
		refs = append(refs, subj, e.Relation.Object, e.Relation.Title, e.Relation.Evidence)
		for _, v := range e.Relation.Attrs {
			refs = append(refs, templateRefs(v)...)
		}
	case e.Event != nil:
		refs = append(refs, strings.TrimPrefix(e.Event.Source, "each:"), strings.TrimPrefix(e.Event.Target, "each:"), e.Event.Trigger, e.Event.Evidence)
	case e.Drop != nil:
		refs = append(refs, e.Drop.Span)
	case e.Alias != nil:
		refs = append(refs, e.Alias.Span, e.Alias.Of)
	}
	return refs
}

// templateRefs lists the captures a template names: {cap} or {cap.entity}.
func templateRefs(t string) []string {
	var refs []string
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			return refs
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return refs
		}
		name, _, _ := strings.Cut(t[i+1:i+j], ".")
		refs = append(refs, name)
		t = t[i+j+1:]
	}
}

func (rs *RuleSet) buildIndex() {
	// The rules' triggers, and the lists of byWord carved from one
	// array: a count of each phase's rules under each word first, so
	// that the lists are filled in place rather than each grown by
	// append. The words with a list are marked in wordPhases as they
	// are carved: the phases come in the order of rs.phases.
	trs := make([]trigger, len(rs.rules))
	counts := make([]int32, len(rs.vocab)+1)
	total := 0
	for i, r := range rs.rules {
		if r.first == nil {
			continue
		}
		trs[i] = triggerOf(r.first, rs)
		if !trs[i].any {
			total += len(trs[i].words)
		}
	}
	backing := make([]*Rule, 0, total)
	rs.wordPhases = make([]uint32, len(rs.vocab)+1)
	for i, ord := 0, 0; i < len(rs.rules); ord++ {
		j := i + 1
		for j < len(rs.rules) && rs.rules[j].Phase == rs.rules[i].Phase {
			j++
		}
		pi := &phaseIndex{byWord: make([][]*Rule, len(rs.vocab)+1), wordBit: phaseBit(ord), ord: ord}
		rs.index[rs.rules[i].Phase] = pi
		for k := i; k < j; k++ {
			if tr := &trs[k]; rs.rules[k].first != nil && !tr.any {
				for _, w := range tr.words {
					counts[w]++ // an upper bound: a word twice in a rule is listed once
				}
			}
		}
		for k := i; k < j; k++ {
			if tr := &trs[k]; rs.rules[k].first != nil && !tr.any {
				for _, w := range tr.words {
					if n := counts[w]; n > 0 {
						off := len(backing)
						backing = backing[:off+int(n)]
						pi.byWord[w] = backing[off:off:len(backing)]
						rs.wordPhases[w] |= pi.wordBit
						counts[w] = 0 // carved; counts is clear again after the phase
					}
				}
			}
		}
		i = j
	}
	for i, r := range rs.rules {
		pi := rs.index[r.Phase]
		r.bit = len(pi.all)
		pi.all = append(pi.all, r)
		for len(pi.needs) < len(r.need) {
			pi.needs = append(pi.needs, 0)
		}
		for k, w := range r.need {
			pi.needs[k] |= w
		}
		if r.first == nil {
			pi.any = append(pi.any, r)
			continue
		}
		tr := &trs[i]
		switch {
		case tr.any:
			pi.any = append(pi.any, r)
		default:
			for _, w := range tr.words {
				// Rules come in order: r is last if it is there.
				if l := pi.byWord[w]; len(l) == 0 || l[len(l)-1] != r {
					pi.byWord[w] = append(l, r)
				}
			}
			if len(tr.words) > 0 {
				pi.worded = append(pi.worded, r)
			}
			if tr.lex {
				pi.lex = append(pi.lex, r)
			}
			if tr.ment {
				pi.ment = append(pi.ment, r)
				r.mentClass = mentionClass(r.first)
			}
			if tr.cap {
				pi.cap = append(pi.cap, r)
				r.capUpper, r.capStart = implies(r.first, "upper"), implies(r.first, "start")
			}
		}
	}
}

// impliedBy returns the is: names that imply class: a token "initial"
// (one capital letter) is "upper".
func impliedBy(class string) []string {
	switch class {
	case "upper":
		return []string{"upper", "initial"}
	case "start":
		return []string{"start"}
	}
	return nil
}

// implies reports whether every token passing t is one of class ("upper"
// or "start", is: names), so that a rule starting with t need not be
// tried elsewhere.
func implies(t test, class string) bool {
	switch t := t.(type) {
	case *isTest:
		names := impliedBy(class)
		for _, n := range t.names {
			if !slices.Contains(names, n) {
				return false
			}
		}
		return len(t.names) > 0
	case *andTest:
		return implies(t.a, class) || implies(t.b, class)
	case *orTest:
		return implies(t.a, class) && implies(t.b, class)
	}
	return false
}

// mentionClass returns the label bits of which a token passing t has a
// mention with one (MentionSpan.Class), or 0 when t does not say.
func mentionClass(t test) uint64 {
	switch t := t.(type) {
	case *mentionTest:
		if len(t.labels) > 0 {
			return t.class
		}
	case *orTest:
		a, b := mentionClass(t.a), mentionClass(t.b)
		if a != 0 && b != 0 {
			return a | b
		}
	case *andTest:
		return cmp.Or(mentionClass(t.a), mentionClass(t.b))
	}
	return 0
}

// mentionsClass returns the bits of the labels of mentions ms, all bits
// when one of them has no class.
func mentionsClass(ms []MentionSpan) uint64 {
	var class uint64
	for _, m := range ms {
		if m.Class == 0 {
			return ^uint64(0)
		}
		class |= m.Class
	}
	return class
}

// cheap reports whether a test costs less to evaluate than to look up in
// the memo: a token's word, class, or the few names or mentions that
// start at it.
func cheap(t test) bool {
	switch t.(type) {
	case *keyTest, *anyKeyTest, *inTest, *isTest, *mentionTest, *lexTest:
		return true
	}
	return false
}

// distinctTests returns us without the units whose test an earlier one
// has (bound units of one source share their test's id), in order.
func distinctTests(us []*unit) []*unit {
	out := us[:0]
	for _, u := range us {
		if !slices.ContainsFunc(out, func(v *unit) bool { return v.id == u.id }) {
			out = append(out, u)
		}
	}
	return out
}

// needSets numbers the distinct word sets rules need while a rule set is
// compiled: ids by each set's sorted words, and the words of each set
// back to back (ends), from which wordNeeds is made at the end in one
// array instead of a list grown for each word.
type needSets struct {
	ids   map[string]int
	words []int32
	ends  []int
	// names marks the words of lexicon names' kinds and entries, which
	// are no token's (anchorsOf).
	names bitset.Set
	// sorted and key are needSet's buffers, reused from set to set.
	sorted []int32
	key    []byte
}

// needSet returns the id of the need set of words ws, adding it.
func (rs *RuleSet) needSet(ws []int32, ns *needSets) int {
	ws = append(ns.sorted[:0], ws...)
	slices.Sort(ws)
	ws = slices.Compact(ws)
	ns.sorted = ws
	b := ns.key[:0]
	for _, w := range ws {
		b = binary.LittleEndian.AppendUint32(b, uint32(w))
	}
	ns.key = b
	if id, ok := ns.ids[string(b)]; ok {
		return id
	}
	id := rs.needSets
	rs.needSets++
	ns.ids[string(b)] = id
	ns.words = append(ns.words, ws...)
	ns.ends = append(ns.ends, len(ns.words))
	return id
}

// setWordNeeds lists, for each word, the need sets of ns it is in, in
// the order of their ids.
func (rs *RuleSet) setWordNeeds(ns *needSets) {
	counts := make([]int32, len(rs.vocab)+1)
	for _, w := range ns.words {
		counts[w]++
	}
	backing := make([]int32, len(ns.words))
	rs.wordNeeds = make([][]int32, len(rs.vocab)+1)
	off := 0
	for w, n := range counts {
		if n > 0 {
			rs.wordNeeds[w] = backing[off : off : off+int(n)]
			off += int(n)
		}
	}
	start := 0
	for id, end := range ns.ends {
		for _, w := range ns.words[start:end] {
			rs.wordNeeds[w] = append(rs.wordNeeds[w], int32(id))
		}
		start = end
	}
}

// Apply matches the rules of one phase over d and calls emit for each
// match; the Match is reused after the call (Clone keeps one). Sentence
// by sentence, the rules whose required words the sentence lacks are set
// aside; then tokens are visited left to right, and at each the remaining
// rules that may start there are tried: those indexed under its word,
// then those that start at a lexicon name, at a mention, at a capitalised
// word and anywhere, in rule order within each and each rule once. The
// order decides which rule a mention proposed twice is credited to. A
// rule's matches never overlap one another.
func (rs *RuleSet) Apply(d *Doc, phase int, emit func(*Match)) {
	pi := rs.index[phase]
	if pi == nil {
		return
	}
	d.bindVocab(rs)
	d.clearMemo(len(rs.tests) + 1)
	if d.apply == nil {
		d.apply = &applyState{}
	}
	st := d.apply
	st.next, st.tried = scratch.Resize(st.next, len(pi.all)), scratch.Resize(st.tried, len(pi.all))
	clear(st.next)
	// A rule indexed under several starts (a word and a capital, say) is
	// tried once a token.
	clear(st.tried)
	st.d, st.emit = d, emit
	defer func() { st.d, st.emit = nil, nil }()
	wordBit := pi.wordBit
	m := &st.m
	m.d = d
	// The failure memos are of another document's or phase's sentences.
	clear(m.memos)
	m.memoWords, m.memoLo, m.memoHi = 0, -1, -1
	sets := st.setsOf(rs, pi)
	for si := range d.SentStart {
		lo, hi := int(d.SentStart[si]), int(d.SentEnd[si])
		st.last = d.lastAt[si*rs.needSets : (si+1)*rs.needSets]
		ar := st.activeIn(sets, pi, d, si)
		if ar.none {
			continue // no rule of the phase can match in the sentence
		}
		// want has the trigger bits some active rule starts at; a token
		// with none of them, no mention and no rule that starts anywhere
		// is passed over at once, as most are.
		var want uint32
		if ar.byWord {
			want |= wordBit
		}
		if len(ar.lex) > 0 {
			want |= trigLex
		}
		if len(ar.capr[capUpperStart]) > 0 {
			want |= trigCap
		}
		ment, anyr := len(ar.ment) > 0, len(ar.anyr) > 0
		m.lo, m.hi = lo, hi
		trig, ments := d.trig[:hi], d.Ments[:hi]
		for i := lo; i < hi; i++ {
			if !anyr {
				// Most tokens start no active rule: passed over in a
				// loop of their own, which keeps the slices in registers.
				if ment {
					for i < hi && trig[i]&want == 0 && len(ments[i]) == 0 {
						i++
					}
				} else {
					for i < hi && trig[i]&want == 0 {
						i++
					}
				}
				if i == hi {
					break
				}
			}
			f := trig[i] & want
			if f&wordBit != 0 {
				// The one list of every rule, not of the sentence's
				// active ones: try those that are on.
				for _, r := range pi.byWord[d.words[i]] {
					if ar.on[r.bit] {
						st.try(r, i)
					}
				}
			}
			if f&trigLex != 0 {
				for _, r := range ar.lex {
					st.try(r, i)
				}
			}
			if ment && len(ments[i]) > 0 {
				class := mentionsClass(ments[i])
				for _, r := range ar.ment {
					if r.mentClass == 0 || r.mentClass&class != 0 {
						st.try(r, i)
					}
				}
			}
			if f&trigCap != 0 {
				var c capKind
				if d.Toks[i].Case == token.Upper {
					c = capInUpper
				}
				if i == lo {
					c |= capAtStart
				}
				for _, r := range ar.capr[c] {
					st.try(r, i)
				}
			}
			// Asked first, though ranging over no rules would do: after
			// the tries' calls the flag is a reload, the list three.
			if anyr {
				for _, r := range ar.anyr {
					st.try(r, i)
				}
			}
		}
	}
}

// A token's trigger bits (Doc.trig): bit k when its word starts a rule
// of the k-th phase (for the first trigPhases phases), and whether a
// lexicon name starts at it and it is capitalised. trigNumber, whether
// it is a number, starts no rule: Doc.bindVocab reads it to find the
// numbers and names in one array.
const (
	trigPhases        = 29
	trigNumber uint32 = 1 << 29
	trigLex    uint32 = 1 << 30
	trigCap    uint32 = 1 << 31
)

// phaseBit is the bit of the k-th phase's word triggers in Doc.trig; the
// phases past trigPhases share the last bit, and look their words up.
func phaseBit(k int) uint32 { return 1 << min(k, trigPhases-1) }

// activeRules are the rules of a phase a sentence activates (those whose
// need sets it has), by what they start at.
type activeRules struct {
	on              []bool // by the rule's position in its phase
	lex, ment, anyr []*Rule
	// capr lists the rules that start at a capitalised word by the
	// word's capKind: those that need it in capitals or at the
	// sentence's start (Rule.capUpper, capStart) only where it is. A
	// list a kind, made once a combination of need sets, spares the
	// walk the test of each rule at each capitalised word, where two
	// in five of the rules it had listed failed it.
	capr   [capKinds][]*Rule
	byWord bool // a rule indexed under a word is on
	none   bool // no rule is on
}

// capKind is what a capitalised word is to the rules that start at one
// (activeRules.capr): in capitals or not, at its sentence's start or not.
type capKind uint8

const (
	capInUpper    capKind = 1 << iota // in capitals
	capAtStart                        // its sentence's first token
	capKinds      = 4
	capUpperStart = capInUpper | capAtStart // the kind every rule may start at
)

// maxActiveSets bounds the activeRules an applyState keeps for a phase;
// past it, a sentence's are worked out in a scratch each time.
const maxActiveSets = 1024

// activeKey is a sentence's need sets of a phase's rules, the key its
// active rules are kept by: up to 128 need sets.
type activeKey [2]uint64

// setsOf returns the active rules kept for phase pi of rule set rs.
func (st *applyState) setsOf(rs *RuleSet, pi *phaseIndex) *activeSets {
	if st.rules != rs {
		st.rules, st.sets = rs, make([]activeSets, len(rs.phases))
	}
	return &st.sets[pi.ord]
}

// activeIn returns the rules of phase pi sentence si activates, kept in
// sets. They depend only on the sentence's need sets of the phase's
// rules, and few combinations of them occur: with at most 128 need sets,
// they are built once a combination, not once a sentence.
func (st *applyState) activeIn(sets *activeSets, pi *phaseIndex, d *Doc, si int) *activeRules {
	if len(pi.needs) > len(activeKey{}) {
		st.scratch = pi.activate(d, si, st.scratch)
		return st.scratch
	}
	var key activeKey
	for k, m := range pi.needs {
		key[k] = d.present[si][k] & m
	}
	if ar := sets.get(key); ar != nil {
		return ar
	}
	if sets.n >= maxActiveSets {
		// A corpus of many kinds of sentence: the combinations kept stay,
		// and the others are worked out in the scratch, allocating
		// nothing, rather than the kept ones thrown out for new ones.
		st.scratch = pi.activate(d, si, st.scratch)
		return st.scratch
	}
	ar := pi.activate(d, si, nil)
	sets.put(key, ar)
	return ar
}

// activeSets keeps a phase's activeRules by their key, in a table of open
// addressing: a Go map of an array key hashes it through the generic
// path, a few times the cost of the lookup here, and every sentence of
// every phase looks its rules up.
type activeSets struct {
	slots []activeSlot // a power of two of them, at most half full
	n     int
	// shift takes a hash's top bits, as many as index the slots: the
	// bits below them take no part of the key's high bits into
	// account, and keys that differ only there all collided.
	shift uint8
}

type activeSlot struct {
	key activeKey
	ar  *activeRules // nil: the slot is empty
}

// slot returns the slot of key k: the one holding it, or the empty one
// where it goes. The table must have slots.
func (s *activeSets) slot(k activeKey) *activeSlot {
	mask := uint64(len(s.slots) - 1)
	h := (k[0] ^ bits.RotateLeft64(k[1], 32)) * 0x9e3779b97f4a7c15
	for i := h >> s.shift; ; i = (i + 1) & mask {
		if sl := &s.slots[i]; sl.ar == nil || sl.key == k {
			return sl
		}
	}
}

// get returns the active rules kept under k, or nil.
func (s *activeSets) get(k activeKey) *activeRules {
	if len(s.slots) == 0 {
		return nil
	}
	return s.slot(k).ar
}

// put keeps ar under k, which the table lacks.
func (s *activeSets) put(k activeKey, ar *activeRules) {
	if 2*(s.n+1) > len(s.slots) {
		old := s.slots
		s.slots = make([]activeSlot, max(16, 2*len(old)))
		s.shift = uint8(64 - bits.TrailingZeros(uint(len(s.slots))))
		for _, sl := range old {
			if sl.ar != nil {
				*s.slot(sl.key) = sl
			}
		}
	}
	*s.slot(k) = activeSlot{k, ar}
	s.n++
}

// activate returns the rules of the phase sentence si activates, in ar's
// storage when ar is not nil.
func (pi *phaseIndex) activate(d *Doc, si int, ar *activeRules) *activeRules {
	if ar == nil {
		ar = &activeRules{}
	}
	ar.on = scratch.Resize(ar.on, len(pi.all))
	for _, r := range pi.all {
		ar.on[r.bit] = r.need == nil || d.sentenceHas(si, r.need)
	}
	keep := func(dst, src []*Rule) []*Rule {
		dst = dst[:0]
		for _, r := range src {
			if ar.on[r.bit] {
				dst = append(dst, r)
			}
		}
		return dst
	}
	ar.lex, ar.ment, ar.anyr = keep(ar.lex, pi.lex), keep(ar.ment, pi.ment), keep(ar.anyr, pi.any)
	for c := range ar.capr {
		ar.capr[c] = ar.capr[c][:0]
		for _, r := range pi.cap {
			if ar.on[r.bit] && r.mayStartAt(capKind(c)) {
				ar.capr[c] = append(ar.capr[c], r)
			}
		}
	}
	ar.byWord = slices.ContainsFunc(pi.worded, func(r *Rule) bool { return ar.on[r.bit] })
	ar.none = !ar.byWord && len(ar.lex)+len(ar.ment)+len(ar.capr[capUpperStart])+len(ar.anyr) == 0
	return ar
}

// mayStartAt reports whether r, a rule that starts at a capitalised
// word, may start at one of kind c.
func (r *Rule) mayStartAt(c capKind) bool {
	return (!r.capUpper || c&capInUpper != 0) && (!r.capStart || c&capAtStart != 0)
}

// try runs rule r, one that the sentence activates (activeRules), at
// token i, unless it cannot match there: it is inside the rule's last
// match, it was tried at i already, a word it needs does not come later
// in the sentence, or none of the units it can start with passes at i.
func (st *applyState) try(r *Rule, i int) {
	// Small enough to be inlined in Apply's loops: most tries end here.
	if i >= st.next[r.bit] {
		st.run(r, i)
	}
}

// run tries r at token i, which try has let through.
//
// It is kept out of line: with the profile (-pgo), the compiler inlined
// it into try, which then grew too large to be inlined into Apply's
// loops, so that every try, most of which end on try's own test, was a
// call (0.44 % of BenchmarkAnnotate's instructions).
//
//go:noinline
func (st *applyState) run(r *Rule, i int) {
	if r.prev != nil && (i == st.m.lo || !r.prev.Has(st.d.words[i-1])) {
		return // the lookbehind it begins with fails
	}
	if st.tried[r.bit] == i+1 {
		return
	}
	st.tried[r.bit] = i + 1
	for _, id := range r.ahead {
		if i > int(st.last[id]) {
			// Nor at any later token of the sentence: try need not
			// call again.
			st.next[r.bit] = st.m.hi
			return
		}
	}
	d := st.d
	for k := range r.anchors {
		a := &r.anchors[k]
		if !d.hasAnchor(a, i, int(st.last[a.set])) {
			return
		}
	}
	if r.firsts != nil {
		// The classes the first units' masks read are worked out in
		// one call, and a unit its masks rule out is not asked.
		f := d.classes(i, r.firstNeed)
		ok := false
		for _, u := range r.firsts {
			if m := u.mask; m != nil {
				if !m.passes(f) {
					continue
				}
				if !m.rest {
					ok = true
					break
				}
			}
			if _, ok = d.unitAt(u, i); ok {
				break
			}
		}
		if !ok {
			return
		}
	}
	end, ok := st.m.run(r.prog, i)
	if !ok {
		return
	}
	st.match = Match{Rule: r, Start: i, End: end, Caps: st.m.appendCaptures(st.match.Caps[:0], r.prog)}
	st.emit(&st.match)
	st.next[r.bit] = max(end, i+1)
}
