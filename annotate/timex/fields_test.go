package timex

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/annotate/token"
)

// ruleFields are the fields of a rule, the mapping most read.
var ruleFields = []string{"id", "match", "type", "value", "mod", "not_before", "not_after", "not", "set"}

// TestFieldsAsBefore checks fields, which reads a mapping's Content in
// place, against refFields, which copied it into a map as compile did
// before, on every mapping of the embedded data and on mappings with
// unknown and repeated keys.
func TestFieldsAsBefore(t *testing.T) {
	data, err := os.ReadFile("data/timex.yaml")
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, string(data))
	checkFields(t, "{id: a, typ: DATE, match: x, id: b, value: v, mod: [1, 2], zz: 1, not: [a, b]}")
	checkFields(t, "[{match: x, match: y, not_before: [a, {b: c}]}, {set: {slot: v}}, plain]")
}

// FuzzFieldsAsBefore checks the same on any YAML: time tables are read
// from outside.
func FuzzFieldsAsBefore(f *testing.F) {
	f.Add("{id: a, typ: DATE, id: b, not: [a, b]}")
	f.Add("rules:\n  - {id: x, match: \"in @month\", type: DATE, value: abs(), zz: 1}\n")
	f.Fuzz(func(t *testing.T, src string) {
		checkFields(t, src)
	})
}

// fieldsView is what compile reads of a mapping through a fieldMap, with
// the problems it reports.
type fieldsView struct {
	Nodes []*yaml.Node
	Lines []int
	Strs  []string
	Lists [][]string
	Errs  []string
}

// checkFields parses src and compares, for each mapping in it, what
// fields and refFields give for every rule field.
func checkFields(t *testing.T, src string) {
	t.Helper()
	var doc yaml.Node
	if yaml.Unmarshal([]byte(src), &doc) != nil {
		return
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			content := slices.Clone(n.Content)
			got := viewFields(func(c *compiler) fieldReader { return fields(c, n, "rule", ruleFields...) })
			want := viewFields(func(c *compiler) fieldReader { return refFields(c, n, "rule", ruleFields...) })
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mapping at line %d (-reference +fields):\n%s", n.Line, diff)
			}
			if !slices.Equal(content, n.Content) {
				t.Errorf("mapping at line %d: fields changed its Content", n.Line)
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
}

// fieldReader is what compile asks of a fieldMap.
type fieldReader interface {
	node(k string) *yaml.Node
	line(k string) int
	str(k string) string
	strs(k string) []string
}

// viewFields reads every rule field through the reader open returns.
func viewFields(open func(*compiler) fieldReader) fieldsView {
	c := &compiler{file: "f.yaml", f: token.NewFolder(), t: &tables{ids: map[string]int32{}}}
	var v fieldsView
	if f := open(c); f != nil {
		for _, k := range append(ruleFields, "unknown") {
			v.Nodes = append(v.Nodes, f.node(k))
			v.Lines = append(v.Lines, f.line(k))
			v.Strs = append(v.Strs, f.str(k))
			v.Lists = append(v.Lists, f.strs(k))
		}
	}
	for _, err := range c.errs {
		v.Errs = append(v.Errs, err.Error())
	}
	return v
}

// refFieldMap is fieldMap as it was: the known keys copied into a map.
type refFieldMap struct {
	c    *compiler
	what string
	m    map[string]*yaml.Node
}

func refFields(c *compiler, n *yaml.Node, what string, known ...string) fieldReader {
	if n.Kind != yaml.MappingNode {
		c.fail(n.Line, "%s: want a mapping", what)
		return nil
	}
	f := &refFieldMap{c: c, what: what, m: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ok := false
		for _, want := range known {
			ok = ok || k.Value == want
		}
		if !ok {
			c.fail(k.Line, "%s: unknown field %q (known: %s)", what, k.Value, strings.Join(known, ", "))
			continue
		}
		f.m[k.Value] = n.Content[i+1]
	}
	return f
}

func (f *refFieldMap) node(k string) *yaml.Node { return f.m[k] }

func (f *refFieldMap) line(k string) int {
	if n := f.m[k]; n != nil {
		return n.Line
	}
	return 0
}

func (f *refFieldMap) str(k string) string {
	fm := &fieldMap{c: f.c, what: f.what}
	if n := f.m[k]; n != nil {
		fm.kv = []*yaml.Node{{Value: k}, n}
	}
	return fm.str(k)
}

func (f *refFieldMap) strs(k string) []string {
	fm := &fieldMap{c: f.c, what: f.what}
	if n := f.m[k]; n != nil {
		fm.kv = []*yaml.Node{{Value: k}, n}
	}
	return fm.strs(k)
}

// TestWordIDAsBefore checks wordID, which folds into a reused buffer and
// makes a string of a new key only, against numbering the folded key as
// compile did before, over every word of the embedded data in order.
func TestWordIDAsBefore(t *testing.T) {
	data, err := os.ReadFile("data/timex.yaml")
	if err != nil {
		t.Fatal(err)
	}
	newC := func() *compiler {
		return &compiler{f: token.NewFolder(), t: &tables{ids: map[string]int32{}}}
	}
	got, want := newC(), newC()
	var gotIDs, wantIDs []int32
	for _, w := range strings.Fields(string(data)) {
		gotIDs = append(gotIDs, got.wordID(w))
		wantIDs = append(wantIDs, want.id(want.f.Key(w)))
	}
	if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
		t.Errorf("ids (-reference +wordID):\n%s", diff)
	}
	if diff := cmp.Diff(want.t.words, got.t.words); diff != "" {
		t.Errorf("words (-reference +wordID):\n%s", diff)
	}
	if got.t.lenMask != want.t.lenMask {
		t.Error("lenMask differs")
	}
}
