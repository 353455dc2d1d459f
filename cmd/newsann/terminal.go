package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal. Streams that are not files
// (the buffers of tests) never are.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// ColorEnabled reports whether output to standard output may be coloured:
// it is a terminal, NO_COLOR is not set to anything (no-color.org), and
// TERM is not "dumb".
func (s *IOStreams) ColorEnabled() bool {
	return isTerminal(s.Out) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// progressDelay is how long a run goes before it counts as long enough
// for a progress line: a single article never shows one.
const progressDelay = time.Second

// progressEvery is the least time between two drawings of the line, so
// that a fast run spends its time annotating, not writing to the
// terminal.
const progressEvery = 100 * time.Millisecond

// progress shows a progress line on standard error during a long corpus
// run, when standard error is a terminal; otherwise it does nothing. The
// total is unknown (inputs stream), so the line counts documents and
// bytes and shows the rate and the time so far.
//
// It is drawn here rather than by a progress-bar library: the one used
// before linked net/http and crypto/tls into the binary, and their
// initialisers cost every run of newsann about 3 ms, a tenth of a
// one-article run, for one line of text.
type progress struct {
	w       io.Writer
	enabled bool
	delay   time.Duration
	start   time.Time
	docs    int
	bytes   int64
	started bool      // the run has lasted its delay
	drawn   time.Time // when the line was last drawn
	width   int       // the length of the line on the terminal; 0 when off it
}

func newProgress(w io.Writer, enabled bool, delay time.Duration) *progress {
	return &progress{w: w, enabled: enabled, delay: delay, start: time.Now()}
}

// add counts a document of n bytes, and redraws the line when the run
// has lasted its delay and the line is older than progressEvery or was
// cleared.
func (p *progress) add(n int) {
	if !p.enabled {
		return
	}
	p.docs++
	p.bytes += int64(n)
	now := time.Now()
	switch {
	case !p.started && now.Sub(p.start) < p.delay:
		return
	case p.width > 0 && now.Sub(p.drawn) < progressEvery:
		return
	}
	p.started = true
	p.drawn = now
	p.draw(progressLine(p.docs, p.bytes, now.Sub(p.start)))
}

// draw replaces the line on the terminal with line. Errors are ignored:
// a line that cannot be drawn must not stop the run.
func (p *progress) draw(line string) {
	pad := max(p.width-len(line), 0)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
	if pad > 0 {
		fmt.Fprintf(p.w, "\r%s", line)
	}
	p.width = len(line)
}

// progressLine is the line for docs documents of n bytes in elapsed,
// such as "1204 documents, 38.2 MB, 12.7 MB/s, 3s".
func progressLine(docs int, n int64, elapsed time.Duration) string {
	line := plural(docs, "document") + ", " + megabytes(float64(n))
	if s := elapsed.Seconds(); s > 0 {
		line += ", " + megabytes(float64(n)/s) + "/s"
	}
	return line + ", " + elapsed.Round(time.Second).String()
}

// megabytes writes n bytes in decimal megabytes, as the rest of the CLI
// and the docs give sizes.
func megabytes(n float64) string {
	return strconv.FormatFloat(n/1e6, 'f', 1, 64) + " MB"
}

// clear takes the line off the terminal so that a message can be
// printed; the next add draws it again.
func (p *progress) clear() {
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}

// done removes the line for good.
func (p *progress) done() {
	p.clear()
	p.enabled = false
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
