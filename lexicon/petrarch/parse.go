// Package petrarch reads TABARI/PETRARCH actor dictionaries — the format
// event-data projects (Phoenix, ICEWS-style coders) keep their actors in —
// and converts them into newsann lexicon records, so that researchers can
// bring their dictionaries to the annotator.
//
// An actor dictionary is a series of records:
//
//	HASSAN_ROUHANI_            # primary phrase, words joined by '_' or ' '
//	+HASAN_RUHANI_             # a synonym
//		[IRNGOVLEG 19800528-20000526]   # a code with a date restriction
//		[IRNGOV >20130803]
//	IRAN_  [IRN]               # a code on the phrase's own line
//
// Codes are CAMEO actor codes; a restriction is `<DATE` (until), `>DATE`
// (from) or `DATE-DATE`, dates YYYYMMDD or YYMMDD (YY up to 30 is 20YY,
// else 19YY, as TABARI reads them). `#` and `;` start comments, as do
// lines in `<!-- … -->`; `---STOP---` ends the file.
package petrarch

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/newsann/newsann/lexicon"
)

// Actor is one record of an actor dictionary.
type Actor struct {
	Names []string // the primary phrase, then its synonyms, as written (underscores kept)
	Codes []Code
	Line  int // line of the primary phrase
}

// Code is one CAMEO code of an actor, with its date restriction.
type Code struct {
	Code     string
	From, To lexicon.Date // zero when open
	Raw      string       // the bracketed text as written, for notes
	Line     int
	// Invalid says why the restriction could not be read; the code is
	// then kept only in the entry's note.
	Invalid string
}

// Dated reports whether the code holds only for a period.
func (c Code) Dated() bool { return !c.From.IsZero() || !c.To.IsZero() }

// Parse reads an actor dictionary. Lines it cannot read are reported as
// errors naming file:line and skipped; the rest of the file is still read.
func Parse(path string, r io.Reader) ([]Actor, lexicon.ErrorList) {
	var actors []Actor
	var errs lexicon.ErrorList
	fail := func(line int, format string, args ...any) {
		errs.Add(lexicon.Pos{File: path, Line: line}, "", "", format, args...)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	lineNo := 0
	inComment := false
	var cur *Actor
	for sc.Scan() {
		lineNo++
		raw := sc.Text()
		line, stillOpen := stripComments(raw, inComment)
		inComment = stillOpen
		if strings.Contains(line, "---STOP---") {
			break
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		text := strings.TrimSpace(line)
		switch {
		case indented && text[0] == '[':
			if cur == nil {
				fail(lineNo, "code %s before any actor", text)
				continue
			}
			codes, err := parseCodes(text, lineNo)
			if err != nil {
				fail(lineNo, "%v", err)
			}
			cur.Codes = append(cur.Codes, codes...)
		case indented && text[0] != '+':
			fail(lineNo, "indented line %q is neither a code [..] nor a synonym +..", text)
		case text[0] == '+':
			if cur == nil {
				fail(lineNo, "synonym %s before any actor", text)
				continue
			}
			name, rest, _ := strings.Cut(text[1:], "[")
			if name = strings.TrimSpace(name); !hasWord(name) {
				fail(lineNo, "synonym %q has no words", text)
				continue
			}
			cur.Names = append(cur.Names, name)
			if rest != "" {
				codes, err := parseCodes("["+rest, lineNo)
				if err != nil {
					fail(lineNo, "%v", err)
				}
				cur.Codes = append(cur.Codes, codes...)
			}
		default:
			name, rest, _ := strings.Cut(text, "[")
			if name = strings.TrimSpace(name); !hasWord(name) {
				fail(lineNo, "line %q has no actor name", text)
				cur = nil
				continue
			}
			actors = append(actors, Actor{Names: []string{name}, Line: lineNo})
			cur = &actors[len(actors)-1]
			if rest != "" {
				codes, err := parseCodes("["+rest, lineNo)
				if err != nil {
					fail(lineNo, "%v", err)
				}
				cur.Codes = append(cur.Codes, codes...)
			}
		}
	}
	if err := sc.Err(); err != nil {
		fail(lineNo+1, "%v", err)
	}
	return actors, errs
}

// stripComments removes `#` and `;` comments and `<!-- … -->` from line;
// open says a `<!--` comment is open at its start, and the second result
// whether one is open at its end.
func stripComments(line string, open bool) (string, bool) {
	var b strings.Builder
	for line != "" {
		if open {
			_, after, found := strings.Cut(line, "-->")
			if !found {
				return b.String(), true
			}
			line, open = after, false
			continue
		}
		i := strings.IndexAny(line, "#;<")
		if i < 0 {
			b.WriteString(line)
			break
		}
		b.WriteString(line[:i])
		switch {
		case line[i] == '<' && strings.HasPrefix(line[i:], "<!--"):
			line, open = line[i+4:], true
		case line[i] == '<' && strings.HasPrefix(line[i:], "<!"): // <!DOCTYPE-like
			return b.String(), false
		case line[i] == '<':
			b.WriteByte('<') // a "<DATE" restriction
			line = line[i+1:]
		default:
			return b.String(), false
		}
	}
	return b.String(), open
}

func hasWord(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r != '_' && r != ' ' && r != '+' && r != '-' })
}

