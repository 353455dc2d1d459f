package annotate

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// relationsStage adds the document's relations and events, and with
// quotes its said relations. The relations are gathered in a buffer kept
// from document to document, then copied once, in order, to a slice of
// their number: appending to the document's own slice reallocated it at
// every doubling.
func (s *state) relationsStage(quotes bool) {
	d := s.doc
	d.Relations = append(s.relBuf[:0], d.Relations...)
	s.relations(d)
	if quotes {
		s.quotes(d)
	}
	sortEvents(d)
	s.relBuf = d.Relations
	d.Relations = s.sortedRelations(s.relBuf)
	clear(s.relBuf) // hold no strings or maps of this document
}

// sortedRelations returns a new slice of rels in the order of their
// evidence, those of the same evidence in the order given. The order is
// worked out on the relations' indexes and the relations copied once into
// it: a stable sort of the relations themselves moved 144 bytes at every
// step, and the relations of a document, gathered by kind, come in a few
// runs of ascending evidence that an insertion sort moves far.
//
// Where every offset is under 2^21 and the relations fewer than 2^22
// (any text under 2 MB), each relation's evidence and index are packed
// into one word, whose plain sort gives that order: the stable sort
// called a comparison function through a closure at every step.
func (s *state) sortedRelations(rels []Relation) []Relation {
	out := make([]Relation, len(rels))
	if keys, ok := packRelations(s.relKeys[:0], rels); ok {
		slices.Sort(keys)
		for i, k := range keys {
			out[i] = rels[k&(1<<relIndexBits-1)]
		}
		s.relKeys = keys
		return out
	}
	order := s.relOrder[:0]
	for i := range rels {
		order = append(order, int32(i))
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		x, y := rels[a].Evidence, rels[b].Evidence
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End))
	})
	for i, k := range order {
		out[i] = rels[k]
	}
	s.relOrder = order
	return out
}

// The bits of a packed relation (packRelations): its evidence's start
// and end above its index.
const (
	relOffsetBits = 21
	relIndexBits  = 64 - 2*relOffsetBits
)

// packRelations appends to keys, for each relation, its evidence's start,
// end and index packed into a word, so that the words sort as the
// relations do by evidence and then index; false when an offset or the
// index does not fit.
func packRelations(keys []uint64, rels []Relation) ([]uint64, bool) {
	if len(rels) >= 1<<relIndexBits {
		return keys, false
	}
	for i := range rels {
		e := rels[i].Evidence
		if uint(e.Start) >= 1<<relOffsetBits || uint(e.End) >= 1<<relOffsetBits {
			return keys, false
		}
		keys = append(keys, uint64(e.Start)<<(relOffsetBits+relIndexBits)|uint64(e.End)<<relIndexBits|uint64(i))
	}
	return keys, true
}

// relations turns the relations and events rules proposed into the
// document's, now that mentions are settled: each capture becomes the
// entity of the chosen mention it covers, an office without a state takes
// one from the lexicon, events get their actors' codes, their CAMEO class,
// negation and modality, and the date the sentence gives.
func (s *state) relations(d *Document) {
	s.lexiconRelations(d)
	if len(s.pending) == 0 {
		return
	}
	if s.seenRels == nil {
		s.seenRels, s.seenEvents = map[relKey]bool{}, map[eventKey]bool{}
	}
	clear(s.seenRels)
	clear(s.seenEvents)
	evs := make([][]Event, len(s.pending))
	for i, p := range s.pending {
		if p.emit.Event != nil {
			sentence, evidence := s.spanOf(p)
			evs[i] = s.events(p.emit.Event, p.match, sentence, evidence)
		}
	}
	first := s.exclusiveFirst(evs)
	ruled := len(d.Relations) // the rules' relations start here
	for i, p := range s.pending {
		m := p.match
		sentence, evidence := s.spanOf(p)
		switch {
		case p.emit.Relation != nil:
			s.rels = s.relationsOf(s.rels[:0], p.emit.Relation, m, sentence, evidence)
			for _, r := range s.rels {
				// One relation per fact and sentence, whichever rules found it.
				if !s.seenRelation(d.Relations[ruled:], r) {
					d.Relations = append(d.Relations, r)
				}
			}
		case p.emit.Event != nil:
			if p.emit.Event.Exclusive {
				if r, ok := first[triggerOf(p)]; ok && r != m.Rule {
					continue // a rule before this one coded the trigger
				}
			}
			for _, e := range evs[i] {
				k := eventKey{kind: e.Type, cameo: e.CAMEO, subject: e.SourceActor, sourceCode: e.SourceCode,
					object: e.TargetActor, targetCode: e.TargetCode, trigger: e.Trigger}
				if s.seenEvents[k] {
					continue
				}
				s.seenEvents[k] = true
				d.Events = append(d.Events, e)
			}
		}
	}
	s.dropObjectless(d)
}

