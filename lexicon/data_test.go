package lexicon

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// dataFiles parses the YAML of the default gazetteer.
func dataFiles(t *testing.T) []*File {
	t.Helper()
	files, err := ParseFS(os.DirFS("data"), ".", DataDir)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestCompiledUpToDate fails when lexicon/data, or the code that compiles
// the matcher (tokenizing, folding, the tables), was changed without
// regenerating the embedded form.
func TestCompiledUpToDate(t *testing.T) {
	parsed := dataFiles(t)
	want, err := EncodeCompiled(parsed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, compiled) {
		t.Fatal("lexicon/compiled.bin is stale: run `go generate ./lexicon`")
	}
	files, err := DecodeFiles(compiled)
	if err != nil {
		t.Fatal(err)
	}
	// The compiled form holds every field the YAML gives (those it
	// leaves out as empty, see the has* bits, included).
	for i, f := range files {
		for j, e := range f.Entries {
			if !reflect.DeepEqual(e, parsed[i].Entries[j]) {
				t.Fatalf("entry %s decodes as %+v, parsed as %+v", e.ID, e, parsed[i].Entries[j])
			}
		}
	}
	if !bytes.HasPrefix(compiled, EncodeFiles(files)) {
		t.Fatal("decoding and re-encoding compiled.bin's files does not round-trip")
	}
	if again, err := EncodeCompiled(files); err != nil || !bytes.Equal(again, compiled) {
		t.Fatalf("decoding and re-encoding compiled.bin does not round-trip (%v)", err)
	}
	if _, stale, err := loadCompiled(compiled, compiledText()); err != nil || stale != nil {
		t.Fatalf("Default does not load the stored matcher: %v, %v", err, stale)
	}
}

func TestDataValidates(t *testing.T) {
	files := dataFiles(t)
	for _, f := range files {
		if f.AsOf.IsZero() {
			t.Errorf("%s: no as_of date", f.Path)
		}
	}
	if _, err := Build(files, Options{NoOverride: true}); err != nil {
		if el, ok := err.(ErrorList); ok {
			for _, e := range el {
				t.Error(e)
			}
			return
		}
		t.Fatal(err)
	}
}

func defaultData(t *testing.T) *Lexicon {
	t.Helper()
	l, err := Build(dataFiles(t), Options{NoOverride: true})
	if err != nil {
		t.Fatalf("the gazetteer does not validate: %v", err)
	}
	return l
}

// office says whether a role fills one of the offices every state must
// have recorded.
type office struct {
	name string
	is   func(l *Lexicon, r Role) bool
}

var requiredOffices = []office{
	{"head of state", func(_ *Lexicon, r Role) bool { return r.HeadsState() }},
	{"head of government", func(_ *Lexicon, r Role) bool { return r.HeadsGovernment() }},
	{"foreign minister", func(l *Lexicon, r Role) bool { return l.Generic(r.Title) == "foreign-minister" }},
}

// noPredecessor lists states whose head has had no predecessor since
// independence, so none can be recorded.
var noPredecessor = map[string]string{
	"ERI": "Isaias Afwerki has led Eritrea since independence in 1993",
	"SSD": "Salva Kiir has led South Sudan since independence in 2011",
}

// TestDataOfficials: every UN member and observer state has a head of
// state, a head of government and a foreign minister in office at its
// file's as_of date, each with a start date, and a recorded predecessor
// with both dates.
func TestDataOfficials(t *testing.T) {
	l := defaultData(t)
	roles := map[string][]Holder{} // state id -> every role of it
	for _, e := range l.Entries() {
		for _, r := range e.Roles {
			roles[r.Of] = append(roles[r.Of], Holder{Person: e, Role: r})
		}
	}
	states := 0
	for _, c := range l.Entries() {
		if c.Kind != Country {
			continue
		}
		states++
		for _, o := range requiredOffices {
			var current, previous []Holder
			for _, h := range roles[c.ID] {
				if !o.is(l, h.Role) {
					continue
				}
				// Maybe counts: a term that began "2025-09" may not yet have
				// begun on an as_of of 2025-09-28, and the data says no more.
				if h.Role.HoldsAt(h.Person.AsOf) != False && h.Role.To.IsZero() {
					current = append(current, h)
				} else if !h.Role.To.IsZero() {
					previous = append(previous, h)
				}
			}
			if len(current) == 0 {
				t.Errorf("%s (%s): no %s in office at as_of", c.ID, c.Name, o.name)
				continue
			}
			for _, h := range current {
				if h.Role.From.IsZero() {
					t.Errorf("%s: %s %s has no start date (%s)", c.ID, o.name, h.Person.ID, h.Role.Pos)
				}
			}
			var before []Holder
			for _, p := range previous {
				if !slices.ContainsFunc(current, func(h Holder) bool { return h.Person == p.Person && h.Role.Pos == p.Role.Pos }) {
					before = append(before, p)
				}
			}
			if len(before) == 0 && noPredecessor[c.ID] == "" {
				t.Errorf("%s (%s): no previous %s recorded", c.ID, c.Name, o.name)
			}
		}
	}
	if states != 195 {
		t.Errorf("%d states of kind country, want 193 UN members and 2 observers", states)
	}
}

// TestDataDefenceAndOrganizations: defence ministers of the G20 and the
// Middle East, and heads of the main international organizations, are
// recorded in office.
func TestDataDefenceAndOrganizations(t *testing.T) {
	l := defaultData(t)
	inOffice := func(title, of string) bool {
		for _, h := range l.Holders(title, of) {
			if h.Role.To.IsZero() && h.Role.HoldsAt(h.Person.AsOf) == True {
				return true
			}
		}
		return false
	}
	defence := strings.Fields(`ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF KOR TUR GBR USA
		BHR EGY IRN IRQ ISR JOR KWT LBN OMN QAT SYR ARE YEM`)
	for _, c := range defence {
		if !inOffice("defence-minister", c) {
			t.Errorf("%s: no defence minister in office", c)
		}
	}
	heads := []struct{ title, of string }{
		{"secretary-general", "un"}, {"president", "european-commission"}, {"president", "european-council"},
		{"high-representative", "eu"}, {"secretary-general", "nato"}, {"chairperson", "au-commission"},
		{"director-general", "iaea"}, {"director-general", "who"}, {"managing-director", "imf"},
		{"president", "world-bank-group"}, {"director-general", "wto"}, {"secretary-general", "arab-league"},
		{"secretary-general", "gcc"}, {"secretary-general", "opec"}, {"prosecutor", "icc"},
	}
	for _, h := range heads {
		if l.Entry(h.of) == nil {
			t.Errorf("no organization %q", h.of)
			continue
		}
		if !inOffice(h.title, h.of) {
			t.Errorf("%s of %s: nobody in office", h.title, h.of)
		}
	}
}

func TestDataCounts(t *testing.T) {
	l := defaultData(t)
	count := map[Kind]int{}
	capitals := map[string]bool{}
	for _, e := range l.Entries() {
		count[e.Kind]++
		if e.Capital != "" {
			capitals[e.Capital] = true
		}
		if e.Kind == City && e.Country == "" {
			t.Errorf("city %s has no country", e.ID)
		}
		if e.Kind == Country && e.Capital == "" {
			t.Errorf("country %s has no capital", e.ID)
		}
		if e.Kind == Country && (e.Codes["iso2"] == "" || e.Codes["iso3"] == "" || e.Codes["wikidata"] == "") {
			t.Errorf("country %s lacks an iso2, iso3 or wikidata code", e.ID)
		}
		if e.Kind == Country && len(e.Demonyms) == 0 && e.ID != "VAT" { // the Holy See has no demonym
			t.Errorf("country %s has no demonyms", e.ID)
		}
	}
	if n := count[Organization]; n < 400 {
		t.Errorf("%d organizations, want at least 400", n)
	}
	if n := count[City] - len(capitals); n < 300 {
		t.Errorf("%d cities besides capitals, want at least 300", n)
	}
	t.Log(fmt.Sprint(count))
}

// BenchmarkDefault is the start-up cost of the embedded gazetteer: decode
// the compiled form and build the matcher.
func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseYAMLData is what loading the gazetteer would cost from
// YAML, the reason for the compiled form.
func BenchmarkParseYAMLData(b *testing.B) {
	for b.Loop() {
		if _, err := ParseFS(os.DirFS("data"), ".", DataDir); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHoldersConcurrent asks for the holders of every office from several
// goroutines at once, the first asks of a fresh lexicon, which build the
// offices' index (on first use): each must get every role of the office,
// by start date, as a pass over the entries finds them.
func TestHoldersConcurrent(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	type office struct{ title, of string }
	want := map[office][]Holder{}
	var offices []office
	for _, e := range l.Entries() {
		for _, r := range e.Roles {
			o := office{l.Generic(r.Title), r.Of}
			if want[o] == nil {
				offices = append(offices, o)
			}
			want[o] = append(want[o], Holder{Person: e, Role: r})
		}
	}
	for _, hs := range want {
		slices.SortStableFunc(hs, func(a, b Holder) int { return a.Role.From.Compare(b.Role.From) })
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for _, o := range offices {
				if got := l.Holders(o.title, o.of); !slices.EqualFunc(got, want[o], func(a, b Holder) bool {
					return a.Person == b.Person && a.Role.Pos == b.Role.Pos
				}) {
					errs <- fmt.Errorf("Holders(%q, %q) = %d holders, want %d", o.title, o.of, len(got), len(want[o]))
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestMemberOf: MemberOf gives, for every entry, the organizations whose
// members (from either side) include it, in lexicon order, as a pass
// over every entry finds them.
func TestMemberOf(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, org := range l.Entries() {
		for _, m := range l.Members(org.ID) {
			want[m] = append(want[m], org.ID)
		}
	}
	if len(want) < 100 {
		t.Fatalf("only %d entities are members of an organization", len(want))
	}
	for _, e := range l.Entries() {
		if got := l.MemberOf(e.ID); !slices.Equal(got, want[e.ID]) {
			t.Errorf("MemberOf(%s) = %v, want %v", e.ID, got, want[e.ID])
		}
	}
	for m, orgs := range want {
		if got := l.MemberOf(m); !slices.Equal(got, orgs) {
			t.Errorf("MemberOf(%s) = %v, want %v", m, got, orgs)
		}
	}
}
