package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/encode"
	"github.com/newsann/newsann/lexicon"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type seen struct{ ID, Err string }

func collect(r *Reader, paths ...string) []seen {
	var out []seen
	for it := range r.Items(paths) {
		s := seen{ID: it.Input.ID}
		if it.Err != nil {
			s.Err = it.Err.Error()
		}
		out = append(out, s)
	}
	return out
}

func TestReaderDirectoryAndErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"b.txt": "Iran", "a.md": "Turkey", "sub/c.txt": "Chad", "skip.csv": "x",
		"recs.jsonl": "{\"id\":\"r1\",\"text\":\"Iran\"}\nnot json\n",
	})
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	r := &Reader{}
	got := collect(r, dir)
	want := []seen{
		{ID: filepath.Join(dir, "a.md")},
		{ID: filepath.Join(dir, "b.txt")},
		{ID: filepath.Join(dir, "dangling.txt"), Err: filepath.Join(dir, "dangling.txt") + ": no such file or directory"},
		{ID: filepath.Join(dir, "sub/c.txt")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("directory items (-want +got):\n%s", diff)
	}
	got = collect(r, filepath.Join(dir, "recs.jsonl"))
	if len(got) != 2 || got[0].ID != "r1" || !strings.Contains(got[1].Err, "recs.jsonl:2: not a JSON object") {
		t.Errorf("jsonl items = %+v", got)
	}
}

func TestReaderText(t *testing.T) {
	r := &Reader{Stdin: strings.NewReader("\ufeffIran \xff\xfe here"), Date: lexicon.MustDate("2025-11-14")}
	var items []Item
	for it := range r.Items(nil) {
		items = append(items, it)
	}
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	it := items[0]
	if it.Input.Text != "Iran \ufffd\ufffd here" || it.Input.ID != "-" || it.Input.DateSource != "flag" {
		t.Errorf("item = %+v", it.Input)
	}
	if len(it.Warnings) != 1 || it.Warnings[0] != "-:1: invalid UTF-8: 2 bad bytes replaced by U+FFFD; offsets refer to the replaced text" {
		t.Errorf("warnings = %q", it.Warnings)
	}
}

func TestReaderLongLine(t *testing.T) {
	in := `{"id":"a","text":"` + strings.Repeat("x", 100) + "\"}\n" + `{"id":"b","text":"Iran"}` + "\n"
	r := &Reader{Stdin: strings.NewReader(in), Mode: JSONL, MaxRecord: 50}
	got := collect(r)
	if len(got) != 2 || !strings.Contains(got[0].Err, "line too long") || got[1].ID != "b" || got[1].Err != "" {
		t.Errorf("items = %+v", got)
	}
}