// parseCodes reads one or more bracketed codes: "[IRNGOV >20130803] [ELI]".
//
// A code whose restriction cannot be read is kept, marked Invalid, and the
// codes after it are still read; the first problem is returned.
func parseCodes(s string, line int) ([]Code, error) {
	var out []Code
	var first error
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] != '[' {
			return out, cmp.Or(first, fmt.Errorf("unexpected %q after the codes", s))
		}
		body, rest, ok := strings.Cut(s[1:], "]")
		if !ok {
			return out, cmp.Or(first, fmt.Errorf("code %q has no closing ]", s))
		}
		s = rest
		c, err := parseCode(body, line)
		if err != nil {
			first = cmp.Or(first, err)
			if c.Code == "" {
				continue
			}
			c.Invalid = err.Error()
		}
		out = append(out, c)
	}
	return out, first
}

// parseCode reads the inside of one bracket: "IRNGOV 20130803-20210803".
func parseCode(body string, line int) (Code, error) {
	c := Code{Raw: "[" + strings.TrimSpace(body) + "]", Line: line}
	fields := strings.Fields(body)
	if len(fields) == 0 {
		return c, fmt.Errorf("empty code []")
	}
	c.Code = strings.ToUpper(fields[0])
	restr := strings.Join(fields[1:], "")
	if restr == "" {
		return c, nil
	}
	var err error
	switch {
	case restr[0] == '<':
		c.To, err = parseDate(restr[1:])
	case restr[0] == '>':
		c.From, err = parseDate(restr[1:])
	default:
		from, to, ok := strings.Cut(restr, "-")
		if !ok {
			return c, fmt.Errorf("code %s: restriction %q is not <DATE, >DATE or DATE-DATE", c.Raw, restr)
		}
		if c.From, err = parseDate(from); err == nil {
			c.To, err = parseDate(to)
		}
		if err == nil && c.To.Before(c.From) {
			return c, fmt.Errorf("code %s: the period ends (%s) before it begins (%s)", c.Raw, c.To, c.From)
		}
	}
	if err != nil {
		return c, fmt.Errorf("code %s: %w", c.Raw, err)
	}
	return c, nil
}

// parseDate reads YYYYMMDD or YYMMDD, years 00–30 of YYMMDD being 20YY
// and the others 19YY, as TABARI and PETRARCH read them.
func parseDate(s string) (lexicon.Date, error) {
	for _, r := range s {
		if r < '0' || r > '9' {
			return lexicon.Date{}, fmt.Errorf("date %q: want YYYYMMDD or YYMMDD", s)
		}
	}
	var iso string
	switch len(s) {
	case 8:
		iso = s[0:4] + "-" + s[4:6] + "-" + s[6:8]
	case 6:
		century := "19"
		if s[0:2] <= "30" {
			century = "20"
		}
		iso = century + s[0:2] + "-" + s[2:4] + "-" + s[4:6]
	default:
		return lexicon.Date{}, fmt.Errorf("date %q has %d digits (want YYYYMMDD or YYMMDD)", s, len(s))
	}
	d, err := lexicon.ParseDate(iso)
	if err != nil {
		return d, fmt.Errorf("date %q is not a calendar date", s)
	}
	return d, nil
}
