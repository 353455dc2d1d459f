package corpus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/lexicon"
)

// items reads paths with r and returns every item.
func items(r *Reader, paths ...string) []Item {
	var out []Item
	for it := range r.Items(paths) {
		out = append(out, it)
	}
	return out
}

// TestReplaceInvalid: each maximal invalid subsequence becomes one
// U+FFFD, as Python's bytes.decode("utf-8", "replace") gives (the expected
// texts are Python's), so that offsets agree with a notebook's decoding.
func TestReplaceInvalid(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\xe2\x82A", "\ufffdA"},               // a truncated 3-byte sequence: one
		{"\xff\xfe", "\ufffd\ufffd"},           // two bytes that start nothing: two
		{"\xf0\x9f\x98", "\ufffd"},             // a truncated emoji: one
		{"\xed\xa0\x80", "\ufffd\ufffd\ufffd"}, // a surrogate: three
		{"\xc0\xaf", "\ufffd\ufffd"},           // an overlong form: two
		{"\xe0\x80\xaf", "\ufffd\ufffd\ufffd"},
		{"\xf4\x90\x80\x80", "\ufffd\ufffd\ufffd\ufffd"}, // above U+10FFFF
		{"a\xf1\x80\x80", "a\ufffd"},
		{"\xf1\x80\x80\xe2", "\ufffd\ufffd"},
		{"Iran \xe9t\xe9", "Iran \ufffdt\ufffd"}, // Latin-1 read as UTF-8
	}
	for _, tt := range tests {
		got, _, first := replaceInvalid([]byte(tt.in))
		if got != tt.want {
			t.Errorf("replaceInvalid(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if first < 0 || first >= len(tt.in) {
			t.Errorf("replaceInvalid(%q): first bad byte at %d", tt.in, first)
		}
	}
}

// TestReaderInvalidUTF8: bad bytes are replaced and reported with the
// file and the line of the first one, in text files and JSONL records.
func TestReaderInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a.txt":    "Iran\nand\nTurkey \xe9t\xe9\xff\n",
		"r.jsonl":  "{\"id\":\"ok\",\"text\":\"Iran\"}\n{\"id\":\"bad\",\"text\":\"Turkey \xe2\x82 here\"}\n",
		"fine.txt": "Türkiye",
	})
	got := items(&Reader{}, filepath.Join(dir, "a.txt"), filepath.Join(dir, "r.jsonl"), filepath.Join(dir, "fine.txt"))
	if len(got) != 4 {
		t.Fatalf("%d items, want 4", len(got))
	}
	a := filepath.Join(dir, "a.txt")
	if got[0].Input.Text != "Iran\nand\nTurkey \ufffdt\ufffd\ufffd\n" {
		t.Errorf("text %q", got[0].Input.Text)
	}
	if want := []string{a + ":3: invalid UTF-8: 3 bad bytes replaced by U+FFFD; offsets refer to the replaced text"}; !cmp.Equal(got[0].Warnings, want) {
		t.Errorf("warnings %q, want %q", got[0].Warnings, want)
	}
	r := filepath.Join(dir, "r.jsonl")
	if got[2].Input.ID != "bad" || got[2].Input.Text != "Turkey \ufffd here" || got[2].Err != nil {
		t.Errorf("record %+v", got[2])
	}
	if want := []string{r + ":2: invalid UTF-8: 2 bad bytes replaced by U+FFFD; offsets refer to the replaced text"}; !cmp.Equal(got[2].Warnings, want) {
		t.Errorf("warnings %q, want %q", got[2].Warnings, want)
	}
	if len(got[1].Warnings)+len(got[3].Warnings) != 0 {
		t.Errorf("warnings for valid inputs: %q %q", got[1].Warnings, got[3].Warnings)
	}
}

// endless reads zeros for ever and counts them.
type endless struct{ n *int }

func (e endless) Read(p []byte) (int, error) {
	clear(p)
	*e.n += len(p)
	return len(p), nil
}

func (e endless) Close() error { return nil }

