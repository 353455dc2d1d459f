// Package corpus reads the inputs of a corpus run (files, directories,
// standard input, JSONL records) as a stream of items, and annotates them
// with several workers while keeping the output in input order.
//
// It is separate from the CLI so that other front ends (the Beam pipeline,
// a Go program) read inputs exactly as `newsann annotate` does.
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/lexicon"
)

// Item is one input: a text to annotate, or the error that kept it from
// being read.
type Item struct {
	Input annotate.Input
	// Where names the input in messages: a path, "path:line" for a JSONL
	// record, or "-" for standard input.
	Where string
	// Err is set when the input could not be read or decoded; Input.ID is
	// still set so that the output keeps a record for it.
	Err error
	// Warnings are problems that did not stop the input (invalid UTF-8
	// replaced, for one).
	Warnings []string

	// record is a JSONL record not yet decoded (Reader.Deferred), and
	// reader the Reader to decode it.
	record []byte
	reader *Reader
}

// Decoded returns the item, its JSONL record decoded when it was read
// with Reader.Deferred. Pipeline.Run calls it on its workers.
func (it Item) Decoded() Item {
	if it.reader == nil {
		return it
	}
	return it.reader.DecodeRecord(it.Where, it.record)
}

// Mode says how to read an input.
type Mode int

// Input modes.
const (
	Auto  Mode = iota // by extension: *.jsonl is JSONL, *.html and *.htm HTML, anything else text
	Text              // the whole input is one text
	JSONL             // one JSON record a line: {"id", "text", "date"?, …}
	HTML              // a saved web page, whose article text is annotated (ExtractHTML)
)

// ParseMode parses the --input flag: "auto", "text", "jsonl" or "html".
func ParseMode(s string) (Mode, error) {
	switch s {
	case "", "auto":
		return Auto, nil
	case "text", "txt":
		return Text, nil
	case "jsonl":
		return JSONL, nil
	case "html", "htm":
		return HTML, nil
	}
	return 0, fmt.Errorf("unknown input mode %q (want auto, text, jsonl or html)", s)
}

// modeOf returns the mode of a file by its extension, in Auto mode.
func modeOf(name string) Mode {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl":
		return JSONL
	case ".html", ".htm":
		return HTML
	}
	return Text
}

// Reader turns command-line paths into items.
type Reader struct {
	Mode Mode
	// Globs select the files of a directory by base name; default *.txt
	// and *.md.
	Globs []string
	// Date is the document date given on the command line; a record's own
	// date wins over it.
	Date lexicon.Date
	// DefaultDate is the date of documents that give none, neither by
	// Date, a record's date nor their text (annotate.Input.DefaultDate).
	DefaultDate lexicon.Date
	// Skip, when set, leaves out the files it reports true for: named
	// on the command line or found in a directory.
	Skip  func(path string) bool
	Stdin io.Reader
	// MaxRecord bounds one JSONL line or one text file in bytes (0:
	// DefaultMaxRecord).
	MaxRecord int
	// Open opens a file to read; nil means os.Open. Front ends that read
	// from elsewhere set it, and tests use it to make reads fail.
	Open func(name string) (io.ReadCloser, error)
	// Deferred, when set, has Items yield JSONL records undecoded, to be
	// decoded by Item.Decoded, which a Pipeline calls on its workers:
	// decoding is most of the cost of reading, and the goroutine that
	// reads is one for the whole run. Until then such an item has only
	// its Where, and the same as its Input.ID.
	Deferred bool
}

// DefaultMaxRecord bounds one text, JSONL line or web page: 64 MiB. The
// annotation of a text takes about a hundred times its size in memory
// (a 50 MB text on one line: 5.3 GB at its peak, docs/robustness.md), so
// a larger input is refused with an error rather than risk the whole run.
const DefaultMaxRecord = 64 << 20

// DefaultGlobs are the files a directory contributes by default.
var DefaultGlobs = []string{"*.txt", "*.md"}

func (r *Reader) maxRecord() int {
	if r.MaxRecord > 0 {
		return r.MaxRecord
	}
	return DefaultMaxRecord
}

func (r *Reader) open(name string) (io.ReadCloser, error) {
	if r.Open != nil {
		return r.Open(name)
	}
	return os.Open(name)
}

// Items returns the items of paths in order: each file, each matching
// file of each directory (recursively, in lexical order), each record of
// each JSONL input. "-" reads standard input. No paths means standard
// input.
func (r *Reader) Items(paths []string) iter.Seq[Item] {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	return func(yield func(Item) bool) {
		for _, p := range paths {
			if !r.path(p, yield) {
				return
			}
		}
	}
}

