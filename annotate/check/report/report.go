// Package report writes the findings of `newsann check` in the formats CI
// systems and editors read: text lines, JSON, JSONL, GitHub workflow
// commands, SARIF 2.1.0 and JUnit XML.
//
// Each format is an encode.Encoder, the interface every newsann output
// format implements, fed the checked documents in input order; it writes
// their findings. Formats that need the whole run (SARIF, JUnit, JSON)
// keep the findings and write them on Close; the line formats stream.
package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/newsann/newsann/annotate/check"
	"github.com/newsann/newsann/annotate/encode"
)

// Options tune the formats.
type Options struct {
	// Version is newsann's version, for SARIF's tool description.
	Version string
	// FailOn is the least severity that fails the run: JUnit reports
	// findings at or above it as failures, the others as passing cases.
	FailOn check.Severity
	// Severity returns the severity each check runs at, for SARIF's
	// rules metadata; nil means the defaults.
	Severity func(id string) check.Severity
}

func (o Options) severity(c check.Check) check.Severity {
	if o.Severity != nil {
		return o.Severity(c.ID)
	}
	return c.Severity
}

type factory func(w io.Writer, opts Options) encode.Encoder

// formats is the registry of report formats by name.
var formats = map[string]factory{
	"text":   newText,
	"json":   newJSON,
	"jsonl":  newJSONL,
	"github": newGitHub,
	"sarif":  newSARIF,
	"junit":  newJUnit,
}

// Formats returns the names of the formats New accepts, sorted.
func Formats() []string {
	return slices.Sorted(maps.Keys(formats))
}

// New returns the reporter for format writing to w.
func New(format string, w io.Writer, opts Options) (encode.Encoder, error) {
	f, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
	}
	return f(w, opts), nil
}