// seenRelation reports whether rels, the relations the rules gave so far,
// hold r's fact (relKey), and if not notes r as given. Most documents
// have a few, compared in turn: a key of four strings costs more to hash
// than to compare. From seenSmall on they are noted in s.seenRels, filled
// with those before when the count reaches it.
func (s *state) seenRelation(rels []Relation, r Relation) bool {
	if len(rels) < seenSmall {
		for i := range rels {
			if sameFact(&rels[i], &r) {
				return true
			}
		}
		return false
	}
	if len(s.seenRels) == 0 {
		for i := range rels {
			s.seenRels[factOf(&rels[i])] = true
		}
	}
	k := factOf(&r)
	if s.seenRels[k] {
		return true
	}
	s.seenRels[k] = true
	return false
}

// seenSmall is the count of relations up to which seenRelation compares
// them in turn.
const seenSmall = 16

func factOf(r *Relation) relKey {
	return relKey{kind: r.Type, subject: r.Subject, object: r.Object, title: r.Title, sentence: r.Sentence}
}

// sameFact reports whether a and b state one fact (factOf), the sentence
// compared first.
func sameFact(a, b *Relation) bool {
	return a.Sentence == b.Sentence && a.Type == b.Type && a.Subject == b.Subject && a.Object == b.Object && a.Title == b.Title
}

// relKey identifies a relation, and eventKey an event, for keeping one
// of each whichever rules found it: a relation by its type, parties,
// title and sentence, an event by its type, class, actors, codes and
// trigger. They are two types, and two maps, because one key of both
// kinds was over the 128 bytes up to which a map holds its keys in
// place: each key it noted was allocated on its own.
type relKey struct {
	kind, subject, object, title string
	sentence                     int
}

type eventKey struct {
	kind, cameo         string
	subject, sourceCode string
	object, targetCode  string
	trigger             Span
}

// dropObjectless removes an office relation without a state or body when
// the same sentence gives the same person and office with one (two rules
// read "the AfD, whose co-leader Alice Weidel": one finds the party).
func (s *state) dropObjectless(d *Document) {
	type key struct {
		subj, title string
		sentence    int
	}
	with := map[key]bool{}
	for _, r := range d.Relations {
		if r.Type == "holds_role" && r.Object != "" {
			with[key{r.Subject, r.Title, r.Sentence}] = true
		}
	}
	if len(with) == 0 {
		return
	}
	d.Relations = slices.DeleteFunc(d.Relations, func(r Relation) bool {
		return r.Type == "holds_role" && r.Object == "" && with[key{r.Subject, r.Title, r.Sentence}]
	})
}

// sortEvents orders the document's events by their trigger, stably.
func sortEvents(d *Document) {
	slices.SortStableFunc(d.Events, func(a, b Event) int {
		return cmp.Or(cmp.Compare(a.Trigger.Start, b.Trigger.Start), cmp.Compare(a.Trigger.End, b.Trigger.End))
	})
}

// triggerOf returns the token range of a pending event's trigger.
func triggerOf(p pendingRel) [2]int {
	a, b, ok := capSpan(p.match, p.emit.Event.Trigger)
	if !ok || a >= b {
		a, b = p.match.Start, p.match.End
	}
	return [2]int{a, b}
}

// spanOf returns the sentence and the evidence span of a pending
// relation or event.
func (s *state) spanOf(p pendingRel) (int, Span) {
	m := p.match
	ea, eb, ok := capSpan(m, evidenceOf(p.emit))
	if !ok || ea >= eb {
		ea, eb = m.Start, m.End
	}
	return int(s.sentOf[ea]), Span{s.toks[ea].Start, s.toks[eb-1].End}
}

