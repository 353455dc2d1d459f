package lexicon

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/newsann/newsann/annotate/token"
)

var (
	idPattern      = regexp.MustCompile(`^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$`)
	codeKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	// codeFormats checks the codes newsann itself reads.
	codeFormats = map[string]*regexp.Regexp{
		"iso2":     regexp.MustCompile(`^[A-Z]{2}$`),
		"iso3":     regexp.MustCompile(`^[A-Z]{3}$`),
		"m49":      regexp.MustCompile(`^[0-9]{3}$`),
		"wikidata": regexp.MustCompile(`^Q[1-9][0-9]*$`),
		"cameo":    regexp.MustCompile(`^[A-Z0-9]{3}([A-Z0-9]{3})*$`),
	}
	gluedDate = regexp.MustCompile(`[<>]?\d{8}`)
)

// MaxNameTokens bounds the length of one name; longer "names" are almost
// always a pasted sentence.
const MaxNameTokens = 40

// validate checks the merged entries: each entry alone, then references,
// dates against as_of, overlapping terms and names shared between entries.
func (l *Lexicon) validate() ErrorList {
	var errs ErrorList
	f := token.NewFolder()
	for _, e := range l.entries {
		l.validateEntry(&errs, e)
	}
	l.validateRefs(&errs)
	l.validateTerms(&errs)
	validateNames(&errs, l.entries, f)
	for _, v := range l.variants {
		for _, s := range v.Spellings {
			if strings.ContainsFunc(s, unicode.IsSpace) {
				errs.Add(v.Pos, "", "variants", "spelling %q: a variant is one name part, without spaces", s)
			}
		}
	}
	return errs
}

func (l *Lexicon) validateEntry(errs *ErrorList, e *Entry) {
	if !idPattern.MatchString(e.ID) {
		errs.Add(e.Pos, e.ID, "id", "want letters and digits joined by '-', '_' or '.' (such as IRN or abbas-araghchi)")
	}
	names := map[string][]string{"name": {e.Name}, "aliases": e.Aliases, "short": e.Short, "demonyms": e.Demonyms, "ambiguous": e.Ambiguous}
	for _, field := range []string{"name", "aliases", "short", "demonyms", "ambiguous"} {
		seen := map[string]bool{}
		for _, s := range names[field] {
			if msg := checkName(s); msg != "" {
				errs.Add(e.Pos, e.ID, field, "%q: %s", s, msg)
			}
			if seen[s] {
				errs.Add(e.Pos, e.ID, field, "%q listed twice", s)
			}
			seen[s] = true
		}
	}
	for _, a := range e.Ambiguous {
		if a != e.Name && !slices.Contains(e.Aliases, a) && !slices.Contains(e.Demonyms, a) && !slices.Contains(e.Short, a) {
			errs.Add(e.Pos, e.ID, "ambiguous", "%q is not one of the entry's names", a)
		}
	}
	switch e.Match {
	case "", "exact":
	default:
		errs.Add(e.Pos, e.ID, "match", "unknown value %q (want exact, or leave it out)", e.Match)
	}
	switch e.Kind {
	case Organization:
		if e.Type != "" && !slices.Contains(orgTypes, e.Type) {
			errs.Add(e.Pos, e.ID, "type", "unknown organization type %q (want one of %s)", e.Type, strings.Join(orgTypes, ", "))
		}
	case Title:
		if e.Type != "" && !slices.Contains(titleTypes, e.Type) {
			errs.Add(e.Pos, e.ID, "type", "unknown title type %q (want one of %s)", e.Type, strings.Join(titleTypes, ", "))
		}
	}
	keys := make([]string, 0, len(e.Codes))
	for k := range e.Codes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := e.Codes[k]
		field := "codes." + k
		if !codeKeyPattern.MatchString(k) {
			errs.Add(e.Pos, e.ID, field, "code names are lower case letters, digits and '_'")
		}
		if gluedDate.MatchString(v) {
			errs.Add(e.Pos, e.ID, field, "%q has a date glued into the code; put dates on roles (from, to), not in codes", v)
			continue
		}
		if re := codeFormats[k]; re != nil && !re.MatchString(v) {
			errs.Add(e.Pos, e.ID, field, "%q does not look like a %s code (want %s)", v, k, re)
		}
	}
	for _, r := range e.Roles {
		if r.Title == "" {
			errs.Add(r.Pos, e.ID, "roles.title", "missing")
		}
		if r.Of == "" {
			errs.Add(r.Pos, e.ID, "roles.of", "missing")
		}
		if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
			errs.Add(r.Pos, e.ID, "roles", "term ends (%s) before it begins (%s)", r.To, r.From)
		}
		for _, h := range r.Heads {
			if h != "state" && h != "government" {
				errs.Add(r.Pos, e.ID, "roles.heads", "unknown value %q (want state, government)", h)
			}
		}
		if !e.AsOf.IsZero() {
			for _, d := range []struct {
				name string
				date Date
			}{{"from", r.From}, {"to", r.To}} {
				if !d.date.IsZero() && e.AsOf.Before(d.date) {
					errs.Add(r.Pos, e.ID, "roles."+d.name, "%s is after the file's as_of date %s", d.date, e.AsOf)
				}
			}
		}
	}
}

// checkName returns what is wrong with a name, or "".
func checkName(s string) string {
	if s == "" {
		return "empty"
	}
	if strings.TrimSpace(s) != s {
		return "leading or trailing space"
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "contains a control character"
		}
	}
	toks := token.Tokenize(nil, s)
	n := 0
	for _, t := range toks {
		if !token.IsDash(t.Text(s)) {
			n++
		}
	}
	switch {
	case n == 0:
		return "has no letters or digits to match"
	case n > MaxNameTokens:
		return fmt.Sprintf("has %d tokens, over the limit of %d", n, MaxNameTokens)
	}
	return ""
}

