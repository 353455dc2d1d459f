package lexicon

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Large gazetteers (a million names) are read from JSONL or CSV: both
// stream, one entry a line or a row, straight into entries without a
// document tree, so memory holds the entries and little else.

// MaxLineSize bounds one line of a JSONL file.
const MaxLineSize = 16 << 20

// jsonlLine is what one line of a JSONL lexicon may hold: an entry, or, on
// the first line only, the file's header (as_of, description, variants).
type jsonlLine struct {
	Record
	AsOf        string     `json:"as_of"`
	Description string     `json:"description"`
	Variants    [][]string `json:"variants"`
}

// ParseJSONL reads a lexicon in JSON Lines: one entry object a line, with
// the fields of the YAML schema. The first line may instead be a header
// object with as_of, description and variants. Blank lines are skipped.
// Every error names file:line (and column, for JSON syntax and type
// errors); all are returned together as an ErrorList.
func ParseJSONL(path string, r io.Reader) (*File, error) {
	f := &File{Path: path}
	var errs ErrorList
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineSize)
	var rd bytes.Reader
	lineNo, seenEntry := 0, false
	for sc.Scan() {
		lineNo++
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		pos := Pos{File: path, Line: lineNo}
		if !utf8.Valid(line) {
			errs.Add(pos, "", "", "invalid UTF-8")
			continue
		}
		var l jsonlLine
		if !fastDecode(line, &l.Record) {
			l = jsonlLine{}
			rd.Reset(line)
			dec := json.NewDecoder(&rd)
			dec.DisallowUnknownFields()
			if err := dec.Decode(&l); err != nil {
				errs = append(errs, jsonError(pos, line, err))
				continue
			}
			if dec.More() {
				errs.Add(Pos{File: path, Line: lineNo, Col: int(dec.InputOffset()) + 1}, "", "", "more than one JSON value on the line (want one entry a line)")
				continue
			}
		}
		if l.AsOf != "" || l.Description != "" || l.Variants != nil {
			switch {
			case seenEntry:
				errs.Add(pos, "", "", "as_of, description and variants belong on the first line, before any entry")
			case l.Record.ID != "" || l.Record.Kind != "" || l.Record.Name != "":
				errs.Add(pos, l.Record.ID, "", "the header line (as_of, description, variants) is not an entry; put the entry on a line of its own")
			}
			if l.AsOf != "" {
				d, err := ParseDate(l.AsOf)
				if err != nil {
					errs.Add(pos, "", "as_of", "%v", err)
				}
				f.AsOf = d
			}
			for _, v := range l.Variants {
				if len(v) < 2 {
					errs.Add(pos, "", "variants", "want at least two spellings")
					continue
				}
				f.Variants = append(f.Variants, Variant{Spellings: v, Pos: pos})
			}
			continue
		}
		seenEntry = true
		if e := l.Record.entry(pos, &errs); e != nil {
			f.Entries = append(f.Entries, e)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			errs.Add(Pos{File: path, Line: lineNo + 1}, "", "", "line longer than %d bytes", MaxLineSize)
		} else {
			return nil, fmt.Errorf("lexicon %s: %w", path, err)
		}
	}
	for _, e := range f.Entries {
		e.AsOf = f.AsOf
	}
	if len(errs) > 0 {
		errs.Sort()
		return f, errs
	}
	return f, nil
}

// jsonError turns an encoding/json error on one line into an Error with
// the column where the decoder stopped.
func jsonError(pos Pos, line []byte, err error) *Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		pos.Col = colAt(line, syn.Offset)
		return &Error{Pos: pos, Msg: strings.TrimPrefix(syn.Error(), "json: ")}
	case errors.As(err, &typ):
		pos.Col = colAt(line, typ.Offset)
		if typ.Field == "" {
			return &Error{Pos: pos, Msg: fmt.Sprintf("want an entry object, got a JSON %s", typ.Value)}
		}
		field := strings.TrimPrefix(typ.Field, "Record.")
		return &Error{Pos: pos, Field: jsonFieldName(field), Msg: fmt.Sprintf("want %s, got a JSON %s", typ.Type, typ.Value)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		pos.Col = utf8.RuneCount(line) + 1
		return &Error{Pos: pos, Msg: "unexpected end of the line inside a JSON value"}
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		name = strings.Trim(name, `"`)
		return &Error{Pos: pos, Field: name, Msg: "unknown field" + suggest(name, append(slices.Clone(knownFields), "as_of", "description", "variants"))}
	}
	return &Error{Pos: pos, Msg: msg}
}