// exclusiveFirst returns, for each trigger that exclusive event emissions
// coded (evs are their events, by pending index), the rule that comes
// first in the rule set: of several patterns of one verb, the most
// specific is written first, and only its events stand ("abandon
// diplomatic ties" is coded by its pattern, not by the verb's general
// code).
func (s *state) exclusiveFirst(evs [][]Event) map[[2]int]*rules.Rule {
	var first map[[2]int]*rules.Rule
	for i, p := range s.pending {
		if p.emit.Event == nil || !p.emit.Event.Exclusive || len(evs[i]) == 0 {
			continue
		}
		if first == nil {
			first = map[[2]int]*rules.Rule{}
		}
		k := triggerOf(p)
		if r, ok := first[k]; !ok || p.match.Rule.Order() < r.Order() {
			first[k] = p.match.Rule
		}
	}
	return first
}

func evidenceOf(e rules.Emit) string {
	switch {
	case e.Relation != nil:
		return e.Relation.Evidence
	case e.Event != nil:
		return e.Event.Evidence
	}
	return ""
}

// chosenAt returns the settled mention best covering tokens [a, b): one
// with exactly that span, else the longest inside it, else one containing
// it. Titles and time expressions are never actors. Nil when there is none.
func (s *state) chosenAt(a, b int) *candidate {
	var inside, around *candidate
	// Settled mentions do not overlap and are in text order, so their
	// ends are in order too: only those from the first ending at or after
	// a to the last starting at or before b can touch the span.
	lo := sort.Search(len(s.chosen), func(k int) bool { return s.chosen[k].last >= a })
	for i := lo; i < len(s.chosen) && s.chosen[i].first <= b; i++ {
		c := s.chosen[i]
		if notActor(c.label) {
			continue
		}
		switch {
		case c.first == a && c.last == b:
			return c
		case c.first >= a && c.last <= b:
			if inside == nil || c.last-c.first > inside.last-inside.first {
				inside = c
			}
		case c.first <= a && c.last >= b && around == nil:
			around = c
		}
	}
	if inside != nil {
		return inside
	}
	return around
}

// chosenStartingIn returns the range [lo, hi) of the settled mentions that
// start at tokens [a, b). The relation stage asks for the mentions of a
// span or a sentence once per match; a scan of all of them made a long
// document quadratic (a 4 MB text on one line took 51 s).
func (s *state) chosenStartingIn(a, b int) (lo, hi int) {
	lo = sort.Search(len(s.chosen), func(k int) bool { return s.chosen[k].first >= a })
	hi = lo + sort.Search(len(s.chosen)-lo, func(k int) bool { return s.chosen[lo+k].first >= b })
	return lo, hi
}

// entityOfCap returns the entity of the settled mention at capture name,
// or "" when the capture is missing or covers no mention with an entity.
func (s *state) entityOfCap(m *rules.Match, name string) (string, *candidate) {
	if name == "" {
		return "", nil
	}
	a, b, ok := m.Cap(name)
	if !ok || a >= b {
		return "", nil
	}
	c := s.chosenAt(a, b)
	if c == nil || c.entity == "" {
		return "", nil
	}
	return c.entity, c
}

// titleOfCap returns the lexicon title entry in a capture (the last one:
// "Deputy Foreign Minister" is one title; "Prime Minister and Foreign
// Minister" names two, captured apart), and any modifier words before it.
func (s *state) titleOfCap(m *rules.Match, name string) (*lexicon.Entry, string) {
	a, b, ok := m.Cap(name)
	if !ok {
		return nil, ""
	}
	// The longest title name starting first: "Foreign Minister", not the
	// "Minister" inside it.
	var title *lexicon.Entry
	for i := a; i < b && title == nil; i++ {
		best := 0
		for _, l := range s.lexAt[i] {
			if l.Entry.Kind == lexicon.Title && l.End <= b && l.End > best {
				title, best = l.Entry, l.End
			}
		}
	}
	return title, s.text[s.toks[a].Start:s.toks[b-1].End]
}

// isModifier reports whether a key is a word that qualifies an office,
// kept as an attribute. A switch, which compiles to a search by length
// and bytes, rather than a scan of a list: it is asked of every token
// around every title.
func isModifier(k string) bool {
	switch k {
	case "deputy", "acting", "former", "outgoing", "interim", "caretaker", "incoming", "vice", "elect", "designate", "then", "ex", "late", "first", "senior", "junior":
		return true
	}
	return false
}

