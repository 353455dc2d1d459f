package lexicon

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// The patterns validation checks codes with are compiled on first use:
// a run that loads only the embedded gazetteer (validated when it was
// generated) never asks them, and compiling them at every start-up cost
// more instructions than building the rule set's word index.
var (
	codeKeyPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_]*$`) })
	// codeFormats checks the codes newsann itself reads.
	codeFormats = sync.OnceValue(func() map[string]*regexp.Regexp {
		return map[string]*regexp.Regexp{
			"iso2":     regexp.MustCompile(`^[A-Z]{2}$`),
			"iso3":     regexp.MustCompile(`^[A-Z]{3}$`),
			"m49":      regexp.MustCompile(`^[0-9]{3}$`),
			"wikidata": regexp.MustCompile(`^Q[1-9][0-9]*$`),
			"cameo":    regexp.MustCompile(`^[A-Z0-9]{3}([A-Z0-9]{3})*$`),
			// An agent's code ("police", "minister") qualifies an actor's:
			// ~COP goes after it (IRNCOP), NGO~ before it (NGOIRN).
			"cameo_agent": regexp.MustCompile(`^(~[A-Z0-9]{3}([A-Z0-9]{3})*|[A-Z0-9]{3}([A-Z0-9]{3})*~)$`),
		}
	})
	// gluedDate finds a date restriction pasted into a code, as event-data
	// dictionaries write them: "IRNGOV 20130803-20210803", "AUSGOV
	// >20130918", "IRNGOV 790116-790122" (YYMMDD), "XXX <100101".
	gluedDate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[<>]?\d{8}|[<>]\s*\d{6}\b|\s\d{6}\b|\b\d{6}\s*-\s*\d{6}\b`)
	})
)

// ValidCode reports whether code has the form validation requires of
// codes.system ("cameo", "cameo_agent", "iso2" …); a system newsann does
// not read takes any code. Converters that write codes check them with it,
// so that what they write loads.
func ValidCode(system, code string) bool {
	re := codeFormats()[system]
	return re == nil || re.MatchString(code)
}

// MaxNameTokens bounds the length of one name; longer "names" are almost
// always a pasted sentence.
const MaxNameTokens = 40

// validate checks the merged entries: each entry alone, then references,
// dates against as_of and overlapping terms. Names shared between entries
// and names with nothing to match are checked on the compiled trie
// (Matcher.checkNames), which tokenizes each name once for both.
func (l *Lexicon) validate() ErrorList {
	var errs ErrorList
	for _, e := range l.entries {
		l.validateEntry(&errs, e)
	}
	l.validateRefs(&errs)
	l.validateTerms(&errs)
	for _, v := range l.variants {
		for _, s := range v.Spellings {
			if strings.ContainsFunc(s, unicode.IsSpace) {
				errs.Add(v.Pos, "", "variants", "spelling %q: a variant is one name part, without spaces", s)
			}
		}
	}
	return errs
}

// validID reports whether id is letters and digits joined by single '-',
// '_' or '.': idPattern without a regular expression, since this runs for
// every entry of lexicons a million entries long.
func validID(id string) bool {
	sep := true // at the start, as after a separator, a letter or digit must follow
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			sep = false
		case c == '-' || c == '_' || c == '.':
			if sep {
				return false
			}
			sep = true
		default:
			return false
		}
	}
	return !sep
}

// shortList is the length up to which an entry's name lists are searched
// without a map.
const shortList = 16

func (l *Lexicon) validateEntry(errs *ErrorList, e *Entry) {
	if !validID(e.ID) {
		errs.Add(e.Pos, e.ID, "id", "want letters and digits joined by '-', '_' or '.' (such as IRN or abbas-araghchi)")
	}
	if msg := checkName(e.Name); msg != "" {
		errs.Add(e.Pos, e.ID, "name", "%q: %s", e.Name, msg)
	}
	for _, nl := range [...]struct {
		field string
		list  []string
	}{{"aliases", e.Aliases}, {"short", e.Short}, {"demonyms", e.Demonyms}, {"ambiguous", e.Ambiguous}} {
		// Lists are short, and searched without a map, unless they are
		// long: an entry with 100,000 aliases took 30 s to validate.
		var seen map[string]bool
		if len(nl.list) > shortList {
			seen = make(map[string]bool, len(nl.list))
		}
		for i, s := range nl.list {
			if msg := checkName(s); msg != "" {
				errs.Add(e.Pos, e.ID, nl.field, "%q: %s", s, msg)
			}
			twice := false
			if seen != nil {
				twice, seen[s] = seen[s], true
			} else {
				twice = slices.Contains(nl.list[:i], s)
			}
			if twice {
				errs.Add(e.Pos, e.ID, nl.field, "%q listed twice", s)
			}
		}
	}
	isName := func(a string) bool {
		return a == e.Name || slices.Contains(e.Aliases, a) || slices.Contains(e.Demonyms, a) || slices.Contains(e.Short, a)
	}
	if len(e.Ambiguous) > shortList && len(e.Aliases)+len(e.Demonyms)+len(e.Short) > shortList {
		names := map[string]bool{e.Name: true}
		for _, list := range [][]string{e.Aliases, e.Demonyms, e.Short} {
			for _, n := range list {
				names[n] = true
			}
		}
		isName = func(a string) bool { return names[a] }
	}
	for _, a := range e.Ambiguous {
		if !isName(a) {
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
		if !codeKeyPattern().MatchString(k) {
			errs.Add(e.Pos, e.ID, field, "code names are lower case letters, digits and '_'")
		}
		if gluedDate().MatchString(v) {
			errs.Add(e.Pos, e.ID, field, "%q has a date glued into the code; put dates on roles (from, to), not in codes", v)
			continue
		}
		if re := codeFormats()[k]; re != nil && !re.MatchString(v) {
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

// checkName returns what is wrong with a name that can be seen without
// tokenizing it, or "". Tokens are counted when the name is compiled.
func checkName(s string) string {
	if s == "" {
		return "empty"
	}
	if strings.TrimSpace(s) != s {
		return "leading or trailing space"
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return "contains a control character"
		}
	}
	if !isASCII(s) && strings.ContainsFunc(s, unicode.IsControl) {
		return "contains a control character"
	}
	return ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
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
		to := l.Entry(id)
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
			t := l.Entry(r.Title)
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
