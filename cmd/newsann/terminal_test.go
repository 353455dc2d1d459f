package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgress checks when the progress line draws: only when enabled
// (standard error is a terminal) and once the run has lasted its delay.
func TestProgress(t *testing.T) {
	for _, c := range []struct {
		name    string
		enabled bool
		delay   time.Duration
		drawn   bool
	}{
		{"not a terminal", false, 0, false},
		{"short run", true, time.Hour, false},
		{"long run", true, 0, true},
	} {
		var b bytes.Buffer
		p := newProgress(&b, c.enabled, c.delay)
		for range 3 {
			p.add(1000)
		}
		drawn := strings.Contains(b.String(), "1 document")
		p.done()
		if drawn != c.drawn {
			t.Errorf("%s: drawn = %v, want %v (%q)", c.name, drawn, c.drawn, b.String())
		}
		if !c.drawn && b.Len() > 0 {
			t.Errorf("%s: wrote %q", c.name, b.String())
		}
	}
}

// TestProgressLine checks what the line says and that redrawing,
// clearing and finishing leave the terminal's line as it should be.
func TestProgressLine(t *testing.T) {
	if got, want := progressLine(1204, 38_200_000, 3*time.Second), "1204 documents, 38.2 MB, 12.7 MB/s, 3s"; got != want {
		t.Errorf("progressLine = %q, want %q", got, want)
	}
	if got, want := progressLine(1, 900, 0), "1 document, 0.0 MB, 0s"; got != want {
		t.Errorf("progressLine at once = %q, want %q", got, want)
	}

	var b bytes.Buffer
	p := newProgress(&b, true, 0)
	p.add(2_000_000)
	first := b.String()
	if !strings.HasPrefix(first, "\r1 document, 2.0 MB") {
		t.Fatalf("first drawing = %q", first)
	}
	p.add(1) // within progressEvery of the first: not drawn
	if b.String() != first {
		t.Errorf("redrawn within %v: %q", progressEvery, b.String()[len(first):])
	}
	p.clear()
	cleared := b.String()[len(first):]
	if want := "\r" + strings.Repeat(" ", len(strings.TrimPrefix(first, "\r"))) + "\r"; cleared != want {
		t.Errorf("clear wrote %q, want %q", cleared, want)
	}
	n := b.Len()
	p.add(1) // after a clear the line comes back at once
	if !strings.HasPrefix(b.String()[n:], "\r3 documents") {
		t.Errorf("after clear: %q", b.String()[n:])
	}
	p.done()
	n = b.Len()
	p.add(1)
	if b.Len() != n {
		t.Errorf("drawn after done: %q", b.String()[n:])
	}
	// A shorter line blanks what is left of the longer one.
	var c bytes.Buffer
	q := &progress{w: &c, width: 10}
	q.draw("abc")
	if got, want := c.String(), "\rabc       \rabc"; got != want {
		t.Errorf("shorter line: %q, want %q", got, want)
	}
}

func TestColorNeedsTerminal(t *testing.T) {
	s := &IOStreams{Out: &bytes.Buffer{}}
	if s.ColorEnabled() {
		t.Errorf("colour enabled for a buffer")
	}
}
