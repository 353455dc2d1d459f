package lexicon

import (
	"slices"

	"github.com/newsann/newsann/annotate/token"
)

// checkNames reports, after compiling, the names the compiler could not
// use (nothing to match, too many tokens) and every name two entries
// share unless both list it as ambiguous. Two names are shared when they
// reach the same trie node, that is, when they match the same text:
// folding, dashes and spelling variants included. Short forms are exempt
// (surnames are shared by design), and so are titles, which share words by
// nature and are read in context by the rules.
func (m *Matcher) checkNames(l *Lexicon) ErrorList {
	var errs ErrorList
	for _, p := range m.problems {
		errs.Add(p.e.Pos, p.e.ID, p.form.field(), "%q: %s", p.name, p.msg)
	}
	m.problems = nil
	var f *token.Folder
	var owners []Candidate
	for n := int32(1); n < int32(len(m.start)-1); n++ {
		_, cs := m.at(n)
		if len(cs) < 2 {
			continue
		}
		owners = owners[:0]
		for _, c := range cs {
			if c.Form != FormShort && c.Entry.Kind != Title {
				owners = append(owners, c)
			}
		}
		if len(owners) < 2 {
			continue
		}
		if f == nil {
			f = token.NewFolder()
		}
		for i, o := range owners {
			if slices.ContainsFunc(o.Entry.Ambiguous, func(a string) bool { return m.nodeOf(f, a) == n }) {
				continue
			}
			other := owners[(i+1)%len(owners)].Entry
			errs.Add(o.Entry.Pos, o.Entry.ID, "names", "%q is also a name of %s (%s); list it under ambiguous on both entries if both are meant",
				m.nameAt(f, o, n), other.ID, other.Pos)
		}
	}
	return errs
}

// field returns the entry field a name of form f comes from.
func (f Form) field() string {
	return [...]string{"name", "aliases", "demonyms", "short"}[f]
}

// nodeOf returns the trie node name reaches, or 0.
func (m *Matcher) nodeOf(f *token.Folder, name string) int32 {
	var node int32
	for _, t := range token.Tokenize(nil, name) {
		w := t.Text(name)
		if token.IsDash(w) {
			continue
		}
		id := m.vocab.get(f.Key(w))
		if id == 0 {
			return 0
		}
		if node == 0 {
			node = m.first[id]
		} else {
			node = m.edges.get(node, id)
		}
		if node == 0 {
			return 0
		}
	}
	return node
}

// nameAt returns the name of c's entry that reaches node n, for messages.
func (m *Matcher) nameAt(f *token.Folder, c Candidate, n int32) string {
	e := c.Entry
	for _, list := range [][]string{{e.Name}, e.Aliases, e.Demonyms} {
		for _, s := range list {
			if m.nodeOf(f, s) == n {
				return s
			}
		}
	}
	return e.Name
}

// Named returns the entries that have a name with the same key as name:
// the names the validator would say clash with it, whatever their case
// requirements. Converters use it to avoid adding a name an entry already
// has. Short forms are included, with their form.
func (m *Matcher) Named(name string) []Candidate {
	n := m.nodeOf(token.NewFolder(), name)
	if n == 0 {
		return nil
	}
	_, cs := m.at(n)
	return cs
}
