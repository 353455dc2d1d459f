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
	"sync"

	"github.com/newsann/newsann/annotate/rules"
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
	// Fallback proposes PERSON and ORGANIZATION names that nothing else
	// explains from prose's statistical NER (source model:prose). It is
	// slow (about 0.1 MB/s) and off by default; docs/accuracy.md has
	// what it adds.
	Fallback bool
}

// Annotator annotates texts. Build one with New and share it.
type Annotator struct {
	lex     *lexicon.Lexicon
	matcher *lexicon.Matcher
	rules   *rules.RuleSet
	tagger  *tagger
	opts    Options
	pool    sync.Pool // *state, reused between calls
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
	if (a.rules != nil && a.rules.NeedsPOS()) || opts.Fallback {
		a.tagger = newTagger()
	}
	a.pool.New = func() any { return &state{folder: token.NewFolder()} }
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
	cands  []candidate
	chosen []candidate
	seen   map[string]int // scratch for linking
	order  []int          // scratch for resolving

	// keys holds every token's folded key back to back; keyEnd[i] is
	// where token i's ends. Folded once, used by the lexicon and rules.
	keys    string
	keyBuf  []byte
	keyEnd  []int32
	lexAt   [][]rules.LexSpan     // lexicon names starting at each token
	mentAt  [][]rules.MentionSpan // candidates starting at each token, for rules
	pending []pendingRel
	aliases []alias
	trace   *[]*rules.Match // when tracing, every rule match
	posTags []string        // part-of-speech tags, filled per sentence on demand
	posDone []bool

	// candHead, candTail and candNext list the candidates by first
	// token, for the rule stage (spanindex.go).
	candHead, candTail, candNext []int32
}

func (s *state) reset() {
	s.toks = s.toks[:0]
	s.ids = s.ids[:0]
	s.sents = s.sents[:0]
	s.sentOf = s.sentOf[:0]
	s.cands = s.cands[:0]
	s.chosen = s.chosen[:0]
	s.pending = s.pending[:0]
	s.aliases = s.aliases[:0]
	s.trace = nil
	s.in = nil
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

	s.toks = token.Tokenize(s.toks, s.text)
	s.sents = segment(s.text, s.toks, s.folder)
	s.indexSentences()
	s.foldKeys()
	s.gazetteer()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	s.applyRules()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if a.opts.Fallback {
		s.fallback()
	}
	s.resolve()
	return s.export(), matches, nil
}

// foldKeys folds every token's key once, and looks each up in the
// lexicon's vocabulary.
func (s *state) foldKeys() {
	buf := s.keyBuf[:0]
	if cap(s.keyEnd) < len(s.toks) {
		s.keyEnd = make([]int32, len(s.toks))
	}
	s.keyEnd = s.keyEnd[:len(s.toks)]
	for i, t := range s.toks {
		buf = s.folder.AppendKey(buf, s.text[t.Start:t.End])
		s.keyEnd[i] = int32(len(buf))
	}
	s.keyBuf = buf
	s.keys = string(buf)
	s.ids = s.ids[:0]
	for i := range s.toks {
		s.ids = append(s.ids, s.a.matcher.ID(s.key(i)))
	}
}

func (s *state) indexSentences() {
	if cap(s.sentOf) < len(s.toks) {
		s.sentOf = make([]int32, len(s.toks))
	}
	s.sentOf = s.sentOf[:len(s.toks)]
	for i, sn := range s.sents {
		for t := sn.first; t < sn.last; t++ {
			s.sentOf[t] = int32(i)
		}
	}
}

// export builds the Document from the chosen mentions.
func (s *state) export() *Document {
	a := s.a
	sum := sha256.Sum256([]byte(s.text))
	d := &Document{
		ID:          s.in.ID,
		SHA256:      hex.EncodeToString(sum[:]),
		Newsann:     a.opts.Version,
		LexiconAsOf: a.lex.AsOf().String(),
		Offsets:     a.opts.Offsets.String(),
		Sentences:   make([]Span, len(s.sents)),
		Mentions:    make([]Mention, 0, len(s.chosen)),
		Entities:    make([]Entity, 0, len(s.chosen)/2),
		Relations:   []Relation{},
		Events:      []Event{},
		Findings:    []Finding{},
		Extra:       s.in.Extra,
	}
	if !s.in.Date.IsZero() {
		d.Date = s.in.Date.String()
		d.DateSource = s.in.DateSource
	}
	if a.opts.IncludeText {
		d.Text = s.text
	}
	for i, sn := range s.sents {
		d.Sentences[i] = Span{sn.start, sn.end}
	}
	// Group mentions by entity; one backing array holds every entity's
	// mention list.
	byEntity := make(map[string]int, len(s.chosen)/2)
	counts := make([]int, 0, len(s.chosen)/2)
	for _, c := range s.chosen {
		if c.entity == "" {
			continue
		}
		if ei, ok := byEntity[c.entity]; ok {
			counts[ei]++
			continue
		}
		byEntity[c.entity] = len(counts)
		counts = append(counts, 1)
		d.Entities = append(d.Entities, s.entityFor(c))
	}
	backing := make([]int, 0, len(s.chosen))
	for i := range d.Entities {
		d.Entities[i].Mentions = backing[len(backing) : len(backing) : len(backing)+counts[i]]
		backing = backing[:len(backing)+counts[i]]
	}
	for _, c := range s.chosen {
		m := Mention{
			Start:    c.start,
			End:      c.end,
			Text:     s.text[c.start:c.end],
			Label:    c.label,
			Entity:   c.entity,
			Sentence: int(s.sentOf[c.first]),
			Source:   c.source,
			Value:    c.value,
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
		idx := len(d.Mentions)
		d.Mentions = append(d.Mentions, m)
		if c.entity != "" {
			ei := byEntity[c.entity]
			d.Entities[ei].Mentions = append(d.Entities[ei].Mentions, idx)
		}
	}
	convertOffsets(s.text, d, a.opts.Offsets)
	return d
}

// entityFor describes the entity a chosen mention refers to.
func (s *state) entityFor(c candidate) Entity {
	if e := s.a.lex.Entry(c.entity); e != nil {
		return Entity{ID: e.ID, Label: e.Kind.Label(), Name: e.Name, Codes: e.Codes, Known: true}
	}
	return Entity{ID: c.entity, Label: c.label, Name: c.name, Known: false}
}