func miniAnnotator(t testing.TB) *annotate.Annotator {
	files, err := lexicon.ReadPaths(filepath.Join("..", "..", "testdata", "lexicon", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Build(files, lexicon.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := annotate.New(lex, annotate.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// corpusItems makes n inputs, every seventh one broken.
func corpusItems(n int) func(func(Item) bool) {
	words := []string{"Iran", "Turkey", "Chad", "Georgia", "Abbas Araghchi met Hakan Fidan.", "the U.S. and NATO"}
	return func(yield func(Item) bool) {
		for i := range n {
			it := Item{Input: annotate.Input{ID: fmt.Sprint(i), Text: strings.Repeat(words[i%len(words)]+". ", i%13)}}
			if i%7 == 3 {
				it.Err = errors.New("broken input")
			}
			if !yield(it) {
				return
			}
		}
	}
}

func runJSONL(t *testing.T, a *annotate.Annotator, workers int) []byte {
	t.Helper()
	var b bytes.Buffer
	enc, _ := encode.New("jsonl", &b, encode.Options{})
	err := Run(context.Background(), a, corpusItems(500), workers, func(r Result) error {
		if r.Err != nil {
			return enc.EncodeError(r.Item.Input.ID, r.Err)
		}
		return enc.Encode(r.Doc)
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRunDeterministic: the output is byte-identical for any number of
// workers and from one run to the next, in input order.
func TestRunDeterministic(t *testing.T) {
	a := miniAnnotator(t)
	one := runJSONL(t, a, 1)
	if lines := bytes.Count(one, []byte("\n")); lines != 500 {
		t.Fatalf("%d lines, want 500", lines)
	}
	for _, w := range []int{4, 4, 16} {
		if got := runJSONL(t, a, w); !bytes.Equal(one, got) {
			t.Fatalf("output with %d workers differs from one worker", w)
		}
	}
	if !bytes.HasPrefix(one, []byte(`{"id":"0",`)) || !bytes.Contains(one, []byte(`{"id":"3","error":"broken input"}`)) {
		t.Errorf("unexpected output start or error record:\n%.300s", one)
	}
}

// overlap notes whether two calls of a function ran at once: each call
// does `defer o.enter()()`.
type overlap struct {
	mu         sync.Mutex
	running    int
	overlapped bool
}

func (o *overlap) enter() (exit func()) {
	o.mu.Lock()
	o.running++
	o.overlapped = o.overlapped || o.running > 1
	o.mu.Unlock()
	return func() { o.mu.Lock(); o.running--; o.mu.Unlock() }
}

func (o *overlap) seen() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.overlapped
}

// TestRunFuncOnWorkers: RunFunc gives each input to process on the
// workers and emits its results in input order, process's errors as the
// items' own; an item that could not be read never reaches process.
// process here notes whether two of its calls ran at once, so that a
// RunFunc calling it serially (from emit's goroutine, say) is caught.
func TestRunFuncOnWorkers(t *testing.T) {
	a := miniAnnotator(t)
	var calls overlap
	process := func(ctx context.Context, in annotate.Input) (*annotate.Document, error) {
		defer calls.enter()()
		if strings.HasSuffix(in.ID, "5") {
			return nil, fmt.Errorf("item %s refused", in.ID)
		}
		d, err := a.Annotate(ctx, in)
		if err != nil {
			return nil, err
		}
		d.Findings = []annotate.Finding{{Check: "id-" + in.ID}}
		return d, nil
	}
	for range 20 { // overlap is likely in one run, near certain in twenty
		next := 0
		err := RunFunc(context.Background(), process, corpusItems(200), 2, func(r Result) error {
			id, readErr := inOrder(t, r, &next)
			switch {
			case readErr:
			case strings.HasSuffix(id, "5"):
				if r.Err == nil || r.Err.Error() != "item "+id+" refused" {
					t.Errorf("item %s: err %v, want process's", id, r.Err)
				}
			case r.Err != nil || len(r.Doc.Findings) != 1 || r.Doc.Findings[0].Check != "id-"+id:
				t.Errorf("item %s: %v, %v: not process's document", id, r.Doc, r.Err)
			}
			return nil
		})
		if err != nil || next != 200 {
			t.Fatalf("err %v after %d results, want 200", err, next)
		}
		if calls.seen() {
			return
		}
	}
	t.Error("no two calls of process overlapped with two workers in twenty runs")
}

// inOrder checks that r is the result of item *next of corpusItems (their
// IDs count from 0), emitted in input order, and that an item that could
// not be read comes with its read error alone (no document, no record).
// It returns the item's ID, advances *next, and reports whether the item
// had a read error, for the caller to check the rest.
func inOrder(t *testing.T, r Result, next *int) (id string, readErr bool) {
	t.Helper()
	id = fmt.Sprint(*next)
	*next++
	if r.Item.Input.ID != id {
		t.Fatalf("result %s emitted in place of %s", r.Item.Input.ID, id)
	}
	if r.Item.Err == nil {
		return id, false
	}
	if r.Err != r.Item.Err || r.Doc != nil || r.Record != nil {
		t.Errorf("item %s: err %v, doc %v, record %q: want the read error alone", id, r.Err, r.Doc, r.Record)
	}
	return id, true
}

// TestPipelineRecords: a Pipeline with a Record function has each
// document's record made on the workers, concurrently, and emitted with
// its result in input order, the same bytes as the document encoded in
// emit; a record that fails comes as the item's error, naming it; and
// the records' memory is reused from one to the next once emitted.
func TestPipelineRecords(t *testing.T) {
	a := miniAnnotator(t)
	var calls overlap
	record := func(b []byte, d *annotate.Document) ([]byte, error) {
		defer calls.enter()()
		if strings.HasSuffix(d.ID, "6") {
			return b, errors.New("cannot encode")
		}
		return d.AppendJSON(b)
	}
	p := Pipeline{Process: a.Annotate, Record: record, Workers: 3}
	for range 20 {
		next, reused := 0, false
		seen := map[*byte]bool{}
		err := p.Run(context.Background(), corpusItems(300), func(r Result) error {
			id, readErr := inOrder(t, r, &next)
			switch {
			case readErr:
			case strings.HasSuffix(id, "6"):
				if r.Err == nil || r.Err.Error() != id+": writing its record: cannot encode" || r.Doc != nil || r.Record != nil {
					t.Errorf("item %s: err %v, doc %v, record %q: want the record's error alone", id, r.Err, r.Doc, r.Record)
				}
			default:
				want, _ := r.Doc.AppendJSON(nil)
				if r.Err != nil || !bytes.Equal(r.Record, want) {
					t.Fatalf("item %s: err %v, record\n%s\nwant\n%s", id, r.Err, r.Record, want)
				}
				reused = reused || seen[&r.Record[0]]
				seen[&r.Record[0]] = true
			}
			return nil
		})
		if err != nil || next != 300 {
			t.Fatalf("err %v after %d results, want 300", err, next)
		}
		if !reused {
			t.Error("no record's memory was reused")
		}
		if calls.seen() {
			return
		}
	}
	t.Error("no two calls of Record overlapped with three workers in twenty runs")
}

// TestRunStopsWithoutLeaks: an emit error or a cancelled context stops the
// run promptly and leaves no goroutine behind.
func TestRunStopsWithoutLeaks(t *testing.T) {
	a := miniAnnotator(t)
	before := runtime.NumGoroutine()
	stop := errors.New("reader went away")
	n := 0
	err := Run(context.Background(), a, corpusItems(100000), 4, func(r Result) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("err = %v after %d results, want the emit error after 10", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Run(ctx, a, corpusItems(100000), 4, func(r Result) error {
		n++
		if n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n > 6 {
		t.Errorf("err = %v after %d results, want context.Canceled promptly", err, n)
	}
	waitGoroutines(t, before, "after the runs")
}

// TestRunCancelledIsNeverDone: a run whose context is cancelled ends with
// context.Canceled, never nil, whichever of its goroutines sees the
// cancellation first. Here the input, like a terminal's standard input,
// ends when the run is cancelled, so the producer closes an empty queue;
// the consumer's select could pick the closed queue over ctx.Done, which
// read as "the input is over" (exit 0 after Ctrl-C).
func TestRunCancelledIsNeverDone(t *testing.T) {
	a := miniAnnotator(t)
	for i := range 200 {
		ctx, cancel := context.WithCancel(context.Background())
		items := func(yield func(Item) bool) {
			for it := range corpusItems(3) {
				if !yield(it) {
					return
				}
			}
			<-ctx.Done() // no more input until the run is cancelled
		}
		n := 0
		err := Run(ctx, a, items, 2, func(r Result) error {
			if n++; n == 3 {
				cancel()
				// Let the producer see it and close the queue before
				// the consumer's next select: both are then ready.
				time.Sleep(time.Millisecond)
			}
			return nil
		})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("run %d: err = %v after a cancellation, want context.Canceled", i, err)
		}
	}
}

// waitGoroutines fails the test if more than before goroutines are still
// running 10 s from now; a passing run returns as soon as they have
// ended (2 s was tight for a loaded CI machine).
func waitGoroutines(t *testing.T, before int, when string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines %s, %d before: a leak", g, when, before)
	}
}

// TestLinesDecodeRecordMatchItems: a front end that reads raw lines with
// Lines and decodes them elsewhere with DecodeRecord gets exactly the items
// Items gives, errors and all.
func TestLinesDecodeRecordMatchItems(t *testing.T) {
	in := "{\"id\":\"a\",\"text\":\"Iran\",\"date\":\"2025-11-14\",\"feed\":\"wire\"}\r\n" +
		"\n   \n" +
		"not json\n" +
		"{\"text\":\"Chad\"}\n" +
		"{\"id\":7,\"text\":\"Turkey\"}\n" +
		"{\"id\":\"long\",\"text\":\"" + strings.Repeat("x", 80) + "\"}\n" +
		"{\"id\":\"d\",\"text\":\"Iran\",\"date\":\"14 Nov\"}\n" +
		"{\"id\":\"n\",\"text\":5}\n" +
		"{\"id\":\"last\",\"text\":\"" + strings.Repeat("y", 80) + "\"}"
	r := &Reader{Mode: JSONL, MaxRecord: 64, Date: lexicon.MustDate("2024-01-02")}
	r.Stdin = strings.NewReader(in)
	var want []Item
	for it := range r.Items(nil) {
		want = append(want, it)
	}
	var got []Item
	for l := range r.Lines("-", strings.NewReader(in)) {
		if l.Err != nil {
			got = append(got, Item{Input: annotate.Input{ID: l.Where}, Where: l.Where, Err: l.Err})
			continue
		}
		got = append(got, r.DecodeRecord(l.Where, l.Text))
	}
	if len(want) != 8 {
		t.Fatalf("Items gave %d items, want 8 (blank lines skipped, the long last line reported)", len(want))
	}
	errText := cmp.Transformer("error", func(err error) string {
		if err == nil {
			return ""
		}
		return err.Error()
	})
	if diff := cmp.Diff(want, got, errText, cmp.AllowUnexported(lexicon.Date{}, Item{})); diff != "" {
		t.Errorf("Lines+DecodeRecord differ from Items (-Items +Lines):\n%s", diff)
	}
	if !errors.Is(got[4].Err, ErrLineTooLong) || got[4].Where != "-:7" || !errors.Is(got[7].Err, ErrLineTooLong) || got[7].Where != "-:10" {
		t.Errorf("long lines not reported as ErrLineTooLong at -:7 and -:10: %+v, %+v", got[4], got[7])
	}
}

// FuzzLines checks Lines against a plain reference: split at "\n", a line
// (its "\n" included) over MaxRecord is ErrLineTooLong, blank lines are
// skipped, line numbers count every line, and each line's Text stays valid
// after the next is read.
func FuzzLines(f *testing.F) {
	f.Add("{\"id\":\"a\"}\n\n{\"text\":\"b\"}\r\n", 16)
	f.Add("short\n"+strings.Repeat("z", 40)+"\nx", 8)
	f.Add(strings.Repeat("q", 70000)+"\nend", 100000)
	f.Add("\ufeff{\"text\":\"a\"}\n", 64)           // a byte-order mark: dropped
	f.Add("GIF89a\x00\x01\n{\"text\":\"b\"}\n", 64) // binary: refused whole
	f.Fuzz(func(t *testing.T, in string, limit int) {
		if limit < 1 || limit > 1<<20 {
			return
		}
		type line struct {
			Where, Text     string
			TooLong, Binary bool
		}
		var want []line
		// As Items reads a stream: a byte-order mark dropped, and a NUL in
		// the first read (the whole of a strings.Reader, up to sniffSize)
		// refuses it whole.
		body := strings.TrimPrefix(in, "\ufeff")
		if strings.IndexByte(in[len(in)-len(body):min(len(in), sniffSize)], 0) >= 0 {
			want = append(want, line{Where: "in", Binary: true})
			body = ""
		}
		pieces := strings.Split(body, "\n")
		for i, p := range pieces {
			last := i == len(pieces)-1
			if last && p == "" {
				break
			}
			size := len(p)
			if !last {
				size++
			}
			where := fmt.Sprintf("in:%d", i+1)
			switch text := strings.TrimRight(p, "\r\n"); {
			case size > limit:
				want = append(want, line{Where: where, TooLong: true})
			case strings.TrimSpace(text) != "":
				want = append(want, line{Where: where, Text: text})
			}
		}
		var kept []Line // Text is kept past the next line: it must be the line's own copy
		for l := range (&Reader{MaxRecord: limit}).Lines("in", strings.NewReader(in)) {
			if l.Err != nil && !errors.Is(l.Err, ErrLineTooLong) && !strings.Contains(l.Err.Error(), "binary data") {
				t.Fatalf("%s: unexpected error %v", l.Where, l.Err)
			}
			kept = append(kept, l)
		}
		var got []line
		for _, l := range kept {
			binary := l.Err != nil && !errors.Is(l.Err, ErrLineTooLong)
			got = append(got, line{Where: l.Where, Text: string(l.Text), TooLong: l.Err != nil && !binary, Binary: binary})
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Lines (-reference +got):\n%s", diff)
		}
	})
}

// FuzzDecodeRecord: any line decodes to an item or a clear error naming
// where it was read, never a panic; an accepted record is a JSON object
// whose text has no NUL.
func FuzzDecodeRecord(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"Iran","date":"2025-11-14T09:00:00Z","x":[1]}`))
	f.Add([]byte(`{"id":3,"text":"x","date":"yesterday"}`))
	f.Add([]byte(`{"text":null}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		it := (&Reader{}).DecodeRecord("f.jsonl:9", b)
		if it.Input.ID == "" && it.Err == nil {
			var rec map[string]json.RawMessage
			if json.Unmarshal(b, &rec) != nil || string(rec["id"]) != `""` {
				t.Errorf("empty id for %q", b)
			}
		}
		if it.Err != nil {
			if !strings.HasPrefix(it.Err.Error(), "f.jsonl:9: ") {
				t.Errorf("error %q does not name where the record was read", it.Err)
			}
			return
		}
		if !json.Valid(b) || strings.IndexByte(it.Input.Text, 0) >= 0 {
			t.Errorf("accepted %q", b)
		}
	})
}

// TestDecodeRecordFieldTypes: each field is read only when it has the
// right JSON type; a wrong type is an error naming the field, never a
// silently empty value.
func TestDecodeRecordFieldTypes(t *testing.T) {
	tests := []struct {
		line, id, text, date, err string
	}{
		{line: `{"id":7,"text":"Iran"}`, id: "7", text: "Iran"},
		{line: `{"id": -1.5e3 ,"text":"Iran"}`, id: "-1.5e3", text: "Iran"},
		{line: `{"id":null,"text":"Iran"}`, id: "f:1", text: "Iran"},
		{line: `{"id":"a","text":"Iran","date":null}`, id: "a", text: "Iran"},
		{line: `{"id":"a","text":"Iran","date":"2025-11-14T09:30:00Z"}`, id: "a", text: "Iran", date: "2025-11-14"},
		{line: `{"id":"a","text":5}`, id: "a", err: `f:1: field "text" is a number, not a string`},
		{line: `{"id":"a","text":null}`, id: "a", err: `f:1: field "text" is null, not a string`},
		{line: `{"id":"a","text":"Iran","date":20251114}`, id: "a", err: `f:1: field "date" is a number, not a string`},
		{line: `{"id":"a","text":"Iran","date":["2025-11-14"]}`, id: "a", err: `f:1: field "date" is an array, not a string`},
		{line: `{"id":"a"}`, id: "a", err: `f:1: record has no "text" field`},
	}
	for _, tt := range tests {
		it := (&Reader{}).DecodeRecord("f:1", []byte(tt.line))
		var gotErr, gotDate string
		if it.Err != nil {
			gotErr = it.Err.Error()
		} else if !it.Input.Date.IsZero() {
			gotDate = it.Input.Date.String()
		}
		if it.Input.ID != tt.id || gotErr != tt.err || (tt.err == "" && (it.Input.Text != tt.text || gotDate != tt.date)) {
			t.Errorf("%s: id %q text %q date %q err %q; want %q %q %q %q", tt.line, it.Input.ID, it.Input.Text, gotDate, gotErr, tt.id, tt.text, tt.date, tt.err)
		}
	}
}

// FuzzUnquote checks the fast string decoder against encoding/json: for
// any JSON string of valid UTF-8, it decodes as encoding/json does or
// declines.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`"plain"`, `"say \"hi\"\n"`, `"\u00e9\ud83d\ude00"`, `"\ud800"`, `"\udc00x"`, "\"\xff\"", `"a\/b\\"`, `"\t\b\f\r"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want string
		if json.Unmarshal(raw, &want) != nil || len(raw) == 0 || raw[0] != '"' {
			return // not a JSON string: unquote is only given checked ones
		}
		if !utf8.Valid(raw) {
			return // nor invalid UTF-8: DecodeRecord replaces it first
		}
		got, ok := unquote(raw)
		if ok && got != want {
			t.Fatalf("unquote(%q) = %q, encoding/json gives %q", raw, got, want)
		}
		if s, isString := stringValue(raw); !isString || s != want {
			t.Fatalf("stringValue(%q) = %q, %v; want %q", raw, s, isString, want)
		}
	})
}

func TestUnquoteTakesCommonEscapes(t *testing.T) {
	// The fast path must handle what news text has, or it saves nothing.
	for _, raw := range []string{`"He said: \"No.\"\n\nThen \u2014 left."`, `"caf\u00e9 \ud83d\ude00"`, `"plain text"`} {
		if _, ok := unquote([]byte(raw)); !ok {
			t.Errorf("unquote(%s) declined", raw)
		}
	}
}

// TestDecodeRecordInvalidUTF8: a line with bytes that are not UTF-8, in
// its text, in a key or in a value carried through, is read with each bad
// byte replaced by U+FFFD, and says so; the fast decoders, which take
// valid UTF-8 only, never see the bad bytes.
func TestDecodeRecordInvalidUTF8(t *testing.T) {
	line := "{\"id\":\"a\\u00e9\xff\",\"text\":\"Iran \xff\\\"here\\\"\",\"k\xfe\":\"v\xff\"}"
	it := (&Reader{}).DecodeRecord("f.jsonl:2", []byte(line))
	if it.Err != nil {
		t.Fatal(it.Err)
	}
	got := map[string]any{"id": it.Input.ID, "text": it.Input.Text, "extra": it.Input.Extra, "warnings": it.Warnings}
	want := map[string]any{
		"id":       "a\u00e9\ufffd",
		"text":     "Iran \ufffd\"here\"",
		"extra":    map[string]json.RawMessage{"k\ufffd": json.RawMessage("\"v\ufffd\"")},
		"warnings": []string{"f.jsonl:2: invalid UTF-8: 4 bad bytes replaced by U+FFFD; offsets refer to the replaced text"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
}

// TestRunBoundsReadAhead: however fast the input, a run reads at most a
// few items a worker ahead of the one it is emitting, so that memory
// stays bounded whatever the corpus size.
func TestRunBoundsReadAhead(t *testing.T) {
	a := miniAnnotator(t)
	for _, workers := range []int{1, 3} {
		var read atomic.Int64
		items := func(yield func(Item) bool) {
			for it := range corpusItems(10000) {
				read.Add(1)
				if !yield(it) {
					return
				}
			}
		}
		// The queue (4 a worker; the items the workers hold are in it
		// until emitted) and the one the producer holds, past the one
		// being emitted; one more of slack.
		limit := int64(4*workers + 2)
		emitted := int64(0)
		err := Run(context.Background(), a, items, workers, func(r Result) error {
			emitted++
			if emitted%100 == 1 {
				time.Sleep(2 * time.Millisecond) // a slow writer: let the reader run ahead
			}
			if ahead := read.Load() - emitted; ahead > limit {
				return fmt.Errorf("%d items read ahead of result %d, want at most %d", ahead, emitted, limit)
			}
			return nil
		})
		if err != nil {
			t.Errorf("%d workers: %v", workers, err)
		}
	}
}
