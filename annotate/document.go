package annotate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// Document is the annotation of one text: the JSON (and YAML) output of
// `newsann annotate`, field for field. Offsets are in the unit named by
// Offsets and always refer to the original text (see docs/output.md).
type Document struct {
	ID          string `json:"id" yaml:"id"`
	Date        string `json:"date,omitempty" yaml:"date,omitempty"`
	DateSource  string `json:"date_source,omitempty" yaml:"date_source,omitempty"`
	SHA256      string `json:"sha256" yaml:"sha256"`
	Newsann     string `json:"newsann" yaml:"newsann"`
	LexiconAsOf string `json:"lexicon_as_of" yaml:"lexicon_as_of"`
	Offsets     string `json:"offsets" yaml:"offsets"`
	// Text is the annotated text, included only on request.
	Text      string     `json:"text,omitempty" yaml:"text,omitempty"`
	Sentences []Span     `json:"sentences" yaml:"sentences"`
	Mentions  []Mention  `json:"mentions" yaml:"mentions"`
	Entities  []Entity   `json:"entities" yaml:"entities"`
	Relations []Relation `json:"relations" yaml:"relations"`
	Events    []Event    `json:"events" yaml:"events"`
	Findings  []Finding  `json:"findings" yaml:"findings"`
	// Extra holds the fields of a JSONL input record that newsann does not
	// read; they are written back unchanged, after the fields above.
	Extra map[string]json.RawMessage `json:"-" yaml:"-"`
}

// Span is a stretch of the text, End exclusive.
type Span struct {
	Start int `json:"start" yaml:"start"`
	End   int `json:"end" yaml:"end"`
}

// Mention is a stretch of text that names something.
type Mention struct {
	Start int    `json:"start" yaml:"start"`
	End   int    `json:"end" yaml:"end"`
	Text  string `json:"text" yaml:"text"`
	Label string `json:"label" yaml:"label"`
	// Entity is the id of the entity the mention refers to: a lexicon id,
	// or one minted from the text for a name the lexicon lacks.
	Entity   string `json:"entity,omitempty" yaml:"entity,omitempty"`
	Sentence int    `json:"sentence" yaml:"sentence"`
	// Source says what made the mention: "lexicon", "rule:<id>" or
	// "model:prose".
	Source string `json:"source" yaml:"source"`
	// Value is the normalised value of a time expression (TIMEX3) or of a
	// quantity.
	Value  string `json:"value,omitempty" yaml:"value,omitempty"`
	Anchor string `json:"anchor,omitempty" yaml:"anchor,omitempty"`
	// RefersTo is set where the mention names one thing to mean another:
	// a capital for its government ("Tehran said").
	RefersTo string `json:"refers_to,omitempty" yaml:"refers_to,omitempty"`
	// Attrs holds what a rule noted: a title's modifiers (deputy, acting,
	// former), the lexicon form matched, ambiguity left open.
	Attrs map[string]string `json:"attrs,omitempty" yaml:"attrs,omitempty"`
	// Explain says, with --explain, why the mention exists.
	Explain string `json:"explain,omitempty" yaml:"explain,omitempty"`
}

// Span returns the mention's extent.
func (m Mention) Span() Span { return Span{m.Start, m.End} }

// Entity groups the mentions of one thing.
type Entity struct {
	ID    string `json:"id" yaml:"id"`
	Label string `json:"label" yaml:"label"`
	Name  string `json:"name" yaml:"name"`
	// Codes are the lexicon entry's codes (iso3, cameo, wikidata, …).
	// The map is the entry's own, shared by every Document that names
	// the entity and read by the annotator's workers: do not change it;
	// copy it (maps.Clone) to edit. A copy per entity and document cost
	// 2.6 % of the pipeline's time and 10,000 allocations a megabyte.
	Codes map[string]string `json:"codes,omitempty" yaml:"codes,omitempty"`
	// Known is true for an entity of the lexicon, false for one minted
	// from text.
	Known bool `json:"known" yaml:"known"`
	// Mentions are indexes into Document.Mentions.
	Mentions []int `json:"mentions" yaml:"mentions"`
}

// Relation is a typed link between two entities, with its evidence.
type Relation struct {
	Type    string `json:"type" yaml:"type"`
	Subject string `json:"subject" yaml:"subject"`
	Object  string `json:"object" yaml:"object"`
	// Title is the office of a holds_role relation (a lexicon title id,
	// or the text of an office the lexicon lacks).
	Title    string            `json:"title,omitempty" yaml:"title,omitempty"`
	Attrs    map[string]string `json:"attrs,omitempty" yaml:"attrs,omitempty"`
	Date     string            `json:"date,omitempty" yaml:"date,omitempty"`
	Sentence int               `json:"sentence" yaml:"sentence"`
	Evidence Span              `json:"evidence" yaml:"evidence"`
	Source   string            `json:"source" yaml:"source"`
	Explain  string            `json:"explain,omitempty" yaml:"explain,omitempty"`
}

