package petrarch

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/lexicon"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// convertFile parses and converts a dictionary and returns the lexicon
// file it makes (YAML) and the problems reported, one a line.
func convertFile(t *testing.T, path string, base *lexicon.Lexicon) (string, *Result, string) {
	return convertTo(t, "yaml", path, base)
}

func convertTo(t *testing.T, format, path string, base *lexicon.Lexicon) (string, *Result, string) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	actors, problems := Parse(filepath.Base(path), fh)
	res := Convert(actors, Options{Base: base, Source: filepath.Base(path)})
	var out bytes.Buffer
	if err := lexicon.WriteRecords(&out, format, res.AsOf, nil, res.Records); err != nil {
		t.Fatal(err)
	}
	var probs strings.Builder
	for _, p := range problems {
		fmt.Fprintln(&probs, p)
	}
	return out.String(), res, probs.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// buildYAML loads a converted file, over base files when given, and
// fails the test on any validation error.
func buildYAML(t *testing.T, src string, base []*lexicon.File) *lexicon.Lexicon {
	return buildFile(t, "converted.yaml", src, base)
}

func buildFile(t *testing.T, name, src string, base []*lexicon.File) *lexicon.Lexicon {
	t.Helper()
	f, err := lexicon.Parse(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	l, err := lexicon.Build(append(base, f), lexicon.Options{})
	if err != nil {
		var el lexicon.ErrorList
		if e, ok := err.(lexicon.ErrorList); ok {
			el = e
		}
		for i, e := range el {
			if i == 20 {
				t.Errorf("… and %d more", len(el)-20)
				break
			}
			t.Error(e)
		}
		t.FailNow()
	}
	return l
}

// TestConvertSample converts our handwritten sample exactly (golden), on
// its own and merged over a small base lexicon, and the result validates.
func TestConvertSample(t *testing.T) {
	out, res, probs := convertFile(t, "testdata/sample.actors.txt", nil)
	golden(t, "sample.alone.yaml", out)
	golden(t, "sample.problems.txt", probs)
	l := buildYAML(t, out, nil)
	if got := l.Entry("petrarch-anna-van-der-berg"); got == nil || got.Kind != lexicon.Person || len(got.Roles) != 3 {
		t.Errorf("Anna van der Berg = %+v, want a person with an ELI, a GOV and a MIL role", got)
	}
	if got := l.Entry("cameo-eli"); got == nil || got.Codes["cameo_agent"] != "~ELI" || got.Match != "exact" {
		t.Errorf("title of the ELI role = %+v, want one with agent code ~ELI that matches only as written", got)
	}
	if res.Stats.Actors != 9 {
		t.Errorf("%d actors, want 9", res.Stats.Actors)
	}

	// Over a base that already has Northland and Anna van der Berg, the
	// converter extends them and leaves their names out.
	baseSrc := `as_of: 2025-01-01
entries:
  - {id: NLD, kind: country, name: Northland, demonyms: [Northlander], codes: {cameo: NLD}}
  - {id: anna-berg, kind: person, name: Anna van der Berg, country: NLD}
`
	bf, err := lexicon.ParseYAML("base.yaml", []byte(baseSrc))
	if err != nil {
		t.Fatal(err)
	}
	base, err := lexicon.Build([]*lexicon.File{bf}, lexicon.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, _, _ = convertFile(t, "testdata/sample.actors.txt", base)
	golden(t, "sample.over-base.yaml", out)
	merged := buildYAML(t, out, []*lexicon.File{bf})
	if got := merged.Entry("anna-berg"); len(got.Roles) != 3 || got.Codes["cameo"] != "NLDELI" {
		t.Errorf("extended anna-berg = %+v", got)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"20130803": "2013-08-03", "130803": "2013-08-03", "300101": "2030-01-01", "310101": "1931-01-01", "790205": "1979-02-05"} {
		got, err := parseDate(in)
		if err != nil || got.String() != want {
			t.Errorf("parseDate(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"2004017", "1920050709", "20100230", "2013O803", ""} {
		if _, err := parseDate(in); err == nil {
			t.Errorf("parseDate(%q) succeeded", in)
		}
	}
}

func TestDisplay(t *testing.T) {
	tests := []struct {
		in   string
		kind lexicon.Kind
		want string
	}{
		{"HASSAN_ROUHANI_", lexicon.Person, "Hassan Rouhani"},
		{"BAN_KI-MOON", lexicon.Person, "Ban Ki-Moon"},
		{"AL-QAEDA", lexicon.Organization, "al-Qaeda"},
		{"THE_UNITED_NATIONS_", lexicon.Organization, "United Nations"},
		{"ISLAMIC_REPUBLIC_OF_IRAN", lexicon.Country, "Islamic Republic of Iran"},
		{"UN_SECRETARY_GENERAL", lexicon.Organization, "UN Secretary General"},
		{"PRESIDENT_GEORGE_W._BUSH", lexicon.Person, "President George W. Bush"},
		{"GROUP OF 77", lexicon.Organization, "Group of 77"},
		{"MOHAMMAD_ALI_RAJA'I_", lexicon.Person, "Mohammad Ali Raja'i"},
	}
	for _, tt := range tests {
		if got := Display(tt.in, tt.kind); got != tt.want {
			t.Errorf("Display(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestConvertPhoenix converts the real Phoenix dictionaries, when the
// evaluation data is present, and checks that each result validates both
// on its own and merged over the embedded gazetteer.
func TestConvertPhoenix(t *testing.T) {
	dir := "../../../shared/eval/petrarch-cameo/raw/petrarch2"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no Phoenix dictionaries in ../shared/eval")
	}
	if testing.Short() {
		t.Skip("converting 65k lines of dictionaries takes seconds")
	}
	def, err := lexicon.DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	base, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file              string
		minActors, people int
	}{
		{"Phoenix.Countries.actors.txt", 18000, 17000},
		{"Phoenix.International.actors.txt", 7500, 300},
		{"Phoenix.MilNonState.actors.txt", 1000, 0},
		{"PETR.Validate.actors.txt", 120, 5},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			out, res, probs := convertTo(t, "jsonl", path, nil)
			s := res.Stats
			t.Logf("%d actors, %d entries, %d roles, %d codes, %d ambiguous; problems:\n%s", s.Actors, s.Entries, s.Roles, s.Codes, s.Ambiguous, probs)
			if s.Actors < tc.minActors || s.ByKind[lexicon.Person] < tc.people {
				t.Errorf("%d actors and %d people, want at least %d and %d", s.Actors, s.ByKind[lexicon.Person], tc.minActors, tc.people)
			}
			if s.Entries+s.ActorsDropped > s.Actors {
				t.Errorf("%d entries from %d actors", s.Entries, s.Actors)
			}
			if n := strings.Count(probs, "\n"); n > s.Actors/100 {
				t.Errorf("%d problems for %d actors", n, s.Actors)
			}
			buildFile(t, "converted.jsonl", out, nil)
			over, _, _ := convertTo(t, "jsonl", path, base)
			buildFile(t, "converted.jsonl", over, def)
		})
	}
	for _, file := range []string{"Phoenix.agents.txt", "PETR.Validate.agents.txt"} {
		t.Run(file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			agents, problems := ParseAgents(file, bytes.NewReader(b))
			if len(problems) > len(agents)/100 {
				t.Errorf("%d problems for %d agents: %v", len(problems), len(agents), problems)
			}
			for _, over := range []*lexicon.Lexicon{nil, base} {
				res := ConvertAgents(agents, Options{Base: over, Source: file})
				var out bytes.Buffer
				if err := lexicon.WriteRecords(&out, "jsonl", lexicon.Date{}, nil, res.Records); err != nil {
					t.Fatal(err)
				}
				if over == nil {
					buildFile(t, "agents.jsonl", out.String(), nil)
				} else {
					buildFile(t, "agents.jsonl", out.String(), def)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	b, err := os.ReadFile("testdata/sample.actors.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("X [ABC <20100101]\n\t[DEF 2001-2002]\n+Y [")
	f.Fuzz(func(t *testing.T, s string) {
		actors, _ := Parse("f.txt", strings.NewReader(s))
		res := Convert(actors, Options{Source: "f.txt"})
		for _, r := range res.Records {
			if r.ID == "" {
				t.Fatalf("record without id: %+v", r)
			}
		}
	})
}

// TestConvertAgents converts our handwritten agents sample (golden), alone
// and over a base that has one of its titles, and both results validate.
func TestConvertAgents(t *testing.T) {
	convert := func(base *lexicon.Lexicon) (string, *AgentResult, string) {
		fh, err := os.Open("testdata/sample.agents.txt")
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		agents, problems := ParseAgents("sample.agents.txt", fh)
		res := ConvertAgents(agents, Options{Base: base, Source: "sample.agents.txt"})
		var out bytes.Buffer
		if err := lexicon.WriteRecords(&out, "yaml", lexicon.Date{}, nil, res.Records); err != nil {
			t.Fatal(err)
		}
		var probs strings.Builder
		for _, p := range problems {
			fmt.Fprintln(&probs, p)
		}
		return out.String(), res, probs.String()
	}
	out, res, probs := convert(nil)
	golden(t, "sample.agents.alone.yaml", out)
	golden(t, "sample.agents.problems.txt", probs)
	l := buildYAML(t, out, nil)
	for name, want := range map[string]string{"police": "~COP", "coast guards": "~MIL", "authorities": "~GOV", "bosses": "~BUS", "chairwomen": "~GOV", "assemblywomen": "~LEG", "ministry of fisheries": "~GOV", "relief agency": "NGO~"} {
		got := l.Matcher().Named(name)
		if len(got) != 1 || got[0].Entry.Codes["cameo_agent"] != want {
			t.Errorf("%q names %v, want one title with agent code %s", name, got, want)
		}
	}
	for _, name := range []string{"polices", "chairwomans", "assemblymens"} {
		if got := l.Matcher().Named(name); len(got) != 0 {
			t.Errorf("%q names %v, want nothing", name, got)
		}
	}
	if res.Stats.Agents != 11 || res.Stats.NamesDropped != 2 {
		t.Errorf("stats %+v, want 11 agents read and both names of the second AUTHORITY dropped", res.Stats)
	}

	// Over a base that has the foreign minister's title, that title is
	// extended with the agent code.
	baseSrc := `as_of: 2025-01-01
entries:
  - {id: foreign-minister, kind: title, name: Foreign Minister, type: office}
  - {id: judge-dredd, kind: person, name: Boss}
`
	bf, err := lexicon.ParseYAML("base.yaml", []byte(baseSrc))
	if err != nil {
		t.Fatal(err)
	}
	base, err := lexicon.Build([]*lexicon.File{bf}, lexicon.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, _, _ = convert(base)
	golden(t, "sample.agents.over-base.yaml", out)
	merged := buildYAML(t, out, []*lexicon.File{bf})
	if got := merged.Entry("foreign-minister"); got.Codes["cameo_agent"] != "~GOVFRM" || got.Type != "office" {
		t.Errorf("extended foreign-minister = %+v", got)
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{"POLICE_CHIEF": "POLICE_CHIEFS", "AUTHORITY": "AUTHORITIES", "ATTORNEY": "ATTORNEYS", "BOSS": "BOSSES", "BRANCH": "BRANCHES", "TAX": "TAXES", "SOLDIER_": "SOLDIERS", "envoy": "envoys", "party": "parties"} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseAgents(f *testing.F) {
	b, err := os.ReadFile("testdata/sample.agents.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("!A! = X\n!A!!A! {} [~B]\nY {Z [C~]\n!B!_Q [~DEF]")
	f.Fuzz(func(t *testing.T, s string) {
		agents, _ := ParseAgents("f.txt", strings.NewReader(s))
		for _, a := range agents {
			if len(a.Names) == 0 || !lexicon.ValidCode("cameo_agent", a.Code) {
				t.Fatalf("agent %+v", a)
			}
		}
		res := ConvertAgents(agents, Options{Source: "f.txt"})
		for _, r := range res.Records {
			if r.ID == "" || r.Name == "" {
				t.Fatalf("record %+v", r)
			}
		}
	})
}
