package annotate

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsann/newsann/annotate/internal/scratch"
	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// maxQuote bounds a quotation in bytes, so that a stray quote mark cannot
// make the rest of an article one quote.
const maxQuote = 8000

// quote is a quotation found in the text: the tokens between its marks.
type quote struct {
	first, last int // tokens inside the marks
	open, close int // the mark tokens (close -1 when a paragraph ends it)
}

// quotes adds a `said` relation for each quotation whose speaker the text
// names: direct quotes, attributed after the quote ("…," Fidan said / said
// Fidan / according to Fidan) or before it (Fidan said: "…"), including
// quotes that run over several paragraphs, each reopened with a quote
// mark; and reported speech ("Araghchi said that …"). A pronoun ("he
// said") refers to the last person named before the quote.
func (s *state) quotes(d *Document) {
	if s.a.rules == nil {
		return
	}
	s.indexChosen()
	s.quoted = scratch.Resize(s.quoted, len(s.toks))
	quoted := s.quoted
	clear(quoted)
	for _, q := range s.findQuotes() {
		for i := q.first; i < q.last; i++ {
			quoted[i] = true
		}
		spk, verb := s.attribution(q)
		if spk == nil {
			continue
		}
		s.addSaid(d, spk, verb, q.first, q.last, "direct")
	}
	// Reported speech: a speaker, a speech verb, optionally "that", and
	// the rest of the sentence, outside quotation marks.
	cues := s.speechCues(quoted)
	for _, sn := range s.sents {
		for len(cues) > 0 && int(cues[0]) < sn.first {
			cues = cues[1:]
		}
		for ; len(cues) > 0 && int(cues[0]) < sn.last-2; cues = cues[1:] {
			i := int(cues[0])
			saying := s.key(i) == "saying" && i > sn.first && s.key(i-1) == ","
			if !saying && !s.a.lists.speech.Has(&s.rdoc, i) {
				continue
			}
			start := i + 1
			// "told reporters (in Geneva) that …", "told the summit that …":
			// the hearer, then the clause.
			told := false
			if k := s.key(i); k == "told" || k == "tells" || k == "tell" {
				if j := s.hearerEnd(start, sn.last); j > start {
					start, told = j, true
				}
			}
			// "wrote on social media that …": a phrase before "that".
			if j := s.thatAfterPhrase(start, sn.last); j > 0 {
				start = j
			} else if s.key(start) == "that" {
				start++
			} else if !saying && !told && !s.a.lists.reporting.Has(&s.rdoc, i) {
				continue // "said that …", or a verb that takes a clause ("warned")
			}
			if start >= sn.last || quoted[start] || s.isPunct(start) {
				continue
			}
			var spk *candidate
			if saying {
				spk = s.sentenceSubject(sn.first, i)
			} else {
				spk = s.speakerBefore(i, sn.first)
			}
			if spk == nil {
				continue
			}
			if start, end := s.trimPunct(start, sn.last); end > start {
				s.addSaid(d, spk, i, start, end, "reported")
			}
			break
		}
	}
}

// speechCues returns, in text order, the tokens where reported speech
// may begin: those not quoted that are a speech verb or "saying". One
// pass over the text's ids finds them (nextMarked), asking the list only
// about the tokens whose vocabulary id is a speech verb's, and comparing
// with "saying" only the keys of tokens with its id: the ids pass over
// nearly every other word for one read of a bit. (A search from each
// token the sentences' loop reached, one sentence at a time, cost a
// third more.)
func (s *state) speechCues(quoted []bool) []int32 {
	cues := s.cues[:0]
	ids, cueIDs := s.ids[:len(s.toks)], s.a.lists.cueIDs
	for i := nextMarked(ids, cueIDs, 0); i < len(ids); i = nextMarked(ids, cueIDs, i+1) {
		c := cueIDs[ids[i]]
		if !quoted[i] && (c&cueVerb != 0 && s.a.lists.speech.Has(&s.rdoc, i) || c&cueSaying != 0 && s.key(i) == "saying") {
			cues = append(cues, int32(i))
		}
	}
	s.cues = cues
	return cues
}

