package timex

import (
	"strings"
	"testing"
)

// minimal is a valid data file that the error cases below break.
const minimal = `classes:
  month:
    - [1, January, Jan.]
  unit:
    - [D, day]
rules:
  - {id: month, match: "@month", type: DATE, value: "abs()"}
`

func TestCompileEmbedded(t *testing.T) {
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.t.rules) == 0 || len(g.t.classes) == 0 {
		t.Fatal("embedded data compiled to no rules or classes")
	}
}

func TestCompileMinimal(t *testing.T) {
	g, err := newTagger("min.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if got := tag(g, "Talks ended in January 2025.", "2025-11-13"); len(got) != 1 || got[0].Text != "January" {
		t.Errorf("minimal rules tagged %v", got)
	}
}

// TestCompileErrors breaks the data in one place at a time and requires
// an error naming the file, the line and the problem.
func TestCompileErrors(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"yaml syntax", "classes: [\n", "bad.yaml"},
		{"not a mapping", "- a\n- b\n", "bad.yaml:1: want a mapping"},
		{"unknown section", minimal + "extras: {}\n", "bad.yaml:8: unknown section \"extras\""},
		{"unknown class", strings.Replace(minimal, "@month", "@monht", 1), "bad.yaml:7: rule month: unknown class @monht (did you mean @month?)"},
		{"unknown function", strings.Replace(minimal, "abs()", "absolute()", 1), "bad.yaml:7: rule month: unknown value function \"absolute\""},
		{"arity", strings.Replace(minimal, "abs()", "rel(1)", 1), "bad.yaml:7: rule month: rel takes 2 arguments, got 1"},
		{"unbound slot", strings.Replace(minimal, "abs()", "dur(num, unit)", 1), "bad.yaml:7: rule month: dur: slot \"num\" is not bound by the match"},
		{"bad type", strings.Replace(minimal, "type: DATE", "type: DAY", 1), "bad.yaml:7: rule month: type \"DAY\""},
		{"unknown field", strings.Replace(minimal, "type: DATE", "typ: DATE", 1), "bad.yaml:7: rule: unknown field \"typ\""},
		{"duplicate id", minimal + "  - {id: month, match: \"@month\", type: DATE, value: \"abs()\"}\n", "bad.yaml:8: rule month: id already used at line 7"},
		{"bad range", strings.Replace(minimal, "@month", "@month[3]", 1), "bad.yaml:7: rule month: @month[3]: want a range [lo-hi]"},
		{"int without slot", strings.Replace(minimal, "@month", "@int", 1), "bad.yaml:7: rule month: @int must bind a slot"},
		{"short class entry", strings.Replace(minimal, "[D, day]", "[D]", 1), "bad.yaml:5: class \"unit\": want [value, spelling, ...]"},
		{"two-token literal", strings.Replace(minimal, "@month", "in-2025", 1), "bad.yaml:7: rule month: \"in-2025\" is not one token"},
		{"all optional", strings.Replace(minimal, "@month\"", "@month?\"", 1), "bad.yaml:7: rule month: every element is optional"},
		{"modifier sides", minimal + "modifiers:\n  - {mod: END, types: [DATE]}\n", "bad.yaml:9: modifier: want exactly one of before and after"},
		{"bad holiday", strings.Replace(minimal, "  unit:\n", "  holiday:\n    - [13-45, Someday]\n  unit:\n", 1), "bad.yaml:5: class \"holiday\": value \"13-45\""},
		{"long tense cue", minimal + "tense:\n  future: [will, is about to be held]\n", "bad.yaml:9: tense: cue \"is about to be held\" is longer than 4 words"},
		{"missing rules", "classes:\n  unit:\n    - [D, day]\n", "missing section \"rules\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := newTagger("bad.yaml", []byte(c.data))
			if err == nil {
				t.Fatalf("no error, want %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// TestCompileReportsAll checks that every problem is reported at once.
func TestCompileReportsAll(t *testing.T) {
	data := strings.Replace(strings.Replace(minimal, "@month", "@monht", 1), "type: DATE", "type: DAY", 1)
	_, err := newTagger("bad.yaml", []byte(data))
	if err == nil || !strings.Contains(err.Error(), "@monht") || !strings.Contains(err.Error(), "DAY") {
		t.Errorf("want both problems reported, got %v", err)
	}
}
