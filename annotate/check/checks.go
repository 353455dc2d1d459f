package check

import (
	"fmt"
	"slices"
	"strings"
)

// Severity says how much a finding matters. The order is meaningful:
// --fail-on compares severities, and a finding the lexicon may be too old
// to settle is lowered one step.
type Severity int8

// Severities, from least to most severe. Off turns a check off.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = []string{"off", "info", "warning", "error"}

// String returns "off", "info", "warning" or "error".
func (s Severity) String() string {
	if s < Off || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity parses "error", "warning", "info" or "off": the names
// String writes, so that a finding's severity reads back. Callers that
// spell Off otherwise (--fail-on's "none") map that spelling themselves.
func ParseSeverity(s string) (Severity, error) {
	if i := slices.Index(severityNames, s); i >= 0 {
		return Severity(i), nil
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
}

// lower returns the severity one step down, never below Info.
func (s Severity) lower() Severity {
	if s > Info {
		return s - 1
	}
	return s
}

// Check describes one check: the registry below is what the CLI, the
// SARIF rules metadata and docs/check.md list.
type Check struct {
	ID       string
	Severity Severity // the default
	// NeedsDate is set for checks that cannot run without the document's
	// date; without one, a single date-unknown finding says they were
	// skipped.
	NeedsDate bool
	// Summary says in one line what the check finds.
	Summary string
	// Example is a sentence the check reports, with the date it is read at.
	Example string
}

// Check ids.
const (
	TitleMismatch     = "title-mismatch"
	FormerTitle       = "former-title"
	WrongHolder       = "wrong-holder"
	NameVariant       = "name-variant"
	InconsistentTitle = "inconsistent-title"
	UnknownOfficial   = "unknown-official"
	DateUnknown       = "date-unknown"
)

// checks is the registry, in the order docs/check.md presents them.
var checks = []Check{
	{ID: TitleMismatch, Severity: Error, NeedsDate: true,
		Summary: "A known person given an office the lexicon says they do not hold at the document's date.",
		Example: "Iranian Deputy Foreign Minister Abbas Araghchi (2025-11-13: Foreign Minister since 2024-08-21)"},
	{ID: FormerTitle, Severity: Error, NeedsDate: true,
		Summary: "An office the person held before the document's date, given as current (no \"former\").",
		Example: "U.S. Secretary of State Antony Blinken (2025-11-13: Secretary of State until 2025-01-20)"},
	{ID: WrongHolder, Severity: Error, NeedsDate: true,
		Summary: "A state's office given to someone when the lexicon has another holder at the document's date, and the name is none of theirs.",
		Example: "Turkey's Foreign Minister Ahmet Yilmaz (2025-11-13: Hakan Fidan since 2023-06-04)"},
	{ID: NameVariant, Severity: Warning,
		Summary: "A name close to, but not, a name of the office's holder: one name part differs, or a spelling is off.",
		Example: "Turkey's Foreign Minister Hakan Fidam (did you mean Hakan Fidan?)"},
	{ID: InconsistentTitle, Severity: Warning,
		Summary: "One person given different offices in the same article.",
		Example: "Foreign Minister Jane Roe … Defence Minister Jane Roe"},
	{ID: UnknownOfficial, Severity: Info,
		Summary: "A person named with an office whom the lexicon does not know: a list to grow the lexicon from.",
		Example: "Ruritanian Foreign Minister Jane Roe"},
	{ID: DateUnknown, Severity: Info,
		Summary: "The document has no date, so the checks that need one did not run (reported once per document).",
		Example: "a text with no --date, no record date and no dateline"},
}

// Checks returns the registry of checks with their default severities.
func Checks() []Check { return slices.Clone(checks) }

// Lookup returns the check with id, and whether there is one.
func Lookup(id string) (Check, bool) {
	i := slices.IndexFunc(checks, func(c Check) bool { return c.ID == id })
	if i < 0 {
		return Check{}, false
	}
	return checks[i], true
}

// IDs returns the check ids, comma-separated, for error messages.
func IDs() string {
	ids := make([]string, len(checks))
	for i, c := range checks {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}