// nextMarked returns the first index from i on (len(ids) for none) whose
// id marked has a bit for. It is a loop of its own, without a call, so
// that its values stay in registers: a read of a byte by the id, a test
// and a branch a token.
func nextMarked(ids []int32, marked []uint8, i int) int {
	for ; i < len(ids); i++ {
		if marked[ids[i]] != 0 {
			return i
		}
	}
	return len(ids)
}

// quoteSource is the Source of a said relation of a kind of quote,
// spelled out so that no string is built per quote.
func quoteSource(kind string) string {
	switch kind {
	case "direct":
		return "rule:quote.direct"
	case "reported":
		return "rule:quote.reported"
	}
	return "rule:quote." + kind
}

func (s *state) addSaid(d *Document, spk *candidate, verb, first, last int, kind string) {
	r := Relation{
		Type: "said", Subject: spk.entity, Object: "",
		Sentence: int(s.sentOf[first]),
		Evidence: Span{s.toks[first].Start, s.toks[last-1].End},
		Attrs:    map[string]string{"quote": kind},
		Source:   quoteSource(kind),
	}
	if verb >= 0 {
		r.Attrs["verb"] = s.key(verb)
	}
	if s.a.opts.Explain {
		r.Explain = "a " + kind + " quote attributed to " + spk.entity
	}
	d.Relations = append(d.Relations, r)
}

// isQuoteMark reports whether token i is a double quotation mark, and
// which way it faces: +1 opening, -1 closing, 0 either.
func (s *state) isQuoteMark(i int) (bool, int) {
	w := s.text[s.toks[i].Start:s.toks[i].End]
	// Every mark begins with '"' or the lead byte of “ ” „ (0xE2) or of «
	// » (0xC2): other tokens, nearly all, are told by their first byte.
	if w == "" || w[0] != '"' && w[0] != 0xE2 && w[0] != 0xC2 {
		return false, 0
	}
	return quoteMark(w)
}

// quoteMark reports whether w is a double quotation mark, and which way
// it faces.
func quoteMark(w string) (bool, int) {
	switch w {
	case "\u201c", "\u00ab", "\u201e":
		return true, 1
	case "\u201d", "\u00bb":
		return true, -1
	case `"`:
		return true, 0
	}
	return false, 0
}

