package annotate

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"

	"github.com/newsann/newsann/annotate/internal/scratch"
	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/lexicon"
)

// ruleBonus puts a rule's candidate ahead of a lexicon candidate of the
// same length: a rule has read the context, the lexicon only the name.
const ruleBonus = 9

// pendingRel is a relation or event a rule proposed, kept with token
// spans until mentions are settled and entities known.
type pendingRel struct {
	match *rules.Match
	emit  rules.Emit
}

// applyRules runs the rule set's phases over the document. Each phase sees
// the candidates of the lexicon and of earlier phases.
func (s *state) applyRules() {
	rs := s.a.rules
	if rs == nil {
		return
	}
	// The Doc is built even when no rule will run: the word lists the
	// later stages read (rules.WordList) look tokens up through it.
	d := s.rulesDoc()
	if len(rs.Rules()) == 0 || len(s.toks) == 0 {
		return
	}
	// Between phases candidates are only added and dropped: the index of
	// mentions the rules read is extended with the new ones, and built
	// again only after a drop. The relation and event phases add none.
	indexed, drops := -1, 0 // candidates indexed, and drops then
	for _, phase := range rs.Phases() {
		if s.a.opts.NoEvents && s.a.eventPhases[phase] {
			continue
		}
		switch {
		case indexed < 0 || drops != s.candDrops:
			s.indexMentions(d, 0)
		case indexed < len(s.cands):
			s.indexMentions(d, indexed)
		}
		indexed, drops = len(s.cands), s.candDrops
		if s.onMatchFn == nil {
			s.onMatchFn = s.onMatch // a func value made once a state, not once a phase
		}
		rs.Apply(d, phase, s.onMatchFn)
		s.applyAliases()
	}
}

// onMatch takes a rule's match: its emissions are made. Apply reuses m:
// a match kept for the trace is copied to a new one, which the caller
// keeps, and a match kept for the relations made after the rules into
// the state's kept matches, reused from document to document.
func (s *state) onMatch(m *rules.Match) {
	switch {
	case s.trace != nil:
		m = m.Clone()
		*s.trace = append(*s.trace, m)
	case m.Rule.Proposes():
		m = s.kept.keep(m)
	}
	for _, e := range m.Rule.Emit {
		s.emit(m, e)
	}
}

// keptMatches holds copies of the matches whose relations and events are
// made after the rules (state.pending), for one document at a time: the
// matches in chunks of a fixed size, so that a pointer to one stays valid
// as more are kept, and their captures back to back. Chunks and captures
// are reused for the next document; none reaches a Document. (A clone
// of each match was two allocations.)
type keptMatches struct {
	chunks [][]rules.Match
	n      int // the matches kept for the document
	caps   []rules.Capture
}

// keptChunk is the number of matches of a chunk of keptMatches.
const keptChunk = 64

// keep returns a copy of m that shares nothing Apply reuses, valid until
// reset.
func (k *keptMatches) keep(m *rules.Match) *rules.Match {
	c := k.n / keptChunk
	if c == len(k.chunks) {
		k.chunks = append(k.chunks, make([]rules.Match, keptChunk))
	}
	x := &k.chunks[c][k.n%keptChunk]
	k.n++
	*x = *m
	// A copy's captures are a part of k.caps that later appends do not
	// touch: when they move k.caps, the old array stays as it was.
	lo := len(k.caps)
	k.caps = append(k.caps, m.Caps...)
	x.Caps = k.caps[lo:len(k.caps):len(k.caps)]
	return x
}

// reset lets the next document's matches reuse the chunks and captures.
func (k *keptMatches) reset() {
	k.n = 0
	k.caps = k.caps[:0]
}

// eventPhases returns the phases of rs whose every rule only proposes
// events.
func eventPhases(rs *rules.RuleSet) map[int]bool {
	only := map[int]bool{}
	for _, r := range rs.Rules() {
		events := len(r.Emit) > 0
		for _, e := range r.Emit {
			events = events && e.Event != nil
		}
		if v, seen := only[r.Phase]; !seen || v {
			only[r.Phase] = events
		}
	}
	return only
}

// aliasBonus raises a defined name above the generic rules' proposals.
const aliasBonus = 4

