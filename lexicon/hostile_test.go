package lexicon

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestHostileLexiconFiles: broken or hostile lexicon files are refused with
// errors naming the file (and line where there is one), quickly and in
// bounded memory. The alias bomb has its own test
// (TestParseYAMLRefusesAliases); unknown fields and wrong kinds are in
// TestParseYAMLErrors.
func TestHostileLexiconFiles(t *testing.T) {
	tests := []struct {
		name  string
		files []string // parsed as f0.yaml, f1.yaml, … and built together
		want  string   // a regular expression one of the errors must match
	}{
		{"malformed YAML", []string{"entries:\n  - {id: a, kind: city, name: A\n"}, `^f0\.yaml:\d+: did not find expected`},
		{"tab indentation", []string{"entries:\n\t- {id: a, kind: city, name: A}\n"}, `^f0\.yaml:2: `},
		{"name of the wrong type", []string{"entries:\n  - {id: a, kind: city, name: {first: A}}\n"}, `^f0\.yaml:2:\d+: entry a: name: want a string, got a mapping$`},
		{"aliases of the wrong type", []string{"entries:\n  - {id: a, kind: city, name: A, aliases: {b: c}}\n"}, `^f0\.yaml:2:\d+: entry a: aliases: want a list of strings, got a mapping$`},
		{"entries of the wrong type", []string{"entries: 5\n"}, `^f0\.yaml:1:10: entries: want a list of entries`},
		{"duplicate id in a file", []string{"entries:\n  - {id: a, kind: city, name: A}\n  - {id: a, kind: city, name: B}\n"}, `^f0\.yaml:3:\d+: entry a: id: duplicate id, first defined at f0\.yaml:2:\d+$`},
		{"merge key", []string{"base: &b {kind: city}\nentries:\n  - {<<: *b, id: a, name: A}\n"}, `^f0\.yaml:1:\d+: YAML anchors and aliases are not allowed in lexicon files$`},
		{"YAML nested 100,000 deep", []string{"entries: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n"}, `^f0\.yaml(:\d+)?: exceeded max depth of 10000$`},
		{"an entry nested 100,000 deep", []string{"entries:\n  - {id: a, kind: city, name: A, codes: " + strings.Repeat("{a: ", 100000) + "1" + strings.Repeat("}", 100000) + "}\n"}, `^f0\.yaml(:\d+)?: exceeded max depth of 10000$`},
		{"NUL byte", []string{"entries:\n  - {id: a, kind: city, name: A}\n  - \x00\n"}, `^f0\.yaml:3: control character U\+0000 is not allowed in YAML$`},
		{"control character in a name", []string{"entries:\n  - {id: a, kind: city, name: \"A\\u0007B\"}\n"}, `^f0\.yaml:2:\d+: entry a: name: `},
		{"empty name", []string{"entries:\n  - {id: a, kind: city, name: \"\"}\n"}, `^f0\.yaml:2:\d+: entry a: name: `},
		{"alias listed twice in a long list", []string{"entries:\n  - {id: a, kind: city, name: A, aliases: [" + strings.Repeat("B, ", 20) + "C]}\n"}, `^f0\.yaml:2:\d+: entry a: aliases: "B" listed twice$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var files []*File
			var err error
			for i, src := range tt.files {
				var f *File
				if f, err = ParseYAML(fmt.Sprintf("f%d.yaml", i), []byte(src)); err != nil {
					break
				}
				files = append(files, f)
			}
			if err == nil {
				_, err = Build(files, Options{})
			}
			got := errorTexts(t, err)
			if len(got) == 0 {
				t.Fatal("no error")
			}
			re := regexp.MustCompile(tt.want)
			for _, e := range got {
				if re.MatchString(e) {
					return
				}
			}
			t.Errorf("errors %q, want one matching %s", got, tt.want)
		})
	}
}

// hugeAliasEntry is a lexicon of one organization with n aliases.
func hugeAliasEntry(n int) []byte {
	var b strings.Builder
	b.WriteString("as_of: 2025-01-01\nentries:\n  - id: x\n    kind: organization\n    name: X Org\n    ambiguous: [X Org]\n    aliases:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - Alias Number %d Org\n", i)
	}
	return []byte(b.String())
}

// TestEnormousAliasList: one entry with 100,000 aliases loads, validates
// and matches its last alias. Validation used to compare each alias with
// every one before it (30 s); BenchmarkEnormousAliasList measures it.
func TestEnormousAliasList(t *testing.T) {
	f, err := ParseYAML("huge.yaml", hugeAliasEntry(100000))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Build([]*File{f}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := l.Matcher().Lookup("Alias Number 99999 Org")
	if len(got) != 1 || got[0].Candidate.Entry.ID != "x" {
		t.Errorf("lookup of the last alias = %+v", got)
	}
}

func BenchmarkEnormousAliasList(b *testing.B) {
	src := hugeAliasEntry(100000)
	for b.Loop() {
		f, err := ParseYAML("huge.yaml", src)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Build([]*File{f}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
