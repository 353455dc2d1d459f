package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// TestDecodeAsBefore checks emits, which reads an emission's fields in
// place, and strs against the decoders they replaced (refEmits, which
// copied the fields into a map, and refStrs), on every node of the
// default rule files and of hand-made emissions with unknown, repeated
// and wrongly typed fields.
func TestDecodeAsBefore(t *testing.T) {
	paths, err := filepath.Glob("data/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("rule files: %v, %v", paths, err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkDecode(t, string(src))
	}
	checkDecode(t, `[{mention: {span: p, label: X, label: Y, zz: 1, priority: x}}, {event: {type: T, exclusive: maybe, attrs: {a: b}}}, {drop: {labels: [A, "", B]}}, {alias: {span: ~, of: [x]}}, {relation: {type: R}}, {nope: {}}, [], {}]`)
	checkDecode(t, "[[], [\"\", \"\"], [a, ~, b], {a: [x]}]")
}

// FuzzDecodeAsBefore checks the same on any YAML: rule files are read
// from outside.
func FuzzDecodeAsBefore(f *testing.F) {
	f.Add("[{mention: {span: p, label: X, label: Y, zz: 1}}]")
	f.Add("[{event: {type: T, exclusive: true, attrs: {a: b}}}, {drop: {labels: [A]}}]")
	f.Fuzz(func(t *testing.T, src string) {
		checkDecode(t, src)
	})
}

// checkDecode parses src and reads every sequence in it as a list of
// emissions and as a list of strings, both ways.
func checkDecode(t *testing.T, src string) {
	t.Helper()
	var doc yaml.Node
	if yaml.Unmarshal([]byte(src), &doc) != nil {
		return
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.SequenceNode {
			d, ref := &decoder{path: "r.yaml"}, &decoder{path: "r.yaml"}
			if diff := cmp.Diff(ref.refEmits(n, "r"), d.emits(n, "r")); diff != "" {
				t.Errorf("emissions at line %d (-reference +emits):\n%s", n.Line, diff)
			}
			if diff := cmp.Diff(ref.refStrs(n, "r", "f"), d.strs(n, "r", "f")); diff != "" {
				t.Errorf("strings at line %d (-reference +strs):\n%s", n.Line, diff)
			}
			if diff := cmp.Diff(ref.errs, d.errs); diff != "" {
				t.Errorf("errors at line %d (-reference +new):\n%s", n.Line, diff)
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
}

// refEmits is emits as it was.
func (d *decoder) refEmits(n *yaml.Node, id string) []Emit {
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
		get := map[string]*yaml.Node{}
		for i := 0; i+1 < len(body.Content); i += 2 {
			k := body.Content[i]
			if !slices.Contains(fields, k.Value) {
				d.fail(k, id, "emit."+kind, "unknown field %q (want %v)", k.Value, fields)
				continue
			}
			get[k.Value] = body.Content[i+1]
		}
		s := func(f string) string {
			if v := get[f]; v != nil {
				return d.str(v, id, "emit."+kind+"."+f)
			}
			return ""
		}
		attrs := func() map[string]string {
			if v := get["attrs"]; v != nil {
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
					d.fail(get["priority"], id, "emit.mention.priority", "want a whole number")
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
				d.fail(get["exclusive"], id, "emit.event.exclusive", "want true or false, not %q", x)
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
			if v := get["labels"]; v != nil {
				dr.Labels = d.strs(v, id, "emit.drop.labels")
			}
			e.Drop = dr
		}
		out = append(out, e)
	}
	return out
}

// refStrs is strs as it was.
func (d *decoder) refStrs(n *yaml.Node, id, field string) []string {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, id, field, "want a list of strings")
		return nil
	}
	var out []string
	for _, c := range n.Content {
		if s := d.str(c, id, field); s != "" {
			out = append(out, s)
		}
	}
	return out
}
