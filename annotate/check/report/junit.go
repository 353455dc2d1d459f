package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/check"
	"github.com/newsann/newsann/annotate/encode"
)

// junitReporter writes JUnit XML, which CI dashboards (Jenkins, GitLab,
// Azure Pipelines, test-report actions) show as test results: one suite
// for the run, a test case per finding — a failure when it is at or above
// the --fail-on severity, a passing case with the finding as its output
// otherwise — a passing case per input with no finding, and an error case
// per input that failed.
type junitReporter struct {
	w     io.Writer
	opts  Options
	cases []junitCase
	fails int
	errs  int
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func newJUnit(w io.Writer, opts Options) encode.Encoder { return &junitReporter{w: w, opts: opts} }

func (r *junitReporter) Encode(d *annotate.Document) error {
	if len(d.Findings) == 0 {
		r.cases = append(r.cases, junitCase{Name: d.ID, ClassName: d.ID})
		return nil
	}
	for _, f := range d.Findings {
		c := junitCase{Name: fmt.Sprintf("%d:%d %s", f.Line, f.Column, f.Check), ClassName: d.ID}
		detail := describe(d.ID, f)
		sev, err := check.ParseSeverity(f.Severity)
		if err == nil && r.opts.FailOn != check.Off && sev >= r.opts.FailOn {
			c.Failure = &junitProblem{Message: f.Message, Type: f.Check, Text: detail}
			r.fails++
		} else {
			c.SystemOut = detail
		}
		r.cases = append(r.cases, c)
	}
	return nil
}

// describe writes a finding in full for a test report.
func describe(file string, f annotate.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]", file, f.Line, f.Column, f.Severity, f.Message, f.Check)
	if f.Suggestion != "" {
		fmt.Fprintf(&b, "\nsuggestion: %s", f.Suggestion)
	}
	if f.Entry != "" {
		fmt.Fprintf(&b, "\nentry: %s", f.Entry)
	}
	if f.Basis != "" {
		fmt.Fprintf(&b, "\nbasis: %s", f.Basis)
	}
	return b.String()
}

func (r *junitReporter) EncodeError(id string, err error) error {
	r.cases = append(r.cases, junitCase{Name: id, ClassName: id, Error: &junitProblem{Message: err.Error(), Type: "input", Text: err.Error()}})
	r.errs++
	return nil
}

func (r *junitReporter) Close() error {
	s := junitSuite{Name: "newsann check", Tests: len(r.cases), Failures: r.fails, Errors: r.errs, Cases: r.cases}
	doc := junitSuites{Name: "newsann check", Tests: s.Tests, Failures: s.Failures, Errors: s.Errors, Suites: []junitSuite{s}}
	b, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(r.w, xml.Header); err != nil {
		return err
	}
	_, err = r.w.Write(append(b, '\n'))
	return err
}
