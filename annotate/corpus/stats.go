package corpus

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
)

// Stats sums up a corpus run: what `newsann annotate --stats` prints when
// it is over. Add each result as it is emitted; Stats is not safe for
// concurrent use, and need not be, since Run emits from one goroutine.
type Stats struct {
	Documents int   // inputs annotated
	Errors    int   // inputs that failed
	Bytes     int64 // bytes of text annotated
	Mentions  int
	Labels    map[string]int // mentions by label
	Relations int
	Events    int
	Findings  int
}

// Add counts one result.
func (s *Stats) Add(r Result) {
	if r.Err != nil || r.Doc == nil {
		s.Errors++
		return
	}
	s.Documents++
	s.Bytes += int64(len(r.Item.Input.Text))
	d := r.Doc
	s.Mentions += len(d.Mentions)
	if s.Labels == nil {
		s.Labels = map[string]int{}
	}
	for _, m := range d.Mentions {
		s.Labels[m.Label]++
	}
	s.Relations += len(d.Relations)
	s.Events += len(d.Events)
	s.Findings += len(d.Findings)
}

// Write prints the summary, one figure a line, with the run's elapsed
// time and its throughput in MB/s (10⁶ bytes of text a second).
func (s *Stats) Write(w io.Writer, elapsed time.Duration) error {
	var b strings.Builder
	line := func(name, format string, args ...any) {
		fmt.Fprintf(&b, "%-10s %s\n", name, fmt.Sprintf(format, args...))
	}
	line("documents", "%d", s.Documents)
	line("errors", "%d", s.Errors)
	line("bytes", "%d", s.Bytes)
	line("mentions", "%d%s", s.Mentions, s.byLabel())
	line("relations", "%d", s.Relations)
	line("events", "%d", s.Events)
	line("findings", "%d", s.Findings)
	precision := time.Millisecond
	if elapsed < time.Second {
		precision = time.Microsecond
	}
	line("time", "%s", elapsed.Round(precision))
	if sec := elapsed.Seconds(); sec > 0 {
		line("speed", "%.2f MB/s", float64(s.Bytes)/1e6/sec)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// byLabel lists the mentions by label, most frequent first: " (COUNTRY
// 10, PERSON 8)".
func (s *Stats) byLabel() string {
	if len(s.Labels) == 0 {
		return ""
	}
	labels := slices.SortedFunc(maps.Keys(s.Labels), func(a, b string) int {
		return cmp.Or(cmp.Compare(s.Labels[b], s.Labels[a]), cmp.Compare(a, b))
	})
	parts := make([]string, len(labels))
	for i, l := range labels {
		parts[i] = fmt.Sprintf("%s %d", l, s.Labels[l])
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
