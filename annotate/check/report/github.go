package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/encode"
)

// githubReporter prints GitHub Actions workflow commands, which the
// runner turns into annotations on the file and line:
//
//	::error file=story.md,line=3,col=14,endLine=3,endColumn=30,title=newsann title-mismatch::message
//
// info findings become notices. A failed input is an error annotation on
// the file.
type githubReporter struct{ w *bufio.Writer }

func newGitHub(w io.Writer, _ Options) encode.Encoder { return &githubReporter{w: bufio.NewWriter(w)} }

// githubLevel maps severities to workflow commands.
var githubLevel = map[string]string{"error": "error", "warning": "warning", "info": "notice"}

func (r *githubReporter) Encode(d *annotate.Document) error {
	for _, f := range d.Findings {
		level := githubLevel[f.Severity]
		if level == "" {
			level = "notice"
		}
		msg := f.Message
		if f.Suggestion != "" {
			msg += " (" + f.Suggestion + ")"
		}
		fmt.Fprintf(r.w, "::%s file=%s,line=%d,col=%d", level, ghProperty(d.ID), f.Line, f.Column)
		if f.EndLine > 0 {
			fmt.Fprintf(r.w, ",endLine=%d,endColumn=%d", f.EndLine, f.EndColumn)
		}
		fmt.Fprintf(r.w, ",title=%s::%s\n", ghProperty("newsann "+f.Check), ghData(msg))
	}
	return r.w.Flush()
}

func (r *githubReporter) EncodeError(id string, err error) error {
	fmt.Fprintf(r.w, "::error file=%s,title=newsann::%s\n", ghProperty(id), ghData(err.Error()))
	return r.w.Flush()
}

func (r *githubReporter) Close() error { return r.w.Flush() }

// ghData escapes a workflow command's message: %, CR and LF.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value: as ghData, and
// also the : and , that separate properties.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
