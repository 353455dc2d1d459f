package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
)

// Exit codes. Every command's outcome maps to one of these here and
// nowhere else.
const (
	exitOK       = 0 // success; for check, no finding at or above --fail-on
	exitFindings = 1 // check found something at or above --fail-on; diff found a difference
	exitError    = 2 // usage, input, lexicon or rule error
	// exitInterrupted: Ctrl-C or SIGTERM stopped the run (128 + SIGINT,
	// as a shell reports a process a signal ended).
	exitInterrupted = 130
	// exitBrokenPipe: the reader of the output went away (128 + SIGPIPE).
	// On standard output or error the process dies of SIGPIPE itself, as
	// cat and grep do, and the shell reports the same 141; this is for
	// when SIGPIPE is ignored and a write fails with EPIPE instead.
	exitBrokenPipe = 141
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
	if isBrokenPipe(err) {
		return exitBrokenPipe // nobody is reading: say nothing
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "newsann: interrupted; the output ends after the last complete document")
		return exitInterrupted
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

// isBrokenPipe reports whether err is a write to a pipe or socket whose
// reader has gone.
func isBrokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrClosedPipe)
}
