package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/newsann/newsann/annotate/synth"
)

// miniArgs are the global flags that make runs use the small test
// lexicon, which does not move when the gazetteer grows.
var miniArgs = []string{"--no-default-lexicon", "--lexicon", filepath.Join("..", "..", "testdata", "lexicon", "mini.yaml")}

// corpusJSONL writes a JSONL corpus of about size bytes, made from our
// test articles, and returns its path and number of records.
func corpusJSONL(t *testing.T, size int) (string, int) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	var articles []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		articles = append(articles, string(b))
	}
	docs := synth.Corpus(articles, size, 7)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i, d := range docs {
		if err := enc.Encode(map[string]string{"id": synth.ID(i), "text": d}); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, len(docs)
}

// newsannCommand returns the newsann program to execute: the test binary
// under the name newsann, which TestMain runs as the program (run).
func newsannCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	path, err := exec.LookPath("newsann")
	if err != nil {
		t.Skipf("no newsann command on PATH (testscript sets it up in TestMain): %v", err)
	}
	abs, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "lexicon", "mini.yaml"))
	return exec.Command(path, append([]string{"--no-default-lexicon", "--lexicon", abs}, args...)...)
}

// TestInterruptLeavesCompleteLines: Ctrl-C (SIGINT) during a corpus run
// stops it promptly, with standard input still open; the output ends with
// a newline, every line is a whole JSON document, and the exit status is
// 130 with one line on standard error.
func TestInterruptLeavesCompleteLines(t *testing.T) {
	corpus, n := corpusJSONL(t, 6<<20)
	for _, input := range []string{"file", "open stdin"} {
		t.Run(input, func(t *testing.T) {
			cmd := newsannCommand(t, "annotate", "-o", "jsonl", "-j", "2")
			var stdin io.WriteCloser
			if input == "file" {
				cmd.Args = append(cmd.Args, corpus)
			} else {
				// Records are fed by hand, and standard input is never
				// closed: the run cannot end on its own.
				var err error
				if stdin, err = cmd.StdinPipe(); err != nil {
					t.Fatal(err)
				}
				defer stdin.Close()
			}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if stdin != nil {
				f, _ := os.Open(corpus)
				sc := bufio.NewScanner(f)
				sc.Buffer(nil, 1<<20)
				for i := 0; i < 20 && sc.Scan(); i++ {
					fmt.Fprintln(stdin, sc.Text())
				}
				f.Close()
			}
			out := bufio.NewReader(stdout)
			var got bytes.Buffer
			for range 5 {
				line, err := out.ReadBytes('\n')
				if err != nil {
					t.Fatalf("reading the first lines: %v (stderr %q)", err, stderr.String())
				}
				got.Write(line)
			}
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			// Should newsann not stop, the test must not wait for ever.
			killer := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
			defer killer.Stop()
			rest, _ := io.ReadAll(out)
			got.Write(rest)
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
				t.Errorf("exit: %v, want status %d", err, exitInterrupted)
			}
			if want := "newsann: interrupted; the output ends after the last complete document\n"; stderr.String() != want {
				t.Errorf("stderr %q, want %q", stderr.String(), want)
			}
			b := got.Bytes()
			if len(b) == 0 || b[len(b)-1] != '\n' {
				t.Fatalf("output does not end with a newline: …%q", b[max(0, len(b)-40):])
			}
			lines := bytes.Split(b[:len(b)-1], []byte("\n"))
			for i, l := range lines {
				var doc struct{ ID string }
				if err := json.Unmarshal(l, &doc); err != nil || doc.ID != synth.ID(i) {
					t.Fatalf("line %d is not document %s: %v: %.80q", i+1, synth.ID(i), err, l)
				}
			}
			if len(lines) >= n {
				t.Errorf("all %d documents written: the run was not interrupted", n)
			}
		})
	}
}

// TestClosedPipeEndsQuietly: `newsann annotate big.jsonl | head -1`. When
// the reader of standard output goes away, newsann dies of SIGPIPE as cat
// and grep do (the shell's status 141) and says nothing on standard error;
// run in-process, where the write fails with EPIPE instead, Main returns
// 141 and says nothing either.
func TestClosedPipeEndsQuietly(t *testing.T) {
	corpus, _ := corpusJSONL(t, 2<<20)
	cmd := newsannCommand(t, "annotate", "-o", "jsonl", corpus)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = w
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, `{"id":"synth-000000"`) {
		t.Fatalf("first line %.60q, %v", line, err)
	}
	r.Close() // head -1 exits
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("exit %v: want death by SIGPIPE", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGPIPE {
		t.Errorf("exit %v: want death by SIGPIPE", err)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr %q, want nothing", stderr.String())
	}

	// In-process: the pipe is not file descriptor 1, so the write fails.
	r, w, err = os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	var errOut bytes.Buffer
	code := Main(append(append([]string{}, miniArgs...), "annotate", "-o", "jsonl", corpus), nil, w, &errOut)
	w.Close()
	if code != exitBrokenPipe || errOut.Len() > 0 {
		t.Errorf("Main into a closed pipe: exit %d, stderr %q; want %d and nothing", code, errOut.String(), exitBrokenPipe)
	}

	// check ends the same way: its report (here the JSON array, written
	// at the end) goes nowhere.
	r, w, err = os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	errOut.Reset()
	code = Main(append(append([]string{}, miniArgs...), "check", "-o", "json", "--date", "2025-11-14", corpus), nil, w, &errOut)
	w.Close()
	if code != exitBrokenPipe || errOut.Len() > 0 {
		t.Errorf("check into a closed pipe: exit %d, stderr %q; want %d and nothing", code, errOut.String(), exitBrokenPipe)
	}
}

