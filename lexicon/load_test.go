package lexicon

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// errorTexts returns the error list's messages, for comparing.
func errorTexts(t *testing.T, err error) []string {
	t.Helper()
	var el ErrorList
	if !errors.As(err, &el) {
		if err == nil {
			return nil
		}
		t.Fatalf("error is %T, want ErrorList: %v", err, err)
	}
	var out []string
	for _, e := range el {
		out = append(out, e.Error())
	}
	return out
}

func TestParseYAMLErrors(t *testing.T) {
	src := `as_of: 2025-10-01
entries:
  - id: IRN
    kind: country
    name: Iran
    alias: [Persia]
  - id: x
    kind: planet
    name: X
  - id: abbas-araghchi
    kind: person
    name: Abbas Araghchi
    capital: tehran
    roles:
      - {title: foreign-minister, of: IRN, from: 2024-13-01, tilte: x}
  - kind: city
    name: Nowhere
  - id: y
    kind: country
    name: [Y]
    multiple: yes
`
	_, err := ParseYAML("f.yaml", []byte(src))
	want := []string{
		`f.yaml:6:5: entry IRN: alias: unknown field "alias" (did you mean "aliases"?)`,
		`f.yaml:7:5: entry x: kind: unknown kind "planet" (want one of country, territory, city, region, organization, person, nationality, title)`,
		`f.yaml:13:5: entry abbas-araghchi: capital: does not apply to a person`,
		`f.yaml:15:50: entry abbas-araghchi: roles.from: date "2024-13-01": month out of range`,
		`f.yaml:15:62: entry abbas-araghchi: roles.tilte: unknown field "tilte" (did you mean "title"?)`,
		`f.yaml:16:5: id: missing`,
		`f.yaml:20:11: entry y: name: want a string, got a list`,
		`f.yaml:21:5: entry y: multiple: does not apply to a country`,
	}
	if diff := cmp.Diff(want, errorTexts(t, err)); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

func TestParseYAMLRefusesAliases(t *testing.T) {
	// A billion-laughs document: refused before anything expands it.
	var b strings.Builder
	b.WriteString("as_of: 2025-01-01\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		prev := "*a" + string(rune('0'+i-1))
		b.WriteString("x" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(prev+", ", 8) + prev + "]\n")
	}
	_, err := ParseYAML("bomb.yaml", []byte(b.String()))
	got := errorTexts(t, err)
	if len(got) == 0 || !strings.Contains(got[0], "anchors and aliases are not allowed") {
		t.Fatalf("alias bomb: got %q, want a refusal of anchors", got)
	}
}

func TestYAMLAliases(t *testing.T) {
	// Every alias or anchored node, in document order, without what an
	// anchored node holds.
	var doc yaml.Node
	src := "y: &y 2\na: &x [1, *x]\nc: {d: 1}\nb: [*y]\n"
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range YAMLAliases(&doc) {
		got = append(got, fmt.Sprintf("%d:%d", n.Line, n.Column))
	}
	if want := []string{"1:4", "2:4", "4:5"}; !slices.Equal(got, want) {
		t.Errorf("YAMLAliases at %v, want %v", got, want)
	}
}

func TestParseYAMLSyntaxError(t *testing.T) {
	_, err := ParseYAML("bad.yaml", []byte("entries:\n  - id: a\n   kind: x\n"))
	got := errorTexts(t, err)
	if len(got) != 1 || !regexp.MustCompile(`^bad\.yaml:[0-9]+: \S`).MatchString(got[0]) {
		t.Fatalf("syntax error = %q, want one error at bad.yaml:LINE", got)
	}
}

func TestParseYAMLForms(t *testing.T) {
	// A bare list, a JSON file and an empty file are all accepted.
	for name, src := range map[string]string{
		"list.yaml":  "- {id: a, kind: city, name: A}\n",
		"obj.json":   `{"as_of": "2025-01-01", "entries": [{"id": "a", "kind": "city", "name": "A"}]}`,
		"empty.yaml": "",
	} {
		f, err := ParseYAML(name, []byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if name != "empty.yaml" && (len(f.Entries) != 1 || f.Entries[0].Name != "A") {
			t.Errorf("%s: entries = %+v", name, f.Entries)
		}
	}
}

func TestParseYAMLInvalidUTF8(t *testing.T) {
	_, err := ParseYAML("u.yaml", []byte("as_of: 2025-01-01\nentries:\n  - {id: a, kind: city, name: \"A\xff\"}\n"))
	if got := errorTexts(t, err); len(got) != 1 || got[0] != "u.yaml:3: invalid UTF-8" {
		t.Fatalf("got %q", got)
	}
}

func FuzzParseYAML(f *testing.F) {
	f.Add([]byte("as_of: 2025-10-01\nentries:\n  - {id: IRN, kind: country, name: Iran, demonyms: [Iranian]}\n"))
	f.Add([]byte("- {id: a, kind: person, name: A B, roles: [{title: t, of: IRN, from: 2024}]}\n"))
	f.Add([]byte("a: &x [1]\nb: *x\n"))
	f.Add([]byte("{\"entries\": [1, \"x\", null]}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := ParseYAML("fuzz.yaml", b)
		if err != nil {
			var el ErrorList
			if !errors.As(err, &el) || len(el) == 0 {
				t.Fatalf("error %v is not a non-empty ErrorList", err)
			}
			for _, e := range el {
				if e.Pos.File != "fuzz.yaml" {
					t.Fatalf("error without its file: %v", e)
				}
			}
			return
		}
		// What parses must also build or fail cleanly.
		if _, err := Build([]*File{file}, Options{}); err != nil {
			var el ErrorList
			if !errors.As(err, &el) {
				t.Fatalf("Build error %T is not an ErrorList: %v", err, err)
			}
		}
	})
}
