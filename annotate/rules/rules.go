// Package rules is newsann's rule engine: YAML files of token patterns
// that propose mentions, relations and events, compiled once and matched
// over each text. Rules are data, so that users read, test and extend them
// without writing Go; docs/rules.md documents the language.
//
// The package parses, compiles and matches; what a match emits (a mention,
// a relation, an event) is carried out by the annotate pipeline, which
// knows entities and the lexicon.
package rules

import (
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// Rule is one compiled rule.
type Rule struct {
	ID          string
	Description string
	Pattern     string
	// Phase orders rules: a rule sees the mentions emitted by rules of
	// earlier phases (and the lexicon's), never those of its own phase.
	Phase    int
	Emit     []Emit
	Examples []Example
	Counter  []string
	Pos      lexicon.Pos
	node     node
	first    test
	caps     map[string]bool
	needPOS  bool
}

// Emit is one thing a match produces. Exactly one of its parts is set.
type Emit struct {
	Mention  *MentionEmit
	Relation *RelationEmit
	Event    *EventEmit
	// Drop removes the candidate mentions that exactly cover a capture
	// (with one of Labels, when given): a rule that knows "Jordan" in
	// "Michael Jordan" is no country says so.
	Drop *DropEmit
}

// MentionEmit proposes a mention.
type MentionEmit struct {
	Span  string // capture name; "" is the whole match
	Label string
	// Entity is where the mention's entity comes from: "" to reuse the
	// entity of a lexicon name or earlier mention with exactly this span
	// (else mint one from the text), a capture name to take that
	// capture's entity, or "=ID" for a fixed lexicon id.
	Entity string
	// RefersTo names what the mention stands for: a capture (its
	// entity), or "country-of:CAPTURE" (the state of a place or body).
	RefersTo string
	Attrs    map[string]string
	// Priority is added to the span's length when overlapping candidates
	// compete; the lexicon's own candidates have none.
	Priority int
}

// RelationEmit proposes a relation between the entities of two captures.
type RelationEmit struct {
	Type     string
	Subject  string
	Object   string
	Title    string // capture of the office, for holds_role
	Evidence string // capture; "" is the whole match
	Attrs    map[string]string
}

// EventEmit proposes an event.
type EventEmit struct {
	Type     string
	Mode     string
	CAMEO    string
	Source   string // capture of the source actor
	Target   string // capture of the target actor
	Trigger  string // capture of the trigger words
	Evidence string
	Attrs    map[string]string
}

// DropEmit removes candidates.
type DropEmit struct {
	Span   string
	Labels []string
}

// Example is a text a rule must match, with what some captures must be.
type Example struct {
	Text   string
	Expect map[string]string // capture name -> its text
}

// RuleSet is a compiled set of rule files, ready to match. It is immutable
// and safe for concurrent use.
type RuleSet struct {
	rules   []*Rule
	phases  []int
	lists   map[string]map[string]bool
	listSrc map[string][]string
	macros  map[string]string
	folder  *token.Folder // used at compile time only
	index   map[int]*phaseIndex
	needPOS bool
}

// phaseIndex finds, for a phase, the rules that may start at a token.
type phaseIndex struct {
	byKey map[string][]*Rule
	lex   []*Rule
	ment  []*Rule
	any   []*Rule
	order map[*Rule]int
}

// Rules returns the rules in order (phase, then file order).
func (rs *RuleSet) Rules() []*Rule { return rs.rules }

// Phases returns the phases that have rules, in order.
func (rs *RuleSet) Phases() []int { return rs.phases }

// NeedsPOS reports whether any rule tests parts of speech.
func (rs *RuleSet) NeedsPOS() bool { return rs.needPOS }

// Rule returns the rule with the given id, or nil.
func (rs *RuleSet) Rule(id string) *Rule {
	for _, r := range rs.rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

//go:embed data/*.yaml
var defaults embed.FS

// DefaultFiles parses the embedded default rule files.
func DefaultFiles() ([]*File, error) {
	names, err := fs.Glob(defaults, "data/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var files []*File
	for _, n := range names {
		b, err := defaults.ReadFile(n)
		if err != nil {
			return nil, err
		}
		f, err := ParseFile(path.Join("annotate/rules", n), b)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// Compile compiles rule files in order into a RuleSet. A rule whose id an
// earlier file defined replaces it (or, with `disabled: true`, removes
// it); lists named in several files are merged; a later macro of the same
// name wins. Every problem is reported, each with file:line:column.
func Compile(files []*File) (*RuleSet, error) {
	rs := &RuleSet{
		lists:   map[string]map[string]bool{},
		listSrc: map[string][]string{},
		macros:  map[string]string{},
		folder:  token.NewFolder(),
		index:   map[int]*phaseIndex{},
	}
	var errs lexicon.ErrorList
	for _, f := range files {
		for _, l := range f.Lists {
			set := rs.lists[l.Name]
			if set == nil {
				set = map[string]bool{}
				rs.lists[l.Name] = set
			}
			for _, w := range l.Words {
				set[rs.folder.Key(w)] = true
				rs.listSrc[l.Name] = append(rs.listSrc[l.Name], w)
			}
		}
		for _, m := range f.Macros {
			rs.macros[m.Name] = m.Pattern
		}
	}
	listNames := map[string]bool{}
	for n := range rs.lists {
		listNames[n] = true
	}
	byID := map[string]int{}
	for _, f := range files {
		for _, fr := range f.Rules {
			if i, ok := byID[fr.ID]; ok {
				rs.rules[i] = nil // replaced or disabled by a later file
			}
			if fr.Disabled {
				continue
			}
			r, err := compileRule(fr, rs, listNames)
			if err != nil {
				errs = append(errs, err...)
				continue
			}
			byID[fr.ID] = len(rs.rules)
			rs.rules = append(rs.rules, r)
		}
	}
	if len(errs) > 0 {
		for _, e := range errs {
			e.Thing = "rule"
		}
		errs.Sort()
		return nil, errs
	}
	rs.rules = slices.DeleteFunc(rs.rules, func(r *Rule) bool { return r == nil })
	slices.SortStableFunc(rs.rules, func(a, b *Rule) int { return cmp.Compare(a.Phase, b.Phase) })
	for _, r := range rs.rules {
		bindTests(r.node, rs)
		if len(rs.phases) == 0 || rs.phases[len(rs.phases)-1] != r.Phase {
			rs.phases = append(rs.phases, r.Phase)
		}
		if r.needPOS {
			rs.needPOS = true
		}
	}
	rs.buildIndex()
	return rs, nil
}

func compileRule(fr *FileRule, rs *RuleSet, lists map[string]bool) (*Rule, lexicon.ErrorList) {
	var errs lexicon.ErrorList
	r := &Rule{
		ID: fr.ID, Description: fr.Description, Pattern: fr.Pattern, Phase: fr.Phase,
		Emit: fr.Emit, Examples: fr.Examples, Counter: fr.Counter, Pos: fr.Pos,
	}
	n, err := parsePattern(fr.Pattern, rs.macros, lists)
	if err != nil {
		pe := err.(*PatternError)
		errs.Add(fr.PatternPos, fr.ID, "pattern", "%s: %s", pe, excerpt(fr.Pattern, pe.Col))
		return nil, errs
	}
	r.node = n
	r.caps = map[string]bool{}
	captures(n, r.caps)
	r.first = first(n)
	r.needPOS = usesPOS(n)
	if len(r.Emit) == 0 {
		errs.Add(fr.Pos, fr.ID, "emit", "a rule must emit something")
	}
	for _, e := range r.Emit {
		for _, c := range e.captureRefs() {
			if c != "" && !r.caps[c] {
				errs.Add(fr.Pos, fr.ID, "emit", "refers to capture %q, which the pattern does not define (it has: %s)", c, capNames(r.caps))
			}
		}
	}
	if len(r.Examples) == 0 {
		errs.Add(fr.Pos, fr.ID, "examples", "every rule needs at least one example that must match")
	}
	return r, errs
}

// excerpt points at column col of a pattern.
func excerpt(p string, col int) string {
	col = min(max(col, 1), len(p)+1)
	return fmt.Sprintf("%q (at %q)", p, p[col-1:min(len(p), col-1+12)])
}

func capNames(caps map[string]bool) string {
	if len(caps) == 0 {
		return "none"
	}
	names := make([]string, 0, len(caps))
	for c := range caps {
		names = append(names, c)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// captureRefs lists the capture names an emission refers to.
func (e Emit) captureRefs() []string {
	var refs []string
	switch {
	case e.Mention != nil:
		m := e.Mention
		refs = append(refs, m.Span)
		if m.Entity != "" && !strings.HasPrefix(m.Entity, "=") {
			refs = append(refs, m.Entity)
		}
		if m.RefersTo != "" {
			refs = append(refs, strings.TrimPrefix(m.RefersTo, "country-of:"))
		}
	case e.Relation != nil:
		refs = append(refs, e.Relation.Subject, e.Relation.Object, e.Relation.Title, e.Relation.Evidence)
	case e.Event != nil:
		refs = append(refs, e.Event.Source, e.Event.Target, e.Event.Trigger, e.Event.Evidence)
	case e.Drop != nil:
		refs = append(refs, e.Drop.Span)
	}
	return refs
}

func (rs *RuleSet) buildIndex() {
	for i, r := range rs.rules {
		pi := rs.index[r.Phase]
		if pi == nil {
			pi = &phaseIndex{byKey: map[string][]*Rule{}, order: map[*Rule]int{}}
			rs.index[r.Phase] = pi
		}
		pi.order[r] = i
		if r.first == nil {
			pi.any = append(pi.any, r)
			continue
		}
		tr := triggerOf(r.first)
		switch {
		case tr.any:
			pi.any = append(pi.any, r)
		default:
			for _, k := range tr.keys {
				if !slices.Contains(pi.byKey[k], r) {
					pi.byKey[k] = append(pi.byKey[k], r)
				}
			}
			if tr.lex {
				pi.lex = append(pi.lex, r)
			}
			if tr.ment {
				pi.ment = append(pi.ment, r)
			}
		}
	}
}

// Apply matches the rules of one phase over d and calls emit for each
// match, rule by rule in order, each rule's matches left to right and not
// overlapping one another.
func (rs *RuleSet) Apply(d *Doc, phase int, emit func(*Match)) {
	pi := rs.index[phase]
	if pi == nil {
		return
	}
	// Where may each rule start? Collected per rule, in token order.
	starts := map[*Rule][]int{}
	for i := range d.Toks {
		for _, r := range pi.byKey[d.Key(i)] {
			starts[r] = append(starts[r], i)
		}
		if len(d.Lex[i]) > 0 {
			for _, r := range pi.lex {
				starts[r] = append(starts[r], i)
			}
		}
		if len(d.Ments[i]) > 0 {
			for _, r := range pi.ment {
				starts[r] = append(starts[r], i)
			}
		}
	}
	rulesHere := make([]*Rule, 0, len(starts)+len(pi.any))
	for r := range starts {
		rulesHere = append(rulesHere, r)
	}
	rulesHere = append(rulesHere, pi.any...)
	slices.SortFunc(rulesHere, func(a, b *Rule) int { return cmp.Compare(pi.order[a], pi.order[b]) })
	rulesHere = slices.Compact(rulesHere)
	m := &matcher{d: d}
	for _, r := range rulesHere {
		pos := starts[r]
		anywhere := slices.Contains(pi.any, r)
		next := 0 // matches of one rule do not overlap
		try := func(i int) {
			if i < next {
				return
			}
			if r.first != nil {
				if _, ok := r.first.at(d, i); !ok {
					return
				}
			}
			s := d.Sent[i]
			m.lo, m.hi = int(d.SentStart[s]), int(d.SentEnd[s])
			m.caps, m.steps = m.caps[:0], 0
			end := -1
			m.match(r.node, i, func(j int) bool { end = j; return true })
			if end < 0 {
				return
			}
			mt := &Match{Rule: r, Start: i, End: end, Caps: slices.Clone(m.caps)}
			emit(mt)
			next = max(end, i+1)
		}
		if anywhere {
			for i := range d.Toks {
				try(i)
			}
		} else {
			for k, i := range pos {
				if k > 0 && pos[k-1] == i {
					continue
				}
				try(i)
			}
		}
	}
}