// TestAnnotateDeterministic: the same corpus gives the same bytes with one
// worker and with four, and from one run to the next, as JSONL and as
// JSON, from a JSONL file and from a directory.
func TestAnnotateDeterministic(t *testing.T) {
	corpus, n := corpusJSONL(t, 200<<10)
	dir := t.TempDir()
	f, _ := os.Open(corpus)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 0; sc.Scan(); i++ {
		var rec struct{ Text string }
		json.Unmarshal(sc.Bytes(), &rec)
		os.WriteFile(filepath.Join(dir, synth.ID(i)+".txt"), []byte(rec.Text), 0o644)
	}
	f.Close()
	for _, format := range []string{"jsonl", "json"} {
		for _, in := range []string{corpus, dir} {
			var first []byte
			for i, jobs := range []string{"1", "4", "4"} {
				var out, errOut bytes.Buffer
				args := append(append([]string{}, miniArgs...), "annotate", "-o", format, "-j", jobs, in)
				if code := Main(args, nil, &out, &errOut); code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
				}
				if i == 0 {
					first = out.Bytes()
					if got := bytes.Count(first, []byte(`"sha256"`)); got != n {
						t.Fatalf("%d documents, want %d", got, n)
					}
					continue
				}
				if !bytes.Equal(out.Bytes(), first) {
					t.Errorf("-o %s -j %s on %s: output differs from the first run (-j 1)", format, jobs, filepath.Base(in))
				}
			}
		}
	}
}

// TestOneBadRecordAmongMany: in a corpus of 1,000 records with one broken
// line, 999 documents and one error record are written, in order, the
// broken line is reported with its file and line, the count is reported,
// and the exit status is 2.
func TestOneBadRecordAmongMany(t *testing.T) {
	var in bytes.Buffer
	for i := range 1000 {
		if i == 600 {
			in.WriteString("{\"id\": \"broken\", \"text\": \"Iran\n")
			continue
		}
		fmt.Fprintf(&in, "{\"id\":\"r%d\",\"text\":\"Iran and Turkey met.\"}\n", i)
	}
	p := filepath.Join(t.TempDir(), "c.jsonl")
	os.WriteFile(p, in.Bytes(), 0o644)
	var out, errOut bytes.Buffer
	code := Main(append(append([]string{}, miniArgs...), "annotate", "-o", "jsonl", "-j", "3", p), nil, &out, &errOut)
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 1000 {
		t.Fatalf("%d lines, want 1000", len(lines))
	}
	errs := 0
	for i, l := range lines {
		var rec struct{ ID, Error string }
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		switch {
		case rec.Error != "":
			errs++
			if i != 600 || rec.ID != p+":601" || !strings.HasPrefix(rec.Error, p+":601: not a JSON object") {
				t.Errorf("line %d: error record %+v", i+1, rec)
			}
		case rec.ID != fmt.Sprintf("r%d", i):
			t.Errorf("line %d: document %q", i+1, rec.ID)
		}
	}
	if errs != 1 {
		t.Errorf("%d error records, want 1", errs)
	}
	want := "newsann: " + p + ":601: not a JSON object"
	if !strings.HasPrefix(errOut.String(), want) || !strings.HasSuffix(errOut.String(), "\nnewsann: 1 input(s) failed; the others were written\n") || strings.Count(errOut.String(), "\n") != 2 {
		t.Errorf("stderr %q, want the bad line and the count", errOut.String())
	}
}

// TestInvalidUTF8EndToEnd: bad bytes are replaced, reported as FILE:LINE,
// and the offsets of every mention slice the replaced text, which --text
// prints, in each offset unit.
func TestInvalidUTF8EndToEnd(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(p, []byte("Caf\xe9 news.\n\xff\xfeIran \xe2\x82and Turkey met \xf0\x9f\x87\xb9\xf0\x9f\x87\xb7 in Ankara.\n"), 0o644)
	for _, unit := range []string{"codepoints", "utf16", "bytes"} {
		var out, errOut bytes.Buffer
		code := Main(append(append([]string{}, miniArgs...), "annotate", "--text", "--offsets", unit, p), nil, &out, &errOut)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		if want := "newsann: warning: " + p + ":1: invalid UTF-8: 5 bad bytes replaced by U+FFFD; offsets refer to the replaced text\n"; errOut.String() != want {
			t.Errorf("stderr %q, want %q", errOut.String(), want)
		}
		var doc struct {
			Text     string
			Mentions []struct {
				Start, End int
				Text       string
			}
		}
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(doc.Text, "Caf\ufffd news.\n\ufffd\ufffdIran \ufffdand") {
			t.Errorf("text %q", doc.Text)
		}
		var names []string
		for _, m := range doc.Mentions {
			var got string
			switch unit {
			case "codepoints":
				got = string([]rune(doc.Text)[m.Start:m.End])
			case "utf16":
				got = string(utf16.Decode(utf16.Encode([]rune(doc.Text))[m.Start:m.End]))
			case "bytes":
				got = doc.Text[m.Start:m.End]
			}
			if got != m.Text {
				t.Errorf("%s: text[%d:%d] = %q, mention says %q", unit, m.Start, m.End, got, m.Text)
			}
			names = append(names, m.Text)
		}
		if strings.Join(names, "|") != "Iran|Turkey|Ankara" {
			t.Errorf("%s: mentions %q", unit, names)
		}
	}
}

// TestParseSize: --max-size values.
func TestParseSize(t *testing.T) {
	for in, want := range map[string]int{"4096": 4096, "64MiB": 64 << 20, "1g": 1 << 30, "10 KB": 10 << 10, "0": 0, "-5": 0, "5TB": 0, "": 0, "MiB": 0, "99999999999999999999": 0} {
		got, err := parseSize(in)
		if (err != nil) != (want == 0) || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}
