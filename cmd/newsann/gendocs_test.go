package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCLIDocsUpToDate regenerates the CLI reference and compares it with
// docs/cli, so that a change to a command's flags or help cannot land
// without its page.
func TestCLIDocsUpToDate(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	if code := Main([]string{"gen-docs", dir}, nil, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("gen-docs: exit %d: %s", code, stderr.String())
	}
	read := func(dir string) map[string]string {
		files := map[string]string{}
		paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files[filepath.Base(p)] = string(b)
		}
		return files
	}
	want := read(dir)
	if len(want) == 0 {
		t.Fatal("gen-docs wrote nothing")
	}
	if diff := cmp.Diff(want, read(filepath.Join("..", "..", "docs", "cli"))); diff != "" {
		t.Errorf("docs/cli is stale; regenerate it with\n\tgo run ./cmd/newsann gen-docs docs/cli\n(-generated +checked in):\n%s", diff)
	}
}
