package lexicon

import (
	"maps"
	"slices"
)

// Record is an entry in the shape its files write it: the fields of the
// YAML schema under the names docs/lexicon.md gives them. Export writes
// records, and JSONL files are read into them, so that every format names
// a field the same way.
type Record struct {
	ID         string            `json:"id" yaml:"id"`
	Kind       string            `json:"kind,omitempty" yaml:"kind,omitempty"`
	Name       string            `json:"name,omitempty" yaml:"name,omitempty"`
	Aliases    []string          `json:"aliases,omitempty" yaml:"aliases,omitempty,flow"`
	Short      []string          `json:"short,omitempty" yaml:"short,omitempty,flow"`
	Demonyms   []string          `json:"demonyms,omitempty" yaml:"demonyms,omitempty,flow"`
	Ambiguous  []string          `json:"ambiguous,omitempty" yaml:"ambiguous,omitempty,flow"`
	Capital    string            `json:"capital,omitempty" yaml:"capital,omitempty"`
	Country    string            `json:"country,omitempty" yaml:"country,omitempty"`
	Codes      map[string]string `json:"codes,omitempty" yaml:"codes,omitempty,flow"`
	Roles      []RoleRecord      `json:"roles,omitempty" yaml:"roles,omitempty"`
	PartOf     []string          `json:"part_of,omitempty" yaml:"part_of,omitempty,flow"`
	MemberOf   []string          `json:"member_of,omitempty" yaml:"member_of,omitempty,flow"`
	Members    []string          `json:"members,omitempty" yaml:"members,omitempty,flow"`
	Type       string            `json:"type,omitempty" yaml:"type,omitempty"`
	Equivalent string            `json:"equivalent,omitempty" yaml:"equivalent,omitempty"`
	Multiple   bool              `json:"multiple,omitempty" yaml:"multiple,omitempty"`
	Match      string            `json:"match,omitempty" yaml:"match,omitempty"`
	Extend     bool              `json:"extend,omitempty" yaml:"extend,omitempty"`
	Note       string            `json:"note,omitempty" yaml:"note,omitempty"`
}

// RoleRecord is a Role in the shape its files write it; dates are strings
// as precise as the fact is known.
type RoleRecord struct {
	Title  string   `json:"title" yaml:"title"`
	Of     string   `json:"of" yaml:"of"`
	From   string   `json:"from,omitempty" yaml:"from,omitempty"`
	To     string   `json:"to,omitempty" yaml:"to,omitempty"`
	Heads  []string `json:"heads,omitempty" yaml:"heads,omitempty,flow"`
	Acting bool     `json:"acting,omitempty" yaml:"acting,omitempty"`
	Note   string   `json:"note,omitempty" yaml:"note,omitempty"`
}

// RecordOf returns the record of e. The record shares nothing with e.
func RecordOf(e *Entry) Record {
	r := Record{
		ID:         e.ID,
		Kind:       string(e.Kind),
		Name:       e.Name,
		Aliases:    slices.Clone(e.Aliases),
		Short:      slices.Clone(e.Short),
		Demonyms:   slices.Clone(e.Demonyms),
		Ambiguous:  slices.Clone(e.Ambiguous),
		Capital:    e.Capital,
		Country:    e.Country,
		PartOf:     slices.Clone(e.PartOf),
		MemberOf:   slices.Clone(e.MemberOf),
		Members:    slices.Clone(e.Members),
		Type:       e.Type,
		Equivalent: e.Equivalent,
		Multiple:   e.Multiple,
		Match:      e.Match,
		Extend:     e.Extend,
		Note:       e.Note,
	}
	if len(e.Codes) > 0 {
		r.Codes = maps.Clone(e.Codes)
	}
	for _, ro := range e.Roles {
		r.Roles = append(r.Roles, RoleRecord{
			Title:  ro.Title,
			Of:     ro.Of,
			From:   ro.From.String(),
			To:     ro.To.String(),
			Heads:  slices.Clone(ro.Heads),
			Acting: ro.Acting,
			Note:   ro.Note,
		})
	}
	return r
}