// findQuotes pairs quotation marks. A straight quote opens when white
// space precedes it and not follows it. A quote still open at the end of
// a paragraph continues when the next paragraph opens with a quote mark
// (wire style); otherwise the paragraph ends it.
//
// Nearly every token changes nothing, so nextToWatch and, outside
// quotes, a markFinder pass them, and only the tokens they stop at go
// through the rules below; the quotes are gathered and merged in the
// state's scratch, which the caller reads before the next document.
func (s *state) findQuotes() []quote {
	toks, text := s.toks, s.text
	out := s.quoteBuf[:0]
	open, openStart := -1, 0 // the open mark's token and its byte offset
	marks := newMarkFinder()
	for i := 0; i < len(toks); i++ {
		// Pass the tokens that change nothing: all but the marks, and
		// when a quote is open, a paragraph's first token and the first
		// past maxQuote.
		if open < 0 {
			i = marks.next(toks, text, i)
		} else {
			i = nextToWatch(toks, text, i, openStart+maxQuote, 2)
		}
		if i == len(toks) {
			break
		}
		t := &toks[i]
		if open >= 0 && t.Newlines >= 2 {
			// A paragraph break inside an open quote.
			out = append(out, quote{first: open + 1, last: i, open: open, close: -1})
			if ok, dir := s.isQuoteMark(i); ok && dir >= 0 {
				open, openStart = i, t.Start
				continue
			}
			open = -1
		}
		ok, dir := quoteMark(text[t.Start:t.End])
		if !ok {
			if open >= 0 && t.End-openStart > maxQuote {
				open = -1
			}
			continue
		}
		if dir == 0 {
			spaceBefore := t.Space
			spaceAfter := i+1 >= len(toks) || toks[i+1].Space
			switch {
			case open < 0 && (spaceBefore || !spaceAfter):
				dir = 1
			case open >= 0:
				dir = -1
			default:
				dir = 1
			}
		}
		if dir > 0 {
			open, openStart = i, t.Start
			continue
		}
		if open >= 0 && i > open+1 {
			out = append(out, quote{first: open + 1, last: i, open: open, close: i})
		}
		open = -1
	}
	// Merge the parts of one quotation broken by paragraphs: their
	// attribution is after the last part. The merged list is written over
	// out, never ahead of where it is read.
	merged := out[:0]
	for _, q := range out {
		if n := len(merged); n > 0 && merged[n-1].close < 0 && merged[n-1].last == q.open {
			merged[n-1].last, merged[n-1].close = q.last, q.close
			continue
		}
		merged = append(merged, q)
	}
	for i := range merged {
		for merged[i].last > merged[i].first && s.isPunct(merged[i].last-1) && s.key(merged[i].last-1) != "?" {
			merged[i].last-- // the comma before the closing mark
		}
	}
	s.quoteBuf = out
	return merged
}

// A markFinder finds the tokens whose first byte may begin a quote mark,
// as nextToWatch does outside quotes, from the bytes of the text rather
// than token by token: strings.IndexByte, which reads many bytes at a
// time, finds each of the three bytes, and the token at a byte found is
// looked up by a binary search. Each byte's next offset is kept until
// the search passes it, so that the text is read once for each byte.
// Texts have a few marks a paragraph, so the tokens between (nearly
// all) are never read.
type markFinder struct {
	at [len(markBytes)]int // each byte's next offset, -1 before the first search
}

// markBytes are the first bytes of the quote marks: '"', and the lead
// bytes of “ ” „ (0xE2) and of « » (0xC2).
var markBytes = [...]byte{'"', 0xE2, 0xC2}

func newMarkFinder() markFinder {
	return markFinder{at: [len(markBytes)]int{-1, -1, -1}}
}

// next returns the first token from i on (len(toks) for none) whose
// first byte is one of markBytes: nextToWatch(toks, text, i,
// math.MaxInt, 256). The tokens are in text order and do not overlap.
func (f *markFinder) next(toks []token.Token, text string, i int) int {
	for i < len(toks) {
		off := toks[i].Start
		pos := len(text) // the first of the bytes at or after off
		for k, b := range markBytes {
			if f.at[k] < off {
				f.at[k] = len(text)
				if j := strings.IndexByte(text[off:], b); j >= 0 {
					f.at[k] = off + j
				}
			}
			pos = min(pos, f.at[k])
		}
		if pos == len(text) {
			return len(toks)
		}
		// The first token ending after pos: the tokens before it from i
		// on begin before pos, with none of the bytes. pos is its first
		// byte, or in the space before it, or inside it.
		j := i + sort.Search(len(toks)-i, func(k int) bool { return toks[i+k].End > pos })
		switch {
		case j == len(toks), toks[j].Start == pos:
			return j
		case toks[j].Start > pos:
			i = j
		default:
			i = j + 1
		}
	}
	return len(toks)
}

// nextToWatch returns the first token from i on (len(toks) for none)
// that may be a quote mark, begins with newlines or more line breaks
// before it, or ends past byte limit: the only tokens that can change
// findQuotes's state. Every mark begins with '"' or the lead byte of “ ”
// „ (0xE2) or of « » (0xC2), so the others, nearly all tokens, are told
// by their first byte.
func nextToWatch(toks []token.Token, text string, i, limit, newlines int) int {
	for ; i < len(toks); i++ {
		t := &toks[i]
		if t.End > limit || int(t.Newlines) >= newlines {
			return i
		}
		if t.Start < t.End {
			if c := text[t.Start]; c == '"' || c == 0xE2 || c == 0xC2 {
				return i
			}
		}
	}
	return i
}

