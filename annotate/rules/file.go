package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/lexicon"
)

// File is one parsed rule file.
type File struct {
	Path   string
	Lists  []List
	Macros []Macro
	Rules  []*FileRule
	// Prefer says which entry a name shared by several lexicon entries
	// means when nothing in the document decides ("Congo": COD).
	Prefer map[string]string
}

// List is a named word list for `in:` tests.
type List struct {
	Name  string
	Words []string
	Pos   lexicon.Pos
}

// Macro is a named piece of pattern for `$name`.
type Macro struct {
	Name    string
	Pattern string
	Pos     lexicon.Pos
}

// FileRule is a rule as written, before compiling.
type FileRule struct {
	ID          string
	Description string
	Pattern     string
	Phase       int
	Emit        []Emit
	Examples    []Example
	Counter     []string
	Disabled    bool
	Pos         lexicon.Pos
	PatternPos  lexicon.Pos
}

// MaxRuleFileSize bounds one rule file.
const MaxRuleFileSize = 16 << 20

// ParseFile parses a rule file. Decoding is strict and every problem is
// reported with file:line:column, as for lexicon files.
func ParseFile(name string, data []byte) (*File, error) {
	if len(data) > MaxRuleFileSize {
		return nil, lexicon.ErrorList{{Pos: lexicon.Pos{File: name}, Msg: fmt.Sprintf("file is %d bytes, over the limit of %d", len(data), MaxRuleFileSize)}}
	}
	doc, err := lexicon.ReadYAML(name, data)
	if err != nil {
		return nil, err
	}
	return parseNode(name, doc)
}

// parseNode reads a rule file from its parsed YAML tree.
func parseNode(name string, doc *yaml.Node) (*File, error) {
	d := &decoder{path: name}
	f := &File{Path: name}
	if len(doc.Content) == 0 {
		return f, nil
	}
	root := doc.Content[0]
	d.noAliases(root)
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	if root.Kind != yaml.MappingNode {
		d.fail(root, "", "", "want a mapping with lists, macros and rules")
		return nil, d.errs
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "lists":
			f.Lists = d.lists(v)
		case "macros":
			f.Macros = d.macros(v)
		case "rules":
			if v.Kind != yaml.SequenceNode {
				d.fail(v, "", "rules", "want a list of rules")
				continue
			}
			for _, rn := range v.Content {
				if r := d.rule(rn); r != nil {
					f.Rules = append(f.Rules, r)
				}
			}
		case "prefer":
			f.Prefer = d.strMap(v, "", "prefer")
		case "description":
		default:
			d.fail(k, "", "", "unknown top-level field %q (want description, lists, macros, prefer, rules)", k.Value)
		}
	}
	seen := map[string]lexicon.Pos{}
	for _, r := range f.Rules {
		if p, ok := seen[r.ID]; ok {
			d.errs.Add(r.Pos, r.ID, "id", "duplicate rule id, first at %s", p)
			d.errs[len(d.errs)-1].Thing = "rule"
		}
		seen[r.ID] = r.Pos
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return nil, d.errs
	}
	return f, nil
}

// ReadPaths parses rule files: each path is a file or a directory of
// *.yaml files, read in name order.
func ReadPaths(paths ...string) ([]*File, error) {
	var files []*File
	var errs lexicon.ErrorList
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("rules %s: %w", p, err)
		}
		names := []string{p}
		if st.IsDir() {
			names, _ = filepath.Glob(filepath.Join(p, "*.yaml"))
			more, _ := filepath.Glob(filepath.Join(p, "*.yml"))
			names = append(names, more...)
			sort.Strings(names)
		}
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				return nil, fmt.Errorf("rules %s: %w", n, err)
			}
			f, err := ParseFile(n, b)
			if err != nil {
				if el, ok := err.(lexicon.ErrorList); ok {
					errs = append(errs, el...)
					continue
				}
				return nil, err
			}
			files = append(files, f)
		}
	}
	return files, errs.Err()
}

type decoder struct {
	path string
	errs lexicon.ErrorList
}

func (d *decoder) pos(n *yaml.Node) lexicon.Pos {
	return lexicon.Pos{File: d.path, Line: n.Line, Col: n.Column}
}

