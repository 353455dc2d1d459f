package petrarch

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/newsann/newsann/lexicon"
)

// Options control Convert.
type Options struct {
	// Base is the lexicon the result will be merged over (the embedded
	// gazetteer, usually). Actors it already has are extended rather
	// than duplicated, names it already has are left out, and country
	// codes resolve to its entries. Nil makes a self-contained file.
	Base *lexicon.Lexicon
	// IDPrefix starts the id of every new entry; "petrarch-" when empty.
	IDPrefix string
	// Source names the dictionary in notes ("Phoenix.Countries.actors.txt").
	Source string
}

// Result is a converted dictionary.
type Result struct {
	// AsOf is the latest date the dictionary mentions: no role it
	// produces ends after it.
	AsOf    lexicon.Date
	Records []lexicon.Record
	Stats   Stats
}

// Stats counts what Convert made of a dictionary.
type Stats struct {
	Actors        int // records in the dictionary
	Entries       int // records written (new entries and extensions)
	Extended      int // of which extend an entry of the base lexicon
	ByKind        map[lexicon.Kind]int
	Roles         int // roles made from dated GOV and MIL codes
	Codes         int // codes read, dated or not; every one is kept in a note
	NamesDropped  int // names left out because another entry of the base has them
	ActorsDropped int // actors left out because every one of their names was taken
	Ambiguous     int // names two converted actors share, marked ambiguous on both
}

// Title entries the converter adds for roles: CAMEO says only "a member of
// the government" or "of the military", not which office. The title's
// agent code gives the role holder's actor code (IRN + ~GOV: IRNGOV).
var roleTitles = map[string]lexicon.Record{
	"GOV": {ID: "cameo-government", Kind: "title", Name: "Government Official", Type: "office", Multiple: true,
		Codes: map[string]string{"cameo_agent": "~GOV"},
		Note:  "a member of a government, as a CAMEO ...GOV code says; the office is not known"},
	"MIL": {ID: "cameo-military", Kind: "title", Name: "Military Officer", Type: "office", Multiple: true,
		Codes: map[string]string{"cameo_agent": "~MIL"},
		Note:  "a member of the armed forces, as a CAMEO ...MIL code says; the rank is not known"},
}

// roleTitle returns the title entry for a role of sector code sector (the
// groups after the state's: GOV, MIL, CIV, GOVLEG …): one of roleTitles,
// or one made for the sector, named so that it never matches news text.
func roleTitle(sector string) lexicon.Record {
	if t, ok := roleTitles[sector]; ok {
		return t
	}
	return lexicon.Record{
		ID: "cameo-" + strings.ToLower(sector), Kind: "title", Name: "CAMEO " + sector, Match: "exact", Multiple: true,
		Codes: map[string]string{"cameo_agent": "~" + sector},
		Note:  "a role whose CAMEO code is the state's followed by " + sector + "; the office is not known",
	}
}

// orgTypes maps CAMEO sector codes to organization types; the last group
// of a code found here decides.
var orgTypes = map[string]string{
	"IGO": "intergovernmental", "UNO": "un-system", "GOV": "government", "MIL": "military",
	"LEG": "legislature", "JUD": "court", "SPY": "security", "COP": "security",
	"PTY": "political-party", "OPP": "political-party", "REB": "armed-group", "INS": "armed-group",
	"SEP": "armed-group", "IMG": "armed-group", "UAF": "armed-group", "NGO": "ngo", "NGM": "ngo",
	"MNC": "company", "BUS": "company", "MED": "media", "REL": "religious",
}

// regions are CAMEO's region codes, which are three letters like a state's.
var regions = map[string]bool{
	"AFR": true, "ASA": true, "BLK": true, "CAU": true, "CFR": true, "CAS": true, "CEU": true,
	"EIN": true, "EAF": true, "EEU": true, "EUR": true, "LAM": true, "MEA": true, "MDT": true,
	"NAF": true, "NMR": true, "PGS": true, "SCN": true, "SAM": true, "SAS": true, "SEA": true,
	"SAF": true, "WAF": true, "WST": true, "CRB": true,
}

// nonState are three-letter codes that are not a state's.
var nonState = map[string]bool{"IGO": true, "NGO": true, "NGM": true, "IMG": true, "MNC": true, "UAF": true, "ELI": true}

