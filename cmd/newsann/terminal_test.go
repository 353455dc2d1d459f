package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgress checks when the progress bar draws: only when enabled
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

func TestColorNeedsTerminal(t *testing.T) {
	s := &IOStreams{Out: &bytes.Buffer{}}
	if s.ColorEnabled() {
		t.Errorf("colour enabled for a buffer")
	}
}
