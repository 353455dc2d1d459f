// Package yamlbin stores a parsed YAML document (a yaml.Node tree with its
// line and column numbers) in a compact binary form that decodes far
// faster than YAML parses. Embedded configuration (the rule files, the
// time tables) is parsed once by `go generate` and decoded at start-up,
// which keeps a one-article run within its time budget; the code that
// reads the tree is the same either way, so errors still name YAML lines.
package yamlbin

import (
	"encoding/binary"
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
)

const magic = "newsann-yamlbin-v1\n"

// Encode writes the tree n.
func Encode(n *yaml.Node) []byte {
	b := []byte(magic)
	var enc func(n *yaml.Node)
	enc = func(n *yaml.Node) {
		b = binary.AppendUvarint(b, uint64(n.Kind))
		b = binary.AppendUvarint(b, uint64(n.Style))
		b = appendString(b, n.Tag)
		b = appendString(b, n.Value)
		b = appendString(b, n.Anchor)
		b = binary.AppendUvarint(b, uint64(n.Line))
		b = binary.AppendUvarint(b, uint64(n.Column))
		b = binary.AppendUvarint(b, uint64(len(n.Content)))
		for _, c := range n.Content {
			enc(c)
		}
	}
	enc(n)
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Decode reads a tree Encode wrote.
func Decode(data []byte) (n *yaml.Node, err error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, errors.New("yamlbin: bad header")
	}
	d := &decoder{s: string(data), i: len(magic)}
	defer func() {
		if r := recover(); r != nil {
			n, err = nil, fmt.Errorf("yamlbin: corrupt at byte %d: %v", d.i, r)
		}
	}()
	n = d.node(0)
	if d.i != len(d.s) {
		return nil, fmt.Errorf("yamlbin: %d trailing bytes", len(d.s)-d.i)
	}
	return n, nil
}

type decoder struct {
	s string
	i int
}

func (d *decoder) uint() int {
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if shift > 63 {
			panic("varint overflows")
		}
		c := d.s[d.i]
		d.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int(v)
		}
	}
}

func (d *decoder) str() string {
	n := d.uint()
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

func (d *decoder) node(depth int) *yaml.Node {
	if depth > 10000 {
		panic("nested too deeply")
	}
	n := &yaml.Node{
		Kind:   yaml.Kind(d.uint()),
		Style:  yaml.Style(d.uint()),
		Tag:    d.str(),
		Value:  d.str(),
		Anchor: d.str(),
		Line:   d.uint(),
		Column: d.uint(),
	}
	if k := d.uint(); k > 0 {
		n.Content = make([]*yaml.Node, k)
		for i := range n.Content {
			n.Content[i] = d.node(depth + 1)
		}
	}
	return n
}
