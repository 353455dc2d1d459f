package lexicon

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Pos is a position in a lexicon file. Line and Col count from 1; zero
// means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, dropping the parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return p.File + ":" + strconv.Itoa(p.Line)
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// Error is one problem found in a lexicon file.
type Error struct {
	Pos   Pos
	ID    string // the entry's id, when known
	Field string // the offending field, when there is one
	Msg   string
	// Thing names what ID identifies in the message: "entry" when empty;
	// rule files say "rule".
	Thing string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.ID != "" {
		thing := e.Thing
		if thing == "" {
			thing = "entry"
		}
		fmt.Fprintf(&b, "%s %s: ", thing, e.ID)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "%s: ", e.Field)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList collects every problem of a load or a validation so that a
// user sees them all at once, in file order, as go/scanner.ErrorList does.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, id, field, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, ID: id, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by file, line and column.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
}

// Err returns nil for an empty list and the list itself otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error summarises the list: the first error and how many more follow.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Unwrap lets errors.As find the individual errors.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}