// attribution finds who said quote q: right after the closing mark
// (", Fidan said", ", said Fidan", "Fidan added", ", according to Fidan",
// "she said"), else just before the opening mark ("Fidan said: ").
func (s *state) attribution(q quote) (*candidate, int) {
	// A quote that ends its sentence with a full stop ('…war."') is not
	// attributed by the next sentence; one ending with a comma, a question
	// or an exclamation mark may be ('…," she said', '…?" she asked').
	endsSentence := q.close > 0 && s.key(q.close-1) == "." && q.close+1 < len(s.toks) && s.sentOf[q.close+1] != s.sentOf[q.close]
	if q.close >= 0 && q.close+1 < len(s.toks) && !endsSentence {
		i := q.close + 1
		if s.key(i) == "," {
			i++
		}
		end := min(len(s.toks), i+8)
		if i < end && s.key(i) == "according" && i+1 < end && s.key(i+1) == "to" {
			if c := s.speakerAt(i + 2); c != nil {
				return c, i
			}
		}
		if i < end && s.a.lists.attribution.Has(&s.rdoc, i) {
			if c := s.speakerAt(i + 1); c != nil {
				return c, i // said Fidan
			}
		}
		// she said: the last person named before the quote.
		if i+1 < end && s.isPronoun(i) && s.a.lists.attribution.Has(&s.rdoc, i+1) {
			if c := s.lastPersonBefore(q.open); c != nil {
				return c, i + 1
			}
		}
		// Fidan said, Foreign Minister Hakan Fidan has said.
		if c := s.speakerAt(i); c != nil && !s.isPronoun(i) {
			j := c.last
			for j < end && slices.Contains(betweenSpeakerAndVerb, s.key(j)) {
				j++
			}
			if j < end && s.a.lists.attribution.Has(&s.rdoc, j) {
				return c, j
			}
		}
	}
	// Before the opening mark, in the same sentence: "Fidan said: ".
	start := s.sents[s.sentOf[q.open]].first
	for i := q.open - 1; i >= max(start, q.open-3); i-- {
		if s.a.lists.attribution.Has(&s.rdoc, i) {
			if c := s.speakerBefore(i, start); c != nil {
				return c, i
			}
		}
	}
	return nil, -1
}

// betweenSpeakerAndVerb are the words that may stand between a speaker
// and the speech verb ("Fidan has also said").
var betweenSpeakerAndVerb = []string{"has", "had", "also", "later"}

// placePreps are prepositions after which a name is where something is,
// not who speaks.
var placePreps = []string{"in", "at", "near", "from", "outside", "inside", "across", "throughout", "around", "into", "to", "with", "by", "on"}

// speakerKinds are the labels a speaker can have.
var speakerLabels = []string{"PERSON", "ORGANIZATION", "COUNTRY", "CITY", "TERRITORY"}

// speakerAt returns the speaker mention starting at token i, skipping a
// title ("said Foreign Minister Hakan Fidan"); a pronoun resolves to the
// last person before i.
func (s *state) speakerAt(i int) *candidate {
	for i < len(s.toks) {
		if s.key(i) == "the" || s.key(i) == "a" {
			i++
			continue
		}
		if c := s.chosenStarting(i); c != nil {
			switch {
			case c.label == "TITLE" || c.label == "NATIONALITY":
				i = c.last
				continue
			case slices.Contains(speakerLabels, c.label) && c.entity != "":
				return c
			}
			return nil
		}
		if s.isPronoun(i) {
			return s.lastPersonBefore(i)
		}
		return nil
	}
	return nil
}

