package check

import (
	"testing"

	"github.com/newsann/newsann/lexicon"
)

func checkDateString(t *testing.T, d lexicon.Date) {
	t.Helper()
	if got, want := dateString(d), d.String(); got != want {
		t.Errorf("dateString(%+v) = %q, want %q", d, got, want)
	}
}

// TestDateString holds dateString to lexicon.Date.String, in and out of
// the range it formats itself.
func TestDateString(t *testing.T) {
	for _, y := range []int{-10000, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 2025, 9999, 10000, 123456} {
		for _, m := range []int{-1, 0, 1, 9, 10, 12, 99, 100} {
			for _, d := range []int{-1, 0, 1, 9, 10, 31, 99, 100} {
				checkDateString(t, lexicon.Date{Year: y, Month: m, Day: d})
			}
		}
	}
}

// FuzzDateString holds dateString to lexicon.Date.String on any date.
func FuzzDateString(f *testing.F) {
	f.Add(2025, 9, 20)
	f.Add(1, 0, 0)
	f.Fuzz(func(t *testing.T, y, m, d int) {
		checkDateString(t, lexicon.Date{Year: y, Month: m, Day: d})
	})
}

// TestPosString holds posString to lexicon.Pos.String.
func TestPosString(t *testing.T) {
	for _, p := range []lexicon.Pos{{}, {File: "a.yaml"}, {File: "a.yaml", Line: 12}, {File: "a.yaml", Line: 12, Col: 3}, {File: "", Line: -1, Col: -2}, {Line: 7}} {
		if got, want := posString(p), p.String(); got != want {
			t.Errorf("posString(%+v) = %q, want %q", p, got, want)
		}
	}
}
