package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// NewCmdVersion builds `newsann version`.
func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print newsann's version and the lexicon's as_of date",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lex, err := f.Lexicon()
			if err != nil {
				return err
			}
			fmt.Fprintf(f.IO.Out, "newsann %s\nlexicon as_of %s (%d entries)\n", version, lex.AsOf(), lex.Len())
			return nil
		},
	}
}