// speakerBefore returns the speaker mention ending at or just before token
// i (the verb), not before token lo: "Fidan said", "Hakan Fidan, the
// minister, said" is not attempted; a pronoun resolves to the last person.
func (s *state) speakerBefore(i, lo int) *candidate {
	j := i - 1
	for j >= lo && slices.Contains(betweenSpeakerAndVerb, s.key(j)) {
		j--
	}
	if j < lo {
		return nil
	}
	if c := s.chosenEnding(j + 1); c != nil && slices.Contains(speakerLabels, c.label) && c.entity != "" && c.first >= lo {
		if c.first > lo && slices.Contains(placePreps, s.key(c.first-1)) {
			return nil // "tests at the institute in Kinshasa confirmed": a place, not a speaker
		}
		return c
	}
	if s.isPronoun(j) {
		return s.lastPersonBefore(j)
	}
	return nil
}

// hearers are the words for an audience a speaker tells something.
var hearers = []string{"reporters", "journalists", "supporters", "lawmakers", "legislators", "parliament", "delegates", "investors", "analysts", "parliamentarians", "senators", "students", "crowds", "voters", "them", "him", "her", "us", "me"}

// hearerEnd returns the token after the hearer of "told" that starts at
// token i ("reporters", "the summit", "the closing plenary", a name),
// or i when there is none.
func (s *state) hearerEnd(i, last int) int {
	if i >= last {
		return i
	}
	if slices.Contains(hearers, s.key(i)) {
		return i + 1
	}
	if c := s.chosenStarting(i); c != nil && slices.Contains(speakerLabels, c.label) {
		return c.last
	}
	if k := s.key(i); k == "the" || k == "a" || k == "an" {
		for j := i + 1; j < last && j <= i+3; j++ {
			if s.toks[j].Kind != token.Word || s.toks[j].Case != token.Lower || s.a.lists.speech.Has(&s.rdoc, j) {
				break
			}
			if j+1 < last && s.key(j+1) == "that" {
				return j + 1
			}
		}
	}
	return i
}

// thatAfterPhrase returns the token after "that" when a short
// prepositional phrase stands between the verb and it ("wrote on social
// media that", "told reporters in Geneva that"), else 0.
func (s *state) thatAfterPhrase(i, last int) int {
	switch s.key(i) {
	case "on", "in", "at", "to", "via", "during", "after", "before", "late", "early", "earlier", "later":
	default:
		return 0
	}
	for j := i + 1; j < last && j <= i+5; j++ {
		if s.key(j) == "that" {
			return j + 1
		}
		if s.isPunct(j) || s.a.lists.speech.Has(&s.rdoc, j) {
			return 0
		}
	}
	return 0
}

// sentenceSubject returns the speaker that opens the sentence starting at
// token lo, before token i ("Ukrainian President Volodymyr Zelensky, who
// …, urged leaders to act, saying …"): a state's or body's title and a
// demonym are skipped, so "U.S. President Donald Trump" is Trump.
func (s *state) sentenceSubject(lo, i int) *candidate {
	j := lo
	for j < i {
		if k := s.key(j); k == "the" || k == "a" {
			j++
			continue
		}
		c := s.chosenStarting(j)
		if c == nil {
			return nil
		}
		if c.label == "TITLE" || c.label == "NATIONALITY" {
			j = c.last
			continue
		}
		if c.label == "COUNTRY" || c.label == "ORGANIZATION" {
			if n := c.last; n < i && (s.key(n) == "'s" && n+1 < i && s.chosenStarting(n+1) != nil && s.chosenStarting(n+1).label == "TITLE" || s.chosenStarting(n) != nil && s.chosenStarting(n).label == "TITLE") {
				j = c.last
				if s.key(j) == "'s" {
					j++
				}
				continue
			}
		}
		if slices.Contains(speakerLabels, c.label) && c.entity != "" {
			return c
		}
		return nil
	}
	return nil
}

