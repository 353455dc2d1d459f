// Package annotate is newsann's annotation library: it turns a text into a
// Document of sentences, mentions, entities, relations, events and
// findings, using a lexicon.Lexicon and rules.
//
// An Annotator is built once (the lexicon and rules compiled) and is safe
// for concurrent use; each Annotate call works on its own state. The
// pipeline runs in the order data flows through it, a file per stage:
// tokenize (package token), segment.go, gazetteer.go, resolve.go,
// link.go, then export in this file.
package annotate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"strings"
	"sync"

	"github.com/newsann/newsann/annotate/internal/bitset"
	"github.com/newsann/newsann/annotate/internal/scratch"
	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/annotate/timex"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// Options configure an Annotator.
type Options struct {
	// Offsets is the unit of offsets in the output (default code points).
	Offsets OffsetUnit
	// Explain fills each mention's Explain with why it exists.
	Explain bool
	// IncludeText copies the text into the Document.
	IncludeText bool
	// Version is the newsann version written into each Document.
	Version string
	// Rules are the compiled rules to apply; nil means the embedded
	// defaults. NoRules runs the lexicon alone.
	Rules   *rules.RuleSet
	NoRules bool
	// Timex is the time expression tagger to use; nil builds one.
	Timex *timex.Tagger
	// NoEvents leaves out the events, and the phases of rules that only
	// propose events; NoQuotes leaves out quotes (the said relations).
	// A caller that reads mentions and the other relations alone, as the
	// checks do, is spared their cost; nothing else changes.
	NoEvents bool
	NoQuotes bool
	// Fallback proposes PERSON and ORGANIZATION names that nothing else
	// explains from prose's statistical NER (source model:prose). It is
	// slow (about 0.1 MB/s) and off by default; docs/accuracy.md has
	// what it adds.
	Fallback bool
}

// Annotator annotates texts. Build one with New and share it.
type Annotator struct {
	lex *lexicon.Lexicon
	// matcher is the lexicon's, its vocabulary extended by the rules'
	// and the time tagger's words (Matcher.WithWords): one lookup
	// numbers a token for all three.
	matcher *lexicon.Matcher
	rules   *rules.RuleSet
	// ruleWords maps the matcher's token ids to the rules' words, so
	// that a token is looked up once for both.
	ruleWords *rules.LexWords
	timex     *timex.Tagger
	// timexWords maps the matcher's token ids to the time tagger's words.
	timexWords *timex.LexWords
	tagger     *tagger
	opts       Options
	pool       sync.Pool // *state, reused between calls
	stages     []stage
	lists      wordLists
	// timeSources are the Source of the mentions of each time rule, by
	// its index (timex.Expr.RuleIndex): "rule:" and the id, made once
	// rather than per expression.
	timeSources []string
	lexAsOf     string // the lexicon's date, as every Document states it
	// eventPhases are the rule phases whose every rule only proposes
	// events, which NoEvents skips.
	eventPhases map[int]bool
}

// New returns an Annotator over lex with the rules of opts.
func New(lex *lexicon.Lexicon, opts Options) (*Annotator, error) {
	a := &Annotator{lex: lex, matcher: lex.Matcher(), opts: opts, rules: opts.Rules}
	if a.rules == nil && !opts.NoRules {
		files, err := rules.DefaultFiles()
		if err != nil {
			return nil, err
		}
		if a.rules, err = rules.Compile(files); err != nil {
			return nil, err
		}
	}
	if opts.NoRules {
		a.rules = nil
	}
	a.timex = opts.Timex
	if a.timex == nil {
		tx, err := timex.New()
		if err != nil {
			return nil, err
		}
		a.timex = tx
	}
	a.lexAsOf = lex.AsOf().String()
	timeRules := a.timex.Rules()
	a.timeSources = make([]string, len(timeRules))
	for i, id := range timeRules {
		a.timeSources[i] = "rule:" + id
	}
	if (a.rules != nil && a.rules.NeedsPOS()) || opts.Fallback {
		a.tagger = newTagger()
	}
	// The vocabulary is given the words unsorted: their order only
	// decides the ids the new ones get.
	words := a.timex.AppendWords(nil)
	if a.rules != nil {
		a.eventPhases = eventPhases(a.rules)
		words = a.rules.AppendWords(words)
	}
	// "saying" opens reported speech, and no list of the rules need have
	// it: numbered too, it is told by its id, not by comparing the key of
	// every word the vocabulary lacks (speechCues).
	words = append(words, "saying")
	a.matcher = a.matcher.WithWords(words)
	a.timexWords = a.timex.LexWords(a.matcher)
	if a.rules != nil {
		a.ruleWords = a.rules.LexWords(a.matcher)
		a.lists = newWordLists(a.rules, a.matcher)
	}
	a.pool.New = func() any { return &state{folder: token.NewFolder(), sha: sha256.New()} }
	a.stages = pipeline(opts)
	return a, nil
}

