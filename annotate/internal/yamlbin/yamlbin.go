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
	// nodes and kids are memory not yet handed out: a tree's nodes and
	// Content slices are carved from blocks (newNode, content), since
	// allocating thousands one by one was most of the decoding time.
	nodes []yaml.Node
	kids  []*yaml.Node
}

// nodeBlock is how many nodes a block holds: a rule file has hundreds,
// the time tables thousands. 128 nodes (19 KiB) keep a block under the
// allocator's large-object size.
const nodeBlock = 128

// minNodeBytes is the fewest bytes a node takes encoded: six varints and
// three string lengths, one byte each at least.
const minNodeBytes = 8

// uvarint reads the uvarint at s[i:], returning it and the index after
// it. Most numbers (kinds, styles, lengths, columns) are one byte, read
// here; uvarintLong reads the others.
func uvarint(s string, i int) (int, int) {
	if c := s[i]; c < 0x80 {
		return int(c), i + 1
	}
	return uvarintLong(s, i)
}

func uvarintLong(s string, i int) (int, int) {
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if shift > 63 {
			panic("varint overflows")
		}
		c := s[i]
		i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int(v), i
		}
	}
}

// str reads the string at s[i:], a length and the bytes.
func str(s string, i int) (string, int) {
	n, i := uvarint(s, i)
	return s[i : i+n], i + n
}

func (d *decoder) node(depth int) *yaml.Node {
	if depth > 10000 {
		panic("nested too deeply")
	}
	// Field by field: the node is zero already, and copying a whole
	// struct into a block costs a bulk write barrier while the collector
	// runs. The fields are read with the input and the index in local
	// variables, d.i written back once.
	n := d.newNode()
	s, i := d.s, d.i
	var v int
	v, i = uvarint(s, i)
	n.Kind = yaml.Kind(v)
	v, i = uvarint(s, i)
	n.Style = yaml.Style(v)
	n.Tag, i = str(s, i)
	n.Value, i = str(s, i)
	n.Anchor, i = str(s, i)
	n.Line, i = uvarint(s, i)
	n.Column, i = uvarint(s, i)
	k, i := uvarint(s, i)
	d.i = i
	if k > 0 {
		n.Content = d.content(k)
		for j := range n.Content {
			n.Content[j] = d.node(depth + 1)
		}
	}
	return n
}

// newNode returns a zero node from the current block.
func (d *decoder) newNode() *yaml.Node {
	if len(d.nodes) == 0 {
		d.nodes = make([]yaml.Node, nodeBlock)
	}
	n := &d.nodes[0]
	d.nodes = d.nodes[1:]
	return n
}

// content returns a Content slice of k nodes from the current block; its
// capacity is k, so that appending to it cannot reach a neighbour's. A
// count the remaining bytes cannot hold is corrupt data, refused before
// it is allocated.
func (d *decoder) content(k int) []*yaml.Node {
	if k > (len(d.s)-d.i)/minNodeBytes {
		panic(fmt.Sprintf("%d nodes in %d bytes", k, len(d.s)-d.i))
	}
	if len(d.kids) < k {
		d.kids = make([]*yaml.Node, max(k, 4*nodeBlock))
	}
	c := d.kids[:k:k]
	d.kids = d.kids[k:]
	return c
}
