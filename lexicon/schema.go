// Package lexicon is newsann's gazetteer: the schema of its entries
// (countries, places, organizations, people and their dated offices,
// titles), strict loading and validation of YAML, JSON, JSONL and CSV
// files, the merge of user files over the embedded default, and the
// compiled matcher that finds entry names in tokenized text.
//
// The package knows nothing of the annotation pipeline or the CLI, so a Go
// program or a notebook helper can load and query a gazetteer on its own.
package lexicon

// Kind is what an entry names. Labels in annotation output follow from it.
type Kind string

// Entry kinds.
const (
	Country      Kind = "country"
	Territory    Kind = "territory"
	City         Kind = "city"
	Region       Kind = "region"
	Organization Kind = "organization"
	Person       Kind = "person"
	Nationality  Kind = "nationality"
	Title        Kind = "title"
)

// Kinds lists every kind in the order documentation presents them.
var kinds = []Kind{Country, Territory, City, Region, Organization, Person, Nationality, Title}

// Kinds returns every valid kind.
func Kinds() []Kind { return append([]Kind(nil), kinds...) }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, v := range kinds {
		if v == k {
			return true
		}
	}
	return false
}

// Label returns the annotation label of a mention of an entry of kind k.
func (k Kind) Label() string {
	switch k {
	case Country:
		return "COUNTRY"
	case Territory:
		return "TERRITORY"
	case City:
		return "CITY"
	case Region:
		return "LOCATION"
	case Organization:
		return "ORGANIZATION"
	case Person:
		return "PERSON"
	case Nationality:
		return "NATIONALITY"
	case Title:
		return "TITLE"
	}
	return "MISC"
}

// Entry is one gazetteer entry. Which fields apply depends on Kind; the
// loader rejects fields that do not (a person has no capital).
type Entry struct {
	ID   string // stable and unique across all files: ISO 3166 alpha-3 for states, kebab-case otherwise
	Kind Kind
	Name string // the common English name, as news writes it

	Aliases  []string // other full names: official, former, transliterated, acronyms
	Short    []string // short forms (surnames) that refer to the entry only after a full mention in the same text
	Demonyms []string // adjectives and nouns for people (Iranian, Iranians); they annotate as NATIONALITY
	// Ambiguous lists names of this entry that other entries or common
	// words share on purpose (Georgia, Jordan); the validator accepts a
	// name on two entries only when both list it here, and the rules decide.
	Ambiguous []string

	Capital string // country, territory: id of the capital city
	Country string // city, region, organization, person, title: id of the state it belongs to

	Codes map[string]string // iso2, iso3, m49, wikidata, cameo, and user keys

	Roles    []Role   // person: dated offices
	PartOf   []string // ids this is a part of (UN Security Council is part of the UN)
	MemberOf []string // ids this is a member of
	Members  []string // organization: ids of its members (the same graph as member_of, written from the other side)

	Type string // organization: what sort (see OrgTypes); title: office or honorific

	// Equivalent is, for a title, the generic office it is a local name of
	// (the US Secretary of State is a foreign-minister).
	Equivalent string
	// Multiple marks a title that several people hold at once (captain
	// regent, member of a collective presidency), exempt from the overlap check.
	Multiple bool

	// Match is "" for the default folding (case by shape, diacritics
	// folded) or "exact" to match the names only as written.
	Match string
	// Extend, in a file loaded after another that has the same id, merges
	// this entry into the earlier one instead of replacing it.
	Extend bool
	Note   string

	// Pos is where the entry was defined; AsOf is its file's as_of date.
	Pos  Pos
	AsOf Date
}

// Role is an office a person holds or held.
type Role struct {
	Title string // id of a title entry
	Of    string // id of the country, territory or organization
	From  Date
	To    Date // zero while the person still holds the office
	// Heads says the office heads the state, the government, or both
	// (values "state", "government").
	Heads  []string
	Acting bool // acting or interim
	Note   string
	Pos    Pos
}

// HeadsState reports whether the role is that of a head of state.
func (r Role) HeadsState() bool { return contains(r.Heads, "state") }

// HeadsGovernment reports whether the role is that of a head of government.
func (r Role) HeadsGovernment() bool { return contains(r.Heads, "government") }

// HoldsAt reports whether the role is held on the date (or throughout the
// period) at, counting partial dates as whole periods.
func (r Role) HoldsAt(at Date) Truth { return at.Within(r.From, r.To) }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// OrgTypes lists the values an organization's Type may take.
var orgTypes = []string{
	"intergovernmental", // UN, EU, NATO, AU, GCC …
	"un-system",         // UN organs, funds, programmes, specialized agencies
	"court",             // ICJ, ICC, national supreme courts
	"financial",         // IMF, World Bank, central banks, development banks
	"armed-group",       // non-state armed and militant movements
	"political-party",   // parties and political fronts
	"legislature",       // parliaments and their chambers
	"government",        // ministries, agencies, presidencies, cabinets
	"military",          // state armed forces and their branches
	"security",          // intelligence and security services
	"ngo",               // non-governmental organizations
	"company",           // businesses
	"media",             // news organizations
	"religious",         // religious bodies
	"forum",             // informal groupings (G7, G20, BRICS, Quad)
	"other",
}

// OrgTypes returns the values an organization's Type may take.
func OrgTypes() []string { return append([]string(nil), orgTypes...) }

// titleTypes lists the values a title's Type may take.
var titleTypes = []string{"office", "honorific", "rank"}
