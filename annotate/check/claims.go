package check

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/lexicon"
)

// A claim is what the text says of one person's office: a holds_role
// relation, with the mentions it rests on found back in the text.
type claim struct {
	rel    *annotate.Relation
	person string         // entity id
	known  *lexicon.Entry // the person's lexicon entry; nil for a name the lexicon lacks
	name   string         // the person's name as the text writes it

	title      *lexicon.Entry // the office's lexicon entry; nil for an office the lexicon lacks
	titleText  string         // the office as the text writes it
	object     string         // the state or body the text names ("" for none, or one the lexicon supplied)
	date       lexicon.Date   // the date the sentence gives, if any
	desc       bool           // a description ("the Turkish minister") resolved by the lexicon: nothing to check
	personSpan annotate.Span  // bytes
	titleSpan  annotate.Span  // bytes
	evidence   annotate.Span  // bytes
	// mods are the modifier classes of the words the pipeline found
	// around the office; adjacent are those of the words right before (or,
	// for -elect, right after) the office's own mention.
	mods, adjacent modSet
	modStart       int  // where the adjacent modifiers begin (bytes)
	quoted         bool // inside a quotation: a speaker's words, not the text's
	formerAdj      bool // "former" or "ex-" right before the office: the text says it is no longer held
}

// modClass groups the words that qualify an office by what they say of
// its time or rank.
type modClass uint8

const (
	modPast     modClass = 1 << iota // former, ex-, then-, late
	modFuture                        // incoming, -elect, designate, new
	modCurrent                       // acting, interim, caretaker: held, if not for good
	modOutgoing                      // outgoing: held, or about to be left
	modDeputy                        // deputy, vice: another office, under this one
	modOther                         // senior, junior, first: a rank the lexicon does not record
)

type modSet uint8

func (s modSet) has(c modClass) bool { return s&modSet(c) != 0 }

// plain reports whether the modifiers leave the office as a plain,
// current claim: none, or only acting and the like.
func (s modSet) plain() bool { return s&^modSet(modCurrent) == 0 }

// modifierClass maps modifier words (folded) to their class.
var modifierClass = map[string]modClass{
	"former": modPast, "ex": modPast, "then": modPast, "late": modPast,
	"incoming": modFuture, "elect": modFuture, "designate": modFuture, "designated": modFuture, "new": modFuture, "future": modFuture, "nominee": modFuture,
	"acting": modCurrent, "interim": modCurrent, "caretaker": modCurrent, "current": modCurrent, "sitting": modCurrent,
	"outgoing": modOutgoing,
	"deputy":   modDeputy, "vice": modDeputy, "assistant": modDeputy,
	"senior": modOther, "junior": modOther, "first": modOther, "second": modOther, "shadow": modOther,
}

// readClaims turns the document's holds_role relations into claims.
func (r *run) readClaims() error {
	// Every mention must fit the text; only those a claim rests on are
	// converted to bytes. A document with claims will need the offset
	// index, which also gives the text's length in units.
	// The claims are held in one slice, sized by the relations.
	n := 0
	for i := range r.d.Relations {
		if r.d.Relations[i].Type == "holds_role" {
			n++
		}
	}
	if n > 0 {
		r.pos.offsets()
		r.claims = slices.Grow(r.claims[:0], n)
	}
	for i := range r.d.Mentions {
		if err := r.pos.fits(r.d.Mentions[i].Span()); err != nil {
			return err
		}
	}
	for i := range r.d.Relations {
		rel := &r.d.Relations[i]
		if rel.Type != "holds_role" {
			continue
		}
		ev, err := r.pos.toBytes(rel.Evidence)
		if err != nil {
			return err
		}
		cl := &claim{rel: rel, person: rel.Subject, evidence: ev, object: rel.Object}
		if e := r.c.lex.Entry(rel.Subject); e != nil && e.Kind == lexicon.Person {
			cl.known = e
		} else if !strings.HasPrefix(rel.Subject, "person:") {
			continue // a party, a body: not a person's office
		}
		if e := r.c.lex.Entry(rel.Title); e != nil && e.Kind == lexicon.Title {
			if e.Type != "" && e.Type != "office" {
				continue // an honorific or a rank
			}
			cl.title = e
		}
		cl.titleText = rel.Attrs["title_text"]
		if rel.Attrs["object_from"] == "lexicon" {
			cl.object = ""
		}
		cl.desc = rel.Attrs["via"] == "description"
		if rel.Date != "" {
			cl.date, _ = lexicon.ParseDate(rel.Date) // a value the pipeline cannot settle is no date
		}
		r.findSpans(cl, rel.Evidence)
		for _, w := range strings.Fields(rel.Attrs["modifier"]) {
			cl.mods |= modSet(modifierClass[w])
		}
		cl.adjacent, cl.modStart, cl.formerAdj = r.adjacentModifiers(cl.titleSpan)
		cl.mods |= cl.adjacent
		cl.quoted = r.inQuote(cl.titleSpan.Start)
		r.claims = append(r.claims, *cl)
	}
	return nil
}