// jsonFieldName maps encoding/json's Go field path (Roles.From) back to
// the schema's names (roles.from).
func jsonFieldName(goPath string) string {
	var b strings.Builder
	for i, part := range strings.Split(goPath, ".") {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(snake(part))
	}
	return b.String()
}

func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if 'A' <= r && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// colAt returns the 1-based column, in runes, of byte offset off in line.
func colAt(line []byte, off int64) int {
	if off < 0 {
		return 0
	}
	if off > int64(len(line)) {
		off = int64(len(line))
	}
	return utf8.RuneCount(line[:off]) + 1
}

// CSVColumns are the columns of the CSV form of a lexicon, in the order
// Export writes them. A CSV file read as a lexicon has a header row naming
// any of them in any order; id is required.
//
// Lists (aliases, short, demonyms, ambiguous, part_of, member_of, members)
// are joined by `|`. codes is `key=value|key=value`. roles is one role per
// `|`-separated item, each `title;of;from;to;flags;note` where flags joins
// `state`, `government` (the heads values) and `acting` with `+`; trailing
// empty parts may be left out. multiple and extend are `true` or empty.
var CSVColumns = []string{
	"id", "kind", "name", "aliases", "short", "demonyms", "ambiguous",
	"capital", "country", "codes", "roles", "part_of", "member_of", "members",
	"type", "equivalent", "multiple", "match", "extend", "note",
}

// csvAsOf is the comment a CSV lexicon may begin with to state its as_of
// date: `# as_of: 2025-10-01`.
const csvAsOf = "# as_of:"

// csvVariant is the comment that gives one set of spelling variants in a
// CSV lexicon: `# variant: Mohammed|Muhammad|Mohamed`.
const csvVariant = "# variant:"

// ParseCSV reads a lexicon in CSV with a header row (see CSVColumns).
// Lines before the header that begin with `#` are comments; one of them
// may state the file's date as `# as_of: YYYY-MM-DD`, and others spelling
// variants as `# variant: Mohammed|Muhammad`. Errors name
// file:line:column.
func ParseCSV(path string, r io.Reader) (*File, error) {
	f := &File{Path: path}
	var errs ErrorList
	br := bufio.NewReaderSize(r, 64<<10)
	skipped := 0
	for {
		peek, err := br.Peek(1)
		if err != nil || peek[0] != '#' {
			break
		}
		line, err := br.ReadString('\n')
		skipped++
		if rest, ok := strings.CutPrefix(line, csvAsOf); ok {
			d, derr := ParseDate(strings.TrimSpace(rest))
			if derr != nil {
				errs.Add(Pos{File: path, Line: skipped}, "", "as_of", "%v", derr)
			}
			f.AsOf = d
		}
		if rest, ok := strings.CutPrefix(line, csvVariant); ok {
			p := Pos{File: path, Line: skipped}
			if v := splitList(strings.TrimSpace(rest)); len(v) < 2 {
				errs.Add(p, "", "variants", "want at least two spellings joined by |")
			} else {
				f.Variants = append(f.Variants, Variant{Spellings: v, Pos: p})
			}
		}
		if err != nil {
			break
		}
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	pos := func(field int) Pos {
		line, col := cr.FieldPos(field)
		return Pos{File: path, Line: line + skipped, Col: col}
	}
	header, err := cr.Read()
	if err == io.EOF {
		return f, errs.Err()
	}
	if err != nil {
		return nil, append(errs, csvError(path, skipped, err))
	}
	header = slices.Clone(header)
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		switch {
		case !slices.Contains(CSVColumns, h):
			errs.Add(pos(i), "", h, "unknown column%s", suggest(h, CSVColumns))
		case seen[h]:
			errs.Add(pos(i), "", h, "column given twice")
		}
		seen[h] = true
		cols[i] = h
	}
	if !seen["id"] {
		errs.Add(pos(0), "", "id", "the header has no id column")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, csvError(path, skipped, err))
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
				continue
			}
			break
		}
		var rec Record
		at := pos(0)
		for i, v := range row {
			if v == "" {
				continue
			}
			if err := setCSV(&rec, cols[i], v); err != nil {
				errs.Add(pos(i), rec.ID, cols[i], "%v", err)
			}
		}
		if e := rec.entry(at, &errs); e != nil {
			e.AsOf = f.AsOf
			f.Entries = append(f.Entries, e)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return f, errs
	}
	return f, nil
}

func csvError(path string, skipped int, err error) *Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{Pos: Pos{File: path, Line: pe.Line + skipped, Col: pe.Column}, Msg: pe.Err.Error()}
	}
	return &Error{Pos: Pos{File: path}, Msg: err.Error()}
}