// modifiersNear lists the modifier words in tokens [a-3, b+2) of the
// sentence, around a title ("former foreign minister", "President-elect").
func (s *state) modifiersNear(a, b int) []string {
	sn := s.sents[s.sentOf[a]]
	var out []string
	for i := max(sn.first, a-3); i < min(sn.last, b+2); i++ {
		k := s.key(i)
		if isModifier(k) && !slices.Contains(out, k) {
			// "deputy" inside a title of its own ("Deputy Foreign
			// Minister") is the title, not a modifier.
			if i >= a && i < b && s.titleCovers(i) {
				continue
			}
			out = append(out, k)
		}
	}
	return out
}

// titleCovers reports whether token i is part of a title name whose first
// token it is not (so "deputy" in "Deputy Foreign Minister" is the title's).
func (s *state) titleCovers(i int) bool {
	for _, l := range s.lexAt[i] {
		if l.Entry.Kind == lexicon.Title && l.End > i+1 && strings.Contains(strings.ToLower(l.Entry.Name), s.key(i)) {
			return true
		}
	}
	return false
}

// relationsOf appends to dst the relations one emission of a match
// proposes: one, or one per member of a list ("each:"), or none when an
// entity is missing or the lexicon knows the relation to be wrong.
func (s *state) relationsOf(dst []Relation, re *rules.RelationEmit, m *rules.Match, sentence int, evidence Span) []Relation {
	switch {
	case strings.HasPrefix(re.Subject, "each:"):
		a, b, ok := m.Cap(strings.TrimPrefix(re.Subject, "each:"))
		if !ok {
			return dst
		}
		lo, hi := s.chosenStartingIn(a, b)
		for i := lo; i < hi; i++ {
			c := s.chosen[i]
			if c.first >= a && c.last <= b && c.entity != "" {
				if r, ok := s.relation(re, m, c.entity, c, sentence, evidence); ok {
					dst = append(dst, r)
				}
			}
		}
		return dst
	case re.Subject == "@antecedent":
		title, _ := s.titleOfCap(m, re.Title)
		org, _ := s.entityOfCap(m, re.Object)
		c := s.antecedent(m.Start, title, org)
		if c == nil {
			return dst
		}
		if r, ok := s.relation(re, m, c.entity, c, sentence, evidence); ok {
			dst = append(dst, r)
		}
		return dst
	}
	subj, subjC := s.entityOfCap(m, re.Subject)
	if r, ok := s.relation(re, m, subj, subjC, sentence, evidence); ok {
		dst = append(dst, r)
	}
	return dst
}

// antecedent finds the person a description by office refers to: the
// last person named before token i whom the lexicon has in that office
// (of org, when the description names it) at the document's date.
//
// Whether a person mention qualifies depends on the office and org only,
// so the qualifying mentions of each (office, org) are listed once per
// document and searched: a scan back through every mention for each
// description made a long text quadratic.
func (s *state) antecedent(i int, title *lexicon.Entry, org string) *candidate {
	if title == nil {
		return nil
	}
	want := s.a.lex.Generic(title.ID)
	key := want + "\x00" + org
	list, ok := s.holders[key]
	if !ok {
		for k := range s.chosen {
			if s.holdsOffice(s.chosen[k], want, org) {
				list = append(list, int32(k))
			}
		}
		if s.holders == nil {
			s.holders = map[string][]int32{}
		}
		s.holders[key] = list
	}
	// The mentions end in text order: the last of the list ending at or
	// before i.
	n, _ := slices.BinarySearchFunc(list, i+1, func(k int32, t int) int { return cmp.Compare(s.chosen[k].last, t) })
	if n == 0 {
		return nil
	}
	return s.chosen[list[n-1]]
}

// holdsOffice reports whether c is a person whom the lexicon has in an
// office of generic title want (of org, when given) at the document's
// date, or currently when the document has no date.
func (s *state) holdsOffice(c *candidate, want, org string) bool {
	if c.label != "PERSON" || c.entity == "" {
		return false
	}
	e := s.a.lex.Entry(c.entity)
	if e == nil {
		return false
	}
	for _, r := range e.Roles {
		if s.a.lex.Generic(r.Title) != want || (org != "" && r.Of != org) {
			continue
		}
		if s.heldAtDate(r) {
			return true
		}
	}
	return false
}