// TestReaderBinary: a NUL byte marks a binary file, refused with its
// offset; an endless one (/dev/zero) is refused after its first bytes,
// not read whole; a binary file named .jsonl gives one error, not one per
// "line".
func TestReaderBinary(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"bin.txt":   "GIF89a\x00\x01\x02",
		"bin.jsonl": "{\"text\":\"x\"}\n\x00\n\x00\n\x00\n",
		"late.txt":  strings.Repeat("a", 100<<10) + "\x00",
	})
	got := collect(&Reader{}, filepath.Join(dir, "bin.txt"), filepath.Join(dir, "bin.jsonl"), filepath.Join(dir, "late.txt"))
	want := []seen{
		{ID: filepath.Join(dir, "bin.txt"), Err: filepath.Join(dir, "bin.txt") + ": binary data (NUL byte at offset 6); not a text file"},
		{ID: filepath.Join(dir, "bin.jsonl"), Err: filepath.Join(dir, "bin.jsonl") + ": binary data (NUL byte at offset 13); not a text file"},
		{ID: filepath.Join(dir, "late.txt"), Err: filepath.Join(dir, "late.txt") + ": binary data (NUL byte at offset 102400); not a text file"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	read := 0
	r := &Reader{Open: func(string) (io.ReadCloser, error) { return endless{&read}, nil }}
	got = collect(r, filepath.Join(dir, "bin.txt")) // the name is only a name here
	if len(got) != 1 || !strings.Contains(got[0].Err, "binary data (NUL byte at offset 0)") {
		t.Errorf("endless zeros: %+v", got)
	}
	if read > 2*sniffSize {
		t.Errorf("read %d bytes of an endless binary input before refusing it", read)
	}
}

// TestReaderEmptyAndBlank: an empty or blank text is a document with no
// text to annotate, not an error; an empty or blank JSONL file has no
// records.
func TestReaderEmptyAndBlank(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"empty.txt": "", "blank.txt": " \n\t\r\n\u00a0\n", "empty.jsonl": "", "blank.jsonl": "\n \n\r\n\t\n",
	})
	got := collect(&Reader{}, filepath.Join(dir, "empty.txt"), filepath.Join(dir, "blank.txt"), filepath.Join(dir, "empty.jsonl"), filepath.Join(dir, "blank.jsonl"))
	want := []seen{{ID: filepath.Join(dir, "empty.txt")}, {ID: filepath.Join(dir, "blank.txt")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	got = collect(&Reader{Stdin: strings.NewReader("")})
	if diff := cmp.Diff([]seen{{ID: "-"}}, got); diff != "" {
		t.Errorf("empty standard input (-want +got):\n%s", diff)
	}
}

// TestReaderBOMAndLineEnds: a byte-order mark is dropped (offsets count
// from the first character), also before a JSONL file's first record and
// on standard input taken as JSONL; CRLF JSONL lines parse; a text's CR
// and CRLF line ends are kept as they are.
func TestReaderBOMAndLineEnds(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"bom.txt":   "\ufeffIran\r\nTurkey\rChad\r\n",
		"bom.jsonl": "\ufeff{\"id\":\"a\",\"text\":\"Iran\"}\r\n{\"id\":\"b\",\"text\":\"Chad\"}\r\n",
	})
	var texts []string
	for _, it := range items(&Reader{}, filepath.Join(dir, "bom.txt"), filepath.Join(dir, "bom.jsonl")) {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		texts = append(texts, it.Input.ID+"="+it.Input.Text)
	}
	want := []string{filepath.Join(dir, "bom.txt") + "=Iran\r\nTurkey\rChad\r\n", "a=Iran", "b=Chad"}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	got := items(&Reader{Stdin: strings.NewReader("\ufeff  {\"id\":\"s\",\"text\":\"Iran\"}\n")})
	if len(got) != 1 || got[0].Input.ID != "s" || got[0].Err != nil {
		t.Errorf("standard input with a BOM, as JSONL: %+v", got)
	}
}

// failing reads what it holds, then fails with err.
type failing struct {
	r   io.Reader
	err error
}

func (f *failing) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

func (f *failing) Close() error { return nil }