// Rules returns the rules the Annotator applies (nil: none).
func (a *Annotator) Rules() *rules.RuleSet { return a.rules }

// Lexicon returns the lexicon the Annotator uses.
func (a *Annotator) Lexicon() *lexicon.Lexicon { return a.lex }

// Input is one text to annotate.
type Input struct {
	ID   string
	Text string
	// Date is the document's date, when known; relative dates and the
	// checks of who held which office resolve against it.
	Date lexicon.Date
	// DateSource says where Date came from ("flag", "record").
	DateSource string
	// DefaultDate is the date of a document for which neither Date nor
	// the text gives one (a project's configured date); the document's
	// date_source is then "default".
	DefaultDate lexicon.Date
	// Extra holds fields of an input record to carry through to the output.
	Extra map[string]json.RawMessage
}

// maxPooledTokens is the size, in tokens, over which a call's state is
// left to the garbage collector rather than kept for reuse: about 1 MB of
// text.
const maxPooledTokens = 1 << 18

// state is the working state of one Annotate call.
type state struct {
	a      *Annotator
	in     *Input
	text   string
	folder *token.Folder
	toks   []token.Token
	ids    []int32
	sents  []sentence
	sentOf []int32 // token index -> sentence index
	// sentRanges are the sentences as token ranges, for the time tagger.
	sentRanges [][2]int32
	cands      []candidate
	candAt     [][]int32 // indexes into cands by first token
	// candFirst marks the tokens whose candAt list is not empty: survivors
	// visits these, not every token.
	candFirst bitset.Set
	// candDrops counts the candidates rules dropped, so that the rules'
	// view of the mentions is rebuilt only after a drop.
	candDrops int

	// rdoc is the rules' view of the text, reused from text to text.
	rdoc               rules.Doc
	sentStart, sentEnd []int32
	// chosen are the settled mentions, in text order: the candidates
	// resolve keeps, pointed to in cands, which no stage after it
	// changes (a copy of each, some 250 bytes, cost more than the
	// pointer costs to follow).
	chosen []*candidate
	seen   map[*lexicon.Entry]int // scratch for linking
	// The document's entities, as export groups the mentions: the index
	// of each entity id (byEntity), and by index the count and the first
	// of its mentions in chosen; entOf is the entity of each chosen
	// mention (-1 for none). lexiconRelations reads them too.
	byEntity             strIndex
	entOf                []int32
	entCounts, entFirsts []int32
	// entEntries is each entity's lexicon entry (nil for a minted one),
	// and entNamed a filter of their ids, for lexiconRelations.
	entEntries []*lexicon.Entry
	entNamed   idFilter
	seenRels   map[relKey]bool   // scratch for relations
	seenEvents map[eventKey]bool // scratch for events
	order      []int             // scratch for resolving
	picked     []int             // scratch for choosing in a cluster
	covered    []bool            // scratch for linking surnames
	// More scratch for linking surnames: the last names' vocabulary ids
	// marked by id, and the tokens that may be a last name; the last
	// names numbered, and the person of each number.
	surnameIDs    bitset.Marks
	bySurname     strIndex
	surnamePeople []person
	// Scratch for unlinking generic names: the candidates to decide, the
	// state of each candidate, and how often the document names each
	// (the states numbered by byState, the count of each number).
	todo       []int
	candStates []string
	byState    strIndex
	stateCount []int
	surnameAt  []int
	// The counts of evidence for disambiguating, reused from text to text.
	direct             map[*lexicon.Entry]int
	sameState, inState map[string]int

	// keys holds every token's folded key back to back; keyEnd[i] is
	// where token i's ends. Folded once, used by the lexicon and rules.
	keys   string
	keyBuf []byte
	// minted holds the current chunk of the ids mint made for the
	// document: each is a substring of it. reset drops it, so that no
	// Document shares a chunk with the next text.
	minted  strings.Builder
	mintBuf []byte // mint's scratch
	keyEnd  []int32
	lexAt   [][]rules.LexSpan     // lexicon names starting at each token
	mentAt  [][]rules.MentionSpan // candidates starting at each token, for rules
	// labels caches the rules' classes of labels, for indexMentions, and
	// the prefixes of minted ids.
	labels    labelCache
	pending   []pendingRel
	kept      keptMatches        // the matches of pending
	onMatchFn func(*rules.Match) // s.onMatch, made once
	rels      []Relation         // scratch for the relations one rule emission makes
	relBuf    []Relation         // scratch the relations stage gathers a document's relations in
	relOrder  []int32            // scratch for ordering them
	relKeys   []uint64           // the same, packed (packRelations)
	aliases   []alias
	// Scratch for applying aliases: the vocabulary ids of their first
	// keys, marked by id.
	aliasFirsts bitset.Marks
	// aliasesDone counts the aliases already applied to the text.
	aliasesDone int
	trace       *[]*rules.Match // when tracing, every rule match
	posTags     []string        // part-of-speech tags, filled per sentence on demand
	posDone     []bool

	// date is the document's date: the caller's, or one the text gives at
	// its head; dateSource says which.
	date       lexicon.Date
	dateSource string

	// persons lists the settled person mentions (indexes into chosen),
	// and quoted marks the tokens inside quotes: the quotes' scratch.
	persons  []int32
	quoted   []bool
	quoteBuf []quote // findQuotes's scratch
	cues     []int32 // speechCues's scratch

	// doc is the output, built by the export stage and completed by the
	// stages after it.
	doc *Document

	// holders lists, by office and organisation, the settled person
	// mentions holding it (antecedent).
	holders map[string][]int32

	// sha and shaBuf hash the text for export.
	sha    hash.Hash
	shaBuf []byte
}

