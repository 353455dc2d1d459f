package lexicon

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func build(t *testing.T, srcs ...string) (*Lexicon, error) {
	t.Helper()
	var files []*File
	for i, src := range srcs {
		f, err := ParseYAML("f"+string(rune('0'+i))+".yaml", []byte(src))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		files = append(files, f)
	}
	return Build(files, Options{})
}

func TestValidate(t *testing.T) {
	src := `as_of: 2025-10-01
entries:
  - {id: IRN, kind: country, name: Iran, capital: tehran, codes: {iso2: IRN, cameo: "IRNGOV 20130803"}}
  - {id: GEO, kind: country, name: Georgia}
  - {id: georgia-us, kind: region, name: Georgia, country: USA}
  - {id: foreign-minister, kind: title, name: Foreign Minister}
  - {id: police, kind: title, name: Police, codes: {cameo_agent: "~COP"}}
  - {id: msf, kind: title, name: MSF, codes: {cameo_agent: "NGO~"}}
  - {id: guard, kind: title, name: Guard, codes: {cameo_agent: "MIL"}}
  - id: a-b
    kind: person
    name: A B
    roles:
      - {title: foreign-minister, of: GEO, from: 2020-01-01}
      - {title: foreign-minster, of: GEO, from: 2021-05, to: 2021-02}
  - id: c-d
    kind: person
    name: C D
    roles:
      - {title: foreign-minister, of: GEO, from: 2024-02-01, to: 2026-01}
`
	_, err := build(t, src)
	want := []string{
		`f0.yaml:3:5: entry IRN: codes.cameo: "IRNGOV 20130803" has a date glued into the code; put dates on roles (from, to), not in codes`,
		"f0.yaml:3:5: entry IRN: codes.iso2: \"IRN\" does not look like a iso2 code (want ^[A-Z]{2}$)",
		`f0.yaml:3:5: entry IRN: capital: "tehran" is not the id of any entry`,
		`f0.yaml:4:5: entry GEO: names: "Georgia" is also a name of georgia-us (f0.yaml:5:5); list it under ambiguous on both entries if both are meant`,
		`f0.yaml:5:5: entry georgia-us: country: "USA" is not the id of any entry`,
		`f0.yaml:5:5: entry georgia-us: names: "Georgia" is also a name of GEO (f0.yaml:4:5); list it under ambiguous on both entries if both are meant`,
		"f0.yaml:9:5: entry guard: codes.cameo_agent: \"MIL\" does not look like a cameo_agent code (want ^(~[A-Z0-9]{3}([A-Z0-9]{3})*|[A-Z0-9]{3}([A-Z0-9]{3})*~)$)",
		`f0.yaml:15:9: entry a-b: roles: term ends (2021-02) before it begins (2021-05)`,
		`f0.yaml:15:9: entry a-b: roles.title: "foreign-minster" is not the id of any entry (did you mean "foreign-minister"?)`,
		`f0.yaml:20:9: entry c-d: roles.to: 2026-01 is after the file's as_of date 2025-10-01`,
		`f0.yaml:20:9: entry c-d: roles: foreign-minister of GEO: term from 2024-02-01 overlaps a-b's term (2020-01-01 to open, f0.yaml:14:9); a single-holder office cannot have two holders`,
	}
	if diff := cmp.Diff(want, errorTexts(t, err)); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

func TestValidateAmbiguousMarked(t *testing.T) {
	_, err := build(t, `entries:
  - {id: GEO, kind: country, name: Georgia, ambiguous: [Georgia]}
  - {id: georgia-us, kind: region, name: Georgia, ambiguous: [Georgia]}
  - {id: x, kind: city, name: X, ambiguous: [Y]}
`)
	want := []string{`f0.yaml:4:5: entry x: ambiguous: "Y" is not one of the entry's names`}
	if diff := cmp.Diff(want, errorTexts(t, err)); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

func TestMergeOverrideAndExtend(t *testing.T) {
	base := `as_of: 2025-01-01
entries:
  - {id: IRN, kind: country, name: Iran, aliases: [Islamic Republic of Iran]}
  - {id: TUR, kind: country, name: Turkey}
`
	user := `as_of: 2025-06-01
entries:
  - {id: IRN, extend: true, aliases: [Persia]}
  - {id: TUR, kind: country, name: Türkiye}
  - {id: local-council, kind: organization, name: Springfield Council}
`
	l, err := build(t, base, user)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Entry("IRN").Aliases; !cmp.Equal(got, []string{"Islamic Republic of Iran", "Persia"}) {
		t.Errorf("extended aliases = %q", got)
	}
	if got := l.Entry("TUR").Name; got != "Türkiye" {
		t.Errorf("overridden name = %q", got)
	}
	if l.Entry("local-council") == nil || l.Len() != 3 {
		t.Errorf("added entry missing; len = %d", l.Len())
	}
	if l.AsOf().String() != "2025-06-01" {
		t.Errorf("as_of = %s, want the latest file's", l.AsOf())
	}
	if _, err := build(t, `entries: [{id: nope, extend: true, aliases: [X]}]`); err == nil || !strings.Contains(err.Error(), "no earlier entry") {
		t.Errorf("extend of nothing: %v", err)
	}
}

func TestHoldersAt(t *testing.T) {
	l, err := build(t, `as_of: 2025-10-01
entries:
  - {id: USA, kind: country, name: United States}
  - {id: foreign-minister, kind: title, name: Foreign Minister}
  - {id: secretary-of-state-us, kind: title, name: Secretary of State, equivalent: foreign-minister, country: USA}
  - id: marco-rubio
    kind: person
    name: Marco Rubio
    roles: [{title: secretary-of-state-us, of: USA, from: 2025-01-21}]
  - id: antony-blinken
    kind: person
    name: Antony Blinken
    roles: [{title: secretary-of-state-us, of: USA, from: 2021-01-26, to: 2025-01-20}]
`)
	if err != nil {
		t.Fatal(err)
	}
	who := func(hs []Holder) []string {
		var ids []string
		for _, h := range hs {
			ids = append(ids, h.Person.ID)
		}
		return ids
	}
	sure, _ := l.HoldersAt("foreign-minister", "USA", MustDate("2025-11-14"))
	if diff := cmp.Diff([]string{"marco-rubio"}, who(sure)); diff != "" {
		t.Errorf("holders in 2025-11 (-want +got):\n%s", diff)
	}
	sure, maybe := l.HoldersAt("secretary-of-state-us", "USA", MustDate("2025-01"))
	if len(sure) != 0 || len(maybe) != 2 {
		t.Errorf("January 2025: sure %v maybe %v, want both maybe", who(sure), who(maybe))
	}
	if got := l.Generic("secretary-of-state-us"); got != "foreign-minister" {
		t.Errorf("Generic = %q", got)
	}
}

// TestValidateEventDataPitfalls: the mistakes of date-restricted actor
// dictionaries, in a JSONL file, each reported with file:line.
func TestValidateEventDataPitfalls(t *testing.T) {
	src := `{"as_of": "2025-10-01"}
{"id": "IRN", "kind": "country", "name": "Iran", "codes": {"cameo": "IRNGOV 790116-790122"}}
{"id": "AUS", "kind": "country", "name": "Australia", "codes": {"cameo": "AUSGOV >130918"}}
{"id": "XYZ", "kind": "country", "name": "Xyz", "codes": {"cameo": "XXX <20100101", "geonames": "2643743"}}
{"id": "fm", "kind": "title", "name": "Foreign Minister"}
{"id": "a", "kind": "person", "name": "A", "roles": [{"title": "fm", "of": "IRN", "from": "2021-08-25", "to": "2013-08-01"}]}
{"id": "b", "kind": "person", "name": "B", "roles": [{"title": "fm", "of": "AUS", "from": "2020-02-30"}]}
{"id": "c", "kind": "person", "name": "C", "aliases": ["A"], "roles": [{"title": "fm", "of": "AUS", "from": "2019", "to": "2021-06"}]}
{"id": "d", "kind": "person", "name": "D", "roles": [{"title": "fm", "of": "AUS", "from": "2021-03", "to": "2026"}]}
`
	f, err := ParseJSONL("dict.jsonl", strings.NewReader(src))
	got := errorTexts(t, err)
	if f != nil {
		_, err = Build([]*File{f}, Options{})
		got = append(got, errorTexts(t, err)...)
	}
	want := []string{
		`dict.jsonl:7: entry b: roles.from: date "2020-02-30": day out of range`,
		`dict.jsonl:2: entry IRN: codes.cameo: "IRNGOV 790116-790122" has a date glued into the code; put dates on roles (from, to), not in codes`,
		`dict.jsonl:3: entry AUS: codes.cameo: "AUSGOV >130918" has a date glued into the code; put dates on roles (from, to), not in codes`,
		`dict.jsonl:4: entry XYZ: codes.cameo: "XXX <20100101" has a date glued into the code; put dates on roles (from, to), not in codes`,
		`dict.jsonl:6: entry a: roles: term ends (2013-08-01) before it begins (2021-08-25)`,
		`dict.jsonl:6: entry a: names: "A" is also a name of c (dict.jsonl:8); list it under ambiguous on both entries if both are meant`,
		`dict.jsonl:8: entry c: names: "A" is also a name of a (dict.jsonl:6); list it under ambiguous on both entries if both are meant`,
		`dict.jsonl:9: entry d: roles.to: 2026 is after the file's as_of date 2025-10-01`,
		`dict.jsonl:9: entry d: roles: fm of AUS: term from 2021-03 overlaps c's term (2019 to 2021-06, dict.jsonl:8); a single-holder office cannot have two holders`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}
