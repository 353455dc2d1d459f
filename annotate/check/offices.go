package check

import (
	"strconv"
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
		return "since " + dateString(r.From)
	case r.From.IsZero():
		return "until " + dateString(r.To)
	}
	return "from " + dateString(r.From) + " to " + dateString(r.To)
}

// roleBasis writes a role as the basis of a finding: the person, the
// office, its dates and where the lexicon says so.
func roleBasis(p *lexicon.Entry, r lexicon.Role) string {
	s := p.ID + ": " + r.Title + " of " + r.Of + " " + term(r)
	if r.Acting {
		s += " (acting)"
	}
	if r.Pos.File != "" {
		s += " (" + posString(r.Pos) + ")"
	}
	return s
}

// onDate says when something happened as precisely as the date is known:
// "on 2025-01-20", "in 2021".
func onDate(d lexicon.Date) string {
	if d.Precision() == lexicon.DayPrecision {
		return "on " + dateString(d)
	}
	return "in " + dateString(d)
}

// dateString returns d.String() without fmt, for the dates of the usual
// range: a finding's message and basis write several dates each.
func dateString(d lexicon.Date) string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return d.String()
	}
	var b [10]byte
	b[0], b[1], b[2], b[3] = '0'+byte(d.Year/1000), '0'+byte(d.Year/100%10), '0'+byte(d.Year/10%10), '0'+byte(d.Year%10)
	b[4], b[5], b[6] = '-', '0'+byte(d.Month/10), '0'+byte(d.Month%10)
	b[7], b[8], b[9] = '-', '0'+byte(d.Day/10), '0'+byte(d.Day%10)
	switch d.Precision() {
	case lexicon.YearPrecision:
		return string(b[:4])
	case lexicon.MonthPrecision:
		return string(b[:7])
	case lexicon.DayPrecision:
		return string(b[:])
	}
	return ""
}

// posString returns p.String() without fmt: a finding's basis gives the
// file and line of each role it rests on.
func posString(p lexicon.Pos) string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return p.File + ":" + strconv.Itoa(p.Line)
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}