func (s *state) isPronoun(i int) bool {
	switch s.key(i) {
	case "he", "she":
		return s.toks[i].Kind == token.Word
	}
	return false
}

// indexChosen lists, once per document, the settled person mentions,
// in text order as chosen is, for lastPersonBefore.
//
// The settled mentions are in text order and do not overlap, so those
// starting or ending at a token, and the last person before one, are
// found by binary search: the lookups are made only about the tokens
// around speech verbs and quotes, and tables by token, filled for every
// token of the text, cost more than all of them.
func (s *state) indexChosen() {
	persons := s.persons[:0]
	for k := range s.chosen {
		if c := s.chosen[k]; c.label == "PERSON" && c.entity != "" {
			persons = append(persons, int32(k))
		}
	}
	s.persons = persons
}

// lastPersonBefore returns the last person mention ending at or before
// token i.
func (s *state) lastPersonBefore(i int) *candidate {
	n := sort.Search(len(s.persons), func(j int) bool { return s.chosen[s.persons[j]].last > i })
	if n == 0 {
		return nil
	}
	return s.chosen[s.persons[n-1]]
}

// chosenStarting returns the settled mention starting at token i, nil
// for none.
func (s *state) chosenStarting(i int) *candidate {
	if lo, hi := s.chosenStartingIn(i, i+1); lo < hi {
		return s.chosen[lo]
	}
	return nil
}

// chosenEnding returns the settled mention ending at token i (its last
// token i-1), nil for none.
func (s *state) chosenEnding(i int) *candidate {
	k := sort.Search(len(s.chosen), func(k int) bool { return s.chosen[k].last >= i })
	if k < len(s.chosen) && s.chosen[k].last == i {
		return s.chosen[k]
	}
	return nil
}

// modalities are the modality cues' names, most telling first: "plans to
// visit" is planned, though "to" alone would make it desired.
var modalities = [...]string{"planned", "future", "possible", "desired"}

// wordLists are the rule set's word lists the pipeline's own code reads
// at every token, or at every candidate (genericOrg, generic-org-words),
// made once per Annotator.
type wordLists struct {
	speech, reporting, attribution, negation rules.WordList
	modality                                 [len(modalities)]rules.WordList
	genericOrg                               rules.WordList
	// cueIDs says by vocabulary id (the matcher's) which words may begin
	// reported speech, for speechCues: the speech verbs (cueVerb) and
	// "saying" (cueSaying). A token's rule word is the word its key
	// spells, and a key has one id, so the list's Has is true only for a
	// token whose id has cueVerb. A word the matcher lacks has id 0, the
	// id of every key it lacks: were a speech verb one, 0 would have
	// cueVerb and those tokens would all be tested. (The annotator numbers
	// "saying" itself.) A byte by id is read with fewer instructions than
	// a bit.
	cueIDs []uint8
}

// The bits of wordLists.cueIDs.
const (
	cueVerb   uint8 = 1 << iota // a speech verb
	cueSaying                   // "saying"
)

// newWordLists reads the word lists of rs, and the ids m gives their words.
func newWordLists(rs *rules.RuleSet, m *lexicon.Matcher) wordLists {
	l := wordLists{
		speech:      rs.WordList("speech-verbs"),
		reporting:   rs.WordList("reporting-verbs"),
		attribution: rs.WordList("attribution-verbs"),
		negation:    rs.WordList("negation-cues"),
		genericOrg:  rs.WordList("generic-org-words"),
	}
	for i, m := range modalities {
		l.modality[i] = rs.WordList("modality-" + m)
	}
	l.cueIDs = make([]uint8, m.Tokens()+1)
	l.cueIDs[m.ID("saying")] |= cueSaying
	for _, w := range rs.ListWords("speech-verbs") {
		l.cueIDs[m.ID(w)] |= cueVerb
	}
	return l
}
