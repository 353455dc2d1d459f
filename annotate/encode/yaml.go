package encode

import (
	"io"

	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/annotate"
)

// yamlEncoder prints one YAML document per input, separated by "---". The
// tree is the JSON tree, key order included: it is built from the JSON
// encoding, which YAML reads as it is.
type yamlEncoder struct {
	enc *yaml.Encoder
}

func newYAML(w io.Writer, _ Options) (Encoder, error) {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	return &yamlEncoder{enc: enc}, nil
}

func (e *yamlEncoder) Encode(d *annotate.Document) error { return e.write(d) }

func (e *yamlEncoder) EncodeError(id string, err error) error {
	return e.write(errorRecord{ID: id, Error: err.Error()})
}

func (e *yamlEncoder) write(v any) error {
	b, err := compact(v)
	if err != nil {
		return err
	}
	var n yaml.Node
	if err := yaml.Unmarshal(b, &n); err != nil {
		return err
	}
	setBlockStyle(&n)
	return e.enc.Encode(&n)
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

func (e *yamlEncoder) Close() error { return e.enc.Close() }
