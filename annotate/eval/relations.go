package eval

import (
	"fmt"
	"strings"
)

// Relation is one relation of a document with the spans its arguments
// stand at. A gold relation has one head and one tail span; a predicted
// one, whose arguments are entities, has a span for every mention of its
// subject (Heads) and of its object (Tails) in its sentence, since the
// entity may be named more than once.
type Relation struct {
	Label string
	Heads []Span
	Tails []Span
}

// rawRelation is a relation as a record gives it: gold ({head, tail,
// label}, indexes into the record's entities) or newsann's output
// ({type, subject, object, sentence}, entity ids).
type rawRelation struct {
	Head     *int   `json:"head"`
	Tail     *int   `json:"tail"`
	Label    string `json:"label"`
	Type     string `json:"type"`
	Subject  string `json:"subject"`
	Object   string `json:"object"`
	Sentence *int   `json:"sentence"`
}

// readRelations turns a record's relations into spans: gold ones through
// the indexes into its entities, newsann's through the mentions (items)
// of their subject and object entities.
func readRelations(raw *rawDoc, items []rawSpan) ([]Relation, error) {
	var out []Relation
	var ms []Mention // the mentions with an entity, made on first use
	for i, r := range raw.Relations {
		switch {
		case r.Head != nil || r.Tail != nil:
			if r.Head == nil || r.Tail == nil {
				return nil, fmt.Errorf("relation %d has a head or a tail but not both", i)
			}
			h, err := entitySpan(raw.Entities, *r.Head)
			if err != nil {
				return nil, fmt.Errorf("relation %d: head: %w", i, err)
			}
			t, err := entitySpan(raw.Entities, *r.Tail)
			if err != nil {
				return nil, fmt.Errorf("relation %d: tail: %w", i, err)
			}
			out = append(out, Relation{Label: r.Label, Heads: []Span{h}, Tails: []Span{t}})
		case r.Type != "":
			if ms == nil {
				ms = make([]Mention, 0, len(items))
				for _, m := range items {
					if m.Start != nil && m.End != nil && m.Entity != "" {
						ms = append(ms, Mention{Span: Span{Start: *m.Start, End: *m.End, Label: m.Label}, Entity: m.Entity, Sentence: deref(m.Sentence)})
					}
				}
			}
			out = append(out, Anchor(ms, r.Type, r.Subject, r.Object, deref(r.Sentence)))
		default:
			return nil, fmt.Errorf("relation %d has neither head and tail nor type", i)
		}
	}
	return out, nil
}

// deref returns *p, or -1 for nil.
func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

func entitySpan(ents []rawSpan, i int) (Span, error) {
	if i < 0 || i >= len(ents) {
		return Span{}, fmt.Errorf("entity index %d out of range (%d entities)", i, len(ents))
	}
	e := ents[i]
	if e.Start == nil || e.End == nil {
		return Span{}, fmt.Errorf("entity %d has no start or end", i)
	}
	return Span{Start: *e.Start, End: *e.End, Label: e.Label}, nil
}

// Mention is a predicted mention of an entity, which predicted relations
// are placed by.
type Mention struct {
	Span
	Entity   string
	Sentence int // -1 when unknown
}

// Anchor places a predicted relation between entities: its heads are the
// mentions of subject and its tails those of object, in the relation's
// sentence (or anywhere, when that sentence names none of them).
func Anchor(mentions []Mention, label, subject, object string, sentence int) Relation {
	return Relation{Label: label, Heads: mentionsOf(mentions, subject, sentence), Tails: mentionsOf(mentions, object, sentence)}
}

func mentionsOf(mentions []Mention, id string, sentence int) []Span {
	if id == "" {
		return nil
	}
	var in, all []Span
	for _, m := range mentions {
		if m.Entity != id {
			continue
		}
		all = append(all, m.Span)
		if sentence >= 0 && m.Sentence == sentence {
			in = append(in, m.Span)
		}
	}
	if len(in) > 0 {
		return in
	}
	return all
}

// ScoreRelations compares predicted relations with gold ones, joining
// documents on id. A predicted relation, its label renamed by opts.Map
// (a relation type mapped to "-" is dropped), is right when a gold
// relation of that label, not matched before, has its head at one of the
// prediction's subject mentions and its tail at one of its object
// mentions: the same span, or with opts.Relaxed an overlapping one.
// opts.Labels limits scoring to those labels on both sides. A predicted
// relation one of whose entities has no mention (an office with no state
// named) cannot be placed and is counted in Report.Unanchored instead.
func ScoreRelations(gold, pred []Doc, opts Options) *Report {
	preds := byID(pred)
	rep := &Report{Labels: map[string]*Counts{}}
	for _, g := range gold {
		gs := relationSet(g.Relations, nil, opts.Labels)
		var ps []Relation
		if p := preds[g.ID]; p == nil {
			rep.Missing++
		} else {
			for _, r := range relationSet(p.Relations, opts.Map, opts.Labels) {
				if len(r.Heads) == 0 || len(r.Tails) == 0 {
					rep.Unanchored++
					continue
				}
				ps = append(ps, r)
			}
		}
		matchRelations(gs, ps, opts.Relaxed, rep.label)
	}
	rep.total()
	return rep
}

// relationSet maps labels, filters, and removes duplicates: two relations
// of one label between the same spans are one.
func relationSet(rels []Relation, mapping map[string]string, keep []string) []Relation {
	seen := map[string]bool{}
	var out []Relation
	for _, r := range rels {
		var scored bool
		if r.Label, scored = relabel(r.Label, mapping, keep); !scored {
			continue
		}
		k := relationKey(r)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}

func relationKey(r Relation) string {
	var b strings.Builder
	b.WriteString(r.Label)
	for _, list := range [][]Span{r.Heads, r.Tails} {
		b.WriteByte('|')
		for _, s := range list {
			fmt.Fprintf(&b, "%d-%d,", s.Start, s.End)
		}
	}
	return b.String()
}

// matchRelations counts, per label, predictions that match a gold
// relation (each gold relation at most once; exact matches are taken
// before overlapping ones), predictions that match none, and gold
// relations left unmatched.
func matchRelations(gs, ps []Relation, relaxed bool, count func(string) *Counts) {
	used := make([]bool, len(gs))
	hit := make([]int, len(ps))
	for i := range hit {
		hit[i] = -1
	}
	passes := []bool{false}
	if relaxed {
		passes = append(passes, true)
	}
	for _, overlap := range passes {
		for pi, p := range ps {
			if hit[pi] >= 0 {
				continue
			}
			for gi, g := range gs {
				if used[gi] || g.Label != p.Label {
					continue
				}
				if meets(p.Heads, g.Heads, overlap) && meets(p.Tails, g.Tails, overlap) {
					used[gi], hit[pi] = true, gi
					break
				}
			}
		}
	}
	for pi, p := range ps {
		if hit[pi] >= 0 {
			count(p.Label).TP++
		} else {
			count(p.Label).FP++
		}
	}
	for gi, g := range gs {
		if !used[gi] {
			count(g.Label).FN++
		}
	}
}

// meets reports whether one of spans is at one of gold: the same span,
// or, with overlap, one sharing a character with it.
func meets(spans, gold []Span, overlap bool) bool {
	for _, g := range gold {
		for _, s := range spans {
			if s.Start == g.Start && s.End == g.End || overlap && s.Start < g.End && g.Start < s.End {
				return true
			}
		}
	}
	return false
}
