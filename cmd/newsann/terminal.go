package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
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
// for a progress bar: a single article never shows one.
const progressDelay = time.Second

// progress shows a progress bar on standard error during a long corpus
// run, when standard error is a terminal; otherwise it does nothing. The
// total is unknown (inputs stream), so the bar counts documents and bytes
// and shows the rate.
type progress struct {
	w       io.Writer
	enabled bool
	delay   time.Duration
	start   time.Time
	docs    int
	bar     *progressbar.ProgressBar
}

func newProgress(w io.Writer, enabled bool, delay time.Duration) *progress {
	return &progress{w: w, enabled: enabled, delay: delay, start: time.Now()}
}

// add counts a document of n bytes.
func (p *progress) add(n int) {
	if !p.enabled {
		return
	}
	p.docs++
	if p.bar == nil {
		if time.Since(p.start) < p.delay {
			return
		}
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Describe(plural(p.docs, "document"))
	_ = p.bar.Add(n) // a bar that cannot draw must not stop the run
}

// clear takes the bar off the line so that a message can be printed.
func (p *progress) clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

// done removes the bar for good.
func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
