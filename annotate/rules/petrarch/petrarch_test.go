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

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/lexicon"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// convertSample parses and converts testdata/sample.verbs.txt.
func convertSample(t *testing.T, opts Options) (*Dictionary, *Result, lexicon.ErrorList) {
	t.Helper()
	b, err := os.ReadFile("testdata/sample.verbs.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, problems := Parse("sample.verbs.txt", bytes.NewReader(b))
	opts.Source = "sample.verbs.txt"
	res, err := Convert(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	return d, res, problems
}

// compile compiles a converted rule file on its own.
func compile(t *testing.T, yaml []byte) *rules.RuleSet {
	t.Helper()
	f, err := rules.ParseFile("converted.yaml", yaml)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rules.Compile([]*rules.File{f})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestParse checks what the reader makes of our sample: sets (a comment
// line inside one does not end it), blocks, verbs with forms, own codes
// and phrases, and the items of patterns.
func TestParse(t *testing.T) {
	d, _, problems := convertSample(t, Options{})
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	var sets []string
	for _, s := range d.Synsets {
		sets = append(sets, s.Name)
	}
	if diff := cmp.Diff([]string{"TIES", "AIDWORDS"}, sets); diff != "" {
		t.Errorf("sets (-want +got):\n%s", diff)
	}
	if got := d.Synsets[0].Phrases; len(got) != 3 || !d.Synsets[0].Plurals || d.Synsets[1].Plurals {
		t.Errorf("&TIES = %+v, &AIDWORDS plurals %v", d.Synsets[0], d.Synsets[1].Plurals)
	}
	var blocks []string
	for _, b := range d.Blocks {
		blocks = append(blocks, b.Name+" "+codeString(b.Code))
	}
	if diff := cmp.Diff([]string{"PRAISE 051", "MEET 040:040", "RESTORE ---", "SEIZE 170", "WARN 130"}, blocks); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	crack := d.Blocks[3].Verbs[1]
	if crack.Head != 0 || strings.Join(crack.Words, " ") != "CRACK DOWN" || crack.Code == nil || crack.Code.Forward != "175" || len(crack.Forms) != 3 {
		t.Errorf("CRACK_DOWN = %+v", crack)
	}
	seize := d.Blocks[3].Patterns[0] // - + * FROM $ [1711]
	want := Pattern{
		Before: []Item{{Kind: Target}},
		After:  []Item{{Kind: Word, Text: "FROM"}, {Kind: Source}},
		Code:   Code{Forward: "1711"}, Raw: "+ * FROM $", Line: seize.Line,
	}
	if diff := cmp.Diff(want, seize); diff != "" {
		t.Errorf("SEIZE's first pattern (-want +got):\n%s", diff)
	}
	praise := d.Blocks[0].Patterns[1] // - * FOR_&AIDWORDS [052]
	if !praise.After[0].Joined || praise.After[1] != (Item{Kind: SetRef, Text: "AIDWORDS"}) {
		t.Errorf("FOR_&AIDWORDS = %+v", praise.After)
	}
	if c := d.Blocks[4].Patterns[1].Code; c.Forward != "###" {
		t.Errorf("code in brackets with '#' = %+v, want ###", c)
	}
}

func TestParseErrors(t *testing.T) {
	src := `MEET
--- MEET [040] ---
- * TALKS
- * AGAIN * [041]
- TALKS [041]
- * TALKS [040
&
+WORD
`
	_, errs := Parse("bad.txt", strings.NewReader(src))
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`bad.txt:1: verb "MEET" before any block (--- NAME [CODE] ---)`,
		`bad.txt:3: pattern "* TALKS" has no code [..]`,
		`bad.txt:4: pattern "* AGAIN * [041]": two verbs (*)`,
		`bad.txt:5: pattern "TALKS [041]": no verb (*)`,
		`bad.txt:6: pattern "* TALKS [040": code "[040" has no closing ]`,
		`bad.txt:7: synonym set "&" has no name`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// TestConvertSample converts the sample (golden) and checks that the
// result compiles and reports what it had to leave out.
func TestConvertSample(t *testing.T) {
	_, res, _ := convertSample(t, Options{})
	golden(t, "sample.verbs.yaml", res.YAML)
	golden(t, "sample.problems.txt", []byte(strings.Join(res.Problems, "\n")+"\n"))
	rs := compile(t, res.YAML)
	if n := len(rs.Rules()); n != res.Stats.Rules {
		t.Errorf("%d rules compiled, stats say %d", n, res.Stats.Rules)
	}
	if res.Stats.Skipped != 1 || res.Stats.NullPatterns != 1 {
		t.Errorf("stats %+v, want one pattern left out (the unknown set) and one null-coded", res.Stats)
	}
	_, withPOS, _ := convertSample(t, Options{POS: true, Prefix: "x"})
	if !bytes.Contains(withPOS.YAML, []byte("& pos:VB*]")) || bytes.Contains(res.YAML, []byte("pos:VB")) {
		t.Error("POS: the verb tests should ask for a verb tag with the option and only then")
	}
	if !strings.HasPrefix(compile(t, withPOS.YAML).Rules()[0].ID, "x.") {
		t.Error("Prefix: rule ids should start with it")
	}
}

func TestInflect(t *testing.T) {
	tests := map[string][]string{
		"RESTORE": {"RESTORES", "RESTORED", "RESTORING"},
		"CARRY":   {"CARRIES", "CARRIED", "CARRYING"},
		"STOP":    {"STOPS", "STOPED", "STOPING", "STOPPED", "STOPPING"},
		"TIE":     {"TIES", "TIED", "TYING"},
		"AGREE":   {"AGREES", "AGREED", "AGREEING"},
		"PUSH":    {"PUSHES", "PUSHED", "PUSHING"},
		"DEFIE":   {"DEFIES", "DEFIED", "DEFYING"},
		"DELAY":   {"DELAYS", "DELAYED", "DELAYING"},
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, inflect(in)); diff != "" {
			t.Errorf("inflect(%s) (-want +got):\n%s", in, diff)
		}
	}
}

func FuzzParse(f *testing.F) {
	b, err := os.ReadFile("testdata/sample.verbs.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("--- X [1:2] ---\nX {Y} [3]\n- $_* ^ % &S_ + (A {B C}) [4]\n&S\n+&S\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, _ := Parse("f.txt", strings.NewReader(s))
		res, err := Convert(d, Options{Source: "f.txt"})
		if err != nil {
			t.Fatal(err)
		}
		rf, err := rules.ParseFile("f.yaml", res.YAML)
		if err != nil {
			t.Fatalf("converted file does not parse: %v\n%s", err, res.YAML)
		}
		if _, err := rules.Compile([]*rules.File{rf}); err != nil {
			t.Fatalf("converted file does not compile: %v\n%s", err, res.YAML)
		}
	})
}

// TestSetLimits checks that sets which hold themselves, or hold sets too
// deep for macros, lose those phrases (with a problem each) and that the
// result still compiles.
func TestSetLimits(t *testing.T) {
	src := "&LOOP\n+&BACK\n+WORD\n\n&BACK\n+&LOOP\n\n"
	for i := 1; i <= 8; i++ {
		src += fmt.Sprintf("&D%d\n+&D%d\n\n", i, i+1)
	}
	src += "&D9\n+DEEP\n\n--- V [010] ---\nV\n- * &LOOP [011]\n- * &D1 [012]\n"
	d, errs := Parse("sets.txt", strings.NewReader(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res, err := Convert(d, Options{Source: "sets.txt"})
	if err != nil {
		t.Fatal(err)
	}
	compile(t, res.YAML)
	var loops, deep int
	for _, p := range res.Problems {
		switch {
		case strings.Contains(p, "leads back"):
			loops++
		case strings.Contains(p, "more than 5 deep"):
			deep++
		}
	}
	if loops == 0 || deep == 0 {
		t.Errorf("problems %q: want phrases left out for the loop and for depth", res.Problems)
	}
	if len(d.Synsets[0].Phrases) != 2 {
		t.Error("Convert changed the dictionary it was given")
	}
}
