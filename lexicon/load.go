package lexicon

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// File is one parsed lexicon file.
type File struct {
	Path    string
	AsOf    Date // the date its facts are current to; zero when the file gives none
	Entries []*Entry
	// Variants are sets of spellings of one name part that match each
	// other wherever they occur (Mohammed, Muhammad, Mohamed).
	Variants []Variant
}

// Variant is one set of interchangeable spellings of a name part.
type Variant struct {
	Spellings []string
	Pos       Pos
}

// MaxFileSize bounds the size of one lexicon file in YAML or JSON form;
// larger gazetteers belong in JSONL or CSV, which stream.
const MaxFileSize = 64 << 20

// ParseYAML parses a lexicon file in YAML (or JSON, which YAML reads too).
// The file is a mapping with `as_of` and `entries`, or a bare list of
// entries. Decoding is strict: an unknown field, a field that does not
// apply to the entry's kind, or a value of the wrong type is an error
// naming file:line:column. Every error found is returned, as an ErrorList.
func ParseYAML(path string, data []byte) (*File, error) {
	f := &File{Path: path}
	if len(data) > MaxFileSize {
		return nil, ErrorList{{Pos: Pos{File: path}, Msg: fmt.Sprintf("file is %d bytes, over the %d-byte limit for YAML; use JSONL or CSV for large lexicons", len(data), MaxFileSize)}}
	}
	doc, err := ReadYAML(path, data)
	if err != nil {
		return nil, err
	}
	d := &decoder{path: path}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return f, nil // empty file
	}
	root := doc.Content[0]
	if d.noAliases(root); len(d.errs) > 0 {
		return nil, d.errs
	}
	var list *yaml.Node
	switch root.Kind {
	case yaml.SequenceNode:
		list = root
	case yaml.MappingNode:
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			switch k.Value {
			case "as_of":
				f.AsOf = d.date(v, "", "as_of")
			case "entries":
				if v.Kind != yaml.SequenceNode {
					d.fail(v, "", "entries", "want a list of entries, got %s", kindName(v))
					continue
				}
				list = v
			case "description":
				d.str(v, "", "description")
			case "variants":
				f.Variants = d.variants(v)
			default:
				d.fail(k, "", "", "unknown top-level field %q (want as_of, description, entries, variants)", k.Value)
			}
		}
	default:
		d.fail(root, "", "", "want a mapping with as_of and entries, or a list of entries; got %s", kindName(root))
	}
	if list != nil {
		for _, n := range list.Content {
			if e := d.entry(n); e != nil {
				e.AsOf = f.AsOf
				f.Entries = append(f.Entries, e)
			}
		}
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return f, d.errs
	}
	return f, nil
}

// ReadYAML parses a YAML file into its node tree, as every loader of the
// project's YAML files (lexicon, rules, check configuration) reads one:
// text YAML cannot hold is refused with its line, and yaml.v3's syntax
// errors are given the file and line it reports. The error is an
// ErrorList of one.
func ReadYAML(path string, data []byte) (*yaml.Node, error) {
	if e := checkYAMLText(path, data); e != nil {
		return nil, ErrorList{e}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, ErrorList{yamlError(path, err)}
	}
	return &doc, nil
}

// checkYAMLText reports the first byte sequence a YAML file cannot hold,
// with its line: invalid UTF-8, or a control character other than tab and
// line ends (YAML's printable set). yaml.v3 refuses them too, but without
// a line, and a NUL byte usually means a binary file given by mistake.
func checkYAMLText(path string, data []byte) *Error {
	at := func(i int) Pos { return Pos{File: path, Line: 1 + bytes.Count(data[:i], []byte("\n"))} }
	if !utf8.Valid(data) {
		return &Error{Pos: at(firstInvalid(data)), Msg: "invalid UTF-8"}
	}
	for i, r := range string(data) {
		if r == '\t' || r == '\n' || r == '\r' || r == 0x85 {
			continue
		}
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff {
			return &Error{Pos: at(i), Msg: fmt.Sprintf("control character %U is not allowed in YAML", r)}
		}
	}
	return nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a yaml.v3 syntax error into an Error with its line.
func yamlError(path string, err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscanf(m[1], "%d", &line)
		return &Error{Pos: Pos{File: path, Line: line}, Msg: m[2]}
	}
	return &Error{Pos: Pos{File: path}, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

type decoder struct {
	path string
	errs ErrorList
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.path, Line: n.Line, Col: n.Column} }

func (d *decoder) fail(n *yaml.Node, id, field, format string, args ...any) {
	d.errs.Add(d.pos(n), id, field, format, args...)
}

// YAMLAliases returns the nodes of the tree n, in document order, that
// are aliases or carry an anchor (not looking inside them). Lexicon files,
// rule files and check configurations have no use for either and refuse
// them up front, which rules out "billion laughs" expansion; the rule and
// configuration loaders share this walk.
func YAMLAliases(n *yaml.Node) []*yaml.Node { return appendAliases(nil, n) }

// appendAliases appends YAMLAliases(n) to dst, into the one slice, and
// without a call for a leaf that is neither: the walk visits every node
// of every rule file at start-up.
func appendAliases(dst []*yaml.Node, n *yaml.Node) []*yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return append(dst, n)
	}
	for _, c := range n.Content {
		if len(c.Content) > 0 || c.Kind == yaml.AliasNode || c.Anchor != "" {
			dst = appendAliases(dst, c)
		}
	}
	return dst
}