// recordFields lists, for each entry field, whether a record sets it. The
// readers of JSONL and CSV use it to refuse fields that do not apply to
// the entry's kind, as the YAML reader does.
var recordFields = []struct {
	name string
	set  func(*Record) bool
}{
	{"aliases", func(r *Record) bool { return r.Aliases != nil }},
	{"short", func(r *Record) bool { return r.Short != nil }},
	{"demonyms", func(r *Record) bool { return r.Demonyms != nil }},
	{"ambiguous", func(r *Record) bool { return r.Ambiguous != nil }},
	{"capital", func(r *Record) bool { return r.Capital != "" }},
	{"country", func(r *Record) bool { return r.Country != "" }},
	{"codes", func(r *Record) bool { return r.Codes != nil }},
	{"roles", func(r *Record) bool { return r.Roles != nil }},
	{"part_of", func(r *Record) bool { return r.PartOf != nil }},
	{"member_of", func(r *Record) bool { return r.MemberOf != nil }},
	{"members", func(r *Record) bool { return r.Members != nil }},
	{"type", func(r *Record) bool { return r.Type != "" }},
	{"equivalent", func(r *Record) bool { return r.Equivalent != "" }},
	{"multiple", func(r *Record) bool { return r.Multiple }},
	{"match", func(r *Record) bool { return r.Match != "" }},
	{"note", func(r *Record) bool { return r.Note != "" }},
}

// entry converts a record read at pos into an Entry, adding to errs what
// is wrong with it: a missing id, kind or name, an unknown kind, a field
// that does not apply to the kind, a malformed date.
func (r *Record) entry(pos Pos, errs *ErrorList) *Entry {
	before := len(*errs)
	e := &Entry{
		ID:         r.ID,
		Kind:       Kind(r.Kind),
		Name:       r.Name,
		Aliases:    r.Aliases,
		Short:      r.Short,
		Demonyms:   r.Demonyms,
		Ambiguous:  r.Ambiguous,
		Capital:    r.Capital,
		Country:    r.Country,
		Codes:      r.Codes,
		PartOf:     r.PartOf,
		MemberOf:   r.MemberOf,
		Members:    r.Members,
		Type:       r.Type,
		Equivalent: r.Equivalent,
		Multiple:   r.Multiple,
		Match:      r.Match,
		Extend:     r.Extend,
		Note:       r.Note,
		Pos:        pos,
	}
	if e.ID == "" {
		errs.Add(pos, "", "id", "missing")
	}
	switch {
	case e.Kind == "" && !e.Extend:
		errs.Add(pos, e.ID, "kind", "missing (want one of %s)", kindList())
	case e.Kind != "" && !e.Kind.Valid():
		errs.Add(pos, e.ID, "kind", "unknown kind %q (want one of %s)", e.Kind, kindList())
	}
	if e.Name == "" && !e.Extend {
		errs.Add(pos, e.ID, "name", "missing")
	}
	if e.Kind.Valid() {
		for _, f := range recordFields {
			if f.set(r) && !allowed(e.Kind, f.name) {
				errs.Add(pos, e.ID, f.name, "does not apply to a %s", e.Kind)
			}
		}
	}
	if len(r.Roles) > 0 {
		e.Roles = make([]Role, len(r.Roles))
		for i, rr := range r.Roles {
			e.Roles[i] = Role{Title: rr.Title, Of: rr.Of, Heads: rr.Heads, Acting: rr.Acting, Note: rr.Note, Pos: pos}
			for _, d := range []struct {
				field string
				text  string
				dst   *Date
			}{{"roles.from", rr.From, &e.Roles[i].From}, {"roles.to", rr.To, &e.Roles[i].To}} {
				if d.text == "" {
					continue
				}
				v, err := ParseDate(d.text)
				if err != nil {
					errs.Add(pos, e.ID, d.field, "%v", err)
				}
				*d.dst = v
			}
		}
	}
	if len(*errs) > before && e.ID == "" {
		return nil
	}
	return e
}

// Entry converts the record into an Entry defined at pos, as the JSONL
// reader does, and returns what is wrong with it (a missing id or name, a
// field that does not apply to its kind, a malformed date).
func (r *Record) Entry(pos Pos) (*Entry, error) {
	var errs ErrorList
	e := r.entry(pos, &errs)
	return e, errs.Err()
}