// alias is a short name a rule defined for the rest of a document.
type alias struct {
	keys []string
	// firstID is the vocabulary id of keys[0], 0 when the vocabulary
	// lacks it.
	firstID int32
	label   string
	entity  string
	name    string
	rule    *rules.Rule
}

// applyAliases proposes a mention at every use of a defined short name.
//
// It runs after each phase; the aliases of earlier phases have been
// applied then, so only the new ones are, and a mention a rule has since
// dropped stays dropped.
func (s *state) applyAliases() {
	fresh := s.aliases[s.aliasesDone:]
	s.aliasesDone = len(s.aliases)
	if len(fresh) == 0 {
		return
	}
	// The uses are found in one pass over the tokens, the aliases looked
	// up by their first key (a long document defines many). An alias
	// defined again for the same entity adds nothing: the first
	// definition's candidate would stand in its way at every use.
	//
	// The tokens that may start a use are told first by their vocabulary
	// id, read off the token: a key has one id, so a token whose key the
	// vocabulary has may start one only when its id is a first key's,
	// marked in a bit set by id. The first keys the vocabulary lacks are
	// in a filter, asked of the tokens without an id, when there are
	// any. Nearly every other token is passed over for the read of a bit,
	// not a hash of its key (nor a lookup in the map).
	byFirst := make(map[string][]int, len(fresh))
	defined := make(map[string]bool, len(fresh))
	s.aliasFirsts.Reset(s.a.matcher.Tokens())
	var unknown keyFilter // the first keys without an id
	anyUnknown := false
	for ai, al := range fresh {
		k := strings.Join(al.keys, "\x00") + "\x00" + al.entity
		if defined[k] {
			continue
		}
		defined[k] = true
		byFirst[al.keys[0]] = append(byFirst[al.keys[0]], ai)
		if al.firstID != 0 {
			s.aliasFirsts.Add(al.firstID)
		} else {
			unknown.add(al.keys[0])
			anyUnknown = true
		}
	}
	bits := s.aliasFirsts.Set
	for i, id := range s.ids[:len(s.toks)] {
		if id != 0 && !bits.Has(id) || id == 0 && (!anyUnknown || !unknown.mayHave(s.key(i))) {
			continue
		}
		k := s.key(i)
		for _, ai := range byFirst[k] {
			al := &fresh[ai]
			n := len(al.keys)
			if i+n > len(s.toks) {
				continue
			}
			match := true
			for j := 1; j < n; j++ {
				if s.key(i+j) != al.keys[j] {
					match = false
					break
				}
			}
			if !match || s.hasCandidate(i, i+n, al.entity) {
				continue
			}
			s.addCand(candidate{
				first: i, last: i + n, start: s.toks[i].Start, end: s.toks[i+n-1].End,
				label: al.label, entity: al.entity, name: al.name,
				// A name the document defined outranks the guesses of
				// the generic rules (org.suffix) on the same words.
				source: al.rule.Source(), priority: 10*n + ruleBonus + aliasBonus, rule: al.rule,
			})
		}
	}
}

// resetCands empties the candidates and the lists by first token for a
// document: candAt, lexAt and mentAt, one list a token. Only the tokens
// candFirst marks can have a list that is not empty (a list is appended
// to only where a candidate or a lexicon name starts, which marks the
// token, and the marks are cleared only here), so only their lists are
// emptied, through the lists' whole arrays (a list past this document's
// tokens is one a longer document left): emptying every token's three
// lists had cost 0.7 % of an annotation.
func (s *state) resetCands() {
	n := len(s.toks)
	candAt, lexAt, mentAt := s.candAt[:cap(s.candAt)], s.lexAt[:cap(s.lexAt)], s.mentAt[:cap(s.mentAt)]
	for w, marks := range s.candFirst {
		for ; marks != 0; marks &= marks - 1 {
			t := w*64 + bits.TrailingZeros64(marks)
			if t < len(candAt) {
				candAt[t] = candAt[t][:0]
			}
			if t < len(lexAt) {
				lexAt[t] = lexAt[t][:0]
			}
			if t < len(mentAt) {
				mentAt[t] = mentAt[t][:0]
			}
		}
	}
	s.cands = s.cands[:0]
	s.candAt, s.lexAt, s.mentAt = scratch.Resize(s.candAt, n), scratch.Resize(s.lexAt, n), scratch.Resize(s.mentAt, n)
	s.candFirst = scratch.Resize(s.candFirst, (n+63)/64)
	clear(s.candFirst)
}

