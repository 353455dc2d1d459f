package check

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// judgeKnown checks what the text says of a person the lexicon knows:
// title-mismatch, former-title and wrong-holder.
func (r *run) judgeKnown(cl *claim) {
	p, t := cl.known, cl.title
	if t == nil || cl.quoted {
		return // an office the lexicon lacks, or a speaker's words: nothing to compare
	}
	if r.date.IsZero() {
		r.skip(cl)
		return
	}
	roles := r.roles[:0] // P's roles in the office the text gives
	for _, ro := range p.Roles {
		if r.c.covers(t.ID, ro) && (cl.object == "" || ro.Of == cl.object) {
			roles = append(roles, ro)
		}
	}
	r.roles = roles
	holdsAt := func(at lexicon.Date) bool {
		return !at.IsZero() && slices.ContainsFunc(roles, func(ro lexicon.Role) bool { return ro.HoldsAt(at) != lexicon.False })
	}
	surely := slices.ContainsFunc(roles, func(ro lexicon.Role) bool { return ro.HoldsAt(r.date) == lexicon.True })

	switch {
	case cl.formerAdj:
		// "former Foreign Minister" of someone in that office at the date.
		if !surely {
			return
		}
		ro := roles[slices.IndexFunc(roles, func(ro lexicon.Role) bool { return ro.HoldsAt(r.date) == lexicon.True })]
		stale := ro.To.IsZero() && p.AsOf.Before(r.date)
		span := annotate.Span{Start: cl.modStart, End: cl.titleSpan.End}
		r.flag(cl)
		r.emit(TitleMismatch, span, stale,
			p.Name+" is called former "+t.Name+", but holds the office on "+r.dateText+" ("+term(ro)+")",
			t.Name, p.ID, r.basis(stale, p.AsOf, roleBasis(p, ro)))
		return
	case cl.adjacent.has(modDeputy):
		// "Deputy Defence Minister" of the Defence Minister.
		if !surely {
			return
		}
		ro := roles[slices.IndexFunc(roles, func(ro lexicon.Role) bool { return ro.HoldsAt(r.date) == lexicon.True })]
		span := annotate.Span{Start: cl.modStart, End: cl.titleSpan.End}
		r.flag(cl)
		r.emit(TitleMismatch, span, false,
			p.Name+" is called "+r.text[span.Start:span.End]+", but is "+r.c.office(ro.Title, ro.Of)+" itself on "+r.dateText+" ("+term(ro)+")",
			r.c.name(ro.Title), p.ID, r.basis(false, lexicon.Date{}, roleBasis(p, ro)))
		return
	case cl.mods.has(modOutgoing) && len(roles) > 0:
		return // outgoing: the lexicon may already record the end
	case !cl.mods.plain():
		return // former, incoming, deputy, senior …: not a claim about the office at the date
	}

	if holdsAt(r.date) || holdsAt(cl.date) {
		return
	}
	// Held before the date, and not since.
	var ended, later []lexicon.Role
	for _, ro := range roles {
		switch {
		case !ro.To.IsZero() && ro.To.Before(r.date):
			ended = append(ended, ro)
		case !ro.From.IsZero() && r.date.Before(ro.From):
			later = append(later, ro)
		}
	}
	// The lexicon's history of an office is only as long as it records:
	// it speaks for the date when it has someone in the office then, or
	// has the person in another office then.
	cur, _ := r.c.lex.RolesAt(p.ID, r.date)
	covered := func(ro lexicon.Role) bool {
		sure, maybe := r.c.lex.HoldersAt(ro.Title, ro.Of, r.date)
		return len(maybe) == 0 && len(sure) > 0
	}
	ended = slices.DeleteFunc(ended, func(ro lexicon.Role) bool { return !covered(ro) && len(cur) == 0 })
	later = slices.DeleteFunc(later, func(ro lexicon.Role) bool { return !covered(ro) })
	if len(ended) > 0 {
		last := slices.MaxFunc(ended, func(a, b lexicon.Role) int { return a.To.Compare(b.To) })
		// Moved one step up or down since (a deputy minister now the
		// minister): the office held now is the news.
		for _, ro := range cur {
			if r.c.areSiblings(t.ID, ro.Title) && (cl.object == "" || cl.object == ro.Of) {
				r.flag(cl)
				r.emit(TitleMismatch, cl.titleSpan, false,
					p.Name+" is "+r.c.office(ro.Title, ro.Of)+" "+term(ro)+", no longer "+cl.titleText+" ("+term(last)+")",
					r.c.name(ro.Title), p.ID, r.basis(false, lexicon.Date{}, roleBasis(p, ro), roleBasis(p, last)))
				return
			}
		}
		office := r.c.office(last.Title, last.Of)
		if last.Acting {
			office = "acting " + office
		}
		msg := p.Name + " left the office of " + office + " " + onDate(last.To) + "; on " + r.dateText + " the title is former " + t.Name
		if cur := r.current(p); cur != "" {
			msg += "; the lexicon has " + cur
		}
		r.flag(cl)
		r.emit(FormerTitle, cl.titleSpan, false, msg, "former "+cl.titleText, p.ID, r.basis(false, lexicon.Date{}, roleBasis(p, last)))
		return
	}
	if len(later) > 0 {
		first := slices.MinFunc(later, func(a, b lexicon.Role) int { return a.From.Compare(b.From) })
		msg := p.Name + " took office as " + r.c.office(first.Title, first.Of) + " " + onDate(first.From) + ", after the document's date " + r.dateText
		if cur := r.current(p); cur != "" {
			msg += "; then the lexicon has " + cur
		}
		r.flag(cl)
		r.emit(TitleMismatch, cl.titleSpan, false, msg, t.Name+"-designate", p.ID, r.basis(false, lexicon.Date{}, roleBasis(p, first)))
		return
	}
	r.notHolder(cl)
}