// noAliases refuses YAML anchors and aliases anywhere in the file.
func (d *decoder) noAliases(n *yaml.Node) {
	for _, a := range YAMLAliases(n) {
		d.fail(a, "", "", "YAML anchors and aliases are not allowed in lexicon files")
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
			return "null"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

func (d *decoder) str(n *yaml.Node, id, field string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.fail(n, id, field, "want a string, got %s", kindName(n))
		return ""
	}
	return n.Value
}

func (d *decoder) boolean(n *yaml.Node, id, field string) bool {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.fail(n, id, field, "want true or false, got %s", kindName(n))
		return false
	}
	return n.Value == "true"
}

func (d *decoder) strs(n *yaml.Node, id, field string) []string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		// A single string where a list is expected is a common slip;
		// accept it as a list of one.
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, id, field, "want a list of strings, got %s", kindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if s := d.str(c, id, field); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) date(n *yaml.Node, id, field string) Date {
	s := d.str(n, id, field)
	if s == "" {
		return Date{}
	}
	v, err := ParseDate(s)
	if err != nil {
		d.fail(n, id, field, "%v", err)
	}
	return v
}

// fieldsFor lists, for each kind, the fields an entry of that kind may
// have beyond the common ones.
var fieldsFor = map[Kind][]string{
	Country:      {"demonyms", "capital"},
	Territory:    {"demonyms", "capital", "country"},
	City:         {"country"},
	Region:       {"country", "demonyms"},
	Organization: {"country", "members", "type"},
	Person:       {"country", "roles"},
	Nationality:  {"country", "demonyms"},
	Title:        {"country", "type", "equivalent", "multiple"},
}

var commonFields = []string{"id", "kind", "name", "aliases", "short", "ambiguous", "codes", "part_of", "member_of", "match", "extend", "note"}

func allowed(k Kind, field string) bool {
	return slices.Contains(commonFields, field) || slices.Contains(fieldsFor[k], field)
}

// knownFields is every field name an entry of any kind may have.
var knownFields = allFields()

func allFields() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range commonFields {
		seen[f] = true
		out = append(out, f)
	}
	for _, k := range kinds {
		for _, f := range fieldsFor[k] {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (d *decoder) entry(n *yaml.Node) *Entry {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "", "", "want an entry (a mapping with id, kind, name …), got %s", kindName(n))
		return nil
	}
	e := &Entry{Pos: d.pos(n)}
	// First pass: id and kind, so later messages can name the entry and
	// judge which fields apply.
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "id":
			e.ID = d.str(v, "", "id")
		case "kind":
			e.Kind = Kind(d.str(v, e.ID, "kind"))
		case "extend":
			e.Extend = d.boolean(v, e.ID, "extend")
		}
	}
	before := len(d.errs)
	if e.ID == "" {
		d.fail(n, "", "id", "missing")
	}
	if e.Kind == "" && !e.Extend {
		d.fail(n, e.ID, "kind", "missing (want one of %s)", kindList())
	} else if e.Kind != "" && !e.Kind.Valid() {
		d.fail(n, e.ID, "kind", "unknown kind %q (want one of %s)", e.Kind, kindList())
	}
	seen := map[string]bool{}
	hasName := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field := k.Value
		if seen[field] {
			d.fail(k, e.ID, field, "given twice")
			continue
		}
		seen[field] = true
		if !slices.Contains(knownFields, field) {
			d.fail(k, e.ID, field, "unknown field%s", suggest(field, knownFields))
			continue
		}
		if e.Kind.Valid() && !allowed(e.Kind, field) {
			d.fail(k, e.ID, field, "does not apply to a %s", e.Kind)
			continue
		}
		switch field {
		case "id", "kind", "extend":
			// read above
		case "name":
			e.Name = d.str(v, e.ID, field)
			hasName = true
		case "aliases":
			e.Aliases = d.strs(v, e.ID, field)
		case "short":
			e.Short = d.strs(v, e.ID, field)
		case "demonyms":
			e.Demonyms = d.strs(v, e.ID, field)
		case "ambiguous":
			e.Ambiguous = d.strs(v, e.ID, field)
		case "capital":
			e.Capital = d.str(v, e.ID, field)
		case "country":
			e.Country = d.str(v, e.ID, field)
		case "codes":
			e.Codes = d.codes(v, e.ID)
		case "roles":
			e.Roles = d.roles(v, e.ID)
		case "part_of":
			e.PartOf = d.strs(v, e.ID, field)
		case "member_of":
			e.MemberOf = d.strs(v, e.ID, field)
		case "members":
			e.Members = d.strs(v, e.ID, field)
		case "type":
			e.Type = d.str(v, e.ID, field)
		case "equivalent":
			e.Equivalent = d.str(v, e.ID, field)
		case "multiple":
			e.Multiple = d.boolean(v, e.ID, field)
		case "match":
			e.Match = d.str(v, e.ID, field)
		case "note":
			e.Note = d.str(v, e.ID, field)
		}
	}
	if !hasName && !e.Extend {
		d.fail(n, e.ID, "name", "missing")
	}
	if len(d.errs) > before && e.ID == "" {
		return nil
	}
	return e
}