// addCand adds a candidate mention, indexed by its first token.
func (s *state) addCand(c candidate) { *s.newCand(c.first, c.last) = c }

// newCand adds a candidate mention of tokens [first, last), indexed by
// its first token, and returns it for the caller to fill in: the common
// callers (the lexicon's names, the rules' mentions, times) write it in
// place, where building a candidate aside and appending it copied its
// 232 bytes twice. The caller must not look candidates up before it is
// filled in.
func (s *state) newCand(first, last int) *candidate {
	c := s.spareCand()
	c.first, c.last = first, last
	s.addSpare()
	return c
}

// spareCand returns a zero candidate in the spare room past the end of
// s.cands, for a caller that looks candidates up while it fills it in
// (emitMention): no lookup sees it there. addSpare adds it; nothing may
// add a candidate in between.
func (s *state) spareCand() *candidate {
	if len(s.cands) == cap(s.cands) {
		s.cands = slices.Grow(s.cands, 1)
	}
	c := &s.cands[:len(s.cands)+1][len(s.cands)]
	*c = candidate{}
	return c
}

// addSpare adds the candidate spareCand gave, indexed by its first
// token.
func (s *state) addSpare() {
	n := len(s.cands)
	s.cands = s.cands[:n+1]
	first := s.cands[n].first
	s.candFirst.Add(int32(first))
	s.candAt[first] = append(s.candAt[first], int32(n))
}

// spanCands calls f, in the order they were added, for the candidates
// (dropped ones too) whose tokens are exactly [a, b), until f returns
// false. The rules look spans up once a match; the index keeps that
// from growing with the document.
func (s *state) spanCands(a, b int, f func(*candidate) bool) {
	for _, ci := range s.candAt[a] {
		if c := &s.cands[ci]; c.last == b && !f(c) {
			return
		}
	}
}

func (s *state) hasCandidate(a, b int, entity string) bool {
	found := false
	s.spanCands(a, b, func(c *candidate) bool {
		found = c.entity == entity && !c.dropped
		return !found
	})
	return found
}

// rulesDoc builds the rules' view of the document from the state.
func (s *state) rulesDoc() *rules.Doc {
	d := &s.rdoc
	d.Reset()
	d.Text, d.Toks, d.Lex, d.Sent, d.Lexicon = s.text, s.toks, s.lexAt, s.sentOf, s.a.lex
	d.SetKeys(s.keys, s.keyEnd)
	d.SetLexIDs(s.ids, s.a.ruleWords)
	s.sentStart = scratch.Resize(s.sentStart, len(s.sents))
	s.sentEnd = scratch.Resize(s.sentEnd, len(s.sents))
	d.SentStart, d.SentEnd = s.sentStart, s.sentEnd
	for i, sn := range s.sents {
		d.SentStart[i], d.SentEnd[i] = int32(sn.first), int32(sn.last)
	}
	if s.a.rules.NeedsPOS() && s.a.tagger != nil {
		d.POS = s.posFunc()
	}
	return d
}

// indexMentions lists the current candidates by start token: those from
// the from-th on, added to the lists as they stand, or all when from is 0.
func (s *state) indexMentions(d *rules.Doc, from int) {
	if from == 0 {
		// The lists of the tokens candidates start at, all of them
		// marked (resetCands), are the ones to empty.
		for w, marks := range s.candFirst {
			for ; marks != 0; marks &= marks - 1 {
				t := w*64 + bits.TrailingZeros64(marks)
				s.mentAt[t] = s.mentAt[t][:0]
			}
		}
	}
	rs := s.a.rules
	for i := from; i < len(s.cands); i++ {
		c := &s.cands[i]
		if c.dropped {
			continue
		}
		s.mentAt[c.first] = append(s.mentAt[c.first], rules.MentionSpan{End: c.last, Label: c.label, Entity: c.entity, Class: s.labelClass(rs, c.label)})
	}
	d.Ments = s.mentAt
	d.ResetMentions()
}