// heldAtDate reports whether the lexicon may have role held at the
// document's date or, when the document has none, whether it is held
// now (has no end).
func (s *state) heldAtDate(r lexicon.Role) bool {
	if s.date.IsZero() {
		return r.To.IsZero()
	}
	return r.HoldsAt(s.date) != lexicon.False
}

// relation makes the relation an emission proposes for subj, reporting
// false when there is none. Its attributes are allocated only when it
// has some, which most relations have not.
func (s *state) relation(re *rules.RelationEmit, m *rules.Match, subj string, subjC *candidate, sentence int, evidence Span) (Relation, bool) {
	obj, _ := s.entityOfCap(m, re.Object)
	if subj == "" || (re.Object != "" && re.Title == "" && obj == "") {
		return Relation{}, false
	}
	if re.Type == "located_in" && !s.mayBeIn(subj, obj) {
		return Relation{}, false
	}
	r := Relation{
		Type: re.Type, Subject: subj, Object: obj,
		Sentence: sentence, Evidence: evidence,
		Source: m.Rule.Source(),
	}
	if s.a.opts.Explain {
		r.Explain = explainRule(m.Rule)
	}
	var attrs map[string]string
	set := func(k, v string) {
		if attrs == nil {
			attrs = map[string]string{}
		}
		attrs[k] = v
	}
	if re.Title != "" {
		title, text := s.titleOfCap(m, re.Title)
		if text == "" {
			return Relation{}, false
		}
		if title != nil {
			r.Title = title.ID
		} else {
			r.Title = strings.ToLower(text)
			set("title_text", text)
		}
		if a, b, ok := m.Cap(re.Title); ok {
			if mods := s.modifiersNear(a, b); len(mods) > 0 {
				set("modifier", strings.Join(mods, " "))
			}
		}
		if title != nil {
			// "climate commissioner": the lexicon's office, with the
			// portfolio the text gives before it kept as the title's text.
			if a, _, ok := m.Cap(re.Title); ok && !s.titleStartsAt(a, title) && !isModifier(s.key(a)) {
				set("title_text", text)
			}
		}
		if r.Object == "" && title != nil && subjC != nil {
			// "President Lula": the state is the one the lexicon has
			// him hold the office of, at the document's date.
			if of := s.officeOf(subj, title.ID); of != "" {
				r.Object = of
				set("object_from", "lexicon")
			} else if a, _, ok := m.Cap(re.Title); ok && s.ministerial(title) {
				// "In Congo's Kasai province, Health Minister Roger
				// Kamba …": a minister the lexicon does not know is of
				// the one state the sentence names before the office.
				if st := s.soleStateBefore(sentence, a); st != "" {
					r.Object = st
					set("object_from", "sentence")
				}
			}
		}
	}
	for k, v := range re.Attrs {
		if v = s.expandKnown(v, m); v != "" {
			set(k, v)
		}
	}
	date := ""
	if re.Type == "holds_role" {
		date = s.roleDate(sentence, m)
	} else {
		date = s.dateNear(sentence, evidence)
	}
	if date != "" {
		r.Date = date
	}
	if len(attrs) > 0 {
		r.Attrs = attrs
	}
	return r, true
}

// titleStartsAt reports whether a name of title starts at token i.
func (s *state) titleStartsAt(i int, title *lexicon.Entry) bool {
	for _, l := range s.lexAt[i] {
		if l.Entry == title {
			return true
		}
	}
	return false
}

// ministerial reports whether an office is a state's minister (its
// generic office is "minister" or ends in "-minister"), which only a
// state has.
func (s *state) ministerial(title *lexicon.Entry) bool {
	g := s.a.lex.Generic(title.ID)
	return g == "minister" || strings.HasSuffix(g, "-minister")
}