// notHolder handles a known person with no role at all in the office the
// text gives: wrong when the lexicon records who held that office of that
// state at the date, or when the person held the office one step up or
// down from it.
func (r *run) notHolder(cl *claim) {
	p, t := cl.known, cl.title
	cur, curMaybe := r.c.lex.RolesAt(p.ID, r.date)
	if len(curMaybe) > 0 {
		return // a role whose partial dates may cover the date: unsettled
	}
	for _, of := range r.statesOf(cl) {
		if t.Multiple {
			break
		}
		sure, maybe := r.c.lex.HoldersAt(t.ID, of, r.date)
		if len(sure) == 0 || len(maybe) > 0 {
			continue
		}
		h := sure[0]
		stale, asOf := r.isStale(p, h.Person)
		r.flag(cl)
		if len(cur) > 0 {
			ro := cur[0]
			r.emit(TitleMismatch, cl.titleSpan, stale,
				p.Name+" is not "+r.c.office(t.ID, of)+" on "+r.dateText+": the lexicon has "+p.Name+" as "+r.c.office(ro.Title, ro.Of)+" ("+term(ro)+"), and "+h.Person.Name+" in that office ("+term(h.Role)+")",
				r.c.name(ro.Title), p.ID, r.basis(stale, asOf, roleBasis(p, ro), roleBasis(h.Person, h.Role)))
			return
		}
		r.emit(WrongHolder, cl.personSpan, stale,
			r.c.office(t.ID, of)+" on "+r.dateText+" is "+h.Person.Name+" ("+term(h.Role)+"), not "+p.Name,
			h.Person.Name, h.Person.ID, r.basis(stale, asOf, roleBasis(h.Person, h.Role)))
		return
	}
	// The lexicon does not record the office's holders; a person it has
	// one step up or down from it at the date is still not in it.
	for _, ro := range cur {
		if r.c.areSiblings(t.ID, ro.Title) && (cl.object == "" || cl.object == ro.Of) {
			stale, asOf := r.isStale(p)
			r.flag(cl)
			r.emit(TitleMismatch, cl.titleSpan, stale,
				p.Name+" is called "+cl.titleText+", but the lexicon has "+p.Name+" as "+r.c.office(ro.Title, ro.Of)+" on "+r.dateText+" ("+term(ro)+")",
				r.c.name(ro.Title), p.ID, r.basis(stale, asOf, roleBasis(p, ro)))
			return
		}
	}
}

// statesOf returns the states whose office a claim is about: the one the
// text names, else the title's own (a local title), else the person's.
func (r *run) statesOf(cl *claim) []string {
	switch {
	case cl.object != "":
		return []string{cl.object}
	case cl.title != nil && cl.title.Country != "":
		return []string{cl.title.Country}
	case cl.known != nil && cl.known.Country != "":
		return []string{cl.known.Country}
	}
	return nil
}

