package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/encode"
)

// textReporter prints a finding a line, as compilers and linters do, so
// that editors jump to it: `file:line:col: severity: message [check-id]`,
// with the suggestion after the message when there is one. Failed inputs
// are reported on standard error by the command, not here.
type textReporter struct{ w *bufio.Writer }

func newText(w io.Writer, _ Options) encode.Encoder { return &textReporter{w: bufio.NewWriter(w)} }

func (r *textReporter) Encode(d *annotate.Document) error {
	for _, f := range d.Findings {
		fmt.Fprintf(r.w, "%s:%d:%d: %s: %s", d.ID, f.Line, f.Column, f.Severity, oneLine(f.Message))
		if f.Suggestion != "" {
			fmt.Fprintf(r.w, " (%s)", oneLine(f.Suggestion))
		}
		fmt.Fprintf(r.w, " [%s]\n", f.Check)
	}
	return r.w.Flush()
}

func (r *textReporter) EncodeError(string, error) error { return nil }

func (r *textReporter) Close() error { return r.w.Flush() }

// oneLine keeps a finding on its line: line breaks become spaces.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