func (s *state) reset() {
	s.toks = s.toks[:0]
	s.ids = s.ids[:0]
	s.sents = s.sents[:0]
	s.sentOf = s.sentOf[:0]
	s.cands = s.cands[:0]
	s.candAt = s.candAt[:0]
	s.chosen = s.chosen[:0]
	s.pending = s.pending[:0]
	s.kept.reset()
	s.aliases = s.aliases[:0]
	s.aliasesDone = 0
	s.minted.Reset()
	clear(s.holders)
	s.trace = nil
	s.in = nil
	s.doc = nil
}

// Annotate annotates one text. It fails only when ctx is done; any text,
// even empty, yields a Document.
func (a *Annotator) Annotate(ctx context.Context, in Input) (*Document, error) {
	d, _, err := a.annotate(ctx, in, false)
	return d, err
}

// Trace annotates like Annotate and also returns every rule match, in the
// order the rules fired: what `newsann rules test` and --explain read.
func (a *Annotator) Trace(ctx context.Context, in Input) (*Document, []*rules.Match, error) {
	return a.annotate(ctx, in, true)
}

func (a *Annotator) annotate(ctx context.Context, in Input, trace bool) (*Document, []*rules.Match, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	s := a.pool.Get().(*state)
	defer func() {
		// The state of a very long text is not kept for the next call
		// (as fmt does with its buffers): it would hold its memory,
		// hundreds of megabytes for a 50 MB text, for as long as the
		// pool lives.
		if len(s.toks) > maxPooledTokens {
			return
		}
		s.reset()
		a.pool.Put(s)
	}()
	s.a, s.in, s.text = a, &in, in.Text
	var matches []*rules.Match
	if trace {
		s.trace = &matches
	}

	for _, st := range a.stages {
		st.run(s)
		if st.checkpoint {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
	}
	d := s.doc
	s.doc = nil
	return d, matches, nil
}

// A stage is one step of the pipeline over the state. The pipeline is a
// table, not a sequence of calls, so that the stage benchmarks time
// exactly the steps Annotate runs.
type stage struct {
	name string
	run  func(*state)
	// checkpoint stages are followed by a check of the context: the
	// costly ones, so a cancelled run stops within one stage.
	checkpoint bool
}

// pipeline returns the stages for the options, in order.
func pipeline(opts Options) []stage {
	st := []stage{
		{name: "tokenize", run: (*state).tokenize},
		{name: "segment", run: func(s *state) {
			s.sents = segment(s.sents[:0], s.text, s.toks, s.keyBuf, s.keyEnd)
			s.indexSentences()
		}},
		{name: "fold", run: (*state).foldKeys},
		{name: "date", run: (*state).documentDate},
		{name: "lexicon", run: (*state).gazetteer},
		{name: "time", run: (*state).times, checkpoint: true},
		{name: "rules", run: (*state).applyRules, checkpoint: true},
	}
	if opts.Fallback {
		st = append(st, stage{name: "fallback", run: (*state).fallback, checkpoint: true})
	}
	return append(st,
		stage{name: "resolve", run: (*state).resolve},
		stage{name: "export", run: (*state).export},
		stage{name: "relations", run: func(s *state) { s.relationsStage(!opts.NoQuotes) }},
		stage{name: "offsets", run: func(s *state) { convertOffsets(s.text, s.doc, s.a.opts.Offsets) }},
	)
}

// tokenize splits the text into tokens and folds each token's key once,
// in the same pass (token.Folder.TokenizeKeys), for foldKeys.
func (s *state) tokenize() {
	s.toks, s.keyBuf, s.keyEnd = s.folder.TokenizeKeys(s.toks, s.keyBuf[:0], s.keyEnd[:0], s.text)
}

// foldKeys looks every token's folded key (tokenize) up in the lexicon's
// vocabulary.
func (s *state) foldKeys() {
	s.keys = string(s.keyBuf)
	s.ids = s.a.matcher.IDs(s.ids[:0], s.keys, s.keyEnd)
}

func (s *state) indexSentences() {
	s.sentOf = scratch.Resize(s.sentOf, len(s.toks))
	for i, sn := range s.sents {
		of := s.sentOf[sn.first:sn.last]
		for t := range of {
			of[t] = int32(i)
		}
	}
}

// export builds the Document from the chosen mentions.
func (s *state) export() {
	a := s.a
	d := &Document{
		ID:          s.in.ID,
		SHA256:      s.textSum(),
		Newsann:     a.opts.Version,
		LexiconAsOf: a.lexAsOf,
		Offsets:     a.opts.Offsets.String(),
		Sentences:   make([]Span, len(s.sents)),
		Relations:   []Relation{},
		Events:      []Event{},
		Findings:    []Finding{},
		Extra:       s.in.Extra,
	}
	if !s.date.IsZero() {
		d.Date = s.date.String()
		d.DateSource = s.dateSource
	}
	if a.opts.IncludeText {
		d.Text = s.text
	}
	for i, sn := range s.sents {
		d.Sentences[i] = Span{sn.start, sn.end}
	}
	// Group mentions by entity; one backing array holds every entity's
	// mention list. s.entOf[k] is the entity of chosen mention k (-1 for
	// none), so the index is read once a mention.
	s.byEntity.reset(len(s.chosen))
	counts, firsts := s.entCounts[:0], s.entFirsts[:0]
	s.entNamed = idFilter{}
	s.entOf = scratch.Resize(s.entOf, len(s.chosen))
	for k := range s.chosen {
		c := s.chosen[k]
		s.entOf[k] = -1
		if c.entity == "" {
			continue
		}
		ei, ok := s.byEntity.index(c.entity, int32(len(counts)))
		if !ok {
			s.entNamed.add(c.entity)
			counts, firsts = append(counts, 0), append(firsts, int32(k))
		}
		counts[ei]++
		s.entOf[k] = ei
	}
	s.entCounts, s.entFirsts = counts, firsts
	d.Entities = make([]Entity, len(counts))
	backing := make([]int, len(s.chosen))
	entries := s.entEntries[:0]
	for i, k := range firsts {
		e := s.entryOf(s.chosen[k])
		entries = append(entries, e)
		d.Entities[i] = entityFor(s.chosen[k], e)
		d.Entities[i].Mentions, backing = backing[:0:counts[i]], backing[counts[i]:]
	}
	s.entEntries = entries
	d.Mentions = make([]Mention, len(s.chosen))
	for k := range s.chosen {
		c := s.chosen[k]
		m := &d.Mentions[k]
		*m = Mention{
			Start:    c.start,
			End:      c.end,
			Text:     s.text[c.start:c.end],
			Label:    c.label,
			Entity:   c.entity,
			Sentence: int(s.sentOf[c.first]),
			Source:   c.source,
			Value:    c.value,
			Anchor:   c.anchor,
			RefersTo: c.refersTo,
			Attrs:    c.attrs,
		}
		if a.opts.Explain {
			m.Explain = c.explain
			switch {
			case m.Explain != "":
			case c.why != nil:
				m.Explain = explainLexicon(*c.why)
			case c.rule != nil:
				m.Explain = explainRule(c.rule)
			}
		}
		if ei := s.entOf[k]; ei >= 0 {
			d.Entities[ei].Mentions = append(d.Entities[ei].Mentions, k)
		}
	}
	s.doc = d
}

// textSum returns the hex SHA-256 of the text. The text goes to the hash
// through a small buffer: sha256.Sum256([]byte(s.text)) would copy it
// whole into a new slice, the text's size allocated per document.
func (s *state) textSum() string {
	if s.shaBuf == nil {
		s.shaBuf = make([]byte, 4096)
	}
	s.sha.Reset()
	for t := s.text; len(t) > 0; {
		n := copy(s.shaBuf, t)
		s.sha.Write(s.shaBuf[:n])
		t = t[n:]
	}
	return hex.EncodeToString(s.sha.Sum(s.shaBuf[:0]))
}

// entityFor describes the entity a chosen mention refers to, of lexicon
// entry e (entryOf; nil for a minted entity).
func entityFor(c *candidate, e *lexicon.Entry) Entity {
	if e != nil {
		return Entity{ID: e.ID, Label: e.Kind.Label(), Name: e.Name, Codes: e.Codes, Known: true}
	}
	return Entity{ID: c.entity, Label: c.label, Name: c.name, Known: false}
}