// TestReaderReadErrors: a file that cannot be opened or read, or standard
// input that fails or ends early, gives an item with the error, named by
// the input (and line, for JSONL), and the other inputs are still read.
// Errors are injected through Reader.Open, so the test does not depend on
// file permissions (which root ignores).
func TestReaderReadErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"denied.txt": "x", "eio.txt": "x", "cut.jsonl": "x", "ok.txt": "Iran",
	})
	open := func(name string) (io.ReadCloser, error) {
		switch filepath.Base(name) {
		case "denied.txt":
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
		case "eio.txt":
			return &failing{strings.NewReader("Iran and Tur"), &fs.PathError{Op: "read", Path: name, Err: syscall.EIO}}, nil
		case "cut.jsonl":
			return &failing{strings.NewReader("{\"id\":\"a\",\"text\":\"Iran\"}\n{\"id\":\"b\",\"text\":\"Chad\"}\n{\"id\":\"c\",\"te"), &fs.PathError{Op: "read", Path: name, Err: syscall.EIO}}, nil
		}
		return os.Open(name)
	}
	p := func(n string) string { return filepath.Join(dir, n) }
	got := collect(&Reader{Open: open}, p("denied.txt"), p("eio.txt"), p("cut.jsonl"), p("ok.txt"))
	want := []seen{
		{ID: p("denied.txt"), Err: p("denied.txt") + ": permission denied"},
		{ID: p("eio.txt"), Err: p("eio.txt") + ": read " + p("eio.txt") + ": input/output error"},
		{ID: "a"},
		{ID: "b"},
		{ID: p("cut.jsonl") + ":3", Err: p("cut.jsonl") + ":3: read " + p("cut.jsonl") + ": input/output error"},
		{ID: p("ok.txt")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}

	// Standard input closed early: the last, cut record is an error of
	// its own line; the records before it stand.
	got = collect(&Reader{Stdin: strings.NewReader("{\"id\":\"a\",\"text\":\"Iran\"}\n{\"id\":\"b\",\"te")})
	if len(got) != 2 || got[0].ID != "a" || got[0].Err != "" || got[1].ID != "-:2" || !strings.HasPrefix(got[1].Err, "-:2: not a JSON object: unexpected end of JSON input") {
		t.Errorf("standard input cut short: %+v", got)
	}
	got = collect(&Reader{Stdin: &failing{strings.NewReader("Iran"), syscall.EBADF}})
	if diff := cmp.Diff([]seen{{ID: "-", Err: "-: bad file descriptor"}}, got); diff != "" {
		t.Errorf("standard input failing (-want +got):\n%s", diff)
	}
}