func (d *decoder) fail(n *yaml.Node, id, field, format string, args ...any) {
	d.errs.Add(d.pos(n), id, field, format, args...)
	d.errs[len(d.errs)-1].Thing = "rule"
}

func (d *decoder) noAliases(n *yaml.Node) {
	for _, a := range lexicon.YAMLAliases(n) {
		d.fail(a, "", "", "YAML anchors and aliases are not allowed in rule files")
	}
}

func (d *decoder) str(n *yaml.Node, id, field string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.fail(n, id, field, "want a string")
		return ""
	}
	return n.Value
}

func (d *decoder) strs(n *yaml.Node, id, field string) []string {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, id, field, "want a list of strings")
		return nil
	}
	var out []string
	for _, c := range n.Content {
		if s := d.str(c, id, field); s != "" {
			if out == nil {
				out = make([]string, 0, len(n.Content))
			}
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) strMap(n *yaml.Node, id, field string) map[string]string {
	if n.Kind != yaml.MappingNode {
		d.fail(n, id, field, "want a mapping")
		return nil
	}
	out := make(map[string]string, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			out[k] = d.str(v, id, field+"."+k) // the field named only for an error
			continue
		}
		out[k] = v.Value
	}
	return out
}

func (d *decoder) lists(n *yaml.Node) []List {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "", "lists", "want a mapping of list names to words")
		return nil
	}
	var out []List
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		out = append(out, List{Name: k.Value, Words: d.strs(v, "", "lists."+k.Value), Pos: d.pos(k)})
	}
	return out
}

func (d *decoder) macros(n *yaml.Node) []Macro {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "", "macros", "want a mapping of macro names to patterns")
		return nil
	}
	var out []Macro
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		out = append(out, Macro{Name: k.Value, Pattern: d.str(v, "", "macros."+k.Value), Pos: d.pos(k)})
	}
	return out
}

var ruleFields = []string{"id", "description", "pattern", "phase", "emit", "examples", "counter", "disabled"}

func (d *decoder) rule(n *yaml.Node) *FileRule {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "", "", "want a rule (a mapping with id, pattern, emit, examples)")
		return nil
	}
	r := &FileRule{Pos: d.pos(n)}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" {
			r.ID = d.str(n.Content[i+1], "", "id")
		}
	}
	if r.ID == "" {
		d.fail(n, "", "id", "missing")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "id":
		case "description":
			r.Description = d.str(v, r.ID, "description")
		case "pattern":
			r.Pattern = d.str(v, r.ID, "pattern")
			r.PatternPos = d.pos(v)
		case "phase":
			p, err := strconv.Atoi(v.Value)
			if err != nil || v.Kind != yaml.ScalarNode || p < 0 || p > 100 {
				d.fail(v, r.ID, "phase", "want a whole number from 0 to 100")
			}
			r.Phase = p
		case "emit":
			r.Emit = d.emits(v, r.ID)
		case "examples":
			r.Examples = d.examples(v, r.ID)
		case "counter":
			r.Counter = d.strs(v, r.ID, "counter")
		case "disabled":
			r.Disabled = v.Value == "true"
		default:
			d.fail(k, r.ID, k.Value, "unknown field (want one of %v)", ruleFields)
		}
	}
	if r.Pattern == "" && !r.Disabled {
		d.fail(n, r.ID, "pattern", "missing")
	}
	return r
}

func (d *decoder) examples(n *yaml.Node, id string) []Example {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, id, "examples", "want a list")
		return nil
	}
	var out []Example
	for _, c := range n.Content {
		switch c.Kind {
		case yaml.ScalarNode:
			out = append(out, Example{Text: c.Value})
		case yaml.MappingNode:
			ex := Example{}
			for i := 0; i+1 < len(c.Content); i += 2 {
				k, v := c.Content[i], c.Content[i+1]
				switch k.Value {
				case "text":
					ex.Text = d.str(v, id, "examples.text")
				case "expect":
					ex.Expect = d.strMap(v, id, "examples.expect")
				default:
					d.fail(k, id, "examples", "unknown field %q (want text, expect)", k.Value)
				}
			}
			out = append(out, ex)
		default:
			d.fail(c, id, "examples", "want a text or {text, expect}")
		}
	}
	return out
}

