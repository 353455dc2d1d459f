package check

import (
	"strings"

	"github.com/newsann/newsann/lexicon"
)

// Titles that name a class of offices rather than one: news calls any
// minister "Minister", a head of state who is no monarch "President",
// and a head of government "Prime Minister" or "Premier".
const (
	classMinister       = "minister"
	classHeadOfState    = "head-of-state"
	classHeadGovernment = "head-of-government"
)

// titleClass maps a generic title to the class it names.
var titleClass = map[string]string{
	"minister":       classMinister,
	"president":      classHeadOfState,
	"prime-minister": classHeadGovernment,
}

// notPresidents are heads of state no one calls President.
var notPresidents = map[string]bool{
	"king": true, "queen": true, "emir": true, "sultan": true, "grand-duke": true,
	"sovereign-prince": true, "pope": true, "emperor-jp": true, "yang-di-pertuan-agong": true,
	"co-prince": true, "captain-regent": true, "governor-general": true, "supreme-leader": true,
	"crown-prince": true,
}

// siblings are offices one step apart in rank, which the lexicon records
// for some holders only: being in one of them at a date rules out the
// other, even where the lexicon does not list the other's holders.
var siblings = map[string]string{
	"deputy-foreign-minister":  "foreign-minister",
	"deputy-prime-minister":    "prime-minister",
	"vice-president":           "president",
	"deputy-secretary-general": "secretary-general",
}

// covers reports whether calling someone title is right for role: the
// same office (through local names: the US Secretary of State is a
// foreign minister), or a class title that takes it in.
func (c *Checker) covers(title string, role lexicon.Role) bool {
	g, rg := c.lex.Generic(title), c.lex.Generic(role.Title)
	if g == rg {
		return true
	}
	switch titleClass[g] {
	case classMinister:
		return strings.Contains(rg, "minister")
	case classHeadOfState:
		return role.HeadsState() && !notPresidents[rg] && !notPresidents[role.Title]
	case classHeadGovernment:
		return role.HeadsGovernment() && !role.HeadsState()
	}
	return false
}

// compatible reports whether two titles may both be right of one person
// at once without saying two different things: the same office, or a
// class title and an office in it.
func (c *Checker) compatible(a, b string) bool {
	ga, gb := c.lex.Generic(a), c.lex.Generic(b)
	if ga == gb {
		return true
	}
	if titleClass[ga] == classMinister && strings.Contains(gb, "minister") || titleClass[gb] == classMinister && strings.Contains(ga, "minister") {
		return true
	}
	return false
}

// areSiblings reports whether two titles are one step apart in rank.
func (c *Checker) areSiblings(a, b string) bool {
	ga, gb := c.lex.Generic(a), c.lex.Generic(b)
	return siblings[ga] == gb || siblings[gb] == ga
}

// name returns an entry's name, or id when the lexicon lacks it.
func (c *Checker) name(id string) string {
	if e := c.lex.Entry(id); e != nil {
		return e.Name
	}
	return id
}

// office names an office for a message: "Foreign Minister of Turkey";
// a local title says its state in brackets ("Secretary of State (United
// States)"), and a title with no state is its name alone.
func (c *Checker) office(title, of string) string {
	t := c.name(title)
	if of == "" {
		return t
	}
	if e := c.lex.Entry(title); e != nil && e.Country == of {
		return t + " (" + c.name(of) + ")"
	}
	return t + " of " + c.name(of)
}

// term says when a role was held: "since 2023-06-04", "from 2015-11-24
// to 2023-06-04".
func term(r lexicon.Role) string {
	switch {
	case r.From.IsZero() && r.To.IsZero():
		return "at some date"
	case r.To.IsZero():
		return "since " + r.From.String()
	case r.From.IsZero():
		return "until " + r.To.String()
	}
	return "from " + r.From.String() + " to " + r.To.String()
}

// roleBasis writes a role as the basis of a finding: the person, the
// office, its dates and where the lexicon says so.
func roleBasis(p *lexicon.Entry, r lexicon.Role) string {
	s := p.ID + ": " + r.Title + " of " + r.Of + " " + term(r)
	if r.Acting {
		s += " (acting)"
	}
	if r.Pos.File != "" {
		s += " (" + r.Pos.String() + ")"
	}
	return s
}

// onDate says when something happened as precisely as the date is known:
// "on 2025-01-20", "in 2021".
func onDate(d lexicon.Date) string {
	if d.Precision() == lexicon.DayPrecision {
		return "on " + d.String()
	}
	return "in " + d.String()
}