// findSpans finds the person's and the office's mentions inside the
// relation's evidence, evUnits, the claim's evidence in the document's
// unit. The mentions are found by their offsets in the unit, which are in
// the same order as bytes, so that only the two found are converted.
func (r *run) findSpans(cl *claim, evUnits annotate.Span) {
	ev := cl.evidence
	ms := r.d.Mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= evUnits.Start })
	title, anyTitle, person := -1, -1, -1
	for ; i < len(ms) && ms[i].Start < evUnits.End; i++ {
		if ms[i].End > evUnits.End {
			continue
		}
		m := &ms[i]
		switch m.Label {
		case "PERSON":
			if m.Entity == cl.person && person < 0 {
				person = i
			}
		case "TITLE":
			if m.Attrs["type"] != "" && m.Attrs["type"] != "office" {
				continue
			}
			if m.Entity == cl.rel.Title || cl.titleText != "" && strings.EqualFold(m.Text, cl.titleText) {
				title = i
			} else if anyTitle < 0 {
				anyTitle = i
			}
		}
	}
	if title < 0 {
		title = anyTitle
	}
	cl.titleSpan, cl.personSpan = ev, ev
	if title >= 0 {
		cl.titleSpan = r.pos.mustBytes(ms[title].Span())
		if cl.titleText == "" {
			cl.titleText = r.text[cl.titleSpan.Start:cl.titleSpan.End]
		}
	} else if cl.titleText != "" {
		if k := strings.Index(r.text[ev.Start:ev.End], cl.titleText); k >= 0 {
			cl.titleSpan = annotate.Span{Start: ev.Start + k, End: ev.Start + k + len(cl.titleText)}
		}
	}
	switch {
	case person >= 0:
		cl.personSpan = r.pos.mustBytes(ms[person].Span())
		cl.name = r.text[cl.personSpan.Start:cl.personSpan.End]
	case title >= 0:
		cl.personSpan = cl.titleSpan // a description: the person is named elsewhere
	}
	if cl.name == "" && cl.known != nil {
		cl.name = cl.known.Name
	}
}

// adjacentModifiers reads the modifier words right before the office's
// mention ("former", "ex-", "Deputy", "then-") and right after it
// ("-elect", "designate"), and where the first of them begins.
func (r *run) adjacentModifiers(title annotate.Span) (set modSet, start int, former bool) {
	start = title.Start
	at := title.Start
	var buf [16]byte
	for range 3 {
		w, ws := wordBefore(r.text, at)
		lw := lowerWord(&buf, w)
		c, ok := modifierClass[string(lw)]
		if !ok {
			break
		}
		set |= modSet(c)
		former = former || string(lw) == "former" || string(lw) == "ex"
		start, at = ws, ws
	}
	if w, _ := wordAfter(r.text, title.End); w != "" {
		if c := modifierClass[string(lowerWord(&buf, w))]; c == modFuture {
			set |= modSet(c)
		}
	}
	return set, start, former
}

