package rules

import (
	"github.com/newsann/newsann/annotate/internal/bitset"
	"github.com/newsann/newsann/annotate/internal/scratch"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// Doc is the view of one text that rules match over: its tokens with
// their folded keys and sentences, the lexicon names found in it, and the
// mentions proposed so far. The annotate pipeline fills it, and reuses it
// from one text to the next through Reset; a test can build one with
// NewDoc.
type Doc struct {
	Text string
	Toks []token.Token
	// keys holds every token's folded key, back to back; keyEnd[i] is
	// where token i's key ends.
	keys   string
	keyEnd []int32
	// Sent gives each token's sentence; SentStart and SentEnd the token
	// range of each sentence.
	Sent      []int32
	SentStart []int32
	SentEnd   []int32
	// Lex lists the lexicon names starting at each token.
	Lex [][]LexSpan
	// Ments lists the mentions proposed so far starting at each token.
	Ments [][]MentionSpan
	// Lexicon is the gazetteer the names come from, for tests that ask
	// more of an entry than its own fields (is it a capital?).
	Lexicon *lexicon.Lexicon
	// POS returns the part-of-speech tag of token i (Penn Treebank), or
	// "" when unknown; the pipeline computes it lazily, per sentence,
	// because tagging is slow. Nil means no tagger.
	POS func(i int) string

	shout []int8 // per sentence: 0 unknown, 1 all capitals, -1 not

	// lexFrom holds, for each token, the first token of the earliest
	// lexicon name covering it plus one, or 0 when none does: one number
	// a token, where a list of the covering names' starts cost more to
	// build than the questions it answered. mentCover
	// lists, for each token, the start tokens of the mentions covering
	// it. Both are built on first use.
	lexFrom                 []int32
	mentCover               [][]int32
	lexCovered, mentCovered bool

	// words holds each token's number in the rule set's list vocabulary
	// (0: in no list), and vocab the vocabulary it was computed for.
	words []int32
	vocab *RuleSet
	// trig holds what each token can start a rule by (trigPhases):
	// Apply's walk over the tokens reads one word a token, not its word,
	// names and case.
	trig []uint32
	// cls holds each token's class bits (classes.go), computed when
	// first asked: clsKnown marks the bits computed.
	cls, clsKnown []uint64
	// lexIDs are the tokens' ids in the lexicon matcher's vocabulary, and
	// lexWords their rule words (SetLexIDs); without them every token is
	// looked up in the rule set's vocabulary.
	lexIDs   []int32
	lexWords *LexWords
	// present[s] marks, for sentence s, the rule set's need sets it has
	// a word of (one bit each), for the rules' sentence filter.
	present    [][]uint64
	presentBuf []uint64
	// lastAt[s*n+k] is the last token of sentence s with a word of need
	// set k (n sets). It is defined only where present[s] has bit k: the
	// rules read it only in sentences that have every set they need, so
	// it is not cleared between documents.
	lastAt []int32

	// memo caches unit test results by (test, token): rules share macros,
	// so the same test is asked about the same token again and again. It
	// is direct-mapped and fixed in size, so memory does not grow with
	// the text. It is emptied when the mentions change, by moving to a
	// new epoch rather than clearing it: entries of other epochs are
	// empty.
	memo       []memoEntry
	memoMask   uint64
	memoStride uint64 // the number of test ids
	memoEpoch  uint32

	// apply is Apply's working memory, kept from one call to the next
	// (and one document to the next, through Reset).
	apply *applyState
}

// applyState is what Apply needs per rule and its matching machine, with
// its stacks.
type applyState struct {
	// next, per rule of the phase, is where its next match may start:
	// past its last match, or past the sentence once no later token of
	// it can start one.
	next  []int
	tried []int // per rule of the phase: the token it was last tried at, +1
	// sets holds the rules each phase of rules activates, by the need
	// sets of a sentence (activeIn); scratch is for rule sets with too
	// many need sets for that.
	rules   *RuleSet
	sets    []activeSets // by the phase's place in rules' phases
	scratch *activeRules
	m       machine
	// match is the Match given to emit, its Caps reused.
	match Match
	// During one Apply: the Doc, the caller's emit, and the sentence's
	// last token with a word of each need set (Doc.lastAt).
	d    *Doc
	emit func(*Match)
	last []int32
}

type memoEntry struct {
	key   uint64 // test id << 32 | token + 1
	end   int32  // -1: the test failed
	epoch uint32
}

// memoBits bounds the memo at 2^13 entries; a short text gets a smaller
// one, room for every test at every token.
const memoBits = 13

// clearMemo empties the memo, for tests numbered below ids.
func (d *Doc) clearMemo(ids int) {
	d.memoStride = uint64(max(ids, 1))
	bits := 6
	for bits < memoBits && uint64(1)<<bits < d.memoStride*uint64(len(d.Toks)) {
		bits++
	}
	d.memoMask = 1<<bits - 1
	if cap(d.memo) < 1<<bits {
		d.memo = make([]memoEntry, 1<<bits)
	}
	d.memo = d.memo[:1<<bits]
	d.memoEpoch++
	if d.memoEpoch == 0 { // wrapped: entries of epoch 1 and up would come back
		clear(d.memo[:cap(d.memo)])
		d.memoEpoch = 1
	}
}

// Reset empties d for another text, keeping its buffers: a Doc per
// worker, not per text, spares the collector the memo and indexes.
func (d *Doc) Reset() {
	*d = Doc{
		memo:       d.memo[:0],
		memoEpoch:  d.memoEpoch,
		words:      d.words[:0],
		trig:       d.trig[:0],
		cls:        d.cls[:0],
		clsKnown:   d.clsKnown[:0],
		present:    d.present[:0],
		presentBuf: d.presentBuf[:0],
		lastAt:     d.lastAt[:0],
		lexFrom:    d.lexFrom[:0],
		mentCover:  d.mentCover[:0],
		shout:      d.shout[:0],
		apply:      d.apply,
	}
}

// memoAt evaluates t, u's test or what decides it, at token i through
// the memo, which keeps its answers under u's id.
func (d *Doc) memoAt(u *unit, t test, i int) (int, bool) {
	if d.memo == nil || u.id == 0 {
		return t.at(d, i)
	}
	key := uint64(u.id)<<32 | uint64(i+1)
	// By token, then test: the tests asked about one token (by the rules
	// that may start there, then by the machine stepping on from the
	// tokens before) share a few cache lines.
	slot := &d.memo[(uint64(i)*d.memoStride+uint64(u.id))&d.memoMask]
	if slot.key == key && slot.epoch == d.memoEpoch {
		return int(slot.end), slot.end >= 0
	}
	end, ok := t.at(d, i)
	slot.key, slot.epoch = key, d.memoEpoch
	slot.end = int32(end)
	if !ok {
		slot.end = -1
	}
	return end, ok
}

// bindVocab numbers the tokens by a rule set's vocabulary and notes which
// words each sentence has, once per rule set.
func (d *Doc) bindVocab(rs *RuleSet) {
	if d.vocab == rs && len(d.words) == len(d.Toks) {
		return
	}
	d.vocab = rs
	d.words = scratch.Resize(d.words, len(d.Toks))
	d.trig = scratch.Resize(d.trig, len(d.Toks))
	d.cls, d.clsKnown = scratch.Resize(d.cls, len(d.Toks)), scratch.Resize(d.clsKnown, len(d.Toks))
	clear(d.cls)
	clear(d.clsKnown)
	n := (rs.needSets + 63) / 64
	d.present = scratch.Resize(d.present, len(d.SentStart))
	d.presentBuf = scratch.Resize(d.presentBuf, n*len(d.SentStart))
	clear(d.presentBuf)
	for si := range d.present {
		d.present[si] = d.presentBuf[si*n : (si+1)*n]
	}
	d.lastAt = scratch.Resize(d.lastAt, rs.needSets*len(d.SentStart))
	lw := d.lexWords
	if lw != nil && (lw.rs != rs || len(d.lexIDs) != len(d.Toks)) {
		lw = nil
	}
	// The work is done in passes over the tokens, each with a few values
	// live and no call on its common path: one loop doing all of it kept
	// too many for the registers, and every call in it (a rare key
	// lookup, a lexicon name) had them all reloaded at each token.
	toks := d.Toks
	words := d.words[:len(toks)]
	if lw != nil {
		if lw.number(words, d.lexIDs[:len(toks)]) {
			for i, w := range words {
				if w < 0 {
					words[i] = rs.vocab[d.Key(i)]
				}
			}
		}
	} else {
		for i := range words {
			words[i] = rs.vocab[d.Key(i)]
		}
	}
	toks = toks[:len(words)]
	lex, trig, wordPhases := d.Lex[:len(words)], d.trig[:len(words)], rs.wordPhases
	for i, w := range words {
		// Title and Upper, and no other case, have bit 1 set: trigCap
		// (bit 31) is set without a branch on the case, which varies
		// from token to token.
		t := &toks[i]
		f := uint32(t.Case) << 30 & trigCap
		if w := int(w); uint(w) < uint(len(wordPhases)) { // wordPhases[0] is 0
			f |= wordPhases[w]
		}
		if len(lex[i]) > 0 {
			f |= trigLex
		}
		if t.Kind == token.Number {
			f |= trigNumber
		}
		trig[i] = f
	}
	d.markWords(rs)
	d.markLex(rs)
}

// markWords marks, in each sentence's present bits and last tokens, the
// need sets of its tokens' words (bindVocab).
func (d *Doc) markWords(rs *RuleSet) {
	ns, wordNeeds := rs.needSets, rs.wordNeeds
	words := d.words[:len(d.Toks)]
	sent := d.Sent[:len(words)]
	cur := int32(-1)
	var present []uint64 // of sentence cur
	var last []int32     // of sentence cur
	for i, w := range words {
		if w <= 0 {
			continue
		}
		ids := wordNeeds[w]
		if len(ids) == 0 {
			continue
		}
		if si := sent[i]; si != cur {
			cur = si
			present, last = d.present[si], d.lastAt[int(si)*ns:int(si+1)*ns]
		}
		markNeeds(present, last, ids, i)
	}
}

// markLex marks, in each sentence's present bits and last tokens, the
// need sets of its numbers and of the lexicon names found in it, after
// markWords; and works out the names' covers (lexCoverFrom) as
// lexFromIndex does (bindVocab).
func (d *Doc) markLex(rs *RuleSet) {
	ns, wordNeeds := rs.needSets, rs.wordNeeds
	numNeeds := wordNeeds[rs.vocab[numberWord]]
	trig := d.trig[:len(d.Toks)]
	lex := d.Lex[:len(trig)]
	d.lexFrom = scratch.Resize(d.lexFrom, len(trig))
	clear(d.lexFrom)
	from := d.lexFrom[:len(trig)]
	reach := 0
	for i, f := range trig {
		if f&(trigNumber|trigLex) == 0 {
			continue
		}
		si := int(d.Sent[i])
		present, last := d.present[si], d.lastAt[si*ns:(si+1)*ns]
		if f&trigNumber != 0 {
			markLater(present, last, numNeeds, i)
		}
		spans := lex[i]
		if len(spans) == 0 {
			continue
		}
		reach = coverFrom(from, i, reach, spans)
		for _, l := range spans {
			if w := rs.wordOfKind(l.Entry.Kind); w > 0 {
				markLater(present, last, wordNeeds[w], i)
			}
			if len(rs.entryWords) > 0 {
				if w := rs.entryWordOf(l.Entry.ID); w > 0 {
					markLater(present, last, wordNeeds[w], i)
				}
			}
		}
	}
	d.lexCovered = true
}

// markNeeds marks token i's need sets ids in its sentence's present
// bits and last tokens.
func markNeeds(present []uint64, last []int32, ids []int32, i int) {
	for _, id := range ids {
		bitset.Set(present).Add(id)
		last[id] = int32(i)
	}
}

// markLater is markNeeds for a pass after markWords, which may have
// marked a set at a later token of the sentence than i: the set's last
// token stays the later one.
func markLater(present []uint64, last []int32, ids []int32, i int) {
	for _, id := range ids {
		if !bitset.Set(present).Has(id) || last[id] < int32(i) {
			last[id] = int32(i)
		}
		bitset.Set(present).Add(id)
	}
}

// sentenceHas reports whether sentence si has a word of every need set
// of the mask.
func (d *Doc) sentenceHas(si int, need []uint64) bool {
	p := d.present[si]
	for k, m := range need {
		if p[k]&m != m {
			return false
		}
	}
	return true
}

// ResetMentions tells the Doc that Ments changed (a new phase).
func (d *Doc) ResetMentions() { d.mentCover, d.mentCovered = d.mentCover[:0], false }

// coverIndex lists, for each of n tokens, the tokens where a span of at
// covering it starts, in cover's arrays.
func coverIndex[T interface{ end() int }](cover [][]int32, n int, at [][]T) [][]int32 {
	cover = scratch.EmptyLists(cover, n)
	for j := range at {
		end := j
		for _, s := range at[j] {
			end = max(end, s.end())
		}
		for i := j; i < end && i < n; i++ {
			cover[i] = append(cover[i], int32(j))
		}
	}
	return cover
}

func (s LexSpan) end() int     { return s.End }
func (m MentionSpan) end() int { return m.End }

// lexCoverFrom returns the first token of the earliest lexicon name
// covering token i, or i+1 when no name covers it: the names that may
// cover i start from there to i.
func (d *Doc) lexCoverFrom(i int) int {
	if !d.lexCovered {
		d.lexFrom, d.lexCovered = lexFromIndex(d.lexFrom, len(d.Toks), d.Lex), true
	}
	if f := d.lexFrom[i]; f > 0 {
		return int(f) - 1
	}
	return i + 1
}

// lexFromIndex returns, in from's array, the first token of the earliest
// lexicon name covering each of n tokens plus one, or 0 (Doc.lexFrom).
// bindVocab (markLex) works it out in its own loop over the names, the
// same way.
func lexFromIndex(from []int32, n int, lex [][]LexSpan) []int32 {
	from = scratch.Resize(from, n)
	clear(from)
	reach := 0
	for i, spans := range lex[:n] {
		reach = coverFrom(from, i, reach, spans)
	}
	return from
}

// coverFrom notes token i as the first start covering the tokens that
// names spans, starting at i, cover and no earlier name does: the names
// before i reach up to reach, exclusive. It returns the names' reach from
// i on. Going through the tokens in order, each token's entry is written
// once, by the earliest start that covers it, and stays 0 when none does.
func coverFrom(from []int32, i, reach int, spans []LexSpan) int {
	for _, s := range spans {
		if s.End > reach {
			for k := max(i, reach); k < min(s.End, len(from)); k++ {
				from[k] = int32(i + 1)
			}
			reach = s.End
		}
	}
	return reach
}

func (d *Doc) mentCovering(i int) []int32 {
	if !d.mentCovered {
		d.mentCover, d.mentCovered = coverIndex(d.mentCover, len(d.Toks), d.Ments), true
	}
	return d.mentCover[i]
}

// LexSpan is a lexicon name found at a token.
type LexSpan struct {
	End   int // token index, exclusive
	Entry *lexicon.Entry
	Form  lexicon.Form
}

// MentionSpan is a mention proposed at a token.
type MentionSpan struct {
	End    int
	Label  string
	Entity string
	// Class is the label's class in the rule set the Doc is matched
	// with (RuleSet.LabelClass), or zero: tests then compare the label
	// as a string. Worked out once a mention, it spares the rules a
	// string comparison for each label they ask about at each mention.
	Class uint64
}

// SetKeys records the folded key of every token. keys is the keys
// concatenated and ends[i] where token i's key ends in it.
func (d *Doc) SetKeys(keys string, ends []int32) { d.keys, d.keyEnd = keys, ends }

// SetLexIDs records every token's id in the lexicon matcher's vocabulary
// (lexicon.Matcher.ID of its key), and lw, the rule set's words by those
// ids: the Doc then looks up in the rules' vocabulary only the tokens the
// lexicon lacks.
func (d *Doc) SetLexIDs(ids []int32, lw *LexWords) { d.lexIDs, d.lexWords = ids, lw }

// Key returns token i's folded key.
func (d *Doc) Key(i int) string {
	start := int32(0)
	if i > 0 {
		start = d.keyEnd[i-1]
	}
	return d.keys[start:d.keyEnd[i]]
}

// shouting reports whether sentence si has capitalised words and no word
// in lower case, computed once per sentence.
func (d *Doc) shouting(si int) bool {
	if len(d.shout) != len(d.SentStart) {
		d.shout = scratch.Resize(d.shout, len(d.SentStart))
		clear(d.shout)
	}
	if v := d.shout[si]; v != 0 {
		return v > 0
	}
	// A word of three letters or more not in capitals decides it, and
	// one comes early in nearly every sentence.
	upper := 0
	v := int8(-1)
	for i := d.SentStart[si]; i < d.SentEnd[si]; i++ {
		t := &d.Toks[i]
		switch t.Case {
		case token.Upper:
			if t.End-t.Start > 1 {
				upper++
			}
		case token.Lower, token.Title:
			if t.Kind == token.Word && t.End-t.Start > 2 {
				d.shout[si] = v
				return false
			}
		}
	}
	if upper >= 2 {
		v = 1
	}
	d.shout[si] = v
	return v > 0
}

func (d *Doc) sentStart(i int) int { return int(d.SentStart[d.Sent[i]]) }
func (d *Doc) sentEnd(i int) int   { return int(d.SentEnd[d.Sent[i]]) }

func (d *Doc) pos(i int) string {
	if d.POS == nil {
		return ""
	}
	return d.POS(i)
}

// NewDoc builds a Doc for text with the given lexicon (nil: none): it
// tokenizes, folds keys, splits sentences at ".", "!", "?" followed by a
// space, and finds lexicon names. The pipeline builds its Docs itself;
// NewDoc serves tests and `newsann rules test`.
func NewDoc(text string, lex *lexicon.Lexicon, segment func(text string, toks []token.Token) [][2]int) *Doc {
	d := &Doc{Text: text, Toks: token.Tokenize(nil, text), Lexicon: lex}
	f := token.NewFolder()
	var keys []byte
	d.keyEnd = make([]int32, len(d.Toks))
	for i, t := range d.Toks {
		keys = f.AppendKey(keys, text[t.Start:t.End])
		d.keyEnd[i] = int32(len(keys))
	}
	d.keys = string(keys)
	var sents [][2]int
	if segment != nil {
		sents = segment(text, d.Toks)
	} else if len(d.Toks) > 0 {
		sents = [][2]int{{0, len(d.Toks)}}
	}
	d.Sent = make([]int32, len(d.Toks))
	for si, s := range sents {
		d.SentStart = append(d.SentStart, int32(s[0]))
		d.SentEnd = append(d.SentEnd, int32(s[1]))
		for i := s[0]; i < s[1]; i++ {
			d.Sent[i] = int32(si)
		}
	}
	d.Lex = make([][]LexSpan, len(d.Toks))
	d.Ments = make([][]MentionSpan, len(d.Toks))
	if lex != nil {
		m := lex.Matcher()
		ids := m.Keys(nil, f, text, d.Toks)
		for si := range sents {
			lo, hi := sents[si][0], sents[si][1]
			for _, mt := range m.Match(nil, text, d.Toks[lo:hi], ids[lo:hi]) {
				for _, c := range mt.Candidates {
					d.Lex[lo+mt.Start] = append(d.Lex[lo+mt.Start], LexSpan{End: lo + mt.End, Entry: c.Entry, Form: c.Form})
				}
			}
		}
	}
	return d
}
