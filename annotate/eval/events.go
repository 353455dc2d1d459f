package eval

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
)

// Event is a coded event as event-data sets give them: source and target
// actor codes and an event code (CAMEO: "042", "1711").
type Event struct {
	Source, Target, Code string
}

// rawEvent is an event as a record gives it: gold ({source, target,
// code}) or newsann's output ({source_code, target_code, cameo}).
type rawEvent struct {
	Source     string `json:"source"`
	Target     string `json:"target"`
	Code       string `json:"code"`
	SourceCode string `json:"source_code"`
	TargetCode string `json:"target_code"`
	CAMEO      string `json:"cameo"`
}

func readEvents(raw []rawEvent) []Event {
	var out []Event
	for _, e := range raw {
		if e.CAMEO != "" || e.SourceCode != "" || e.TargetCode != "" {
			out = append(out, Event{Source: e.SourceCode, Target: e.TargetCode, Code: e.CAMEO})
			continue
		}
		out = append(out, Event{Source: e.Source, Target: e.Target, Code: e.Code})
	}
	return out
}

// EventCounts are the figures of event coding against expected events.
type EventCounts struct {
	Expected int `json:"expected"` // events the gold expects
	Produced int `json:"coded"`    // events coded
	// Found counts expected events coded with their source, target and
	// full code; FoundRoot those coded with their source, target and the
	// code's two-digit root (a found event is also found at the root).
	Found     int `json:"found"`
	FoundRoot int `json:"found_root"`
	// Extra counts coded events that match no expected event at the full
	// code; ExtraRoot those that match none even at the root.
	Extra     int `json:"extra"`
	ExtraRoot int `json:"extra_root"`
}

func (c *EventCounts) add(o EventCounts) {
	c.Expected += o.Expected
	c.Produced += o.Produced
	c.Found += o.Found
	c.FoundRoot += o.FoundRoot
	c.Extra += o.Extra
	c.ExtraRoot += o.ExtraRoot
}

// EventReport is the result of ScoreEvents: overall, and by the gold
// records' category (meta.category), when they have one.
type EventReport struct {
	All        EventCounts             `json:"all"`
	ByCategory map[string]*EventCounts `json:"by_category,omitempty"`
	Missing    int                     `json:"missing_docs"` // gold documents without a prediction
}

// ScoreEvents compares coded events with the expected ones, document by
// document (joined on id), as event coders' validation suites do: an
// expected (source, target, code) is found when a coded event has the
// same three; each coded event answers one expected event. A document
// expected to have no events (or to be rejected) counts every event coded
// in it as extra.
func ScoreEvents(gold, pred []Doc) *EventReport {
	preds := byID(pred)
	rep := &EventReport{ByCategory: map[string]*EventCounts{}}
	for _, g := range gold {
		var ps []Event
		if p := preds[g.ID]; p == nil {
			rep.Missing++
		} else {
			ps = p.Events
		}
		c := matchEvents(g.Events, ps)
		rep.All.add(c)
		if g.Category != "" {
			cc := rep.ByCategory[g.Category]
			if cc == nil {
				cc = &EventCounts{}
				rep.ByCategory[g.Category] = cc
			}
			cc.add(c)
		}
	}
	return rep
}

func root(code string) string {
	if len(code) > 2 {
		return code[:2]
	}
	return code
}

// matchEvents matches one document's events one to one: at the full
// code, then, for the root figures, at the root.
func matchEvents(gs, ps []Event) EventCounts {
	c := EventCounts{Expected: len(gs), Produced: len(ps)}
	match := func(same func(g, p Event) bool) (found int, unmatched int) {
		used := make([]bool, len(gs))
		for _, p := range ps {
			hit := false
			for i, g := range gs {
				if !used[i] && same(g, p) {
					used[i], hit = true, true
					found++
					break
				}
			}
			if !hit {
				unmatched++
			}
		}
		return found, unmatched
	}
	c.Found, c.Extra = match(func(g, p Event) bool { return g == p })
	c.FoundRoot, c.ExtraRoot = match(func(g, p Event) bool {
		return g.Source == p.Source && g.Target == p.Target && root(g.Code) == root(p.Code)
	})
	return c
}

func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return math.Round(1000*float64(a)/float64(b)) / 10
}

// WriteTable prints the report: counts and shares overall, then a line a
// category.
func (r *EventReport) WriteTable(w io.Writer) error {
	var b strings.Builder
	a := r.All
	fmt.Fprintf(&b, "expected events          %5d\n", a.Expected)
	fmt.Fprintf(&b, "coded events             %5d\n", a.Produced)
	fmt.Fprintf(&b, "found, full code         %5d  %5.1f%% of expected\n", a.Found, share(a.Found, a.Expected))
	fmt.Fprintf(&b, "found, root code         %5d  %5.1f%% of expected\n", a.FoundRoot, share(a.FoundRoot, a.Expected))
	fmt.Fprintf(&b, "extra, full code         %5d  %5.1f%% of coded\n", a.Extra, share(a.Extra, a.Produced))
	fmt.Fprintf(&b, "extra, root code         %5d  %5.1f%% of coded\n", a.ExtraRoot, share(a.ExtraRoot, a.Produced))
	if r.Missing > 0 {
		fmt.Fprintf(&b, "missing predictions for %d documents\n", r.Missing)
	}
	if len(r.ByCategory) > 0 {
		fmt.Fprintf(&b, "\n%-12s %8s %6s %6s %6s %6s\n", "category", "expected", "found", "root", "coded", "extra")
		for _, k := range slices.Sorted(maps.Keys(r.ByCategory)) {
			c := r.ByCategory[k]
			fmt.Fprintf(&b, "%-12s %8d %6d %6d %6d %6d\n", k, c.Expected, c.Found, c.FoundRoot, c.Produced, c.Extra)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