// emitKinds are the kinds of emission and the fields each takes.
var emitKinds = map[string][]string{
	"mention":  {"span", "label", "entity", "refers_to", "attrs", "priority"},
	"relation": {"type", "subject", "object", "title", "evidence", "attrs"},
	"event":    {"type", "mode", "cameo", "source", "target", "trigger", "evidence", "attrs", "exclusive"},
	"drop":     {"span", "labels"},
	"alias":    {"span", "of"},
}

func (d *decoder) emits(n *yaml.Node, id string) []Emit {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, id, "emit", "want a list such as [{mention: {span: person, label: PERSON}}]")
		return nil
	}
	var out []Emit
	for _, en := range n.Content {
		if en.Kind != yaml.MappingNode || len(en.Content) != 2 {
			d.fail(en, id, "emit", "want one of mention, relation, event, drop, alias per item")
			continue
		}
		kind, body := en.Content[0].Value, en.Content[1]
		fields, ok := emitKinds[kind]
		if !ok {
			d.fail(en.Content[0], id, "emit", "unknown emission %q (want mention, relation, event, drop, alias)", kind)
			continue
		}
		if body.Kind != yaml.MappingNode {
			d.fail(body, id, "emit."+kind, "want a mapping")
			continue
		}
		for i := 0; i+1 < len(body.Content); i += 2 {
			if k := body.Content[i]; !slices.Contains(fields, k.Value) {
				d.fail(k, id, "emit."+kind, "unknown field %q (want %v)", k.Value, fields)
			}
		}
		// get returns the value of field f, the last when it is given
		// twice; the unknown fields were reported above.
		get := func(f string) *yaml.Node {
			for i := len(body.Content)&^1 - 2; i >= 0; i -= 2 {
				if body.Content[i].Value == f {
					return body.Content[i+1]
				}
			}
			return nil
		}
		s := func(f string) string {
			v := get(f)
			switch {
			case v == nil:
				return ""
			case v.Kind == yaml.ScalarNode && v.Tag != "!!null":
				return v.Value // what str returns, without the field's name
			}
			return d.str(v, id, "emit."+kind+"."+f)
		}
		attrs := func() map[string]string {
			if v := get("attrs"); v != nil {
				return d.strMap(v, id, "emit."+kind+".attrs")
			}
			return nil
		}
		var e Emit
		switch kind {
		case "mention":
			m := &MentionEmit{Span: s("span"), Label: s("label"), Entity: s("entity"), RefersTo: s("refers_to"), Attrs: attrs()}
			if p := s("priority"); p != "" {
				v, err := strconv.Atoi(p)
				if err != nil {
					d.fail(get("priority"), id, "emit.mention.priority", "want a whole number")
				}
				m.Priority = v
			}
			if m.Label == "" {
				d.fail(body, id, "emit.mention.label", "missing")
			}
			e.Mention = m
		case "relation":
			r := &RelationEmit{Type: s("type"), Subject: s("subject"), Object: s("object"), Title: s("title"), Evidence: s("evidence"), Attrs: attrs()}
			if r.Type == "" || r.Subject == "" || (r.Object == "" && r.Title == "") {
				d.fail(body, id, "emit.relation", "type, subject and object are required (object may be left out with a title: the lexicon gives it)")
			}
			e.Relation = r
		case "event":
			ev := &EventEmit{Type: s("type"), Mode: s("mode"), CAMEO: s("cameo"), Source: s("source"), Target: s("target"), Trigger: s("trigger"), Evidence: s("evidence"), Attrs: attrs()}
			switch x := s("exclusive"); x {
			case "", "false":
			case "true":
				ev.Exclusive = true
			default:
				d.fail(get("exclusive"), id, "emit.event.exclusive", "want true or false, not %q", x)
			}
			if ev.Type == "" {
				d.fail(body, id, "emit.event.type", "missing")
			}
			e.Event = ev
		case "alias":
			e.Alias = &AliasEmit{Span: s("span"), Of: s("of")}
			if e.Alias.Span == "" || e.Alias.Of == "" {
				d.fail(body, id, "emit.alias", "span and of are required")
			}
		case "drop":
			dr := &DropEmit{Span: s("span")}
			if v := get("labels"); v != nil {
				dr.Labels = d.strs(v, id, "emit.drop.labels")
			}
			e.Drop = dr
		}
		out = append(out, e)
	}
	return out
}
