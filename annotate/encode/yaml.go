package encode

import (
	"bytes"
	"encoding/json"
	"io"

	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/annotate"
)

// yamlEncoder prints one YAML document per input, separated by "---". The
// tree is the JSON tree, key order included: it is built from the JSON
// encoding, which YAML reads as it is.
type yamlEncoder struct {
	w   io.Writer
	n   int    // documents written
	buf []byte // the record Encode makes, reused
}

func newYAML(w io.Writer, _ Options) (Encoder, error) {
	return &yamlEncoder{w: w}, nil
}

func (e *yamlEncoder) Encode(d *annotate.Document) error { return encodeRecord(e, &e.buf, d) }

// AppendRecord appends d as one YAML document, without the separator
// WriteRecord puts before every document but the first.
func (e *yamlEncoder) AppendRecord(b []byte, d *annotate.Document) ([]byte, error) {
	j, err := d.MarshalJSON()
	if err != nil {
		return b, err
	}
	return appendYAML(b, j)
}

// appendYAML appends the JSON value j as a YAML document.
func appendYAML(b, j []byte) ([]byte, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(j, &n); err != nil {
		return b, err
	}
	setBlockStyle(&n)
	out := bytes.NewBuffer(b)
	enc := yaml.NewEncoder(out)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return b, err
	}
	if err := enc.Close(); err != nil {
		return b, err
	}
	return out.Bytes(), nil
}

func (e *yamlEncoder) WriteRecord(rec []byte) error {
	if e.n++; e.n > 1 {
		if _, err := io.WriteString(e.w, "---\n"); err != nil {
			return err
		}
	}
	_, err := e.w.Write(rec)
	return err
}

func (e *yamlEncoder) EncodeError(id string, err error) error {
	j, err := json.Marshal(errorRecord{ID: id, Error: err.Error()})
	if err != nil {
		return err
	}
	b, err := appendYAML(nil, j)
	if err != nil {
		return err
	}
	return e.WriteRecord(b)
}

// setBlockStyle undoes the flow style the JSON source implies, so the
// output reads as ordinary YAML; short lists of numbers stay inline.
func setBlockStyle(n *yaml.Node) {
	n.Style &^= yaml.FlowStyle
	if n.Kind == yaml.ScalarNode {
		n.Style &^= yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle
		return
	}
	if n.Kind == yaml.SequenceNode && allScalars(n) && len(n.Content) <= 16 {
		n.Style |= yaml.FlowStyle
	}
	for _, c := range n.Content {
		setBlockStyle(c)
	}
}

func allScalars(n *yaml.Node) bool {
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

func (e *yamlEncoder) Close() error { return nil }