func (r *Reader) path(p string, yield func(Item) bool) bool {
	if p == "-" {
		return r.stream("-", r.Stdin, -1, r.Mode, yield)
	}
	st, err := os.Stat(p)
	if err != nil {
		return yield(Item{Input: annotate.Input{ID: p}, Where: p, Err: pathError(p, err)})
	}
	if !st.IsDir() {
		if r.Skip != nil && r.Skip(p) {
			return true
		}
		return r.file(p, st, yield)
	}
	globs := r.Globs
	if len(globs) == 0 {
		globs = DefaultGlobs
	}
	var files []string
	var walkErrs []Item
	filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			walkErrs = append(walkErrs, Item{Input: annotate.Input{ID: path}, Where: path, Err: pathError(path, err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != p && r.Skip != nil && r.Skip(path) {
				return fs.SkipDir
			}
			return nil
		}
		if matchAny(globs, d.Name()) && (r.Skip == nil || !r.Skip(path)) {
			files = append(files, path)
		}
		return nil
	})
	for _, it := range walkErrs {
		if !yield(it) {
			return false
		}
	}
	slices.Sort(files)
	for _, f := range files {
		st, err := os.Stat(f) // follows a symlink; a dangling one fails here
		if err != nil {
			if !yield(Item{Input: annotate.Input{ID: f}, Where: f, Err: pathError(f, err)}) {
				return false
			}
			continue
		}
		if st.IsDir() {
			continue // a symlink to a directory: not followed, so no loops
		}
		if !st.Mode().IsRegular() {
			// A named pipe would block the walk until something writes
			// to it; a device may never end. Named on the command line,
			// they are read.
			err := fmt.Errorf("%s: not a regular file (%s); name it on the command line to read it", f, fileType(st.Mode()))
			if !yield(Item{Input: annotate.Input{ID: f}, Where: f, Err: err}) {
				return false
			}
			continue
		}
		if !r.file(f, st, yield) {
			return false
		}
	}
	return true
}

func matchAny(globs []string, name string) bool {
	for _, g := range globs {
		if ok, _ := filepath.Match(g, name); ok {
			return true
		}
	}
	return false
}

func pathError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", p, err)
}

// fileType names the type of a file that is not a regular one.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.Type().String()
}

func (r *Reader) file(p string, st fs.FileInfo, yield func(Item) bool) bool {
	mode := r.Mode
	if mode == Auto {
		mode = modeOf(p)
	}
	f, err := r.open(p)
	if err != nil {
		return yield(Item{Input: annotate.Input{ID: p}, Where: p, Err: pathError(p, err)})
	}
	defer f.Close()
	if st.Mode().IsRegular() && st.Size() > int64(r.maxRecord()) && mode != JSONL {
		return yield(Item{Input: annotate.Input{ID: p}, Where: p, Err: fmt.Errorf("%s: %d bytes, over the limit of %d for one text", p, st.Size(), r.maxRecord())})
	}
	size := int64(-1)
	if st.Mode().IsRegular() {
		size = st.Size()
	}
	return r.stream(p, f, size, mode, yield)
}

// stream reads one input stream: a whole text, or JSONL records.
// size is the input's size when it is known (a regular file), else -1:
// a small file then gets a small buffer, as 100,000 files of 64 KB
// buffers each cost 6.5 GB of allocation.
func (r *Reader) stream(name string, rd io.Reader, size int64, mode Mode, yield func(Item) bool) bool {
	if rd == nil {
		rd = strings.NewReader("")
	}
	bufSize := sniffSize
	if size >= 0 && size < sniffSize {
		bufSize = max(int(size)+1, 512)
	}
	br := bufio.NewReaderSize(rd, bufSize)
	head, err := sniff(br)
	fail := func(err error) bool {
		return yield(Item{Input: annotate.Input{ID: name}, Where: name, Err: fmt.Errorf("%s: %w", name, err)})
	}
	if err != nil {
		return fail(err)
	}
	if mode == Auto && name == "-" {
		// Standard input: JSONL when it starts with a JSON object.
		if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
			mode = JSONL
		}
	}
	if mode == JSONL {
		return r.records(name, br, yield)
	}
	b, err := readAll(br, r.maxRecord(), size)
	if err != nil {
		return fail(err)
	}
	it := Item{Input: annotate.Input{ID: name, Date: r.Date, DefaultDate: r.DefaultDate}, Where: name}
	if !r.Date.IsZero() {
		it.Input.DateSource = "flag"
	}
	text, warn, err := cleanText(b)
	if err != nil {
		it.Err = fmt.Errorf("%s: %w", name, err)
		return yield(it)
	}
	if mode == HTML {
		// The page is checked as text first (binary, invalid UTF-8
		// outside a declared character set); its article text is then
		// what is annotated, and what offsets refer to.
		var note string
		text, note = ExtractHTML(b)
		warn = ""
		if t, w, err := cleanText([]byte(text)); err == nil {
			text, warn = t, w
		}
		if note != "" {
			it.Warnings = append(it.Warnings, fmt.Sprintf("%s: %s", name, note))
		}
	}
	if warn != "" {
		it.Warnings = append(it.Warnings, fmt.Sprintf("%s:%s", name, warn))
	}
	it.Input.Text = text
	return yield(it)
}

