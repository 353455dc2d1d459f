// Package lexicontest builds the small lexicons that the tests of other
// packages write as one file's text beside them. The lexicon package's
// own tests build theirs inside it, since they test the errors as well.
package lexicontest

import (
	"testing"

	"github.com/newsann/newsann/lexicon"
)

// Build returns the lexicon of one file called name, whose extension
// chooses the format as lexicon.Parse does, holding src. A lexicon that
// does not parse or build is a mistake in the test: it fails tb at once.
func Build(tb testing.TB, name, src string) *lexicon.Lexicon {
	tb.Helper()
	f, err := lexicon.Parse(name, []byte(src))
	if err != nil {
		tb.Fatal(err)
	}
	l, err := lexicon.Build([]*lexicon.File{f}, lexicon.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return l
}