// particles are name words written in lower case inside names.
var particles = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "at": true, "to": true,
	"al": true, "el": true, "ad": true, "ash": true, "as": true, "de": true, "del": true, "der": true,
	"den": true, "des": true, "du": true, "da": true, "das": true, "do": true, "dos": true, "di": true,
	"la": true, "le": true, "les": true, "van": true, "von": true, "bin": true, "ibn": true, "bint": true,
	"y": true, "ul": true, "und": true, "et": true,
}

// validCode is the format lexicon validation wants of codes.cameo.
func validCode(c string) bool {
	if len(c) == 0 || len(c)%3 != 0 {
		return false
	}
	for _, r := range c {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// groups splits a CAMEO code into its three-letter groups.
func groups(c string) []string {
	var out []string
	for i := 0; i+3 <= len(c); i += 3 {
		out = append(out, c[i:i+3])
	}
	return out
}

// kindOf decides what an actor names, from its codes: a person when a
// code is dated (an office held for a time) or marks an elite (ELI); a
// country or region for a single undated three-letter code; an
// organization otherwise.
func kindOf(a *Actor) lexicon.Kind {
	for _, c := range a.Codes {
		if c.Dated() || c.Invalid != "" || slices.Contains(groups(c.Code), "ELI") {
			return lexicon.Person
		}
	}
	if len(a.Codes) == 1 && len(a.Codes[0].Code) == 3 && validCode(a.Codes[0].Code) && !nonState[a.Codes[0].Code] {
		if regions[a.Codes[0].Code] {
			return lexicon.Region
		}
		return lexicon.Country
	}
	return lexicon.Organization
}

// Display turns a dictionary phrase (HASSAN_ROUHANI_, THE_UNITED_NATIONS_)
// into a name as news writes it (Hassan Rouhani, United Nations): words
// in title case, particles (of, al, bin …) in lower case, initials and
// words with digits kept, and, outside people's names, words of two or
// three letters and words without vowels kept in capitals as acronyms.
func Display(phrase string, kind lexicon.Kind) string {
	words := strings.FieldsFunc(phrase, func(r rune) bool { return r == '_' || r == '+' || unicode.IsSpace(r) || unicode.IsControl(r) })
	if len(words) > 1 && strings.EqualFold(words[0], "the") {
		words = words[1:] // the matcher needs no article: "the UN" contains "UN"
	}
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			parts[j] = displayWord(p, kind, i == 0 && j == 0)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func displayWord(w string, kind lexicon.Kind, first bool) string {
	lower := strings.ToLower(w)
	switch {
	case w == "":
		return w
	case particles[lower] && (!first || len(w) <= 2 || lower == "al" || lower == "el"):
		return lower
	case strings.ContainsAny(w, ".0123456789"):
		return w
	case kind != lexicon.Person && (len(w) <= 3 || !strings.ContainsAny(lower, "aeiouy")):
		return w
	}
	rs := []rune(lower)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// slug makes an id part from a name: letters and digits joined by '-'.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// draft is an entry being made from one or more actors.
type draft struct {
	rec    lexicon.Record
	kind   lexicon.Kind // the kind, also for extensions (whose record has none)
	codes  []Code
	actors []*Actor
	base   *lexicon.Entry // the base entry this extends, if any
	// sectors are the CAMEO sectors of rec.Roles, one a role ("GOVLEG"),
	// from which their title entries are made.
	sectors []string
}

// Convert turns parsed actors into lexicon records. Actors with the same
// primary phrase are merged, as PETRARCH merges them.
func Convert(actors []Actor, opts Options) *Result {
	if opts.IDPrefix == "" {
		opts.IDPrefix = "petrarch-"
	}
	res := &Result{Stats: Stats{Actors: len(actors), ByKind: map[lexicon.Kind]int{}}}
	c := converter{opts: opts, res: res, byCode: map[string]string{}, claimed: map[*lexicon.Entry]bool{}}
	if opts.Base != nil {
		for _, e := range opts.Base.Entries() {
			if cameo := e.Codes["cameo"]; cameo != "" && (e.Kind == lexicon.Country || e.Kind == lexicon.Territory) {
				c.byCode[cameo] = e.ID
			}
		}
	}
	// Merge actors by primary phrase, keeping their order.
	var drafts []*draft
	byKey := map[string]*draft{}
	for i := range actors {
		a := &actors[i]
		res.Stats.Codes += len(a.Codes)
		for _, code := range a.Codes {
			if code.Invalid != "" {
				continue
			}
			for _, d := range []lexicon.Date{code.From, code.To} {
				if d.Compare(res.AsOf) > 0 {
					res.AsOf = d
				}
			}
		}
		key := slug(Display(a.Names[0], lexicon.Organization))
		if d := byKey[key]; d != nil && key != "" {
			d.actors = append(d.actors, a)
			d.codes = append(d.codes, a.Codes...)
			continue
		}
		d := &draft{actors: []*Actor{a}, codes: slices.Clone(a.Codes)}
		byKey[key] = d
		drafts = append(drafts, d)
	}
	for _, d := range drafts {
		c.identify(d)
	}
	var out []*draft
	for _, d := range drafts {
		c.fillNames(d)
		if d.base == nil && d.rec.Name == "" {
			// Every name is another entry's: nothing of this actor would
			// ever be matched, and no code may point at it.
			res.Stats.ActorsDropped++
			for code, id := range c.byCode {
				if id == d.rec.ID {
					delete(c.byCode, code)
				}
			}
			continue
		}
		out = append(out, d)
	}
	for _, d := range out {
		c.fillCodes(d)
	}
	c.markShared(out)
	used := map[string]bool{}
	var sectors []string
	for _, d := range out {
		for k, r := range d.rec.Roles {
			if !used[r.Title] {
				used[r.Title] = true
				sectors = append(sectors, d.sectors[k])
			}
		}
	}
	slices.Sort(sectors)
	for _, sector := range sectors {
		res.Records = append(res.Records, roleTitle(sector))
	}
	for _, d := range out {
		res.Records = append(res.Records, d.rec)
		res.Stats.Entries++
		res.Stats.ByKind[d.kind]++
		if d.base != nil {
			res.Stats.Extended++
		}
		res.Stats.Roles += len(d.rec.Roles)
	}
	return res
}

type converter struct {
	opts   Options
	res    *Result
	byCode map[string]string // CAMEO state code -> id of its country entry
	// claimed are the base entries a draft already extends: a second
	// actor that would extend one becomes an entry of its own.
	claimed map[*lexicon.Entry]bool
}

// identify gives a draft its kind and id: an existing entry of the base
// (a state by its CAMEO code, a person by name) to extend, or a new id.
func (c *converter) identify(d *draft) {
	a := d.actors[0]
	d.kind = kindOf(&Actor{Codes: d.codes})
	name := Display(a.Names[0], d.kind)
	if c.opts.Base != nil {
		switch d.kind {
		case lexicon.Country:
			code := d.codes[0].Code
			if id, ok := c.byCode[code]; ok {
				d.base = c.opts.Base.Entry(id)
			} else if e := c.opts.Base.Entry(code); e != nil && (e.Kind == lexicon.Country || e.Kind == lexicon.Territory) {
				d.base = e // CAMEO state codes are mostly ISO 3166 alpha-3, the base's ids
			} else {
				for _, cand := range c.opts.Base.Matcher().Named(name) {
					if k := cand.Entry.Kind; (k == lexicon.Country || k == lexicon.Territory) && cand.Form != lexicon.FormShort {
						d.base = cand.Entry
						break
					}
				}
			}
			if d.base != nil {
				if _, taken := c.byCode[code]; !taken {
					c.byCode[code] = d.base.ID
				}
			}
		case lexicon.Person, lexicon.Organization:
			for _, cand := range c.opts.Base.Matcher().Named(name) {
				if cand.Entry.Kind == d.kind && cand.Form != lexicon.FormShort {
					d.base = cand.Entry
					break
				}
			}
		}
	}
	if d.base != nil && c.claimed[d.base] {
		d.base = nil
	}
	if d.base != nil {
		c.claimed[d.base] = true
		d.rec = lexicon.Record{ID: d.base.ID, Extend: true}
		d.kind = d.base.Kind
		return
	}
	d.rec = lexicon.Record{ID: c.opts.IDPrefix + slug(name), Kind: string(d.kind)}
	if d.kind == lexicon.Country && len(d.codes) > 0 {
		if _, taken := c.byCode[d.codes[0].Code]; !taken {
			c.byCode[d.codes[0].Code] = d.rec.ID
		}
	}
}

// fillNames gives a draft its names: the primary phrase and synonyms of
// its actors, less those the base lexicon already has.
func (c *converter) fillNames(d *draft) {
	r := &d.rec
	for _, a := range d.actors {
		for _, phrase := range a.Names {
			n := Display(phrase, d.kind)
			if n == "" || n == r.Name || slices.Contains(r.Aliases, n) || !c.keepName(d, n) {
				continue
			}
			if r.Name == "" && d.base == nil {
				r.Name = n
			} else {
				r.Aliases = append(r.Aliases, n)
			}
		}
	}
}

// fillCodes gives a draft its codes, roles, country, type and note.
func (c *converter) fillCodes(d *draft) {
	r := &d.rec
	var note []string
	for _, a := range d.actors {
		note = append(note, fmt.Sprintf("%s:%d", c.opts.Source, a.Line))
	}
	var undated []string
	for _, code := range d.codes {
		note = append(note, code.Raw)
		if code.Invalid != "" {
			continue
		}
		if !code.Dated() {
			if validCode(code.Code) && !slices.Contains(undated, code.Code) {
				undated = append(undated, code.Code)
			}
			continue
		}
		if d.kind != lexicon.Person {
			continue
		}
		g := groups(code.Code)
		if len(g) < 2 || !validCode(code.Code) {
			continue
		}
		of := c.byCode[g[0]]
		if of == "" {
			continue
		}
		sector := code.Code[3:]
		r.Roles = append(r.Roles, lexicon.RoleRecord{Title: roleTitle(sector).ID, Of: of, From: code.From.String(), To: code.To.String(), Note: "CAMEO " + code.Code})
		d.sectors = append(d.sectors, sector)
	}
	if len(undated) > 0 {
		if d.base == nil || d.base.Codes["cameo"] == "" {
			r.Codes = map[string]string{"cameo": undated[0]}
		}
	}
	if d.kind == lexicon.Person || d.kind == lexicon.Organization {
		for _, code := range d.codes {
			if g := groups(code.Code); len(g) > 0 && !nonState[g[0]] {
				if id := c.byCode[g[0]]; id != "" && (d.base == nil || d.base.Country == "") {
					r.Country = id
				}
				break
			}
		}
	}
	if d.kind == lexicon.Organization && d.base == nil {
		for _, code := range d.codes {
			for _, g := range groups(code.Code) {
				if t, ok := orgTypes[g]; ok {
					r.Type = t // the last, most specific sector wins: NLDGOVLEG is a legislature
				}
			}
		}
	}
	r.Note = "PETRARCH " + strings.Join(note, " ")
}

// keepName reports whether name may be added to d: not when another entry
// of the base already has it (the validator would refuse the clash, and
// the base's entry is the better one), nor when d's own base entry does.
func (c *converter) keepName(d *draft, name string) bool {
	if c.opts.Base == nil {
		return true
	}
	for _, cand := range c.opts.Base.Matcher().Named(name) {
		if cand.Form == lexicon.FormShort || cand.Entry.Kind == lexicon.Title {
			continue
		}
		if cand.Entry != d.base {
			c.res.Stats.NamesDropped++
		}
		return false
	}
	return true
}

// markShared lists as ambiguous, on both entries, each name two converted
// entries share: the dictionary gives one phrase two codes.
func (c *converter) markShared(ds []*draft) {
	files := &lexicon.File{Path: "convert"}
	if c.opts.Base != nil {
		for _, v := range c.opts.Base.Variants() {
			files.Variants = append(files.Variants, v)
		}
	}
	byEntry := map[*lexicon.Entry]*draft{}
	for _, d := range ds {
		rec := d.rec
		rec.Kind, rec.Extend, rec.Roles = string(d.kind), false, nil
		if rec.Name == "" { // an extension: its base entry's names were left out
			rec.Name = d.base.Name
		}
		e, _ := rec.Entry(lexicon.Pos{})
		files.Entries = append(files.Entries, e)
		byEntry[e] = d
	}
	l, err := lexicon.Build([]*lexicon.File{files}, lexicon.Options{SkipValidation: true})
	if err != nil {
		return
	}
	for _, d := range ds {
		for _, n := range append([]string{d.rec.Name}, d.rec.Aliases...) {
			if n == "" {
				continue
			}
			shared := false
			for _, cand := range l.Matcher().Named(n) {
				if other := byEntry[cand.Entry]; other != d && cand.Form != lexicon.FormShort && d.kind != lexicon.Title {
					shared = true
				}
			}
			if shared && !slices.Contains(d.rec.Ambiguous, n) {
				d.rec.Ambiguous = append(d.rec.Ambiguous, n)
				c.res.Stats.Ambiguous++
			}
		}
	}
}
