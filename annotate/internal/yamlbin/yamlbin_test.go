package yamlbin

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

func TestRoundTrip(t *testing.T) {
	src := "a: 1\nb: [x, \"y\", {c: null}]\n# comment\nd: |\n  text\n  more\ne: &anchor v\n"
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(Encode(&n))
	if err != nil {
		t.Fatal(err)
	}
	strip(&n)
	if diff := cmp.Diff(&n, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if _, err := Decode([]byte("nope")); err == nil {
		t.Error("bad header accepted")
	}
	if _, err := Decode(Encode(&n)[:30]); err == nil {
		t.Error("truncated data accepted")
	}
}

// strip drops what Encode does not keep: comments and alias links.
func strip(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment, n.Alias = "", "", "", nil
	for _, c := range n.Content {
		strip(c)
	}
}

// TestRoundTripData decodes the project's own YAML files, whose trees
// span many of the decoder's blocks of nodes, and requires the trees to
// encode as the parsed YAML did.
func TestRoundTripData(t *testing.T) {
	paths, err := filepath.Glob("../../*/data/*.yaml")
	if err != nil || len(paths) < 2 {
		t.Fatalf("data files: %v, %v", paths, err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		enc := Encode(&n)
		got, err := Decode(enc)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		// Every field Encode keeps, compared as its bytes: go-cmp takes
		// seconds over trees this size.
		if !bytes.Equal(Encode(got), enc) {
			t.Errorf("%s: the decoded tree encodes differently", p)
		}
	}
}

// TestDecodedContentIsOwn checks that appending to a decoded node's
// Content, which shares a block with its neighbours', leaves them be.
func TestDecodedContentIsOwn(t *testing.T) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("a: [x, y]\nb: [z]\n"), &n); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(Encode(&n))
	if err != nil {
		t.Fatal(err)
	}
	root := got.Content[0]
	a, b := root.Content[1], root.Content[3]
	a.Content = append(a.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "added"})
	if len(b.Content) != 1 || b.Content[0].Value != "z" || len(root.Content) != 4 || root.Content[2].Value != "b" {
		t.Errorf("appending to a's list changed its neighbours: root %v, b %v", root.Content, b.Content)
	}
}

// TestDecodeRefusesHugeCount checks that a node count the data cannot
// hold is an error, not an allocation of that many.
func TestDecodeRefusesHugeCount(t *testing.T) {
	b := []byte(magic)
	for _, v := range []uint64{uint64(yaml.SequenceNode), 0, 0, 0, 0, 1, 1, 1 << 40} {
		b = binary.AppendUvarint(b, v)
	}
	if _, err := Decode(b); err == nil {
		t.Error("a count of 2^40 nodes in 8 bytes was accepted")
	}
}

// FuzzDecode feeds Decode damaged encodings: it must return a tree or an
// error, never panic, and a tree it returns must encode to data that
// decodes again.
func FuzzDecode(f *testing.F) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("a: 1\nb: [x, {c: 300}]\nlong: "+string(bytes.Repeat([]byte("y"), 200))+"\n"), &n); err != nil {
		f.Fatal(err)
	}
	f.Add(Encode(&n))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Decode(data)
		if err != nil {
			return
		}
		if _, err := Decode(Encode(got)); err != nil {
			t.Fatalf("a decoded tree does not decode again: %v", err)
		}
	})
}
