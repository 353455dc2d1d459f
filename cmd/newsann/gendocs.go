package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

//go:generate go run . gen-docs ../../docs/cli

// NewCmdGenDocs builds the hidden `newsann gen-docs DIR`, which writes the
// CLI reference in docs/cli from the command tree itself, so that the
// reference cannot say other than the commands do. A test fails when the
// checked-in pages are stale.
func NewCmdGenDocs(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:    "gen-docs DIR",
		Short:  "Write the CLI reference as Markdown into DIR",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return genDocs(cmd.Root(), args[0])
		},
	}
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
