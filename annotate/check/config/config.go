// Package config reads .newsann.yaml, a project's settings for newsann:
// the lexicon and rule files every command loads, and for `newsann check`
// the severity of each check, a default document date and the paths not
// to check. The file is found by walking up from the working directory,
// as Vale finds .vale.ini, so one file at a repository's root serves
// every folder in it.
//
//	lexicon: [lexicon/local.yaml]      # merged over the embedded gazetteer
//	rules: [rules/]                    # compiled after the embedded rules
//	date: 2025-11-14                   # for documents that give no date
//	checks:
//	  unknown-official: off
//	  name-variant: error
//	ignore: ["archive/**", "*.draft.md"]
//
// Decoding is strict: an unknown key, a value of the wrong type, an
// unknown check or severity is an error naming file:line:column, and every
// error is reported at once.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/annotate/check"
	"github.com/newsann/newsann/lexicon"
)

// FileName is the name Find looks for.
const FileName = ".newsann.yaml"

// MaxSize bounds a configuration file.
const MaxSize = 1 << 20

// Config is a parsed configuration file.
type Config struct {
	// Path is the file it was read from.
	Path string
	// Dir is the file's directory: the lexicon, rule and ignore paths in
	// it are relative to Dir, which Load makes relative to the working
	// directory where it can.
	Dir string
	// Lexicon and Rules are paths joined to Dir.
	Lexicon []string
	Rules   []string
	// Date is the date of documents that give none.
	Date lexicon.Date
	// Checks sets the severity of the checks it names (check.Off: off).
	Checks map[string]check.Severity
	// Ignore are glob patterns of paths not to check, relative to Dir.
	Ignore []string
}

// Find looks for FileName in dir and each directory above it, and returns
// the path of the first it finds, or "" when there is none.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		st, err := os.Stat(p)
		switch {
		case err == nil && !st.IsDir():
			if rel, err := filepath.Rel(abs, p); err == nil && dir == "." {
				return rel, nil
			}
			return p, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("looking for %s: %w", FileName, err)
		}
		up := filepath.Dir(d)
		if up == d {
			return "", nil
		}
		d = up
	}
}

// Load reads and parses the configuration file at p.
func Load(p string) (*Config, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxSize {
		return nil, fmt.Errorf("%s: %d bytes, over the %d-byte limit for a configuration file", p, st.Size(), MaxSize)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return Parse(p, data)
}

// Parse parses a configuration file's data; p names it in errors and
// anchors its relative paths.
func Parse(p string, data []byte) (*Config, error) {
	c := &Config{Path: p, Dir: filepath.Dir(p), Checks: map[string]check.Severity{}}
	d := &decoder{path: p}
	doc, err := lexicon.ReadYAML(p, data) // as lexicon and rule files are read
	if err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return c, nil // an empty file: every default
	}
	root := doc.Content[0]
	if d.noAliases(root); len(d.errs) > 0 {
		return nil, d.errs
	}
	if root.Kind != yaml.MappingNode {
		d.fail(root, "", "want a mapping of settings, got %s", kindName(root))
		return nil, d.errs
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			d.fail(k, k.Value, "set twice")
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "lexicon":
			for _, s := range d.strings(v, "lexicon") {
				c.Lexicon = append(c.Lexicon, c.join(s))
			}
		case "rules":
			for _, s := range d.strings(v, "rules") {
				c.Rules = append(c.Rules, c.join(s))
			}
		case "date":
			if s, ok := d.scalar(v, "date"); ok {
				dt, err := lexicon.ParseDay(s)
				if err != nil {
					d.fail(v, "date", "%v", err)
				}
				c.Date = dt
			}
		case "checks":
			d.checks(v, c.Checks)
		case "ignore":
			for _, s := range d.strings(v, "ignore") {
				if _, err := path.Match(strings.ReplaceAll(s, "**", "*"), ""); err != nil {
					d.fail(v, "ignore", "bad pattern %q: %v", s, err)
					continue
				}
				c.Ignore = append(c.Ignore, s)
			}
		default:
			d.fail(k, "", "unknown key %q (want lexicon, rules, date, checks or ignore)", k.Value)
		}
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return nil, d.errs
	}
	return c, nil
}