// sniff looks at the first bytes of an input: those the first read brings
// (up to the buffer's size), never waiting for more, so that a stream fed
// a line at a time (tail -f) is annotated as it comes. A byte-order mark
// says UTF-8 and nothing else; it is dropped, so that offsets count from
// the first character and a JSONL file's first record parses. A NUL byte
// there is a binary file (an image, an archive, a word processor's file),
// refused before it is read whole, so that /dev/zero or a disk image fails
// at once: JSON and text have none. A read error here comes again from the
// reads after, at its place (a JSONL file's records before it still count).
func sniff(br *bufio.Reader) (head []byte, err error) {
	br.Peek(1)
	head, _ = br.Peek(br.Buffered())
	if bytes.HasPrefix(head, []byte("\ufeff")) {
		br.Discard(3)
		head = head[3:]
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return head, binaryError(i)
	}
	return head, nil
}

// sniffSize is the most of an input looked at before it is read whole:
// for a byte-order mark, binary data, and whether standard input is JSONL.
const sniffSize = 64 << 10

func readAll(r io.Reader, limit int, size int64) ([]byte, error) {
	var buf bytes.Buffer
	if size >= 0 && size <= int64(limit) {
		buf.Grow(int(size) + 1) // +1: the read that finds the end
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, int64(limit)+1)); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if len(b) > limit {
		return nil, fmt.Errorf("over the limit of %d bytes for one text", limit)
	}
	return b, nil
}

// cleanText checks that b is text: a NUL byte marks a binary file, which
// is refused; invalid UTF-8 is replaced by U+FFFD and reported, the
// report starting with the line of the first bad byte ("3: invalid
// UTF-8: …").
func cleanText(b []byte) (string, string, error) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", "", binaryError(i)
	}
	if utf8.Valid(b) {
		return string(b), "", nil
	}
	text, bad, first := replaceInvalid(b)
	line := 1 + bytes.Count(b[:first], []byte("\n"))
	return text, fmt.Sprintf("%d: %s", line, replacedNote(bad)), nil
}

// replaceInvalid replaces each maximal invalid subsequence of b (the
// longest start of a well-formed sequence, or one byte) with U+FFFD, as
// Unicode recommends and Python's errors="replace" and browsers do, so
// that code-point offsets agree with a text decoded that way. It returns
// the text, the number of bad bytes and the offset of the first.
func replaceInvalid(b []byte) (string, int, int) {
	var out strings.Builder
	out.Grow(len(b) + 16)
	bad, first := 0, -1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n != 1 {
			out.Write(b[i : i+n])
			i += n
			continue
		}
		if first < 0 {
			first = i
		}
		n = invalidSubpart(b[i:])
		bad += n
		out.WriteRune(utf8.RuneError)
		i += n
	}
	return out.String(), bad, first
}

// invalidSubpart returns the length of the maximal subpart at the start
// of b, which does not start a valid sequence: its lead byte and the
// continuation bytes that could still have followed it (Unicode table
// 3-7), at least 1.
func invalidSubpart(b []byte) int {
	var need int
	lo, hi := byte(0x80), byte(0xbf) // the range of the second byte
	switch c := b[0]; {
	case c >= 0xc2 && c <= 0xdf:
		need = 1
	case c == 0xe0:
		need, lo = 2, 0xa0
	case c >= 0xe1 && c <= 0xec, c == 0xee, c == 0xef:
		need = 2
	case c == 0xed:
		need, hi = 2, 0x9f
	case c == 0xf0:
		need, lo = 3, 0x90
	case c >= 0xf1 && c <= 0xf3:
		need = 3
	case c == 0xf4:
		need, hi = 3, 0x8f
	default:
		return 1 // not a lead byte
	}
	n := 1
	for n <= need && n < len(b) {
		c := b[n]
		if n == 1 && (c < lo || c > hi) || n > 1 && (c < 0x80 || c > 0xbf) {
			break
		}
		n++
	}
	return n
}