// labelCache holds what the rules stage works out from a label, for the
// few labels a document's candidates have: the rule set's LabelClass,
// which indexMentions asks for every candidate in every phase (a lookup
// in the rule set's map by the label cost more than the rest of the
// index), and the prefix of the ids mint makes ("person:"). It is
// direct-mapped, by a hash of the label's length and first byte, which
// gives each of the labels the lexicon, the time tagger and the default
// rules make (PERSON, CITY, DATE, TIME, TITLE, SET, _NAME, ...) an entry
// of its own: with 16 entries, and the last byte in the hash, CITY and
// PERSON, DATE and TIME, SET and TITLE took each other's, and asked the
// rule set's map and made the prefix again at every turn. An entry's
// class holds the rule set it came from, so a state that serves another
// annotator's rules asks them again.
type labelCache [32]labelInfo

type labelInfo struct {
	label  string
	prefix string // "" until asked
	rs     *rules.RuleSet
	class  uint64 // rs's
}

// labelInfo returns label's entry of the state's cache, emptied when it
// held another label.
func (s *state) labelInfo(label string) *labelInfo {
	e := &s.labels[0]
	if label != "" {
		e = &s.labels[uint(len(label)*7+int(label[0]))%uint(len(s.labels))]
	}
	if e.label != label {
		*e = labelInfo{label: label}
	}
	return e
}

// labelClass returns rs.LabelClass(label), from the state's cache when it
// has it.
func (s *state) labelClass(rs *rules.RuleSet, label string) uint64 {
	if label == "" {
		return rs.LabelClass(label)
	}
	e := s.labelInfo(label)
	if e.rs != rs {
		e.rs, e.class = rs, rs.LabelClass(label)
	}
	return e.class
}

// capSpan returns the token range of capture name of m, or the whole
// match for "".
func capSpan(m *rules.Match, name string) (int, int, bool) {
	if name == "" {
		return m.Start, m.End, true
	}
	return m.Cap(name)
}

func (s *state) emit(m *rules.Match, e rules.Emit) {
	switch {
	case e.Mention != nil:
		s.emitMention(m, e.Mention)
	case e.Drop != nil:
		a, b, ok := capSpan(m, e.Drop.Span)
		if !ok {
			return
		}
		s.spanCands(a, b, func(c *candidate) bool {
			if len(e.Drop.Labels) == 0 || slices.Contains(e.Drop.Labels, c.label) {
				c.dropped = true
				s.candDrops++
			}
			return true
		})
	case e.Alias != nil:
		a, b, ok1 := capSpan(m, e.Alias.Span)
		x, y, ok2 := capSpan(m, e.Alias.Of)
		if !ok1 || !ok2 || a >= b {
			return
		}
		var of *candidate
		s.spanCands(x, y, func(c *candidate) bool {
			if !c.dropped && c.entity != "" {
				of = c
			}
			return true
		})
		if of == nil {
			return
		}
		al := alias{firstID: s.ids[a], label: of.label, entity: of.entity, name: of.name, rule: m.Rule}
		for i := a; i < b; i++ {
			al.keys = append(al.keys, s.key(i))
		}
		s.aliases = append(s.aliases, al)
	case e.Event != nil && s.a.opts.NoEvents:
		// Left out: applyRules skips the phases of events alone, and an
		// event a rule of a mixed phase proposes ends here.
	case e.Relation != nil || e.Event != nil:
		s.pending = append(s.pending, pendingRel{match: m, emit: e})
	}
}

