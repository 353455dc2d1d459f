package main

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestDocExample: the worked example of docs/lexicon.md is the file the
// script testdata/script/lexicon_example.txtar runs, so the page cannot
// drift from what is tested.
func TestDocExample(t *testing.T) {
	page, err := os.ReadFile("../../docs/lexicon.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(page), "## Worked example")
	if !ok {
		t.Fatal("docs/lexicon.md has no worked example section")
	}
	_, block, ok := strings.Cut(section, "```yaml\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("the worked example has no yaml block")
	}
	ar, err := txtar.ParseFile("../../testdata/script/lexicon_example.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if f.Name == "local.yaml" {
			if diff := cmp.Diff(string(f.Data), block); diff != "" {
				t.Errorf("docs/lexicon.md's example differs from the script's local.yaml (-script +page):\n%s", diff)
			}
			return
		}
	}
	t.Fatal("lexicon_example.txtar has no local.yaml")
}
