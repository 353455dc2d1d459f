// Package check fact-checks an annotated document against the lexicon's
// dated offices: officials given an office they do not hold at the
// document's date, a predecessor's office given as current, a state's
// office given to someone else, a name close to but not the holder's, one
// person given different offices, and titled people the lexicon does not
// know.
//
// The checks read what the pipeline found (holds_role relations with their
// modifiers, PERSON and TITLE mentions) and the lexicon; they know nothing
// of the rules that found it, so better rules make better checks without a
// change here. Every finding says which lexicon entry and which dates it
// rests on. A check never guesses: a partial date that cannot settle a
// question, an office whose holders the lexicon does not record, a
// modifier it cannot place, all give no finding.
package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/internal/bitset"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// Options configure a Checker.
type Options struct {
	// Severity sets the severity of the checks it names; Off turns a check
	// off. Checks it does not name keep their default.
	Severity map[string]Severity
}

// Checker runs the checks over documents. Build one with New and share
// it: it is safe for concurrent use.
type Checker struct {
	lex *lexicon.Lexicon
	sev map[string]Severity
	// byTitle lists every holder of each generic office, whatever the
	// state, for names given an office but no state.
	byTitle map[string][]lexicon.Holder
	folders sync.Pool // *token.Folder
	scratch sync.Pool // *scratch
	names   sync.Map  // *lexicon.Entry -> *personParts, filled as persons are compared
	holders sync.Map  // office -> *holderIndex, filled as offices' holders are compared
}

// New returns a Checker over lex. An unknown check id in opts is an error.
func New(lex *lexicon.Lexicon, opts Options) (*Checker, error) {
	c := &Checker{lex: lex, sev: map[string]Severity{}, byTitle: map[string][]lexicon.Holder{}}
	for _, ch := range checks {
		c.sev[ch.ID] = ch.Severity
	}
	for id, s := range opts.Severity {
		if _, ok := c.sev[id]; !ok {
			return nil, fmt.Errorf("unknown check %q (want one of %s)", id, IDs())
		}
		c.sev[id] = s
	}
	for _, e := range lex.Entries() {
		if e.Kind != lexicon.Person {
			continue
		}
		for _, r := range e.Roles {
			g := lex.Generic(r.Title)
			c.byTitle[g] = append(c.byTitle[g], lexicon.Holder{Person: e, Role: r})
		}
	}
	c.folders.New = func() any { return token.NewFolder() }
	c.scratch.New = func() any { return new(scratch) }
	return c, nil
}

// Severity returns the severity check id runs at (Off when it is off).
func (c *Checker) Severity(id string) Severity { return c.sev[id] }

// Check returns the findings of d, whose text is text, sorted by position.
// The document's offsets may be in any unit; the findings' are in the
// same. Findings on a line that a `<!-- newsann-ignore -->` comment covers
// are left out. An error means the document's spans do not fit the text.
func (c *Checker) Check(d *annotate.Document, text string) ([]annotate.Finding, error) {
	unit, err := annotate.ParseOffsetUnit(d.Offsets)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", d.ID, err)
	}
	return c.check(d, text, unit, unit)
}

// CheckIn is Check with the findings' offsets in unit out, whatever the
// document's. The checks read a text by bytes: a caller that annotates
// only to check, as `newsann check` does, spares the pipeline converting
// every span to code points and the checks converting them back by
// annotating in bytes (annotate.Options.Offsets), and gets the findings in
// the unit it reports.
func (c *Checker) CheckIn(d *annotate.Document, text string, out annotate.OffsetUnit) ([]annotate.Finding, error) {
	unit, err := annotate.ParseOffsetUnit(d.Offsets)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", d.ID, err)
	}
	return c.check(d, text, unit, out)
}

// check runs the checks over d, in unit, for findings in unit out.
func (c *Checker) check(d *annotate.Document, text string, unit, out annotate.OffsetUnit) ([]annotate.Finding, error) {
	var err error
	r := &run{c: c, d: d, text: text, pos: newPositions(text, unit, out), flagged: map[string]bool{}}
	if d.Date != "" {
		if r.date, err = lexicon.ParseDate(d.Date); err != nil {
			return nil, fmt.Errorf("document %q: %w", d.ID, err)
		}
		r.dateText = r.date.String()
	}
	f := c.folders.Get().(*token.Folder)
	defer c.folders.Put(f)
	r.folder = f
	s := c.scratch.Get().(*scratch)
	defer c.putScratch(s, r)
	r.claims, r.out, r.cand, r.roles = s.claims, s.out, s.cand, s.roles
	if err := r.readClaims(); err != nil {
		return nil, fmt.Errorf("document %q: %w", d.ID, err)
	}
	for i := range r.claims {
		switch cl := &r.claims[i]; {
		case cl.desc:
		case cl.known != nil:
			r.judgeKnown(cl)
		default:
			r.judgeMinted(cl)
		}
	}
	r.inconsistent()
	r.unknownOfficials()
	r.dateUnknown()
	return r.findings(), nil
}

