package lexicon

import (
	"fmt"
	"testing"
)

func TestParseDate(t *testing.T) {
	good := map[string]string{"2024": "2024", "2024-08": "2024-08", "2024-08-21": "2024-08-21", "2024-02-29": "2024-02-29"}
	for in, want := range good {
		d, err := ParseDate(in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", in, err)
			continue
		}
		if d.String() != want {
			t.Errorf("ParseDate(%q) = %s, want %s", in, d, want)
		}
	}
	for _, in := range []string{"", "24", "2024-8", "2024-13", "2025-02-29", "2024-08-32", "2024/08/21", "20240821", "0000", "2024-08-2x"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) succeeded, want an error", in)
		}
	}
}

func TestWithin(t *testing.T) {
	tests := []struct {
		at, from, to string
		want         Truth
	}{
		{"2025-11-14", "2024-08-21", "", True},
		{"2024-08-20", "2024-08-21", "", False},
		{"2024-08-21", "2024-08-21", "", True},
		{"2024-08-10", "2024-08", "", Maybe}, // began some day in August
		{"2024-09-01", "2024-08", "", True},
		{"2024-07-31", "2024-08", "", False},
		{"2021-08-25", "2013-08-01", "2021-08-25", True},
		{"2021-08-26", "2013-08-01", "2021-08-25", False},
		{"2020-06-15", "2013", "2021", True},
		{"2021-06-15", "2013", "2021", Maybe}, // the term ended some day in 2021
		{"2021-12-31", "2013", "2021", Maybe}, // ended some day in 2021
		{"2024", "2024-08-21", "", Maybe},     // the year, partly in office
		{"2025", "2024-08-21", "", True},
	}
	for _, tt := range tests {
		at, from := MustDate(tt.at), MustDate(tt.from)
		var to Date
		if tt.to != "" {
			to = MustDate(tt.to)
		}
		if got := at.Within(from, to); got != tt.want {
			t.Errorf("%s within [%s, %s] = %v, want %v", tt.at, tt.from, tt.to, got, tt.want)
		}
	}
	if got := (Date{}).Within(MustDate("2020"), Date{}); got != Maybe {
		t.Errorf("unknown date within a term = %v, want maybe", got)
	}
}

func TestDateCompare(t *testing.T) {
	if MustDate("2024").Compare(MustDate("2024-01-01")) >= 0 {
		t.Error("2024 should sort before 2024-01-01 (less precise first)")
	}
	if MustDate("2024-08").Compare(MustDate("2024-07-31")) <= 0 {
		t.Error("2024-08 should sort after 2024-07-31")
	}
	if !MustDate("2024-07").Before(MustDate("2024-08-01")) || MustDate("2024-08").Before(MustDate("2024-08-31")) {
		t.Error("Before treats a partial date as its whole period")
	}
}

// TestParseDay: only a whole, possible day is a document date; the error
// quotes the input.
func TestParseDay(t *testing.T) {
	if d, err := ParseDay("2025-11-14"); err != nil || d.String() != "2025-11-14" {
		t.Errorf("ParseDay(2025-11-14) = %v, %v", d, err)
	}
	for _, s := range []string{"2025", "2025-11", "2025-02-30", "14/11/2025", ""} {
		if _, err := ParseDay(s); err == nil || err.Error() != fmt.Sprintf("%q: want YYYY-MM-DD", s) {
			t.Errorf("ParseDay(%q): error %v", s, err)
		}
	}
}