// Event is something that happened (or is said, denied, planned) between
// actors, CAMEO-coded where a code fits.
type Event struct {
	Type        string            `json:"type" yaml:"type"`
	Mode        string            `json:"mode,omitempty" yaml:"mode,omitempty"`
	CAMEO       string            `json:"cameo,omitempty" yaml:"cameo,omitempty"`
	QuadClass   int               `json:"quad_class,omitempty" yaml:"quad_class,omitempty"`
	SourceActor string            `json:"source_actor,omitempty" yaml:"source_actor,omitempty"`
	TargetActor string            `json:"target_actor,omitempty" yaml:"target_actor,omitempty"`
	SourceCode  string            `json:"source_code,omitempty" yaml:"source_code,omitempty"`
	TargetCode  string            `json:"target_code,omitempty" yaml:"target_code,omitempty"`
	Negated     bool              `json:"negated,omitempty" yaml:"negated,omitempty"`
	Modality    string            `json:"modality,omitempty" yaml:"modality,omitempty"`
	Date        string            `json:"date,omitempty" yaml:"date,omitempty"`
	Trigger     Span              `json:"trigger" yaml:"trigger"`
	Sentence    int               `json:"sentence" yaml:"sentence"`
	Evidence    Span              `json:"evidence" yaml:"evidence"`
	Attrs       map[string]string `json:"attrs,omitempty" yaml:"attrs,omitempty"`
	Source      string            `json:"source" yaml:"source"`
	Explain     string            `json:"explain,omitempty" yaml:"explain,omitempty"`
}

// Finding is something a check found wrong, or worth knowing.
type Finding struct {
	Check    string `json:"check" yaml:"check"`
	Severity string `json:"severity" yaml:"severity"`
	Start    int    `json:"start" yaml:"start"`
	End      int    `json:"end" yaml:"end"`
	// Line and Column (1-based; columns count code points) are where the
	// span starts, EndLine and EndColumn where it ends (exclusive), for
	// editors and CI annotations.
	Line       int    `json:"line" yaml:"line"`
	Column     int    `json:"column" yaml:"column"`
	EndLine    int    `json:"end_line,omitempty" yaml:"end_line,omitempty"`
	EndColumn  int    `json:"end_column,omitempty" yaml:"end_column,omitempty"`
	Message    string `json:"message" yaml:"message"`
	Suggestion string `json:"suggestion,omitempty" yaml:"suggestion,omitempty"`
	// Entry is the lexicon entry behind the finding, and Basis the dated
	// facts it rests on.
	Entry string `json:"entry,omitempty" yaml:"entry,omitempty"`
	Basis string `json:"basis,omitempty" yaml:"basis,omitempty"`
}

// documentFields are the JSON names of Document's own fields; an input
// record's fields with these names are replaced, never carried through.
var documentFields = []string{"id", "date", "date_source", "sha256", "newsann", "lexicon_as_of", "offsets", "text", "sentences", "mentions", "entities", "relations", "events", "findings", "error"}

// IsDocumentField reports whether name is a field newsann writes itself.
func IsDocumentField(name string) bool { return slices.Contains(documentFields, name) }

// MarshalJSON writes the document's fields in a fixed order, then the
// carried-through fields of the input record in sorted order.
func (d *Document) MarshalJSON() ([]byte, error) {
	return d.AppendJSON(make([]byte, 0, 2048))
}

// AppendJSON appends the document's JSON, as MarshalJSON writes it, to
// dst. An encoder of many documents passes the buffer of the last one:
// a document's JSON is some 5 bytes a byte of text, and a fresh buffer
// grows to it by copying several times.
func (d *Document) AppendJSON(dst []byte) ([]byte, error) {
	b := d.appendJSON(dst)
	if len(d.Extra) == 0 {
		return append(b, '}'), nil
	}
	out := bytes.NewBuffer(b)
	var compact bytes.Buffer
	for _, k := range slices.Sorted(maps.Keys(d.Extra)) {
		if IsDocumentField(k) {
			continue
		}
		// The key is escaped as the document's own fields are.
		key := appendString(append(out.AvailableBuffer(), ','), k)
		out.Write(append(key, ':'))
		// Compact and escaped as json.Marshal leaves its own output, so
		// that encoders may write this without passing it through
		// json.Marshal again.
		compact.Reset()
		if err := json.Compact(&compact, d.Extra[k]); err != nil {
			return nil, fmt.Errorf("field %q: %w", k, err)
		}
		json.HTMLEscape(out, compact.Bytes())
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}
