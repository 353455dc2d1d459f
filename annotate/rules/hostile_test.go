package rules

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/newsann/newsann/lexicon"
)

// ruleFile wraps one rule's pattern in a file with an example.
func ruleFile(pattern string) string {
	return fmt.Sprintf("macros:\n  cap: \"[is:cap]\"\nrules:\n  - id: r\n    pattern: %q\n    emit: [{mention: {label: X}}]\n    examples: [x]\n", pattern)
}

// nestedMacros defines m0 … m7, each eight copies of the one before: a
// pattern of m7 would expand to 8^8 elements.
func nestedMacros() string {
	var b strings.Builder
	b.WriteString("macros:\n  m0: \"[is:cap]\"\n")
	for i := 1; i < 8; i++ {
		fmt.Fprintf(&b, "  m%d: \"%s\"\n", i, strings.TrimSpace(strings.Repeat(fmt.Sprintf("$m%d ", i-1), 8)))
	}
	b.WriteString("rules:\n  - id: r\n    pattern: \"$m7\"\n    emit: [{mention: {label: X}}]\n    examples: [x]\n")
	return b.String()
}

// TestHostileRuleFiles: broken or hostile rule files are refused with an
// error naming the file (and the line where there is one), quickly and in
// bounded memory: no panic, no runaway expansion, no deep recursion.
func TestHostileRuleFiles(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("lists:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		prev := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&bomb, "  a%d: &a%d [%s%s]\n", i, i, strings.Repeat(prev+", ", 8), prev)
	}
	tests := []struct {
		name, src string
		want      string // a regular expression one of the errors must match
	}{
		{"malformed YAML", "rules:\n  - id: r\n\tpattern: x\n", `^f\.yaml:2: found a tab character that violates indentation$`},
		{"not a mapping", "- a\n- b\n", `^f\.yaml:1:1: want a mapping with lists, macros and rules$`},
		{"rules not a list", "rules: {id: r}\n", `^f\.yaml:1:8: rules: want a list of rules`},
		{"pattern of the wrong type", "rules:\n  - id: r\n    pattern: [a, b]\n    emit: [{mention: {label: X}}]\n", `^f\.yaml:3:14: rule r: pattern: want a string`},
		{"phase of the wrong type", "rules:\n  - id: r\n    pattern: x\n    phase: soon\n    emit: [{mention: {label: X}}]\n", `^f\.yaml:4:12: rule r: phase: `},
		{"duplicate ids", "rules:\n  - {id: r, pattern: x, emit: [{mention: {label: X}}], examples: [x]}\n  - {id: r, pattern: y, emit: [{mention: {label: X}}], examples: [y]}\n", `^f\.yaml:3:\d+: rule r: id: duplicate rule id, first at f\.yaml:2:\d+$`},
		{"billion laughs", bomb.String(), `^f\.yaml:2:\d+: YAML anchors and aliases are not allowed in rule files$`},
		{"YAML nested 100,000 deep", "lists:\n  a: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n", `^f\.yaml(:\d+)?: exceeded max depth of 10000$`},
		{"pattern nested 100,000 deep", ruleFile(strings.Repeat("(", 100000) + "x" + strings.Repeat(")", 100000)), `^f\.yaml:5:\d+: rule r: pattern: column 33: groups nested more than 32 deep`},
		{"lookarounds nested deep", ruleFile(strings.Repeat("<(", 1000) + "x" + strings.Repeat(")", 1000)), `groups nested more than 32 deep`},
		{"repetitions inside repetitions", ruleFile("((($cap{64}){64}){64}){64}"), `^f\.yaml:5:\d+: rule r: pattern: pattern too large: over 10000 instructions`},
		{"100,000 alternatives", ruleFile(strings.Repeat("x|", 100000) + "x"), `^f\.yaml:5:\d+: rule r: pattern: column \d+: pattern too large: over 2000 elements`},
		{"macros that multiply", nestedMacros(), `pattern too large: over 2000 elements with its macros expanded`},
		{"NUL bytes", "rules:\n  - id: r\x00\n", `^f\.yaml:2: control character U\+0000 is not allowed in YAML$`},
		{"invalid UTF-8", "rules:\n\n  - id: r\xff\n", `^f\.yaml:3: invalid UTF-8$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFile("f.yaml", []byte(tt.src))
			if err == nil {
				_, err = Compile([]*File{f})
			}
			el, ok := err.(lexicon.ErrorList)
			if !ok || len(el) == 0 {
				t.Fatalf("error %T %v, want a non-empty ErrorList", err, err)
			}
			re := regexp.MustCompile(tt.want)
			for _, e := range el {
				if len(e.Error()) > 400 {
					t.Errorf("error of %d bytes: %.100s…", len(e.Error()), e.Error())
				}
				if re.MatchString(e.Error()) {
					return
				}
			}
			t.Errorf("errors %q, want one matching %s", el, tt.want)
		})
	}
}

// TestLargeRuleList: a list of 100,000 words loads and matches.
func TestLargeRuleList(t *testing.T) {
	words := make([]string, 100000)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
	}
	src := "lists:\n  big: [" + strings.Join(words, ", ") + "]\nrules:\n  - id: r\n    pattern: \"[in:big]\"\n    emit: [{mention: {label: X}}]\n    examples: [w99999]\n"
	f, err := ParseFile("big.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Compile([]*File{f})
	if err != nil {
		t.Fatal(err)
	}
	d := NewDoc("then w99999 and w5 but not w100000", nil, nil)
	n := 0
	rs.Apply(d, 0, func(*Match) { n++ })
	if n != 2 {
		t.Errorf("%d matches, want 2", n)
	}
}
