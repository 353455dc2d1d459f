// Package diff compares two annotation outputs of newsann document by
// document, the way CI checks a corpus's annotations against golden ones:
// documents are matched by id, compared as JSON trees, and the differences
// reported by path ("mentions[3].label"). Fields that change
// with every run or release (the newsann version, the lexicon's date,
// explanations) are left out unless asked for.
package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// DefaultIgnore returns the fields ignored unless the caller says
// otherwise: those that differ between two runs of the same annotations
// by different versions of newsann or its lexicon.
func DefaultIgnore() []string {
	return []string{"newsann", "lexicon_as_of", "*.explain"}
}

// Options tune Compare.
type Options struct {
	// Ignore lists fields left out of the comparison, as dotted paths
	// from the top of a document: "sha256", "mentions.attrs",
	// "entities.codes.wikidata". Arrays are looked through, and "*"
	// stands for any one field: "*.explain" is the explain of every
	// mention, relation and event.
	Ignore []string
}

// Result is the outcome of a comparison.
type Result struct {
	// Docs are the documents that differ, in the order of the first
	// output, then those only in the second in its order.
	Docs []DocDiff
	// Same counts the documents that are equal.
	Same int
}

// Equal reports whether the outputs have no difference.
func (r *Result) Equal() bool { return len(r.Docs) == 0 }

// DocDiff is how one document differs.
type DocDiff struct {
	// ID is the document's id; the second and later documents with the
	// same id are told apart as "id #2", "id #3".
	ID string
	// OnlyA and OnlyB are set for a document found in one output only.
	OnlyA, OnlyB bool
	// Changes are the differences of a document in both, in path order.
	Changes []Change
}

// Change is one difference within a document.
type Change struct {
	Path string // where: "mentions[3].label"
	// A and B are the values on each side; InA or InB is false where the
	// field or element is missing on that side.
	A, B     any
	InA, InB bool
}

// Compare compares the documents of a and b by id.
func Compare(a, b []Document, opts Options) *Result {
	ignore := make([][]string, len(opts.Ignore))
	for i, p := range opts.Ignore {
		ignore[i] = strings.Split(p, ".")
	}
	keyed := func(docs []Document) ([]string, map[string]Document) {
		keys := make([]string, len(docs))
		byKey := make(map[string]Document, len(docs))
		seen := map[string]int{}
		for i, d := range docs {
			seen[d.ID]++
			k := d.ID
			if n := seen[d.ID]; n > 1 {
				k = fmt.Sprintf("%s #%d", d.ID, n)
			}
			keys[i] = k
			byKey[k] = d
		}
		return keys, byKey
	}
	keysA, docsA := keyed(a)
	keysB, docsB := keyed(b)

	r := &Result{}
	for _, k := range keysA {
		db, ok := docsB[k]
		if !ok {
			r.Docs = append(r.Docs, DocDiff{ID: k, OnlyA: true})
			continue
		}
		changes := compareTrees(prune(docsA[k].Tree, ignore), prune(db.Tree, ignore))
		if len(changes) == 0 {
			r.Same++
			continue
		}
		r.Docs = append(r.Docs, DocDiff{ID: k, Changes: changes})
	}
	for _, k := range keysB {
		if _, ok := docsA[k]; !ok {
			r.Docs = append(r.Docs, DocDiff{ID: k, OnlyB: true})
		}
	}
	return r
}

// prune returns a copy of tree without the ignored fields; tree itself is
// left as it is.
func prune(tree map[string]any, ignore [][]string) map[string]any {
	if len(ignore) == 0 {
		return tree
	}
	v := any(tree)
	for _, path := range ignore {
		v = without(v, path)
	}
	return v.(map[string]any)
}

// without returns v without the field at path, copying only what it
// changes.
func without(v any, path []string) any {
	switch v := v.(type) {
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = without(e, path)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			switch {
			case path[0] != "*" && path[0] != k:
				out[k] = e
			case len(path) == 1:
				// dropped
			default:
				out[k] = without(e, path[1:])
			}
		}
		return out
	}
	return v
}

// comparePaths orders paths field by field, indexes by number.
func comparePaths(a, b string) int {
	pa, pb := splitPath(a), splitPath(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, y := pa[i], pb[i]
		nx, errx := strconv.Atoi(x)
		ny, erry := strconv.Atoi(y)
		switch {
		case errx == nil && erry == nil:
			if nx != ny {
				return nx - ny
			}
		case x != y:
			return strings.Compare(x, y)
		}
	}
	return len(pa) - len(pb)
}

func splitPath(p string) []string {
	return strings.FieldsFunc(p, func(r rune) bool { return r == '.' || r == '[' || r == ']' })
}

// Write prints the differences for people: per document, "only in A",
// "only in B" or "changed" and then one line per change,
//
//	~ mentions[3].label: "COUNTRY" → "CITY"
//	- mentions[5]: {...}          (only in A)
//	+ entities[2]: {...}          (only in B)
//
// and a summary line. Values are compact JSON.
func (r *Result) Write(w io.Writer, nameA, nameB string) error {
	var b bytes.Buffer
	onlyA, onlyB, changed := 0, 0, 0
	for _, d := range r.Docs {
		switch {
		case d.OnlyA:
			onlyA++
			fmt.Fprintf(&b, "only in %s: %s\n", nameA, d.ID)
		case d.OnlyB:
			onlyB++
			fmt.Fprintf(&b, "only in %s: %s\n", nameB, d.ID)
		default:
			changed++
			fmt.Fprintf(&b, "changed: %s\n", d.ID)
			for _, c := range d.Changes {
				switch {
				case !c.InB:
					fmt.Fprintf(&b, "  - %s: %s\n", c.Path, compact(c.A))
				case !c.InA:
					fmt.Fprintf(&b, "  + %s: %s\n", c.Path, compact(c.B))
				default:
					fmt.Fprintf(&b, "  ~ %s: %s → %s\n", c.Path, compact(c.A), compact(c.B))
				}
			}
		}
	}
	fmt.Fprintf(&b, "%d document(s) differ: %d changed, %d only in %s, %d only in %s; %d the same\n",
		len(r.Docs), changed, onlyA, nameA, onlyB, nameB, r.Same)
	_, err := w.Write(b.Bytes())
	return err
}

// compact writes a value as one line of JSON, <, > and & as they are.
func compact(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