func (s *state) emitMention(m *rules.Match, me *rules.MentionEmit) {
	a, b, ok := capSpan(m, me.Span)
	if !ok || a >= b {
		return
	}
	a, b = s.trimPunct(a, b)
	if a >= b {
		return
	}
	c := s.spareCand()
	c.first, c.last = a, b
	c.start, c.end = s.toks[a].Start, s.toks[b-1].End
	c.label, c.source = me.Label, m.Rule.Source()
	c.priority = 10*(b-a) + ruleBonus + me.Priority
	c.rule = m.Rule
	switch {
	case strings.HasPrefix(me.Entity, "mint:"):
		c.entity = strings.ToLower(me.Label) + ":" + slug(s.expand(me.Entity[len("mint:"):], m))
		c.name = s.text[c.start:c.end]
	case strings.HasPrefix(me.Entity, "="):
		c.entity = me.Entity[1:]
	case me.Entity != "":
		if x, y, ok := m.Cap(me.Entity); ok {
			c.entity, c.entry = s.entryAt(x, y, "", m)
		}
	default:
		c.entity, c.entry = s.entryAt(a, b, me.Label, m)
		if c.entity == "" {
			// A short form the rule confirms but cannot decide ("Kallas,
			// a former prime minister") stays short: linking decides it.
			if sc := s.shortAt(a, b); sc != nil {
				c.short, c.alts = true, sc.alts
			}
		}
	}
	if c.entity == "" && !c.short {
		c.entity, c.name = s.mint(me.Label, a, b)
	}
	switch {
	case strings.HasPrefix(me.RefersTo, "country-of:"):
		if x, y, ok := m.Cap(strings.TrimPrefix(me.RefersTo, "country-of:")); ok {
			c.refersTo = s.countryOf(s.entityAt(x, y, "", m))
		}
	case me.RefersTo != "":
		if x, y, ok := m.Cap(me.RefersTo); ok {
			c.refersTo = s.entityAt(x, y, "", m)
		}
	}
	if len(me.Attrs) > 0 {
		c.attrs = make(map[string]string, len(me.Attrs))
		for k, v := range me.Attrs {
			c.attrs[k] = s.expand(v, m)
		}
	}
	s.addSpare()
}

// trimPunct narrows tokens [a, b) to a mention's span: a mention does not
// start or end on punctuation ("Smith ," is "Smith").
func (s *state) trimPunct(a, b int) (int, int) {
	for a < b && s.isPunct(a) {
		a++
	}
	for b > a && s.isPunct(b-1) {
		b--
	}
	return a, b
}

// isPunct reports whether token i starts with punctuation a mention does
// not begin or end on (and is not the possessive "'s").
func (s *state) isPunct(i int) bool {
	w := s.text[s.toks[i].Start:s.toks[i].End]
	if len(w) == 0 {
		return false
	}
	switch w[0] {
	case ',', '.', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '-':
		return w != "'s"
	}
	return false
}

// expand replaces {capture} in v with the capture's text and
// {capture.entity} with the entity of the mention at the capture.
func (s *state) expand(v string, m *rules.Match) string {
	if !strings.Contains(v, "{") {
		return v
	}
	for _, c := range m.Caps {
		if strings.Contains(v, "{"+c.Name+".entity}") {
			v = strings.ReplaceAll(v, "{"+c.Name+".entity}", s.entityAt(c.Start, c.End, "", m))
		}
		v = strings.ReplaceAll(v, "{"+c.Name+"}", s.text[s.toks[c.Start].Start:s.toks[c.End-1].End])
	}
	return v
}

