package lexicon

import (
	"slices"
	"sync"
)

// Lexicon is a merged, validated gazetteer with its compiled matcher. It
// is immutable once built and safe for concurrent use.
type Lexicon struct {
	asOf     Date
	entries  []*Entry
	byID     idTab // id -> index in entries
	variants []Variant
	files    []string
	members  map[string][]string // organization id -> member ids, from both members and member_of
	memberOf map[string][]string // entity id -> the organizations it is a member of
	offices  *offices            // built on first use (Holders)
	capitals map[string]string   // city id -> the state it is the capital of
	matcher  *Matcher
}

// Holder is a person holding (or having held) an office.
type Holder struct {
	Person *Entry
	Role   Role
}

// Options control Build.
type Options struct {
	// SkipValidation builds without cross-checking references, dates and
	// names. Only for data already validated, such as the embedded default.
	SkipValidation bool
	// NoOverride makes an id defined in two files an error instead of an
	// override: files that make up one gazetteer (the embedded default)
	// must not replace each other's entries by accident.
	NoOverride bool
}

// Build merges files in order and compiles the result. An entry whose id
// an earlier file already defined replaces that entry, or, when it says
// `extend: true`, adds its names, roles and links to it. Build validates
// the merged entries and returns every problem found as an ErrorList.
func Build(files []*File, opts Options) (*Lexicon, error) {
	return buildWith(files, opts, nil)
}

