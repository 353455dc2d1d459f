package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Exit codes. Every command's outcome maps to one of these here and
// nowhere else.
const (
	exitOK       = 0 // success; for check, no finding at or above --fail-on
	exitFindings = 1 // check found something at or above --fail-on; diff found a difference
	exitError    = 2 // usage, input, lexicon or rule error
)

// errFindings is returned by a command whose run succeeded but found what
// its exit status must report (check findings, diff differences).
var errFindings = errors.New("findings")

// errSilent is an error already reported on stderr, line by line.
type errSilent struct{ n int }

func (e errSilent) Error() string { return fmt.Sprintf("%d errors", e.n) }

// exitCode maps a command's error to the process exit status and prints
// it, one line per problem, as `newsann: what is wrong`.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errFindings) {
		return exitFindings
	}
	var silent errSilent
	if errors.As(err, &silent) {
		return exitError
	}
	var multi interface{ Unwrap() []error }
	if errors.As(err, &multi) {
		for _, e := range multi.Unwrap() {
			fmt.Fprintf(stderr, "newsann: %s\n", oneLine(e.Error()))
		}
		return exitError
	}
	fmt.Fprintf(stderr, "newsann: %s\n", oneLine(err.Error()))
	return exitError
}

func oneLine(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", " ")
}