// refKinds says, for each reference field, which kinds it may point to
// (nil: any kind).
var refKinds = map[string][]Kind{
	"capital":     {City},
	"country":     {Country, Territory},
	"roles.title": {Title},
	"roles.of":    {Country, Territory, Organization, Region, City},
	"part_of":     nil,
	"member_of":   {Organization},
	"members":     {Country, Territory, Organization, Person, City, Region},
	"equivalent":  {Title},
}

func (l *Lexicon) validateRefs(errs *ErrorList) {
	check := func(pos Pos, from *Entry, field, id string) {
		if id == "" {
			return
		}
		to := l.byID[id]
		if to == nil {
			errs.Add(pos, from.ID, field, "%q is not the id of any entry%s", id, l.near(id))
			return
		}
		if to == from {
			errs.Add(pos, from.ID, field, "refers to the entry itself")
			return
		}
		if ks := refKinds[field]; ks != nil && !slices.Contains(ks, to.Kind) {
			errs.Add(pos, from.ID, field, "%q is a %s; want %s", id, to.Kind, kindsText(ks))
		}
	}
	for _, e := range l.entries {
		check(e.Pos, e, "capital", e.Capital)
		check(e.Pos, e, "country", e.Country)
		check(e.Pos, e, "equivalent", e.Equivalent)
		for _, id := range e.PartOf {
			check(e.Pos, e, "part_of", id)
		}
		for _, id := range e.MemberOf {
			check(e.Pos, e, "member_of", id)
		}
		for _, id := range e.Members {
			check(e.Pos, e, "members", id)
		}
		for _, r := range e.Roles {
			check(r.Pos, e, "roles.title", r.Title)
			check(r.Pos, e, "roles.of", r.Of)
		}
	}
}

// near suggests an existing id close to a dangling one.
func (l *Lexicon) near(id string) string {
	best, bestD := "", min(3, 1+len(id)/4)
	for _, e := range l.entries {
		if d := editDistance(strings.ToLower(id), strings.ToLower(e.ID)); d < bestD {
			best, bestD = e.ID, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func kindsText(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, " or ")
}

// validateTerms reports overlapping terms of an office only one person
// holds at a time.
func (l *Lexicon) validateTerms(errs *ErrorList) {
	type term struct {
		person *Entry
		role   Role
	}
	byOffice := map[string][]term{}
	var offices []string
	for _, e := range l.entries {
		for _, r := range e.Roles {
			t := l.byID[r.Title]
			if t == nil || t.Multiple || r.Acting || r.From.IsZero() {
				continue
			}
			k := r.Title + " of " + r.Of
			if byOffice[k] == nil {
				offices = append(offices, k)
			}
			byOffice[k] = append(byOffice[k], term{e, r})
		}
	}
	for _, k := range offices {
		ts := byOffice[k]
		// By start; among equal starts (partial dates), closed terms first.
		slices.SortStableFunc(ts, func(a, b term) int {
			if c := a.role.From.Compare(b.role.From); c != 0 {
				return c
			}
			switch az, bz := a.role.To.IsZero(), b.role.To.IsZero(); {
			case az && !bz:
				return 1
			case !az && bz:
				return -1
			}
			return a.role.To.Compare(b.role.To)
		})
		for i := 1; i < len(ts); i++ {
			prev, cur := ts[i-1], ts[i]
			if prev.person == cur.person {
				continue // a second term of the same person
			}
			overlaps := prev.role.To.IsZero() || cur.role.From.Last().days() < prev.role.To.First().days()
			if overlaps {
				end := prev.role.To.String()
				if end == "" {
					end = "open"
				}
				errs.Add(cur.role.Pos, cur.person.ID, "roles", "%s: term from %s overlaps %s's term (%s to %s, %s); a single-holder office cannot have two holders",
					k, cur.role.From, prev.person.ID, prev.role.From, end, prev.role.Pos)
			}
		}
	}
}

// validateNames reports a name that two entries share unless both list it
// as ambiguous. Short forms are exempt: surnames are shared by design.
func validateNames(errs *ErrorList, entries []*Entry, f *token.Folder) {
	type owner struct {
		e    *Entry
		name string
	}
	byKey := map[string][]owner{}
	var keys []string
	for _, e := range entries {
		if e.Kind == Title {
			continue // titles share words by nature; rules read them in context
		}
		seen := map[string]bool{}
		for _, list := range [][]string{{e.Name}, e.Aliases, e.Demonyms} {
			for _, n := range list {
				k := NameKey(f, n)
				if k == "" || seen[k] {
					continue
				}
				seen[k] = true
				if byKey[k] == nil {
					keys = append(keys, k)
				}
				byKey[k] = append(byKey[k], owner{e, n})
			}
		}
	}
	for _, k := range keys {
		os := byKey[k]
		if len(os) < 2 {
			continue
		}
		marked := func(o owner) bool {
			for _, a := range o.e.Ambiguous {
				if NameKey(f, a) == k {
					return true
				}
			}
			return false
		}
		for i, o := range os {
			if marked(o) {
				continue
			}
			other := os[(i+1)%len(os)]
			errs.Add(o.e.Pos, o.e.ID, "names", "%q is also a name of %s (%s); list it under ambiguous on both entries if both are meant",
				o.name, other.e.ID, other.e.Pos)
		}
	}
}
