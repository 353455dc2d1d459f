package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/check"
	"github.com/newsann/newsann/lexicon"
)

func TestParse(t *testing.T) {
	src := `# project settings
lexicon: [lexicon/local.yaml, more/]
rules: rules.yaml
date: 2025-11-14
checks:
  unknown-official: off
  name-variant: error
ignore: ["archive/**", "*.draft.md"]
`
	c, err := Parse(filepath.Join("proj", FileName), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Lexicon, " "); got != filepath.Join("proj", "lexicon", "local.yaml")+" "+filepath.Join("proj", "more") {
		t.Errorf("lexicon %q", got)
	}
	if len(c.Rules) != 1 || c.Rules[0] != filepath.Join("proj", "rules.yaml") {
		t.Errorf("rules %q", c.Rules)
	}
	if c.Date != lexicon.MustDate("2025-11-14") {
		t.Errorf("date %v", c.Date)
	}
	if c.Checks[check.UnknownOfficial] != check.Off || c.Checks[check.NameVariant] != check.Error || len(c.Checks) != 2 {
		t.Errorf("checks %v", c.Checks)
	}
}

// TestParseErrors: every mistake is reported, with file:line:col.
func TestParseErrors(t *testing.T) {
	src := `lexicon: {a: b}
date: 2025-13-01
checks:
  title-mismatch: loud
  no-such-check: error
  former-title: none
ignore: ["[bad"]
colour: red
`
	_, err := Parse("x.yaml", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		`x.yaml:1:10: lexicon: want a path or a list of paths, got a mapping`,
		`x.yaml:2:7: date: "2025-13-01": want YYYY-MM-DD`,
		`x.yaml:4:19: checks.title-mismatch: unknown severity "loud"`,
		`x.yaml:5:3: checks: unknown check "no-such-check"`,
		`x.yaml:6:17: checks.former-title: unknown severity "none"`,
		`x.yaml:7:9: ignore: bad pattern "[bad"`,
		`x.yaml:8:1: unknown key "colour"`,
	}
	var all []string
	for _, e := range err.(lexicon.ErrorList) {
		all = append(all, e.Error())
	}
	got := strings.Join(all, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q:\n%s", w, got)
		}
	}
	// Text yaml.v3 refuses without a line is refused with one, as in
	// lexicon and rule files.
	if _, err := Parse("z.yaml", []byte("date: 2025-11-14\nlexicon: a\x00.yaml\n")); err == nil || err.Error() != "z.yaml:2: control character U+0000 is not allowed in YAML" {
		t.Errorf("NUL on line 2: error %v", err)
	}
	for _, bad := range []string{"a: [", "- just\n- a list\n", "x: &a 1\ny: *a\n"} {
		if _, err := Parse("y.yaml", []byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "y.yaml:") {
			t.Errorf("%q: error %v, want one naming y.yaml", bad, err)
		}
	}
}

func TestIgnored(t *testing.T) {
	c := &Config{Dir: "proj", Ignore: []string{"archive/**", "*.draft.md", "drafts", "news/2024/*.md"}}
	tests := []struct {
		path string
		want bool
	}{
		{"proj/archive/old.txt", true},
		{"proj/archive/deep/old.txt", true},
		{"proj/story.draft.md", true},
		{"proj/news/story.draft.md", true},
		{"proj/drafts/a.txt", true},
		{"proj/news/2024/a.md", true},
		{"proj/news/2024/deep/a.md", false},
		{"proj/news/2025/a.md", false},
		{"proj/story.md", false},
		{"other/archive/x.txt", false}, // outside the project: patterns with a slash do not reach it
	}
	for _, tt := range tests {
		if got := c.Ignored(tt.path); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if p, err := Find(deep); err != nil || p != "" && !strings.HasPrefix(p, root) {
		// A file above the temporary directory is none of the test's.
		t.Fatalf("Find in an empty tree: %q, %v", p, err)
	}
	cfg := filepath.Join(root, "a", FileName)
	if err := os.WriteFile(cfg, []byte("date: 2025-01-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Find(deep)
	if err != nil || p != cfg {
		t.Errorf("Find = %q, %v; want %q", p, err, cfg)
	}
}

// FuzzParse feeds any bytes to the parser: it returns a Config or an
// error naming the file, never panics.
func FuzzParse(f *testing.F) {
	f.Add([]byte("lexicon: [a.yaml]\nchecks: {title-mismatch: off}\n"))
	f.Add([]byte("date: 2025-02-30\n"))
	f.Add([]byte("ignore: ['**/x']\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		for _, p := range c.Ignore {
			c.Ignored(p)
		}
	})
}