// current describes the offices person p holds at the date, for a
// message: "Foreign Minister of Turkey since 2023-06-04".
func (r *run) current(p *lexicon.Entry) string {
	sure, _ := r.c.lex.RolesAt(p.ID, r.date)
	var parts []string
	for _, ro := range sure {
		parts = append(parts, r.c.office(ro.Title, ro.Of)+" "+term(ro))
	}
	return strings.Join(parts, " and ")
}

// basis joins the facts a finding rests on with the document's date and,
// when the document is later than the lexicon's facts, a note saying so.
func (r *run) basis(stale bool, asOf lexicon.Date, facts ...string) string {
	parts := append(facts, r.dateNote())
	if stale {
		parts = append(parts, staleNote(asOf))
	}
	return strings.Join(parts, "; ")
}

// skip notes that a claim needed the date the document lacks.
func (r *run) skip(cl *claim) {
	if r.skipped == nil {
		r.skipped = cl
	}
}

// flag marks the claim's person as explained by a finding.
func (r *run) flag(cl *claim) { r.flagged[cl.person] = true }

// judgeMinted checks a person the lexicon does not know, given an office:
// a name close to a holder's (name-variant), or a state's office given to
// someone other than its holder (wrong-holder).
func (r *run) judgeMinted(cl *claim) {
	t := cl.title
	if t == nil || !cl.mods.plain() || cl.name == "" {
		return
	}
	id := r.c.lex.Matcher().ID
	parts := parts(r.folder, cl.name, id)
	if len(parts) == 0 {
		return
	}
	// The holders to compare with: of the state the text names (or the
	// title's own), else of that office anywhere.
	of := ""
	if states := r.statesOf(cl); len(states) > 0 {
		of = states[0]
	}
	o := office{title: r.c.lex.Generic(t.ID), of: of}
	var all []lexicon.Holder
	if of != "" {
		all = r.c.lex.Holders(t.ID, of)
	} else {
		all = r.c.byTitle[o.title]
	}
	// Without a state and with a date, only the holders at the date are
	// candidates: hundreds have held each office somewhere.
	onlyAtDate := of == "" && !r.date.IsZero()
	// The name is one of a holder's, written in a form the lexicon lacks,
	// or close to one: at the date first, else any holder. Without a state
	// only spelling slips count: a given name that differs is then too
	// likely someone else.
	var variantAt, variantAny *lexicon.Holder
	cand, x := r.candidates(o, all, parts)
	for i := range all {
		h := &all[i]
		if !cand.Has(int32(i)) {
			continue // a name different from every one of h's
		}
		if onlyAtDate && h.Role.HoldsAt(r.date) == lexicon.False {
			continue
		}
		var m nameMatch
		if x != nil {
			m = x.nameOf(i, parts, r.partRels)
		} else {
			m = r.nameOf(parts, h.Person)
		}
		switch m {
		case nameSame:
			r.flag(cl)
			return
		case nameVariant:
			if of == "" && !r.closeOnly(parts, h.Person) {
				continue
			}
			if variantAny == nil {
				variantAny = h
			}
			if variantAt == nil && !r.date.IsZero() && h.Role.HoldsAt(r.date) != lexicon.False {
				variantAt = h
			}
		}
	}
	if h := cmp.Or(variantAt, variantAny); h != nil {
		r.flag(cl)
		basis := []string{roleBasis(h.Person, h.Role)}
		if !r.date.IsZero() {
			basis = append(basis, r.dateNote())
		}
		r.emit(NameVariant, cl.personSpan, false,
			strconv.Quote(cl.name)+" is close to "+h.Person.Name+", "+r.c.office(h.Role.Title, h.Role.Of)+" "+term(h.Role),
			"did you mean "+h.Person.Name+"?", h.Person.ID, strings.Join(basis, "; "))
		return
	}
	if of == "" || t.Multiple || cl.object == "" || cl.quoted {
		return // no state in the text (the office may be another's), or a speaker's words
	}
	if r.date.IsZero() {
		r.skip(cl)
		return
	}
	sure, maybe := r.c.lex.HoldersAt(t.ID, of, r.date)
	if len(sure) == 0 || len(maybe) > 0 {
		return
	}
	h := sure[0]
	stale, asOf := r.isStale(h.Person)
	r.flag(cl)
	r.emit(WrongHolder, cl.personSpan, stale,
		r.c.office(t.ID, of)+" on "+r.dateText+" is "+h.Person.Name+" ("+term(h.Role)+"), not "+cl.name,
		h.Person.Name, h.Person.ID, r.basis(stale, asOf, roleBasis(h.Person, h.Role)))
}