// binaryError refuses an input with a NUL byte at offset i.
func binaryError(i int) error {
	return fmt.Errorf("binary data (NUL byte at offset %d); not a text file", i)
}

// replacedNote is the warning for an input whose bad bytes replaceInvalid
// replaced, text file or JSONL record alike.
func replacedNote(bad int) string {
	n := "1 bad byte"
	if bad != 1 {
		n = fmt.Sprintf("%d bad bytes", bad)
	}
	return fmt.Sprintf("invalid UTF-8: %s replaced by U+FFFD; offsets refer to the replaced text", n)
}

func (r *Reader) records(name string, br *bufio.Reader, yield func(Item) bool) bool {
	for l := range r.lines(name, br) {
		it := Item{Input: annotate.Input{ID: l.Where}, Where: l.Where, Err: l.Err}
		switch {
		case l.Err != nil:
		case r.Deferred:
			it.record, it.reader = l.Text, r
		default:
			it = r.DecodeRecord(l.Where, l.Text)
		}
		if !yield(it) {
			return false
		}
	}
	return true
}

// Line is one line of a JSONL stream, without its line end, or the error
// that kept it from being read.
type Line struct {
	// Where is "name:line", as in the messages of Items.
	Where string
	// Text is the line's own copy, which the caller may keep.
	Text []byte
	Err  error
}

// Lines returns the records of a JSONL stream as raw lines, read exactly as
// Items reads them: a byte-order mark at the start is dropped, a stream
// with a NUL byte in its first read is refused with one error, blank lines
// are skipped (but counted), a line over MaxRecord is reported with
// ErrLineTooLong and skipped, and any other read error is reported and
// ends the stream. A front end that decodes records
// elsewhere (the Beam pipeline decodes them on another worker) pairs it
// with DecodeRecord.
func (r *Reader) Lines(name string, rd io.Reader) iter.Seq[Line] {
	return func(yield func(Line) bool) {
		// The start of the stream as Items sees it: a byte-order mark
		// dropped, a binary file refused whole.
		br := bufio.NewReaderSize(rd, sniffSize)
		if _, err := sniff(br); err != nil {
			yield(Line{Where: name, Err: fmt.Errorf("%s: %w", name, err)})
			return
		}
		r.lines(name, br)(yield)
	}
}

func (r *Reader) lines(name string, br *bufio.Reader) iter.Seq[Line] {
	return func(yield func(Line) bool) {
		line := 0
		for {
			b, err := readLine(br, r.maxRecord())
			if len(b) == 0 && err == io.EOF {
				return
			}
			line++
			where := name + ":" + strconv.Itoa(line)
			if err != nil && err != io.EOF {
				if !yield(Line{Where: where, Err: fmt.Errorf("%s: %w", where, err)}) || !errors.Is(err, ErrLineTooLong) {
					return
				}
				continue
			}
			if len(bytes.TrimSpace(b)) > 0 { // blank lines are allowed between records
				if !yield(Line{Where: where, Text: b}) {
					return
				}
			}
			if err == io.EOF {
				return
			}
		}
	}
}

// ErrLineTooLong is the error of a JSONL line over the Reader's MaxRecord;
// the line is skipped and reading goes on.
var ErrLineTooLong = errors.New("line too long")

// readLine returns the next line without its line end; a line over limit
// (its line end included) is consumed and reported.
func readLine(br *bufio.Reader, limit int) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > limit {
			// Skip to the end of the line; a last line without a line
			// end is reported too, and the next read meets the end.
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			return nil, fmt.Errorf("%w: over %d bytes", ErrLineTooLong, limit)
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		return buf, err
	}
}

// DecodeRecord decodes one JSONL record, the line read at where
// ("name:line"), as Items does: the record's id (or where, when it has
// none), its text and date (the Reader's Date when it has none), and its
// other fields to carry through. A record that cannot be used comes back
// as an Item whose Err names where and what is wrong.
func (r *Reader) DecodeRecord(where string, b []byte) Item {
	if utf8.Valid(b) {
		return r.decodeRecord(where, b)
	}
	// encoding/json would replace each bad byte alone, and silently; this
	// replaces as text files are, and says so.
	text, bad, _ := replaceInvalid(b)
	it := r.decodeRecord(where, []byte(text))
	it.Warnings = append(it.Warnings, fmt.Sprintf("%s: %s", where, replacedNote(bad)))
	return it
}

