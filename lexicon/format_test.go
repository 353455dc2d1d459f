package lexicon

import (
	"fmt"
	"testing"
)

func checkDateString(t *testing.T, d Date) {
	t.Helper()
	if got, want := d.String(), d.formatSlow(); got != want {
		t.Errorf("%+v.String() = %q, fmt gives %q", d, got, want)
	}
}

// TestDateString holds Date.String, which writes the digits itself, to
// the fmt formatting it stands for, in and out of the range it writes.
func TestDateString(t *testing.T) {
	for _, y := range []int{-10000, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 2025, 9999, 10000, 123456} {
		for _, m := range []int{-1, 0, 1, 9, 10, 12, 99, 100} {
			for _, d := range []int{-1, 0, 1, 9, 10, 31, 99, 100} {
				checkDateString(t, Date{Year: y, Month: m, Day: d})
			}
		}
	}
	if got := MustDate("2025-09-20").String(); got != "2025-09-20" {
		t.Errorf("2025-09-20 is written %q", got)
	}
}

// FuzzDateString holds Date.String to fmt on any date.
func FuzzDateString(f *testing.F) {
	f.Add(2025, 9, 20)
	f.Add(1, 0, 0)
	f.Fuzz(func(t *testing.T, y, m, d int) {
		checkDateString(t, Date{Year: y, Month: m, Day: d})
	})
}

// TestPosString holds Pos.String to the fmt formatting it stands for.
func TestPosString(t *testing.T) {
	for _, p := range []Pos{{}, {File: "a.yaml"}, {File: "a.yaml", Line: 12}, {File: "a.yaml", Line: 12, Col: 3}, {File: "", Line: -1, Col: -2}, {Line: 7}} {
		want := p.File
		switch {
		case p.Line == 0:
		case p.Col == 0:
			want = fmt.Sprintf("%s:%d", p.File, p.Line)
		default:
			want = fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
		}
		if got := p.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", p, got, want)
		}
	}
}
