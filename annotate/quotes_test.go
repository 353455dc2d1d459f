package annotate

import (
	"testing"

	"github.com/newsann/newsann/annotate/token"
)

// FuzzIsQuoteMark checks that isQuoteMark, which passes over a token by
// its first byte, tells every token of any text as comparing its whole
// text with the marks (quoteMark) does.
func FuzzIsQuoteMark(f *testing.F) {
	for _, s := range []string{
		"\u201cWe will,\u201d she said. \u00abNon\u00bb, \u201eJa\u201c and \"yes\".",
		"\u2019tis \u2018so\u2019 \u00e9t\u00e9 \u00a0 \u2014 \u20ac5",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := &state{text: text, toks: token.Tokenize(nil, text)}
		for i, tok := range s.toks {
			gotOK, gotDir := s.isQuoteMark(i)
			wantOK, wantDir := quoteMark(tok.Text(text))
			if gotOK != wantOK || gotDir != wantDir {
				t.Errorf("%q: isQuoteMark = %v, %d; the marks' texts say %v, %d", tok.Text(text), gotOK, gotDir, wantOK, wantDir)
			}
		}
	})
}