// scratch is the memory of a Check call that the next one can reuse: a
// corpus's documents have a few dozen claims and findings each, and
// their slices are most of what a call allocates.
type scratch struct {
	claims []claim
	out    []finding
	cand   bitset.Set
	roles  []lexicon.Role
}

// maxScratch is the most claims or findings whose memory is kept for the
// next call: a long text's is let go.
const maxScratch = 1 << 12

// putScratch keeps r's slices in s for the next call, emptied so that
// they hold on to nothing of r's document.
func (c *Checker) putScratch(s *scratch, r *run) {
	if cap(r.claims) > maxScratch || cap(r.out) > maxScratch {
		return
	}
	clear(r.claims)
	clear(r.out)
	s.claims, s.out, s.cand, s.roles = r.claims[:0], r.out[:0], r.cand[:0], r.roles[:0]
	c.scratch.Put(s)
}

// run is the state of one Check call.
type run struct {
	c    *Checker
	d    *annotate.Document
	text string
	pos  *positions
	date lexicon.Date
	// dateText is date as messages write it; note the basis's note of it
	// (dateNote), made on first use.
	dateText, note string
	folder         *token.Folder
	claims         []claim
	out            []finding
	// flagged marks the persons (entity ids) a finding or a lexicon match
	// already explains, so that unknown-official and inconsistent-title
	// do not repeat it.
	flagged map[string]bool
	// skipped is set when a check that needs the date had something to
	// look at and no date.
	skipped *claim
	// cand is judgeMinted's set of holders to compare, kept between claims.
	cand bitset.Set
	// partRels are the comparisons of parts that cand was read from.
	partRels []partRel
	// roles is judgeKnown's list of a person's roles, kept between claims.
	roles []lexicon.Role
	// quote is where inQuote last stopped.
	quote quoteState
}

// finding is a finding with byte offsets, before conversion.
type finding struct {
	annotate.Finding
	span    annotate.Span
	stale   bool // the document is dated after the lexicon's facts
	ordinal int  // emission order, for a stable sort
}

// emit records a finding of check at span, unless the check is off.
func (r *run) emit(check string, span annotate.Span, stale bool, msg, suggestion, entry, basis string) {
	sev := r.c.sev[check]
	if sev == Off {
		return
	}
	if stale {
		sev = sev.lower()
	}
	r.out = append(r.out, finding{
		Finding: annotate.Finding{Check: check, Severity: sev.String(), Message: msg, Suggestion: suggestion, Entry: entry, Basis: basis},
		span:    span, stale: stale, ordinal: len(r.out),
	})
}

// findings converts, filters and sorts the findings.
func (r *run) findings() []annotate.Finding {
	ig := parseIgnores(r.text, r.pos)
	out := make([]annotate.Finding, 0, len(r.out))
	slices.SortStableFunc(r.out, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.span.Start, b.span.Start), cmp.Compare(a.span.End, b.span.End), cmp.Compare(a.ordinal, b.ordinal))
	})
	for _, f := range r.out {
		line := r.pos.lineOf(f.span.Start)
		if ig.suppressed(line, f.Check) {
			continue
		}
		g := f.Finding
		g.Line, g.Column = r.pos.lineCol(f.span.Start)
		g.EndLine, g.EndColumn = r.pos.lineCol(f.span.End)
		g.Start, g.End = r.pos.fromBytes(f.span.Start), r.pos.fromBytes(f.span.End)
		out = append(out, g)
	}
	return out
}

// dateNote says what the document's date is and where it came from, for
// a finding's basis.
func (r *run) dateNote() string {
	if r.note != "" {
		return r.note
	}
	src := ""
	switch r.d.DateSource {
	case "flag":
		src = "given with --date"
	case "record":
		src = "the record's date"
	case "text":
		src = "from the text's dateline"
	case "default":
		src = "the configured default date"
	}
	r.note = "document date " + r.dateText
	if src != "" {
		r.note += " (" + src + ")"
	}
	return r.note
}

// staleNote is added to the basis of a finding that rests on the lexicon
// not knowing of a change, when the document is dated after the entry's
// facts.
func staleNote(asOf lexicon.Date) string {
	return "the lexicon's entry is current to " + asOf.String() + ", before the document's date: the office may have changed hands since, so the finding is one step less severe"
}

// isStale reports whether the document's date is after what the entries'
// files know.
func (r *run) isStale(entries ...*lexicon.Entry) (bool, lexicon.Date) {
	for _, e := range entries {
		if e != nil && !e.AsOf.IsZero() && e.AsOf.Before(r.date) {
			return true, e.AsOf
		}
	}
	return false, lexicon.Date{}
}

// dateUnknown reports, once, that the checks needing a date were skipped.
func (r *run) dateUnknown() {
	if r.skipped == nil {
		return
	}
	var names []string
	for _, ch := range checks {
		if ch.NeedsDate && r.c.sev[ch.ID] != Off {
			names = append(names, ch.ID)
		}
	}
	if len(names) == 0 {
		return
	}
	r.emit(DateUnknown, r.skipped.titleSpan, false,
		"the document has no date, so "+strings.Join(names, ", ")+" did not run",
		"give the date: --date, a JSONL record's \"date\", a dateline, or date: in .newsann.yaml", "", "")
}
