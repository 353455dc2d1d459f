package encode

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/newsann/newsann/annotate"
)

// jsonEncoder prints one indented object for a single document and an
// array for several.
type jsonEncoder struct {
	out oneOrArray
	buf []byte // the record Encode makes, reused
}

func newJSON(w io.Writer, _ Options) (Encoder, error) {
	return &jsonEncoder{out: oneOrArray{w: w, indent: "  "}}, nil
}

func (e *jsonEncoder) Encode(d *annotate.Document) error { return encodeRecord(e, &e.buf, d) }

// AppendRecord appends d's JSON laid out as a value alone (json.Indent,
// no prefix): an array's element differs only by the indent after each
// line end, which WriteRecord adds.
func (e *jsonEncoder) AppendRecord(b []byte, d *annotate.Document) ([]byte, error) {
	start := len(b)
	b, err := d.AppendJSON(b)
	if err != nil {
		return b, err
	}
	return indentJSON(b, start, e.out.indent)
}

// indentJSON lays out the compact JSON value b[start:] with indent, as
// json.Indent does (appendIndented), in place of it: the layout is
// appended after it and moved down.
func indentJSON(b []byte, start int, indent string) ([]byte, error) {
	if indent == "" {
		return b, nil
	}
	end := len(b)
	b, err := appendIndented(b, b[start:end], indent)
	if err != nil {
		return b[:end], err
	}
	n := copy(b[start:], b[end:])
	return b[:start+n], nil
}

func (e *jsonEncoder) WriteRecord(rec []byte) error { return e.out.write(rec) }

func (e *jsonEncoder) EncodeError(id string, err error) error {
	b, err := json.Marshal(errorRecord{ID: id, Error: err.Error()})
	if err != nil {
		return err
	}
	if b, err = indentJSON(b, 0, e.out.indent); err != nil {
		return err
	}
	return e.out.write(b)
}

func (e *jsonEncoder) Close() error { return e.out.close() }

// encodeRecord is a RecordEncoder's Encode: d's record made in *buf,
// written, and the buffer kept for the next.
func encodeRecord(r RecordEncoder, buf *[]byte, d *annotate.Document) error {
	b, err := r.AppendRecord((*buf)[:0], d)
	if err != nil {
		return err
	}
	*buf = keep(b)
	return r.WriteRecord(b)
}

// keep returns buf for reuse by the next record, or nil when it has grown
// past what is worth keeping between documents.
func keep(buf []byte) []byte {
	if cap(buf) > maxKeptRecord {
		return nil
	}
	return buf
}

// maxKeptRecord bounds the record buffer an encoder keeps between
// documents.
const maxKeptRecord = 1 << 20

// oneOrArray writes a stream of JSON values as the value alone when there
// is one and as an array when there are more (-o json, -o spacy). It holds
// back the first value until it knows which, so memory stays at one value
// whatever the stream's length.
type oneOrArray struct {
	w       io.Writer
	pending []byte // the first value, while it may be the only one
	n       int
	// indent is the values' indent, when they are laid out (json.Indent
	// with no prefix) rather than written on one line: an array's
	// elements then get it once more after each line end.
	indent string
	buf    []byte
}

// write writes value b, which it does not keep.
func (o *oneOrArray) write(b []byte) error {
	o.n++
	switch o.n {
	case 1:
		o.pending = append(o.pending[:0], b...)
		return nil
	case 2:
		if _, err := io.WriteString(o.w, "[\n"+o.indent); err != nil {
			return err
		}
		if err := o.element(o.pending); err != nil {
			return err
		}
		o.pending = nil
	}
	if _, err := io.WriteString(o.w, ",\n"+o.indent); err != nil {
		return err
	}
	return o.element(b)
}

// element writes value b as an array's element: each of its lines after
// the first indented once more. A laid-out value has line ends only
// between its tokens (a string's are escaped), so inserting the indent
// after each is what json.Indent does with the indent as prefix.
func (o *oneOrArray) element(b []byte) error {
	if o.indent == "" {
		_, err := o.w.Write(b)
		return err
	}
	o.buf = o.buf[:0]
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break
		}
		o.buf = append(append(o.buf, b[:i+1]...), o.indent...)
		b = b[i+1:]
	}
	o.buf = append(o.buf, b...)
	_, err := o.w.Write(o.buf)
	o.buf = keep(o.buf)
	return err
}

func (o *oneOrArray) close() error {
	switch o.n {
	case 0:
		_, err := io.WriteString(o.w, "[]\n")
		return err
	case 1:
		if _, err := o.w.Write(o.pending); err != nil {
			return err
		}
		_, err := io.WriteString(o.w, "\n")
		return err
	}
	_, err := io.WriteString(o.w, "\n]\n")
	return err
}

// jsonlEncoder prints one compact line per document, each written into
// the buffer of the one before.
type jsonlEncoder struct {
	w   io.Writer
	buf []byte
}

func newJSONL(w io.Writer, _ Options) (Encoder, error) { return &jsonlEncoder{w: w}, nil }

func (e *jsonlEncoder) Encode(d *annotate.Document) error { return encodeRecord(e, &e.buf, d) }

// AppendRecord appends d's line, its line end included.
func (e *jsonlEncoder) AppendRecord(b []byte, d *annotate.Document) ([]byte, error) {
	b, err := d.AppendJSON(b)
	return append(b, '\n'), err
}

func (e *jsonlEncoder) WriteRecord(rec []byte) error {
	_, err := e.w.Write(rec)
	return err
}

func (e *jsonlEncoder) EncodeError(id string, err error) error {
	b, err := json.Marshal(errorRecord{ID: id, Error: err.Error()})
	if err != nil {
		return err
	}
	return e.WriteRecord(append(b, '\n'))
}

func (e *jsonlEncoder) Close() error { return nil }
