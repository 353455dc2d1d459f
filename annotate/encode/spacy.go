package encode

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/newsann/newsann/annotate"
)

// spacyEncoder writes displaCy's "manual" entity format, so that
//
//	displacy.render(json.load(f), style="ent", manual=True)
//
// draws the mentions: {"text", "ents": [{"start", "end", "label"}],
// "title"} per document, offsets in code points (Python's), whatever unit
// the documents came in. Like -o json it prints one object for one
// document and an array for several; displacy.render takes either. Each
// ent also carries "kb_id", the entity id, and "kb_url", its Wikidata page
// when the lexicon knows it, which recent displaCy versions show beside
// the label and older ones ignore.
//
// displaCy's entity style cannot draw overlapping spans; mentions that
// overlap an earlier one (the pipeline makes none) are left out here, and
// remain in the JSON output.
type spacyEncoder struct{ out oneOrArray }

func newSpacy(w io.Writer, _ Options) (Encoder, error) {
	return &spacyEncoder{out: oneOrArray{w: w}}, nil
}

type displacyDoc struct {
	Text  string        `json:"text"`
	Ents  []displacyEnt `json:"ents"`
	Title string        `json:"title"`
	// Error is set for an input that could not be annotated; displaCy
	// ignores it and draws the title over an empty text.
	Error string `json:"error,omitempty"`
}

type displacyEnt struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
	KBID  string `json:"kb_id,omitempty"`
	KBURL string `json:"kb_url,omitempty"`
}

func (e *spacyEncoder) Encode(d *annotate.Document) error {
	v, err := newView(d, "spacy")
	if err != nil {
		return err
	}
	inline, _ := v.nonOverlapping()
	out := displacyDoc{Text: d.Text, Ents: make([]displacyEnt, 0, len(inline)), Title: d.ID}
	for _, i := range inline {
		m, s := d.Mentions[i], v.mentions[i]
		ent := displacyEnt{Start: v.cp(s.Start), End: v.cp(s.End), Label: m.Label, KBID: m.Entity}
		if en := v.entities[m.Entity]; en != nil && en.Codes["wikidata"] != "" {
			ent.KBURL = "https://www.wikidata.org/wiki/" + en.Codes["wikidata"]
		}
		out.Ents = append(out.Ents, ent)
	}
	return e.write(out)
}

func (e *spacyEncoder) EncodeError(id string, err error) error {
	return e.write(displacyDoc{Ents: []displacyEnt{}, Title: id, Error: err.Error()})
}

func (e *spacyEncoder) write(doc displacyDoc) error {
	// Compact, one document a line, and "<", ">" and "&" as they are: the
	// text should read as text.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return e.out.write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func (e *spacyEncoder) Close() error { return e.out.close() }
