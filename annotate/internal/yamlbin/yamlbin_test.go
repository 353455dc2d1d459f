package yamlbin

import (
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