// join makes a path in the file relative to the working directory.
func (c *Config) join(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, filepath.FromSlash(p))
}

// Ignored reports whether the path p (as the command line or a directory
// walk gives it) matches an ignore pattern. A pattern with no slash
// matches any element of the path ("*.draft.md", "archive"); one with a
// slash matches from the file's directory, "**" standing for any number
// of directories ("archive/**", "drafts/*.md").
func (c *Config) Ignored(p string) bool {
	if len(c.Ignore) == 0 {
		return false
	}
	rel := p
	if absDir, err := filepath.Abs(c.Dir); err == nil {
		if absP, err := filepath.Abs(p); err == nil {
			if r, err := filepath.Rel(absDir, absP); err == nil && !strings.HasPrefix(r, "..") {
				rel = r
			}
		}
	}
	rel = filepath.ToSlash(rel)
	elems := strings.Split(rel, "/")
	for _, pat := range c.Ignore {
		pat = strings.TrimSuffix(strings.TrimPrefix(pat, "./"), "/")
		if !strings.Contains(pat, "/") {
			for _, e := range elems {
				if ok, _ := path.Match(pat, e); ok {
					return true
				}
			}
			continue
		}
		if matchGlob(strings.Split(pat, "/"), elems) {
			return true
		}
	}
	return false
}

// matchGlob matches path elements against pattern elements, where "**"
// matches any number of elements (none included) and a pattern that
// matches a directory matches everything under it.
func matchGlob(pat, elems []string) bool {
	if len(pat) == 0 {
		return true // the pattern named a directory the path is in (or the path itself)
	}
	if pat[0] == "**" {
		for i := 0; i <= len(elems); i++ {
			if matchGlob(pat[1:], elems[i:]) {
				return true
			}
		}
		return false
	}
	if len(elems) == 0 {
		return false
	}
	if ok, _ := path.Match(pat[0], elems[0]); !ok {
		return false
	}
	return matchGlob(pat[1:], elems[1:])
}

type decoder struct {
	path string
	errs lexicon.ErrorList
}

func (d *decoder) fail(n *yaml.Node, field, format string, args ...any) {
	d.errs.Add(lexicon.Pos{File: d.path, Line: n.Line, Col: n.Column}, "", field, format, args...)
}

// noAliases refuses anchors and aliases: a configuration has no use for
// them, and refusing them rules out expansion attacks.
func (d *decoder) noAliases(n *yaml.Node) {
	for _, a := range lexicon.YAMLAliases(n) {
		d.fail(a, "", "YAML anchors and aliases are not allowed")
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return "a scalar"
	}
	return "something else"
}

// scalar returns a scalar's value.
func (d *decoder) scalar(n *yaml.Node, field string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.fail(n, field, "want a value, got %s", kindName(n))
		return "", false
	}
	return n.Value, true
}

// strings returns a string or a list of strings.
func (d *decoder) strings(n *yaml.Node, field string) []string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		if n.Value == "" {
			d.fail(n, field, "empty path")
			return nil
		}
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, field, "want a path or a list of paths, got %s", kindName(n))
		return nil
	}
	var out []string
	for _, e := range n.Content {
		if s, ok := d.scalar(e, field); ok {
			if s == "" {
				d.fail(e, field, "empty path")
				continue
			}
			out = append(out, s)
		}
	}
	return out
}

// checks reads the mapping of check ids to severities.
func (d *decoder) checks(n *yaml.Node, out map[string]check.Severity) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "checks", "want a mapping of check ids to severities, got %s", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, ok := check.Lookup(k.Value); !ok {
			d.fail(k, "checks", "unknown check %q (want one of %s)", k.Value, check.IDs())
			continue
		}
		s, ok := d.scalar(v, "checks."+k.Value)
		if !ok {
			continue
		}
		if v.Tag == "!!bool" && s == "false" { // YAML reads off as false
			s = "off"
		}
		sev, err := check.ParseSeverity(s)
		if err != nil {
			d.fail(v, "checks."+k.Value, "unknown severity %q (want error, warning, info or off)", s)
			continue
		}
		out[k.Value] = sev
	}
}
