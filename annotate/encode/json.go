package encode

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/newsann/newsann/annotate"
)

// jsonEncoder prints one indented object for a single document and an
// array for several.
type jsonEncoder struct{ out oneOrArray }

func newJSON(w io.Writer, _ Options) (Encoder, error) {
	return &jsonEncoder{out: oneOrArray{w: w, indent: "  "}}, nil
}

func (e *jsonEncoder) Encode(d *annotate.Document) error { return e.write(d) }

func (e *jsonEncoder) EncodeError(id string, err error) error {
	return e.write(errorRecord{ID: id, Error: err.Error()})
}

func (e *jsonEncoder) write(v any) error {
	b, err := compact(v)
	if err != nil {
		return err
	}
	return e.out.write(b)
}

func (e *jsonEncoder) Close() error { return e.out.close() }

// oneOrArray writes a stream of JSON values as the value alone when there
// is one and as an array when there are more (-o json, -o spacy). It holds
// back the first value until it knows which, so memory stays at one value
// whatever the stream's length.
type oneOrArray struct {
	w       io.Writer
	pending []byte // the first value, while it may be the only one
	n       int
	// indent, when set, lays each compact value out as json.MarshalIndent
	// would, an array's elements one indent deeper; without it each value
	// is written as it comes, on one line.
	indent string
	buf    bytes.Buffer
}

func (o *oneOrArray) write(b []byte) error {
	o.n++
	switch o.n {
	case 1:
		o.pending = b
		return nil
	case 2:
		if _, err := io.WriteString(o.w, "[\n"+o.indent); err != nil {
			return err
		}
		if err := o.put(o.pending, o.indent); err != nil {
			return err
		}
		o.pending = nil
	}
	if _, err := io.WriteString(o.w, ",\n"+o.indent); err != nil {
		return err
	}
	return o.put(b, o.indent)
}

// put writes value b, its lines after the first starting with prefix.
func (o *oneOrArray) put(b []byte, prefix string) error {
	if o.indent != "" {
		o.buf.Reset()
		if err := json.Indent(&o.buf, b, prefix, o.indent); err != nil {
			return err
		}
		b = o.buf.Bytes()
	}
	_, err := o.w.Write(b)
	return err
}

func (o *oneOrArray) close() error {
	switch o.n {
	case 0:
		_, err := io.WriteString(o.w, "[]\n")
		return err
	case 1:
		if err := o.put(o.pending, ""); err != nil {
			return err
		}
		_, err := io.WriteString(o.w, "\n")
		return err
	}
	_, err := io.WriteString(o.w, "\n]\n")
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

// jsonlEncoder prints one compact line per document, each written into
// the buffer of the one before.
type jsonlEncoder struct {
	w   io.Writer
	buf []byte
}

func newJSONL(w io.Writer, _ Options) (Encoder, error) { return &jsonlEncoder{w: w}, nil }

func (e *jsonlEncoder) Encode(d *annotate.Document) error {
	b, err := d.AppendJSON(e.buf[:0])
	if err != nil {
		return err
	}
	e.buf = append(b, '\n')
	_, err = e.w.Write(e.buf)
	if cap(e.buf) > maxKeptLine {
		e.buf = nil // a long document's line is not kept for the next
	}
	return err
}

// maxKeptLine bounds the line buffer a JSONL encoder keeps between
// documents.
const maxKeptLine = 1 << 20

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
