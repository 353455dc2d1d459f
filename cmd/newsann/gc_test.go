package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// TestGCPace: once start-up is over, a run collects garbage at its
// running pace, unless the user set GOGC, which it then leaves alone.
func TestGCPace(t *testing.T) {
	read := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	defer debug.SetGCPercent(read())
	for _, c := range []struct {
		gogc string
		want int
	}{
		{"", gcRunPercent},
		{"150", 150},
	} {
		t.Setenv("GOGC", c.gogc)
		debug.SetGCPercent(150) // as the runtime would from GOGC=150
		var out, errOut bytes.Buffer
		in := strings.NewReader("Turkish Foreign Minister Hakan Fidan spoke by telephone on Monday.")
		if code := Main([]string{"annotate", "-o", "jsonl"}, in, &out, &errOut); code != 0 {
			t.Fatalf("GOGC=%q: exit %d: %s", c.gogc, code, errOut.String())
		}
		got := read()
		for deadline := time.Now().Add(5 * time.Second); got != c.want && time.Now().Before(deadline); got = read() {
			time.Sleep(10 * time.Millisecond)
		}
		if c.gogc != "" {
			time.Sleep(4 * gcRestoreDelay) // a change would have come by now
			got = read()
		}
		if got != c.want {
			t.Errorf("GOGC=%q: the pace after start-up is %d, want %d", c.gogc, got, c.want)
		}
	}
}