func (r *Reader) decodeRecord(where string, b []byte) Item {
	it := Item{Where: where, Input: annotate.Input{ID: where}}
	all, ok := recordFields(b, carried)
	if !ok {
		if err := json.Unmarshal(b, &all); err != nil {
			it.Err = fmt.Errorf("%s: not a JSON object: %v", where, jsonErrorText(err))
			return it
		}
	}
	if raw, ok := all["id"]; ok && string(raw) != "null" {
		if id, isString := stringValue(raw); isString {
			it.Input.ID = id
		} else {
			it.Input.ID = string(raw) // a numeric id is kept as written
		}
	}
	raw, ok := all["text"]
	if !ok {
		it.Err = fmt.Errorf("%s: record has no \"text\" field", where)
		return it
	}
	text, isString := stringValue(raw)
	if !isString {
		it.Err = fmt.Errorf("%s: field \"text\" is %s, not a string", where, jsonKind(raw))
		return it
	}
	if strings.IndexByte(text, 0) >= 0 {
		it.Err = fmt.Errorf("%s: text contains a NUL character", where)
		return it
	}
	it.Input.Text = text
	it.Input.Date, it.Input.DateSource, it.Input.DefaultDate = r.Date, "", r.DefaultDate
	if !r.Date.IsZero() {
		it.Input.DateSource = "flag"
	}
	if raw, ok := all["date"]; ok && string(raw) != "null" {
		date, isString := stringValue(raw)
		if !isString {
			it.Err = fmt.Errorf("%s: field \"date\" is %s, not a string", where, jsonKind(raw))
			return it
		}
		if date != "" {
			d, err := parseRecordDate(date)
			if err != nil {
				it.Err = fmt.Errorf("%s: field \"date\": %v", where, err)
				return it
			}
			it.Input.Date, it.Input.DateSource = d, "record"
		}
	}
	return r.extra(it, all)
}

// carried reports whether a record's field is carried through to the
// output: those newsann does not read.
func carried(k string) bool {
	return k != "id" && k != "text" && k != "date" && !annotate.IsDocumentField(k)
}

// extra keeps the record's fields newsann does not read, to be carried
// through to the output.
func (r *Reader) extra(it Item, all map[string]json.RawMessage) Item {
	extra := map[string]json.RawMessage{}
	for k, v := range all {
		if carried(k) {
			extra[k] = v
		}
	}
	if len(extra) > 0 {
		it.Input.Extra = extra
	}
	return it
}

// stringValue decodes a JSON string; anything else (a number, null, an
// object) is not one. Decoding a record into a struct of *string would not
// do: encoding/json sets the pointer before it finds a number's type wrong,
// so {"id": 7} would read as an empty id.
func stringValue(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	if s, ok := unquote(raw); ok {
		return s, true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// unquote decodes a JSON string that recordFields has already checked,
// without checking it again: the text of every record passes here, and
// encoding/json's own decoding scans it twice more. raw must be valid
// UTF-8, as every line is by the time it is decoded (DecodeRecord
// replaces the bad bytes of a line first), so the text is not validated
// a second time. It gives up (false) on what it does not handle the way
// encoding/json does — a lone surrogate — and the caller falls back to
// encoding/json.
func unquote(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return string(body), true
	}
	var b strings.Builder
	b.Grow(len(body))
	for len(body) > 0 {
		esc := bytes.IndexByte(body, '\\')
		if esc < 0 {
			b.Write(body)
			break
		}
		if esc+1 >= len(body) {
			return "", false
		}
		b.Write(body[:esc])
		c := body[esc+1]
		body = body[esc+2:]
		switch c {
		case '"', '\\', '/':
			b.WriteByte(c)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(body)
			if !ok {
				return "", false
			}
			body = body[4:]
			if utf16.IsSurrogate(r) {
				if len(body) < 6 || body[0] != '\\' || body[1] != 'u' {
					return "", false
				}
				r2, ok := hex4(body[2:])
				if !ok {
					return "", false
				}
				r = utf16.DecodeRune(r, r2)
				if r == utf8.RuneError {
					return "", false
				}
				body = body[6:]
			}
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// hex4 reads the four hex digits of a \u escape.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// parseRecordDate accepts a date, or a timestamp whose date part is used
// ("2025-11-14T09:30:00Z").
func parseRecordDate(s string) (lexicon.Date, error) {
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	return lexicon.ParseDate(s)
}

func jsonKind(raw json.RawMessage) string {
	switch t := bytes.TrimSpace(raw); {
	case len(t) == 0:
		return "empty"
	case t[0] == '{':
		return "an object"
	case t[0] == '[':
		return "an array"
	case t[0] == '"':
		return "a string"
	case string(t) == "null":
		return "null"
	case string(t) == "true" || string(t) == "false":
		return "a boolean"
	}
	return "a number"
}

func jsonErrorText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at column %d)", se, se.Offset)
	}
	return err.Error()
}