// soleStateBefore returns the state the sentence places its news in
// before token i ("In Congo's Kasai province, Health Minister …"), when it
// names exactly one; "" otherwise.
func (s *state) soleStateBefore(sentence, i int) string {
	st := ""
	lo, hi := s.chosenStartingIn(s.sents[sentence].first, min(i, s.sents[sentence].last))
	for k := lo; k < hi; k++ {
		c := s.chosen[k]
		if int(s.sentOf[c.first]) != sentence || c.entity == "" {
			continue
		}
		// A state the sentence places things in: "In Congo's Kasai
		// province", "in Brazil,"; not a dateline's city, nor a state
		// named as a partner ("after talks with Iran").
		if c.label != "COUNTRY" || !(c.last < len(s.toks) && s.key(c.last) == "'s" || c.first > 0 && s.key(c.first-1) == "in") {
			continue
		}
		e := s.a.lex.Entry(c.entity)
		if e == nil {
			continue
		}
		x := stateOf(e)
		if x == "" {
			continue
		}
		if st != "" && st != x {
			return ""
		}
		st = x
	}
	return st
}

// roleDate returns the date of an office: the nearest calendar date of
// the sentence that governs the words of the match, that is, one in the
// same clause (no "that", "who", "but", ", and" or speech verb opening a
// clause between them), not after the document's date (a plan does not
// date an office held now), not a clock time, and not a year naming
// something ("the 2015 Paris Agreement"). "" when none does.
func (s *state) roleDate(sentence int, m *rules.Match) string {
	best, dist := "", -1
	lo, hi := s.chosenStartingIn(s.sents[sentence].first, s.sents[sentence].last)
	for i := lo; i < hi; i++ {
		c := s.chosen[i]
		if c.label != "DATE" || int(s.sentOf[c.first]) != sentence || c.value == "" || c.value[0] < '0' || c.value[0] > '9' {
			continue
		}
		if c.last < len(s.toks) && int(s.sentOf[c.last]) == sentence && s.toks[c.last].Case == token.Title && c.last-c.first == 1 {
			continue // "the 2015 Paris Agreement"
		}
		if !s.date.IsZero() {
			if d, err := lexicon.ParseDate(c.value); err == nil && s.date.Before(d) {
				continue
			}
		}
		var a, b int // the tokens between the date and the match
		switch {
		case c.last <= m.Start:
			a, b = c.last, m.Start
		case c.first >= m.End:
			a, b = m.End, c.first
		default:
			a, b = c.first, c.first
		}
		if s.clauseBreak(a, b) {
			continue
		}
		if d := b - a; dist < 0 || d < dist {
			best, dist = c.value, d
		}
	}
	return best
}

// isClauseWord reports whether a key is a word that opens another
// clause: a date beyond one does not govern what stands before it.
func isClauseWord(k string) bool {
	switch k {
	case "that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "because", "although", "though", "but", "saying", ";":
		return true
	}
	return false
}

// clauseBreak reports whether tokens [a, b) hold a clause boundary: a
// clause word, "and"/"or" after a comma, or a verb of reported speech
// followed by its clause ("said the company …", not "said on Monday").
func (s *state) clauseBreak(a, b int) bool {
	for i := a; i < b; i++ {
		k := s.key(i)
		if isClauseWord(k) {
			return true
		}
		if (k == "and" || k == "or") && i > 0 && s.key(i-1) == "," {
			return true
		}
		if s.a.lists.reporting.Has(&s.rdoc, i) && i+1 < b {
			switch s.key(i + 1) {
			case "on", "in", "at", "late", "early", "last", "this", "yesterday", "today", ",":
			default:
				if !s.timeStartsAt(i + 1) {
					return true
				}
			}
		}
	}
	return false
}

// timeStartsAt reports whether a time expression starts at token i.
func (s *state) timeStartsAt(i int) bool {
	lo, hi := s.chosenStartingIn(i, i+1)
	for k := lo; k < hi; k++ {
		switch s.chosen[k].label {
		case "DATE", "TIME", "DURATION", "SET":
			return true
		}
	}
	return false
}

// officeOf returns where person id holds (or, when the date is unknown,
// held last) the office title, by the lexicon.
func (s *state) officeOf(id, title string) string {
	e := s.a.lex.Entry(id)
	if e == nil {
		return ""
	}
	want := s.a.lex.Generic(title)
	best := ""
	var bestFrom lexicon.Date
	for _, r := range e.Roles {
		if s.a.lex.Generic(r.Title) != want {
			continue
		}
		if !s.date.IsZero() {
			if r.HoldsAt(s.date) != lexicon.False {
				return r.Of
			}
			continue
		}
		if best == "" || r.From.Compare(bestFrom) > 0 {
			best, bestFrom = r.Of, r.From
		}
	}
	return best
}