// lowerWord returns w as strings.ToLower writes it. An ASCII word that
// fits buf is lowered there, without an allocation: most words before an
// office are no modifier, and are only looked up.
func lowerWord(buf *[16]byte, w string) []byte {
	if len(w) > len(buf) {
		return []byte(strings.ToLower(w))
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return []byte(strings.ToLower(w))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)]
}

// wordBefore returns the word that ends just before at, skipping spaces
// and hyphens, and where it begins.
func wordBefore(text string, at int) (string, int) {
	i := at
	for i > 0 {
		c, w := utf8.DecodeLastRuneInString(text[:i])
		if c != ' ' && c != '-' && c != '\u00a0' {
			break
		}
		i -= w
	}
	end := i
	for i > 0 {
		c, w := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsLetter(c) {
			break
		}
		i -= w
	}
	return text[i:end], i
}

// wordAfter returns the word that follows at after a hyphen or a space.
func wordAfter(text string, at int) (string, int) {
	i := at
	if i < len(text) && (text[i] == '-' || text[i] == ' ') {
		i++
	} else {
		return "", at
	}
	start := i
	for i < len(text) {
		c, w := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(c) {
			break
		}
		i += w
	}
	return text[start:i], start
}

// inQuote reports whether byte offset at lies inside a quotation of its
// paragraph: after an opening “ not yet closed, or after an odd number of
// straight double quotes. Speakers call officials what they like ("We
// don't think President Trump broke the law"); the checks of offices leave
// their words alone.
//
// The claims come mostly in text order, several to a paragraph: a call
// goes on from where the last one stopped when that is earlier, or from
// the last paragraph break since, so that a long paragraph is read once,
// not once a claim. The text is searched, not decoded: the straight
// quotes counted, the curly ones found by their first bytes (lastCurly).
// TestInQuote and FuzzInQuote hold it to refInQuote.
func (r *run) inQuote(at int) bool {
	text, q := r.text, &r.quote
	var from int
	curly, straight := false, false
	if q.valid && q.at <= at && runeStartAt(text, q.at) {
		from, curly, straight = q.at, q.curly, q.straight
		// Paragraph breaks since: afresh from the last.
		for lo := max(q.at-1, 0); ; {
			k := strings.Index(text[lo:at], "\n\n")
			if k < 0 {
				break
			}
			from, curly, straight = lo+k, false, false
			lo += k + 1
		}
	} else {
		from = max(strings.LastIndex(text[:at], "\n\n"), 0)
	}
	seg := text[from:at]
	if strings.Count(seg, `"`)%2 == 1 {
		straight = !straight
	}
	if open, ok := lastCurly(seg); ok {
		curly = open
	}
	*q = quoteState{at: at, curly: curly, straight: straight, valid: true}
	return curly || straight
}

// lastCurly reports whether the last curly quotation mark of s opens a
// quotation (“ „ «) or closes one (” »), and whether s has one. The marks
// are found by their first bytes, 0xe2 (“ ” „) and 0xc2 (« »), which no
// other rune's encoding holds but as its first: a search of bytes, not a
// decoding of every rune.
func lastCurly(s string) (open, found bool) {
	last := -1
	for i := 0; ; i++ {
		k := strings.IndexByte(s[i:], 0xe2)
		if k < 0 {
			break
		}
		i += k
		if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] >= 0x9c && s[i+2] <= 0x9e { // “ ” „
			last, open = i, s[i+2] != 0x9d
		}
	}
	for i := 0; ; i++ {
		k := strings.IndexByte(s[i:], 0xc2)
		if k < 0 {
			break
		}
		i += k
		if i+1 < len(s) && (s[i+1] == 0xab || s[i+1] == 0xbb) && i > last { // « »
			last, open = i, s[i+1] == 0xab
		}
	}
	return open, last >= 0
}

// quoteState is where inQuote last stopped, and whether a quotation was
// open there.
type quoteState struct {
	at                     int
	curly, straight, valid bool
}
