package report

import (
	"encoding/json"
	"io"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/encode"
)

// record is one finding with the input it is in; a failed input is a
// record with an error instead.
type record struct {
	File string `json:"file"`
	*annotate.Finding
	Error string `json:"error,omitempty"`
}

// jsonlReporter prints a record a line.
type jsonlReporter struct{ enc *json.Encoder }

func newJSONL(w io.Writer, _ Options) encode.Encoder { return &jsonlReporter{enc: json.NewEncoder(w)} }

func (r *jsonlReporter) Encode(d *annotate.Document) error {
	for i := range d.Findings {
		if err := r.enc.Encode(record{File: d.ID, Finding: &d.Findings[i]}); err != nil {
			return err
		}
	}
	return nil
}

func (r *jsonlReporter) EncodeError(id string, err error) error {
	return r.enc.Encode(record{File: id, Error: err.Error()})
}

func (r *jsonlReporter) Close() error { return nil }

// jsonReporter prints one indented array of every record of the run,
// empty when nothing was found.
type jsonReporter struct {
	w       io.Writer
	records []record
}

func newJSON(w io.Writer, _ Options) encode.Encoder { return &jsonReporter{w: w, records: []record{}} }

func (r *jsonReporter) Encode(d *annotate.Document) error {
	for i := range d.Findings {
		f := d.Findings[i]
		r.records = append(r.records, record{File: d.ID, Finding: &f})
	}
	return nil
}

func (r *jsonReporter) EncodeError(id string, err error) error {
	r.records = append(r.records, record{File: id, Error: err.Error()})
	return nil
}

func (r *jsonReporter) Close() error {
	b, err := json.MarshalIndent(r.records, "", "  ")
	if err != nil {
		return err
	}
	_, err = r.w.Write(append(b, '\n'))
	return err
}