// expandKnown expands a template like expand, but returns "" when it
// names a capture the match lacks.
func (s *state) expandKnown(v string, m *rules.Match) string {
	out := s.expand(v, m)
	if strings.Contains(out, "{") && strings.Contains(out, "}") {
		return ""
	}
	return out
}

// dateNear returns the value of the date expression of the sentence
// nearest the evidence, "" when the sentence has none.
func (s *state) dateNear(sentence int, ev Span) string {
	best, dist := "", -1
	lo, hi := s.chosenStartingIn(s.sents[sentence].first, s.sents[sentence].last)
	for i := lo; i < hi; i++ {
		c := s.chosen[i]
		if c.label != "DATE" && c.label != "TIME" || int(s.sentOf[c.first]) != sentence || c.value == "" {
			continue
		}
		d := 0
		switch {
		case c.end <= ev.Start:
			d = ev.Start - c.end
		case c.start >= ev.End:
			d = c.start - ev.End
		}
		if dist < 0 || d < dist {
			best, dist = c.value, d
		}
	}
	return best
}

// mayBeIn reports whether place a may lie in place b as far as the
// lexicon knows: a city of one state is not in another.
func (s *state) mayBeIn(a, b string) bool {
	ea, eb := s.a.lex.Entry(a), s.a.lex.Entry(b)
	if ea == nil || eb == nil || ea.Country == "" {
		return true
	}
	switch eb.Kind {
	case lexicon.Country, lexicon.Territory:
		return ea.Country == eb.ID
	case lexicon.Region:
		return eb.Country == "" || eb.Country == ea.Country
	}
	return true
}

// lexiconRelations adds what the lexicon knows between entities the
// document names: membership (Turkey member_of NATO) and parts
// (the Security Council part_of the UN), with the member's first mention
// as evidence.
//
// The entities are taken as export grouped them (entFirsts, entEntries,
// byEntity), in the order of their first mentions. The order does not
// show: the relations are sorted by evidence at the end of the stage,
// stably, and two entities' first mentions never share a span, so the
// relations of one entity keep their order (parts, then memberships) and
// those of different entities are ordered by the sort alone. (They were
// taken in the order of their ids, which cost a sort of strings per
// document.) Whether the other side is named is asked of the filter of
// the document's ids (entNamed) first: most organisations a state is a
// member of are not, and the filter spares their lookups in byEntity.
func (s *state) lexiconRelations(d *Document) {
	for i, k := range s.entFirsts {
		e := s.entEntries[i]
		if e == nil {
			continue
		}
		c := s.chosen[k]
		id := e.ID
		add := func(typ, obj string) {
			if !s.entNamed.has(obj) || obj == id {
				return
			}
			if _, named := s.byEntity.get(obj); !named {
				return
			}
			d.Relations = append(d.Relations, Relation{
				Type: typ, Subject: id, Object: obj,
				Sentence: int(s.sentOf[c.first]), Evidence: Span{c.start, c.end},
				Source: "lexicon",
			})
		}
		for _, o := range e.PartOf {
			add("part_of", o)
		}
		for _, org := range s.a.lex.MemberOf(id) {
			add("member_of", org)
		}
	}
}

// idFilter is a filter of 256 bits of entity ids, set by a hash of an
// id's length and first and last bytes: an id it lacks is not in the
// set it was made of; one it has may be.
type idFilter [4]uint64

func idHash(id string) uint {
	return ((uint(id[0])*31+uint(id[len(id)-1]))*7 + uint(len(id))) & 255
}

// add sets the bit of id, which is not "".
func (f *idFilter) add(id string) {
	h := idHash(id)
	f[h/64] |= 1 << (h % 64)
}

// has reports whether the bit of id is set; never for "".
func (f *idFilter) has(id string) bool {
	if id == "" {
		return false
	}
	h := idHash(id)
	return f[h/64]&(1<<(h%64)) != 0
}

// notActor reports whether mentions of a label never stand for an actor
// or a party to a relation.
func notActor(label string) bool {
	switch label {
	case "TITLE", "DATE", "TIME", "DURATION", "SET", "QUANTITY", "MONEY":
		return true
	}
	return false
}