// buildWith is Build with, when stored is not nil, a matcher to try before
// compiling one: stored returns the matcher of the merged entries, or nil
// when it has none that fits them. Only a build without validation takes
// it: the name checks need what compiling records.
func buildWith(files []*File, opts Options, stored func(*Lexicon) *Matcher) (*Lexicon, error) {
	total := 0
	for _, f := range files {
		total += len(f.Entries)
	}
	// Sized once: a million-entry lexicon must not rehash while loading.
	l := &Lexicon{byID: newIDTab(total), entries: make([]*Entry, 0, total)}
	definedIn := make([]int32, 0, total) // entry index -> the file that last defined it
	var errs ErrorList
	for fi, f := range files {
		l.files = append(l.files, f.Path)
		if f.AsOf.Compare(l.asOf) > 0 {
			l.asOf = f.AsOf
		}
		l.variants = append(l.variants, f.Variants...)
		for _, e := range f.Entries {
			if e.Extend && l.byID.get(e.ID, l.entries) < 0 {
				errs.Add(e.Pos, e.ID, "extend", "no earlier entry with this id to extend")
				continue
			}
			i, ok := l.byID.add(e.ID, int32(len(l.entries)), l.entries)
			if !ok {
				l.entries = append(l.entries, e)
				definedIn = append(definedIn, int32(fi))
				continue
			}
			old := l.entries[i]
			switch {
			case definedIn[i] == int32(fi):
				errs.Add(e.Pos, e.ID, "id", "duplicate id, first defined at %s", old.Pos)
				continue
			case opts.NoOverride:
				errs.Add(e.Pos, e.ID, "id", "also defined at %s; one gazetteer defines each id once", old.Pos)
			case e.Extend:
				l.entries[i] = extend(old, e)
			default:
				l.entries[i] = e
			}
			definedIn[i] = int32(fi)
		}
	}
	if !opts.SkipValidation {
		errs = append(errs, l.validate()...)
	}
	var m *Matcher
	if stored != nil && opts.SkipValidation && len(errs) == 0 {
		m = stored(l)
	}
	if m == nil {
		m = compile(l)
	}
	if !opts.SkipValidation {
		// Names are checked on the compiled trie: two names clash when
		// they reach the same node, that is, when they match the same text.
		errs = append(errs, m.checkNames(l)...)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	l.matcher = m
	l.index()
	return l, nil
}

// extend returns a copy of old with the names, links and roles of e added
// and its set scalar fields replacing old's.
func extend(old, e *Entry) *Entry {
	m := *old
	m.Aliases = appendNew(slices.Clone(old.Aliases), e.Aliases...)
	m.Short = appendNew(slices.Clone(old.Short), e.Short...)
	m.Demonyms = appendNew(slices.Clone(old.Demonyms), e.Demonyms...)
	m.Ambiguous = appendNew(slices.Clone(old.Ambiguous), e.Ambiguous...)
	m.PartOf = appendNew(slices.Clone(old.PartOf), e.PartOf...)
	m.MemberOf = appendNew(slices.Clone(old.MemberOf), e.MemberOf...)
	m.Members = appendNew(slices.Clone(old.Members), e.Members...)
	m.Roles = append(slices.Clone(old.Roles), e.Roles...)
	if len(e.Codes) > 0 {
		m.Codes = make(map[string]string, len(old.Codes)+len(e.Codes))
		for k, v := range old.Codes {
			m.Codes[k] = v
		}
		for k, v := range e.Codes {
			m.Codes[k] = v
		}
	}
	setIf(&m.Name, e.Name)
	setIf(&m.Capital, e.Capital)
	setIf(&m.Country, e.Country)
	setIf(&m.Type, e.Type)
	setIf(&m.Equivalent, e.Equivalent)
	setIf(&m.Match, e.Match)
	setIf(&m.Note, e.Note)
	if e.Multiple {
		m.Multiple = true
	}
	if e.Kind != "" {
		m.Kind = e.Kind
	}
	if e.AsOf.Compare(m.AsOf) > 0 {
		m.AsOf = e.AsOf
	}
	m.Extend = false
	return &m
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func appendNew(list []string, more ...string) []string {
	for _, s := range more {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// offices indexes the holders of every office. Only Holders reads it,
// which annotating does not call (checking does), so it is built on the
// first call rather than at every start-up: a map of some 700 offices and
// a copy of every role (250 KB for the embedded gazetteer).
type offices struct {
	once    sync.Once
	holders map[holderKey]int32 // office -> its holders: held[i], by start date
	held    [][]Holder
}

// holderKey names an office: a generic title of a state or organization.
type holderKey struct{ title, of string }

// index builds the lookup tables queries use but for the offices
// (indexOffices, on first use). It runs at every start-up, so it sizes
// its tables once.
func (l *Lexicon) index() {
	capitals := 0
	for _, e := range l.entries {
		if e.Capital != "" {
			capitals++
		}
	}
	l.members = make(map[string][]string)
	l.capitals = make(map[string]string, capitals)
	l.offices = &offices{}
	for _, e := range l.entries {
		if e.Capital != "" {
			l.capitals[e.Capital] = e.ID
		}
		if len(e.Members) > 0 {
			l.members[e.ID] = append(l.members[e.ID], e.Members...)
		}
		for _, o := range e.MemberOf {
			l.members[o] = append(l.members[o], e.ID)
		}
	}
	for k, ms := range l.members { // both sides may name a membership
		slices.Sort(ms)
		if c := slices.Compact(ms); len(c) < len(ms) {
			l.members[k] = c
		}
	}
	// MemberOf lists the organizations in lexicon order: those with
	// members (a few dozen), sorted by entry index, rather than every
	// entry looked up in members.
	orgs := make([]int32, 0, len(l.members))
	for id := range l.members {
		if i := l.byID.get(id, l.entries); i >= 0 {
			orgs = append(orgs, i)
		}
	}
	slices.Sort(orgs)
	l.memberOf = make(map[string][]string)
	for _, i := range orgs {
		org := l.entries[i].ID
		for _, m := range l.members[org] {
			l.memberOf[m] = append(l.memberOf[m], org)
		}
	}
}

// indexOffices fills o with the holders of every office of l, laid out in
// one block.
func (l *Lexicon) indexOffices(o *offices) {
	roles := 0
	for _, e := range l.entries {
		roles += len(e.Roles)
	}
	o.holders = make(map[holderKey]int32)
	office := make([]int32, 0, roles) // each role's office, in entry order
	var counts []int32
	for _, e := range l.entries {
		for _, r := range e.Roles {
			k := holderKey{l.Generic(r.Title), r.Of}
			i, ok := o.holders[k]
			if !ok {
				i = int32(len(counts))
				o.holders[k] = i
				counts = append(counts, 0)
			}
			counts[i]++
			office = append(office, i)
		}
	}
	block := make([]Holder, roles)
	o.held = make([][]Holder, len(counts))
	off := 0
	for i, n := range counts {
		o.held[i] = block[off : off : off+int(n)]
		off += int(n)
	}
	k := 0
	for _, e := range l.entries {
		for _, r := range e.Roles {
			o.held[office[k]] = append(o.held[office[k]], Holder{Person: e, Role: r})
			k++
		}
	}
	for _, hs := range o.held {
		slices.SortStableFunc(hs, func(a, b Holder) int { return a.Role.From.Compare(b.Role.From) })
	}
}

// AsOf returns the date the lexicon's facts are current to: the latest
// as_of of its files.
func (l *Lexicon) AsOf() Date { return l.asOf }

// Files returns the paths of the files merged into the lexicon, in order.
func (l *Lexicon) Files() []string { return slices.Clone(l.files) }

// Entry returns the entry with the given id, or nil.
func (l *Lexicon) Entry(id string) *Entry {
	if i := l.byID.get(id, l.entries); i >= 0 {
		return l.entries[i]
	}
	return nil
}

// Entries returns every entry in load order. The entries are shared; do
// not modify them.
func (l *Lexicon) Entries() []*Entry { return l.entries }

// Len returns the number of entries.
func (l *Lexicon) Len() int { return len(l.entries) }

// Variants returns the spelling variant sets.
func (l *Lexicon) Variants() []Variant { return l.variants }

// Matcher returns the compiled matcher.
func (l *Lexicon) Matcher() *Matcher { return l.matcher }

// CapitalOf returns the id of the state or territory whose capital the
// city id is, or "".
func (l *Lexicon) CapitalOf(id string) string { return l.capitals[id] }

// Members returns the ids of the members of the organization id, from the
// organization's members list and the members' member_of lists.
func (l *Lexicon) Members(id string) []string { return l.members[id] }

// MemberOf returns the ids of the organizations id is a member of, in
// lexicon order.
func (l *Lexicon) MemberOf(id string) []string { return l.memberOf[id] }

// Holders returns everyone recorded in office title of of, ordered by the
// start of their term. Titles compare through Generic, so asking for
// foreign-minister of USA finds the Secretary of State.
func (l *Lexicon) Holders(title, of string) []Holder {
	o := l.offices
	o.once.Do(func() { l.indexOffices(o) })
	if i, ok := o.holders[holderKey{l.Generic(title), of}]; ok {
		return o.held[i]
	}
	return nil
}

// HoldersAt returns who held office title of of at the date at: those whose
// term certainly covers it (sure) and those whose term might, given
// partial dates (maybe).
func (l *Lexicon) HoldersAt(title, of string, at Date) (sure, maybe []Holder) {
	for _, h := range l.Holders(title, of) {
		switch h.Role.HoldsAt(at) {
		case True:
			sure = append(sure, h)
		case Maybe:
			maybe = append(maybe, h)
		}
	}
	return sure, maybe
}

// Generic follows a title's `equivalent` links to the generic office it
// is a local name of, and returns title itself when there is none.
func (l *Lexicon) Generic(title string) string {
	for range 8 { // equivalence chains are short; the bound stops cycles
		e := l.Entry(title)
		if e == nil || e.Equivalent == "" {
			return title
		}
		title = e.Equivalent
	}
	return title
}

// RolesAt returns the roles person id holds at the date at (certainly) and
// those it may hold (partial dates).
func (l *Lexicon) RolesAt(id string, at Date) (sure, maybe []Role) {
	e := l.Entry(id)
	if e == nil {
		return nil, nil
	}
	for _, r := range e.Roles {
		switch r.HoldsAt(at) {
		case True:
			sure = append(sure, r)
		case Maybe:
			maybe = append(maybe, r)
		}
	}
	return sure, maybe
}