// TestReaderUnreadableFile is TestReaderReadErrors with real permissions,
// where they apply.
func TestReaderUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files without read permission; TestReaderReadErrors injects the error instead")
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{"locked.txt": "Iran", "sub/in.txt": "Chad"})
	if err := os.Chmod(filepath.Join(dir, "locked.txt"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "sub"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "sub"), 0o755) })
	got := collect(&Reader{}, dir)
	want := []seen{
		{ID: filepath.Join(dir, "sub"), Err: filepath.Join(dir, "sub") + ": permission denied"},
		{ID: filepath.Join(dir, "locked.txt"), Err: filepath.Join(dir, "locked.txt") + ": permission denied"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

// TestReaderSymlinks: a dangling symlink and a loop of file symlinks are
// errors naming them; a symlinked directory (here a loop back to the
// top) is not followed, so the walk ends.
func TestReaderSymlinks(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.txt": "Iran"})
	for _, l := range [][2]string{
		{"nowhere.txt", "dangling.txt"}, {"loop2.txt", "loop1.txt"}, {"loop1.txt", "loop2.txt"}, {dir, "sub"},
	} {
		if err := os.Symlink(l[0], filepath.Join(dir, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	got := collect(&Reader{}, dir)
	p := func(n string) string { return filepath.Join(dir, n) }
	want := []seen{
		{ID: p("a.txt")},
		{ID: p("dangling.txt"), Err: p("dangling.txt") + ": no such file or directory"},
		{ID: p("loop1.txt"), Err: p("loop1.txt") + ": too many levels of symbolic links"},
		{ID: p("loop2.txt"), Err: p("loop2.txt") + ": too many levels of symbolic links"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

// TestReaderNamedPipe: a named pipe given by name is read to its end; one
// met in a directory walk is reported and skipped, so the walk does not
// wait for a writer that never comes.
func TestReaderNamedPipe(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.txt": "Iran"})
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString("Turkey and Chad")
		f.Close()
	}()
	got := items(&Reader{}, fifo)
	if len(got) != 1 || got[0].Err != nil || got[0].Input.Text != "Turkey and Chad" {
		t.Errorf("named pipe by name: %+v", got)
	}
	seenItems := collect(&Reader{}, dir)
	want := []seen{
		{ID: filepath.Join(dir, "a.txt")},
		{ID: fifo, Err: fifo + ": not a regular file (a named pipe); name it on the command line to read it"},
	}
	if diff := cmp.Diff(want, seenItems); diff != "" {
		t.Errorf("directory with a named pipe (-want +got):\n%s", diff)
	}
}

// manyFiles makes n files in dir, spread over subdirectories of a
// thousand: hard links to one small file in each subdirectory, which are
// made ten times faster than files are written (an inode takes at most
// 65,000 links), and are as many directory entries to walk and files to
// open.
func manyFiles(tb testing.TB, dir string, n int) {
	tb.Helper()
	var src string
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/1000))
		if i%1000 == 0 {
			src = filepath.Join(sub, "source.text") // not *.txt: not read itself
			if err := os.Mkdir(sub, 0o755); err != nil {
				tb.Fatal(err)
			}
			if err := os.WriteFile(src, []byte("Iran and Turkey"), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
		if err := os.Link(src, filepath.Join(sub, fmt.Sprintf("f%06d.txt", i))); err != nil {
			tb.Skipf("no hard links here: %v", err)
		}
	}
}

// TestReaderManyFiles: a directory of 100,000 files gives every one, in
// lexical order. BenchmarkReaderManyFiles measures it.
func TestReaderManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 files")
	}
	const n = 100000
	dir := t.TempDir()
	manyFiles(t, dir, n)
	count, prev := 0, ""
	for it := range (&Reader{}).Items([]string{dir}) {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		if it.Input.ID <= prev {
			t.Fatalf("%s after %s: not in lexical order", it.Input.ID, prev)
		}
		prev = it.Input.ID
		count++
	}
	if count != n {
		t.Errorf("%d items, want %d", count, n)
	}
}

// BenchmarkReaderManyFiles walks and reads a directory of 100,000 files
// (written once, outside the timing).
func BenchmarkReaderManyFiles(b *testing.B) {
	dir := b.TempDir()
	manyFiles(b, dir, 100000)
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for it := range (&Reader{}).Items([]string{dir}) {
			if it.Err != nil {
				b.Fatal(it.Err)
			}
			n++
		}
		if n != 100000 {
			b.Fatalf("%d items", n)
		}
	}
}

// TestReaderOversize: a text over MaxRecord is an error, before it is
// read; a JSONL line over it too, and the next line is read.
func TestReaderOversize(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"big.txt": strings.Repeat("Iran ", 30), "small.txt": "Chad"})
	got := collect(&Reader{MaxRecord: 100}, filepath.Join(dir, "big.txt"), filepath.Join(dir, "small.txt"))
	want := []seen{
		{ID: filepath.Join(dir, "big.txt"), Err: filepath.Join(dir, "big.txt") + ": 150 bytes, over the limit of 100 for one text"},
		{ID: filepath.Join(dir, "small.txt")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	got = collect(&Reader{MaxRecord: 100, Stdin: strings.NewReader(strings.Repeat("Iran ", 30))})
	if len(got) != 1 || got[0].Err != "-: over the limit of 100 bytes for one text" {
		t.Errorf("standard input over the limit: %+v", got)
	}
}

// TestRunStopsOnBlockedInput: cancelling a run whose input blocks for
// good (standard input from a process that never closes it) returns at
// once; the reading goroutine ends when its read returns.
func TestRunStopsOnBlockedInput(t *testing.T) {
	a := miniAnnotator(t)
	before := runtime.NumGoroutine()
	unblock := make(chan struct{})
	blocking := func(yield func(Item) bool) {
		for i := range 3 {
			if !yield(Item{Input: annotate.Input{ID: fmt.Sprint(i), Text: "Iran"}}) {
				return
			}
		}
		<-unblock // a read that does not return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	n := 0
	go func() {
		done <- Run(ctx, a, blocking, 2, func(Result) error {
			n++
			if n == 3 {
				cancel()
			}
			return nil
		})
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || n != 3 {
			t.Errorf("Run = %v after %d results, want context.Canceled after 3", err, n)
		}
	case <-time.After(time.Minute):
		t.Fatal("Run did not return after its context was cancelled while the input blocked")
	}
	close(unblock)
	waitGoroutines(t, before, "after the input unblocked")
}

// TestRunOneBadRecordAmongMany: in a run of 1,000 records with one broken
// in the middle, the output has 1,000 lines: 999 documents and one error
// record {"id","error"} in its place.
func TestRunOneBadRecordAmongMany(t *testing.T) {
	var in strings.Builder
	for i := range 1000 {
		if i == 500 {
			in.WriteString("{\"id\":\"broken\",\"text\":\n")
			continue
		}
		fmt.Fprintf(&in, "{\"id\":\"r%d\",\"text\":\"Iran and Turkey\"}\n", i)
	}
	r := &Reader{Mode: JSONL, Stdin: strings.NewReader(in.String())}
	var docs, errs int
	var errRecord Result
	err := Run(context.Background(), miniAnnotator(t), r.Items(nil), 4, func(res Result) error {
		if res.Err != nil {
			errs++
			errRecord = res
			return nil
		}
		if want := fmt.Sprintf("r%d", docs+errs); res.Doc.ID != want {
			t.Fatalf("document %q where %q belongs", res.Doc.ID, want)
		}
		docs++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if docs != 999 || errs != 1 || errRecord.Item.Input.ID != "-:501" {
		t.Errorf("%d documents and %d errors (%+v), want 999 and the error of line 501", docs, errs, errRecord.Item)
	}
}

// itemView is what a consumer sees of an item, for comparing two reads.
type itemView struct {
	Input          annotate.Input
	Where, Err     string
	Warnings       []string
	Record, Reader bool // still undecoded
}

func viewOf(it Item) itemView {
	v := itemView{Input: it.Input, Where: it.Where, Warnings: it.Warnings, Record: it.record != nil, Reader: it.reader != nil}
	if it.Err != nil {
		v.Err = it.Err.Error()
	}
	return v
}

// deferredSame reads in as JSONL with and without Reader.Deferred and
// reports how the decoded items differ; each deferred record must be
// undecoded until Decoded.
func deferredSame(t testing.TB, in string, maxRecord int) {
	t.Helper()
	read := func(deferred bool) []Item {
		r := &Reader{Mode: JSONL, Stdin: strings.NewReader(in), MaxRecord: maxRecord, Deferred: deferred, Date: lexicon.Date{Year: 2025, Month: 11, Day: 14}}
		return slices.Collect(r.Items(nil))
	}
	direct, deferred := read(false), read(true)
	var want, got []itemView
	for _, it := range direct {
		want = append(want, viewOf(it))
	}
	for _, it := range deferred {
		if it.Err == nil && (it.Input.Text != "" || it.Input.ID != it.Where || it.reader == nil) {
			t.Fatalf("%s: deferred record decoded already (%+v)", it.Where, viewOf(it))
		}
		got = append(got, viewOf(it.Decoded()))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("deferred decoding differs (-direct +deferred):\n%s", diff)
	}
}

// TestDeferredDecoding: records read with Reader.Deferred come undecoded,
// and Decoded makes of each the item Items would have made: its id, text,
// date, carried fields, warnings (invalid UTF-8) and errors (not JSON, no
// text, a bad date), and a line too long or unreadable still reported as
// read.
func TestDeferredDecoding(t *testing.T) {
	deferredSame(t, strings.Join([]string{
		`{"id":"a","text":"Iran and Turkey","date":"2024-02-03","source":{"x":[1]}}`,
		"{\"id\":\"bad-utf8\",\"text\":\"Chad \xff here\"}",
		`not json`,
		``,
		`{"id":7,"title":"no text"}`,
		`{"id":"d","text":"x","date":"2024-13-40"}`,
		`{"text":"` + strings.Repeat("long ", 100) + `"}`,
		`{"text":"no id, the flag's date"}`,
	}, "\n"), 256)
}

// FuzzJSONL: any bytes read as JSONL give items without a panic: each
// names its line, in order (or the whole input, refused as binary); a
// record without an error has valid UTF-8 text, the "text" field of its
// line as encoding/json reads it.
func FuzzJSONL(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\",\"text\":\"Iran\",\"date\":\"2025-11-14\",\"x\":[1]}\n{\"text\":\"Chad\"}\n"))
	f.Add([]byte("\ufeff{\"id\":1,\"text\":\"\\u0000\"}\r\n\n{\"text\":null}\n[1]\n"))
	f.Add([]byte("{\"id\":\"a\",\"text\":\"T\xe2\x82\"}\n{\"id\":\"b\",\"text\":\"x\",\"date\":\"2024-13-01\"}"))
	f.Add([]byte("{\"id\":\"a\",\"text\":\"x\"}{\"id\":\"b\"}\n\"text\"\n{\"text\":\"a\",\"text\":\"b\"}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := &Reader{Mode: JSONL, Stdin: strings.NewReader(string(b)), MaxRecord: 1 << 16}
		line := 0
		for it := range r.Items(nil) {
			if it.Where == "-" {
				// The whole input refused: binary data at its start.
				if line != 0 || it.Err == nil || !strings.Contains(it.Err.Error(), "binary data") {
					t.Fatalf("item for the whole input after line %d: %v", line, it.Err)
				}
				line = -1
				continue
			}
			if line < 0 {
				t.Fatalf("item %q after the input was refused", it.Where)
			}
			var n int
			if _, err := fmt.Sscanf(it.Where, "-:%d", &n); err != nil || n <= line {
				t.Fatalf("item at %q after line %d", it.Where, line)
			}
			line = n
			if it.Err != nil {
				if !strings.HasPrefix(it.Err.Error(), it.Where+": ") && !strings.HasPrefix(it.Err.Error(), "-: ") {
					t.Fatalf("error %q does not name %s", it.Err, it.Where)
				}
				continue
			}
			if !utf8.ValidString(it.Input.Text) {
				t.Fatalf("text %q is not valid UTF-8", it.Input.Text)
			}
			lines := strings.Split(strings.TrimPrefix(string(b), "\ufeff"), "\n")
			text, _, _ := replaceInvalid([]byte(strings.TrimRight(lines[n-1], "\r")))
			var rec map[string]json.RawMessage
			var want string
			err := json.Unmarshal([]byte(text), &rec)
			if err == nil {
				err = json.Unmarshal(rec["text"], &want)
			}
			if err != nil || want != it.Input.Text {
				t.Fatalf("line %d: text %q, encoding/json reads %q (%v)", n, it.Input.Text, want, err)
			}
		}
		deferredSame(t, string(b), 1<<16)
	})
}

// TestReaderStreams: records fed one at a time (tail -f | newsann) come
// out one at a time: the reader does not wait for more input than a
// record before yielding it.
func TestReaderStreams(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	got := make(chan Item)
	go func() {
		for it := range (&Reader{Stdin: pr}).Items(nil) {
			got <- it
		}
		close(got)
	}()
	for i := range 3 {
		fmt.Fprintf(pw, "{\"id\":\"r%d\",\"text\":\"Iran\"}\n", i)
		select {
		case it := <-got:
			if it.Input.ID != fmt.Sprintf("r%d", i) || it.Err != nil {
				t.Fatalf("item %d: %+v", i, it)
			}
		case <-time.After(time.Minute):
			t.Fatalf("record %d not read while the input stays open", i)
		}
	}
	pw.Close()
	if it, ok := <-got; ok {
		t.Errorf("item after the end: %+v", it)
	}
}

// TestRecordFieldTypes: a record's fields are read by their exact keys,
// and a field of the wrong type is an error naming it (a text of the
// wrong type was once read as empty).
func TestRecordFieldTypes(t *testing.T) {
	in := `{"id":"a","text":[]}
{"id":"b","TEXT":"x"}
{"id":"c","text":"Iran","Text":"other"}
{"id":7,"text":"x","date":20251114}
{"id":null,"text":"x","date":null}
{"id":"e","text":"x","date":""}
`
	got := collect(&Reader{Mode: JSONL, Stdin: strings.NewReader(in)})
	want := []seen{
		{ID: "a", Err: `-:1: field "text" is an array, not a string`},
		{ID: "b", Err: `-:2: record has no "text" field`},
		{ID: "c"},
		{ID: "7", Err: `-:4: field "date" is a number, not a string`},
		{ID: "-:5"},
		{ID: "e"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	for it := range (&Reader{Mode: JSONL, Stdin: strings.NewReader(in)}).Items(nil) {
		if it.Input.ID == "c" && (it.Input.Text != "Iran" || string(it.Input.Extra["Text"]) != `"other"`) {
			t.Errorf("record c: text %q, extra %v", it.Input.Text, it.Input.Extra)
		}
	}
}
