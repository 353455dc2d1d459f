package encode

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/newsann/newsann/annotate"
)

// jsonEncoder prints one indented object for a single document and an
// array for several. It holds back the first document until it knows
// which, so memory stays at one document whatever the stream's length.
type jsonEncoder struct {
	w       io.Writer
	pending []byte // the first document, while it may be the only one
	n       int
	buf     bytes.Buffer
}

func newJSON(w io.Writer, _ Options) (Encoder, error) { return &jsonEncoder{w: w}, nil }

func (e *jsonEncoder) Encode(d *annotate.Document) error { return e.write(d) }

func (e *jsonEncoder) EncodeError(id string, err error) error {
	return e.write(errorRecord{ID: id, Error: err.Error()})
}

func (e *jsonEncoder) write(v any) error {
	b, err := compact(v)
	if err != nil {
		return err
	}
	e.n++
	switch e.n {
	case 1:
		// Held back: one document prints as an object, more as an array.
		e.pending = b
		return nil
	case 2:
		if _, err := io.WriteString(e.w, "[\n  "); err != nil {
			return err
		}
		if err := e.indent(e.pending, "  "); err != nil {
			return err
		}
		e.pending = nil
	}
	if _, err := io.WriteString(e.w, ",\n  "); err != nil {
		return err
	}
	return e.indent(b, "  ")
}

// indent writes compact JSON indented by two spaces after prefix, as
// json.MarshalIndent would have made it.
func (e *jsonEncoder) indent(b []byte, prefix string) error {
	e.buf.Reset()
	if err := json.Indent(&e.buf, b, prefix, "  "); err != nil {
		return err
	}
	_, err := e.w.Write(e.buf.Bytes())
	return err
}

func (e *jsonEncoder) Close() error {
	switch e.n {
	case 0:
		_, err := io.WriteString(e.w, "[]\n")
		return err
	case 1:
		if err := e.indent(e.pending, ""); err != nil {
			return err
		}
		_, err := io.WriteString(e.w, "\n")
		return err
	}
	_, err := io.WriteString(e.w, "\n]\n")
	return err
}

// compact marshals v: a Document through its own MarshalJSON, which
// writes compact, escaped JSON already (json.Marshal would check and copy
// a document's worth again).
func compact(v any) ([]byte, error) {
	if d, ok := v.(*annotate.Document); ok {
		return d.MarshalJSON()
	}
	return json.Marshal(v)
}

// jsonlEncoder prints one compact line per document.
type jsonlEncoder struct{ w io.Writer }

func newJSONL(w io.Writer, _ Options) (Encoder, error) { return &jsonlEncoder{w: w}, nil }

func (e *jsonlEncoder) Encode(d *annotate.Document) error { return e.line(d) }

func (e *jsonlEncoder) EncodeError(id string, err error) error {
	return e.line(errorRecord{ID: id, Error: err.Error()})
}

func (e *jsonlEncoder) line(v any) error {
	b, err := compact(v)
	if err != nil {
		return err
	}
	_, err = e.w.Write(append(b, '\n'))
	return err
}

func (e *jsonlEncoder) Close() error { return nil }
