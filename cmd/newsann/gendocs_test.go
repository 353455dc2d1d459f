package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

var updateDocs = flag.Bool("update", false, "rewrite the CLI reference in docs/cli")

// cliDocs is where the CLI reference is checked in, from this package.
var cliDocs = filepath.Join("..", "..", "docs", "cli")

// TestCLIDocsUpToDate generates the CLI reference from the command tree
// and compares it with docs/cli, so that a change to a command's flags or
// help cannot land without its page; with -update it rewrites docs/cli:
//
//	go test ./cmd/newsann -run TestCLIDocsUpToDate -update
//
// The generator lives in this test, not in the binary: cobra/doc and the
// Markdown packages it links cost every run about 1 ms of start-up.
func TestCLIDocsUpToDate(t *testing.T) {
	dir := t.TempDir()
	if *updateDocs {
		dir = cliDocs
	}
	if err := genDocs(NewCmdRoot(&Factory{IO: &IOStreams{}}), dir); err != nil {
		t.Fatal(err)
	}
	want := readDocs(t, dir)
	if len(want) == 0 {
		t.Fatal("the generator wrote nothing")
	}
	if diff := cmp.Diff(want, readDocs(t, cliDocs)); diff != "" {
		t.Errorf("docs/cli is stale; regenerate it with\n\tgo test ./cmd/newsann -run TestCLIDocsUpToDate -update\n(-generated +checked in):\n%s", diff)
	}
}

// readDocs reads the Markdown pages in dir, by file name.
func readDocs(t *testing.T, dir string) map[string]string {
	t.Helper()
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

// genDocs writes a page per command into dir, replacing the pages of an
// earlier run so that a command removed loses its page.
func genDocs(root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dir, root.Name()+"*.md"))
	if err != nil {
		return err
	}
	for _, p := range old {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	// No "Auto generated on DATE" footer: the pages must not change
	// unless the commands do.
	root.DisableAutoGenTag = true
	root.InitDefaultCompletionCmd()
	if err := doc.GenMarkdownTree(root, dir); err != nil {
		return fmt.Errorf("writing the CLI reference into %s: %w", dir, err)
	}
	return nil
}