// slug turns text into an id part: lower case letters and digits joined
// by '-'.
func slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		if r == '\'' || r == '\u2019' {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// entityAt finds the entity of the tokens [a, b): a candidate with exactly
// that span (and label, when given), or a lexicon name with exactly that
// span. A short form ("Fidan") that several entries share is decided by
// the title the rule captured, when there is one.
func (s *state) entityAt(a, b int, label string, m *rules.Match) string {
	id, _ := s.entryAt(a, b, label, m)
	return id
}

// entryAt is entityAt that also returns the entity's lexicon entry when
// it has it at hand, nil when not (a minted entity, or one of a candidate
// whose entry is not at hand): a mention that takes its entity from
// another keeps the entry for entryOf.
func (s *state) entryAt(a, b int, label string, m *rules.Match) (string, *lexicon.Entry) {
	var short, full *candidate
	s.spanCands(a, b, func(c *candidate) bool {
		if c.dropped || (label != "" && c.label != label) {
			return true
		}
		if c.entity != "" && !c.short {
			full = c
			return false
		}
		if c.short && short == nil {
			short = c
		}
		return true
	})
	if full != nil {
		return full.entity, full.entryAtHand()
	}
	if short != nil {
		if e := s.byTitle(short.alts, m); e != nil {
			return e.ID, e
		}
		return "", nil
	}
	for _, l := range s.lexAt[a] {
		if l.End == b && l.Form != lexicon.FormShort && (label == "" || l.Entry.Kind.Label() == label) {
			return l.Entry.ID, l.Entry
		}
	}
	return "", nil
}

// shortAt returns the unlinked short-form candidate with exactly the span
// [a, b), if any.
func (s *state) shortAt(a, b int) *candidate {
	var short *candidate
	s.spanCands(a, b, func(c *candidate) bool {
		if c.short && !c.dropped {
			short = c
		}
		return short == nil
	})
	return short
}

// byTitle picks, among people sharing a short form, the one who holds the
// office the rule captured as "title" (at the document date, or ever when
// the date is unknown). It returns nil unless exactly one fits.
func (s *state) byTitle(alts []lexicon.Candidate, m *rules.Match) *lexicon.Entry {
	x, y, ok := m.Cap("title")
	if !ok {
		return nil
	}
	var titles []string
	for i := x; i < y; i++ {
		for _, l := range s.lexAt[i] {
			if l.Entry.Kind == lexicon.Title {
				titles = append(titles, s.a.lex.Generic(l.Entry.ID))
			}
		}
	}
	var found *lexicon.Entry
	for _, alt := range alts {
		for _, r := range alt.Entry.Roles {
			if !slices.Contains(titles, s.a.lex.Generic(r.Title)) {
				continue
			}
			if !s.in.Date.IsZero() && r.HoldsAt(s.in.Date) == lexicon.False {
				continue
			}
			if found != nil && found != alt.Entry {
				return nil
			}
			found = alt.Entry
		}
	}
	return found
}

// countryOf returns the state an entity belongs to: itself for a state,
// else its lexicon country.
func (s *state) countryOf(id string) string {
	e := s.a.lex.Entry(id)
	switch {
	case e == nil:
		return ""
	case e.Kind == lexicon.Country:
		return e.ID
	}
	return e.Country
}

// mint makes an entity id for a name the lexicon lacks: the label and the
// name's folded words ("person:john-smith"). Ids of the lexicon never
// contain ':', so minted ids cannot collide with them.
//
// A rule proposes a mention at nearly every capitalised word the lexicon
// lacks, and nearly every id is new to its document: an id built in the
// buffer is not copied to a string of its own (an allocation each, most
// of mint's cost) but appended to the document's chunk of minted ids
// (state.minted) and taken as a substring of it.
func (s *state) mint(label string, a, b int) (id, name string) {
	buf := append(s.mintBuf[:0], s.mintPrefix(label)...)
	sep := false
	for i := a; i < b; i++ {
		k := s.key(i)
		if k == "'s" || k == "'" || s.isPunct(i) {
			continue
		}
		if sep {
			buf = append(buf, '-')
		}
		buf, sep = append(buf, k...), true
	}
	s.mintBuf = buf
	ids := &s.minted
	if ids.Cap()-ids.Len() < len(buf) {
		ids.Reset() // a new chunk; the ids of the old one stay as they are
		ids.Grow(max(len(buf), mintChunk))
	}
	start := ids.Len()
	ids.Write(buf)
	name = s.text[s.toks[a].Start:s.toks[b-1].End]
	return ids.String()[start:], name
}

// mintChunk is the size of the chunks minted ids are written into: a
// document of a few kilobytes mints a few hundred bytes of ids.
const mintChunk = 1024

// mintPrefix returns label in lower case and a colon, the prefix of the
// ids mint makes for label.
func (s *state) mintPrefix(label string) string {
	e := s.labelInfo(label)
	if e.prefix == "" {
		e.prefix = strings.ToLower(label) + ":"
	}
	return e.prefix
}

// key returns token i's folded key.
func (s *state) key(i int) string {
	start := int32(0)
	if i > 0 {
		start = s.keyEnd[i-1]
	}
	return s.keys[start:s.keyEnd[i]]
}