func kindList() string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func (d *decoder) variants(n *yaml.Node) []Variant {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, "", "variants", "want a list of lists of spellings, got %s", kindName(n))
		return nil
	}
	var out []Variant
	for _, c := range n.Content {
		if c.Kind != yaml.SequenceNode {
			d.fail(c, "", "variants", "want a list of spellings such as [Mohammed, Muhammad], got %s", kindName(c))
			continue
		}
		v := Variant{Spellings: d.strs(c, "", "variants"), Pos: d.pos(c)}
		if len(v.Spellings) < 2 {
			d.fail(c, "", "variants", "want at least two spellings")
			continue
		}
		out = append(out, v)
	}
	return out
}

func (d *decoder) codes(n *yaml.Node, id string) map[string]string {
	if n.Kind != yaml.MappingNode {
		d.fail(n, id, "codes", "want a mapping such as {iso2: IR, iso3: IRN}, got %s", kindName(n))
		return nil
	}
	out := make(map[string]string, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := out[k.Value]; dup {
			d.fail(k, id, "codes."+k.Value, "given twice")
			continue
		}
		out[k.Value] = d.str(v, id, "codes."+k.Value)
	}
	return out
}

var roleFields = []string{"title", "of", "from", "to", "heads", "acting", "note"}

func (d *decoder) roles(n *yaml.Node, id string) []Role {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, id, "roles", "want a list of roles, got %s", kindName(n))
		return nil
	}
	out := make([]Role, 0, len(n.Content))
	for _, rn := range n.Content {
		if rn.Kind != yaml.MappingNode {
			d.fail(rn, id, "roles", "want a role such as {title: foreign-minister, of: IRN, from: 2024-08-21}, got %s", kindName(rn))
			continue
		}
		r := Role{Pos: d.pos(rn)}
		seen := map[string]bool{}
		for i := 0; i+1 < len(rn.Content); i += 2 {
			k, v := rn.Content[i], rn.Content[i+1]
			field := "roles." + k.Value
			if seen[k.Value] {
				d.fail(k, id, field, "given twice")
				continue
			}
			seen[k.Value] = true
			switch k.Value {
			case "title":
				r.Title = d.str(v, id, field)
			case "of":
				r.Of = d.str(v, id, field)
			case "from":
				r.From = d.date(v, id, field)
			case "to":
				r.To = d.date(v, id, field)
			case "heads":
				r.Heads = d.strs(v, id, field)
			case "acting":
				r.Acting = d.boolean(v, id, field)
			case "note":
				r.Note = d.str(v, id, field)
			default:
				d.fail(k, id, field, "unknown field%s", suggest(k.Value, roleFields))
			}
		}
		out = append(out, r)
	}
	return out
}

// suggest returns ` (did you mean "x"?)` for the closest known name, or
// a list of the known names when none is close.
func suggest(got string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if dist := editDistance(got, k); dist < bestD {
			best, bestD = k, dist
		}
	}
	if best != "" {
		return fmt.Sprintf(" %q (did you mean %q?)", got, best)
	}
	return fmt.Sprintf(" %q (known: %s)", got, strings.Join(known, ", "))
}

// editDistance is the Levenshtein distance between a and b, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