// splitList splits a CSV list cell on `|`, dropping empty items.
func splitList(v string) []string {
	parts := strings.Split(v, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// setCSV sets the field of rec that column col names from the cell v.
func setCSV(rec *Record, col, v string) error {
	switch col {
	case "id":
		rec.ID = v
	case "kind":
		rec.Kind = v
	case "name":
		rec.Name = v
	case "aliases":
		rec.Aliases = splitList(v)
	case "short":
		rec.Short = splitList(v)
	case "demonyms":
		rec.Demonyms = splitList(v)
	case "ambiguous":
		rec.Ambiguous = splitList(v)
	case "capital":
		rec.Capital = v
	case "country":
		rec.Country = v
	case "part_of":
		rec.PartOf = splitList(v)
	case "member_of":
		rec.MemberOf = splitList(v)
	case "members":
		rec.Members = splitList(v)
	case "type":
		rec.Type = v
	case "equivalent":
		rec.Equivalent = v
	case "match":
		rec.Match = v
	case "note":
		rec.Note = v
	case "multiple", "extend":
		b, err := csvBool(v)
		if col == "multiple" {
			rec.Multiple = b
		} else {
			rec.Extend = b
		}
		return err
	case "codes":
		rec.Codes = make(map[string]string)
		for _, kv := range splitList(v) {
			k, val, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				return fmt.Errorf("%q: want key=value items joined by |, such as iso2=IR|iso3=IRN", kv)
			}
			if _, dup := rec.Codes[k]; dup {
				return fmt.Errorf("code %q given twice", k)
			}
			rec.Codes[k] = val
		}
	case "roles":
		for _, item := range splitList(v) {
			parts := strings.Split(item, ";")
			if len(parts) < 2 || len(parts) > 6 {
				return fmt.Errorf("role %q: want title;of;from;to;flags;note", item)
			}
			parts = append(parts, make([]string, 6-len(parts))...)
			ro := RoleRecord{Title: parts[0], Of: parts[1], From: parts[2], To: parts[3], Note: parts[5]}
			for _, fl := range splitFlags(parts[4]) {
				switch fl {
				case "state", "government":
					ro.Heads = append(ro.Heads, fl)
				case "acting":
					ro.Acting = true
				default:
					return fmt.Errorf("role %q: unknown flag %q (want state, government or acting, joined by +)", item, fl)
				}
			}
			rec.Roles = append(rec.Roles, ro)
		}
	}
	return nil
}

func splitFlags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "+")
}

func csvBool(v string) (bool, error) {
	switch v {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("%q: want true, false or nothing", v)
}

// csvCells returns the cells of r in the order of CSVColumns, or an error
// when a value holds a separator the CSV form cannot carry.
func csvCells(r *Record) ([]string, error) {
	list := func(field string, ss []string) (string, error) {
		for _, s := range ss {
			if strings.Contains(s, "|") {
				return "", fmt.Errorf("entry %s: %s: %q contains '|', which CSV lists use as separator; export as JSONL or YAML", r.ID, field, s)
			}
		}
		return strings.Join(ss, "|"), nil
	}
	var err error
	cell := func(field string, ss []string) string {
		s, e := list(field, ss)
		if err == nil {
			err = e
		}
		return s
	}
	var codes []string
	for _, k := range sortedKeys(r.Codes) {
		codes = append(codes, k+"="+r.Codes[k])
	}
	var roles []string
	for _, ro := range r.Roles {
		flags := slices.Clone(ro.Heads)
		if ro.Acting {
			flags = append(flags, "acting")
		}
		parts := []string{ro.Title, ro.Of, ro.From, ro.To, strings.Join(flags, "+"), ro.Note}
		for _, p := range parts {
			if strings.ContainsAny(p, ";|") && err == nil {
				err = fmt.Errorf("entry %s: roles: %q contains ';' or '|', which the CSV form of roles uses as separators; export as JSONL or YAML", r.ID, p)
			}
		}
		for len(parts) > 2 && parts[len(parts)-1] == "" {
			parts = parts[:len(parts)-1]
		}
		roles = append(roles, strings.Join(parts, ";"))
	}
	boolCell := func(b bool) string {
		if b {
			return "true"
		}
		return ""
	}
	cells := []string{
		r.ID, r.Kind, r.Name, cell("aliases", r.Aliases), cell("short", r.Short), cell("demonyms", r.Demonyms), cell("ambiguous", r.Ambiguous),
		r.Capital, r.Country, cell("codes", codes), strings.Join(roles, "|"), cell("part_of", r.PartOf), cell("member_of", r.MemberOf), cell("members", r.Members),
		r.Type, r.Equivalent, boolCell(r.Multiple), r.Match, boolCell(r.Extend), r.Note,
	}
	return cells, err
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