// nameOf compares a name's parts with every name of a person and returns
// the closest relation: same, else variant, else different.
func (r *run) nameOf(text []part, p *lexicon.Entry) nameMatch {
	best := nameDifferent
	for _, lp := range r.c.namesOf(p, len(text)) {
		switch compareNames(text, lp) {
		case nameSame:
			return nameSame
		case nameVariant:
			best = nameVariant
		}
	}
	return best
}

// closeOnly reports whether a variant of one of p's names differs by
// spelling alone, with no part that differs outright.
func (r *run) closeOnly(text []part, p *lexicon.Entry) bool {
	for _, lp := range r.c.namesOf(p, len(text)) {
		if compareNames(text, lp) != nameVariant {
			continue
		}
		// Each text part must be equal or close to some part: a part that
		// differs outright would make the name another person's.
		ok := true
		for _, a := range text {
			if !slices.ContainsFunc(lp, func(b part) bool { return comparePart(a, b) != partDiffer }) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// personParts are a person's names, folded into parts once.
type personParts struct {
	full  [][]part // the name and the aliases
	short [][]part // short forms (surnames)
}

// namesOf returns the folded names of p to compare with a name of n
// parts: the short forms only for a name of one part, since against a
// surname alone any given name would pass for a middle name.
func (c *Checker) namesOf(p *lexicon.Entry, n int) [][]part {
	pp := c.personParts(p)
	if n == 1 {
		return append(pp.full[:len(pp.full):len(pp.full)], pp.short...)
	}
	return pp.full
}

// personParts returns p's names folded into parts, folding them on first
// use.
func (c *Checker) personParts(p *lexicon.Entry) *personParts {
	if v, ok := c.names.Load(p); ok {
		return v.(*personParts)
	}
	f := c.folders.Get().(*token.Folder)
	id := c.lex.Matcher().ID
	pp := &personParts{}
	for _, s := range append([]string{p.Name}, p.Aliases...) {
		pp.full = append(pp.full, parts(f, s, id))
	}
	for _, s := range p.Short {
		pp.short = append(pp.short, parts(f, s, id))
	}
	c.folders.Put(f)
	v, _ := c.names.LoadOrStore(p, pp)
	return v.(*personParts)
}

// inconsistent reports a person given two offices in one article that do
// not go together, once per person, at the later of the two.
func (r *run) inconsistent() {
	byPerson := map[string][]*claim{}
	var order []string
	for i := range r.claims {
		cl := &r.claims[i]
		if cl.desc || cl.title == nil || !cl.mods.plain() {
			continue
		}
		if _, ok := byPerson[cl.person]; !ok {
			order = append(order, cl.person)
		}
		byPerson[cl.person] = append(byPerson[cl.person], cl)
	}
	for _, person := range order {
		if r.flagged[person] {
			continue
		}
		cls := byPerson[person]
		i, j, ok := r.firstDisagreement(cls)
		if !ok {
			continue
		}
		a, b := cls[i], cls[j]
		line, col := r.pos.lineCol(a.titleSpan.Start)
		sugg := "use one title"
		entry := ""
		if a.known != nil {
			entry = a.known.ID
			if !r.date.IsZero() {
				if cur := r.current(a.known); cur != "" {
					sugg = "the lexicon has " + cur
				}
			}
		}
		r.emit(InconsistentTitle, b.titleSpan, false,
			b.name+" is called "+b.titleText+" here but "+a.titleText+" at line "+strconv.Itoa(line)+", column "+strconv.Itoa(col),
			sugg, entry, "")
	}
}

// firstDisagreement returns the first claim j of cls, one person's, that
// has a claim before it whose office does not agree with j's, and the
// first such claim i: two offices agree when one phrase names both (the
// claims' evidence overlaps) or when officesAgree says they may both be
// right.
//
// It does not compare each claim with every one before it, which grows
// with the square of the claims (a person named hundreds of times in a
// long text). Two claims of one office (title and object) always agree,
// and whether claims of two offices agree apart from their evidence
// depends on the offices alone: so the claims are grouped by office, and
// claim j need only look, in each group whose office does not agree with
// its own, for the first claim whose evidence does not overlap j's.
func (r *run) firstDisagreement(cls []*claim) (i, j int, ok bool) {
	if len(cls) < 2 {
		return 0, 0, false
	}
	type group struct {
		title, object string
		claims        []int // indexes into cls, in order
	}
	var groups []group
	// agrees caches officesAgree for pairs of groups: the earlier
	// claim's group, then the later's.
	var agrees map[[2]int]bool
	for j, b := range cls {
		g := slices.IndexFunc(groups, func(g group) bool { return g.title == b.title.ID && g.object == b.object })
		if g < 0 {
			g = len(groups)
			groups = append(groups, group{title: b.title.ID, object: b.object})
		}
		first := -1
		for h := range groups {
			if h == g || len(groups[h].claims) == 0 {
				continue
			}
			ag, ok := agrees[[2]int{h, g}]
			if !ok {
				ag = r.officesAgree(cls[groups[h].claims[0]], b)
				if agrees == nil {
					agrees = map[[2]int]bool{}
				}
				agrees[[2]int{h, g}] = ag
			}
			if ag {
				continue
			}
			for _, i := range groups[h].claims {
				if first >= 0 && i >= first {
					break
				}
				if !evidenceOverlaps(cls[i], b) {
					first = i
					break
				}
			}
		}
		if first >= 0 {
			return first, j, true
		}
		groups[g].claims = append(groups[g].claims, j)
	}
	return 0, 0, false
}

// evidenceOverlaps reports whether two claims rest on overlapping text:
// one phrase naming two offices ("Prime Minister and Foreign Minister").
func evidenceOverlaps(a, b *claim) bool {
	return a.evidence.Start < b.evidence.End && b.evidence.Start < a.evidence.End
}

// officesAgree reports whether two offices given to one person, apart
// from the phrases that give them, can both be right: the same office, or
// offices the lexicon has the person hold together. It depends on the
// claims' titles and objects, the person and the date, nothing else.
func (r *run) officesAgree(a, b *claim) bool {
	if r.c.compatible(a.title.ID, b.title.ID) && (a.object == "" || b.object == "" || a.object == b.object) {
		return true
	}
	p := a.known
	if p == nil {
		return false
	}
	holds := func(cl *claim, at lexicon.Date) []lexicon.Role {
		var out []lexicon.Role
		for _, ro := range p.Roles {
			if r.c.covers(cl.title.ID, ro) && (cl.object == "" || ro.Of == cl.object) && (at.IsZero() || ro.HoldsAt(at) != lexicon.False) {
				out = append(out, ro)
			}
		}
		return out
	}
	if !r.date.IsZero() {
		return len(holds(a, r.date)) > 0 && len(holds(b, r.date)) > 0
	}
	// Without a date: roles of the two offices that overlap at some time.
	for _, x := range holds(a, lexicon.Date{}) {
		for _, y := range holds(b, lexicon.Date{}) {
			if overlap(x, y) {
				return true
			}
		}
	}
	return false
}

// overlap reports whether two terms may share a day.
func overlap(x, y lexicon.Role) bool {
	endsBefore := func(a, b lexicon.Role) bool { return !a.To.IsZero() && !b.From.IsZero() && a.To.Before(b.From) }
	return !endsBefore(x, y) && !endsBefore(y, x)
}

// unknownOfficials lists, once each, the people given an office whom the
// lexicon does not know and no other finding explains.
func (r *run) unknownOfficials() {
	seen := map[string]bool{}
	for i := range r.claims {
		cl := &r.claims[i]
		if cl.known != nil || cl.desc || seen[cl.person] || r.flagged[cl.person] || cl.name == "" {
			continue
		}
		seen[cl.person] = true
		office := cl.titleText
		if cl.title != nil {
			office = r.c.office(cl.title.ID, cl.object)
		} else if cl.object != "" {
			office += " of " + r.c.name(cl.object)
		}
		var sugg string
		if cl.title != nil {
			role := "title: " + cl.title.ID
			if cl.object != "" {
				role += ", of: " + cl.object
			}
			sugg = "add to a lexicon file: {id: " + strings.TrimPrefix(cl.person, "person:") + ", kind: person, name: " + cl.name + ", roles: [{" + role + ", from: …}]}"
		} else {
			sugg = "add a person entry for " + cl.name + " to a lexicon file"
		}
		r.emit(UnknownOfficial, cl.personSpan, false, cl.name+" ("+office+") is not in the lexicon", sugg, "", "")
	}
}
