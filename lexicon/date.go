package lexicon

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date known to the year, the month or the day. The
// gazetteer records facts as precisely as they are known and no more: a
// term that began "in August 2024" is 2024-08, not 2024-08-01.
//
// The zero Date is "unknown" (IsZero reports true).
type Date struct {
	Year  int // 1..9999
	Month int // 0 when known only to the year
	Day   int // 0 when known only to the month
}

// Precision says how much of a Date is known.
type Precision int

// Precisions, from least to most precise.
const (
	Unknown Precision = iota
	YearPrecision
	MonthPrecision
	DayPrecision
)

// ParseDay parses a whole day, "YYYY-MM-DD": what a document's date must
// be, since "on Thursday" or "last month" need the day to resolve against.
// The error says so in the words of every front end's message.
func ParseDay(s string) (Date, error) {
	d, err := ParseDate(s)
	if err != nil || d.Precision() != DayPrecision {
		return Date{}, fmt.Errorf("%q: want YYYY-MM-DD", s)
	}
	return d, nil
}

// ParseDate parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" and rejects impossible
// dates such as 2025-02-30.
func ParseDate(s string) (Date, error) {
	var d Date
	switch len(s) {
	case 4, 7, 10:
	default:
		return d, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	y, err := digits(s[0:4])
	if err != nil {
		return d, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	d.Year = y
	if y < 1 {
		return Date{}, fmt.Errorf("date %q: year out of range", s)
	}
	if len(s) >= 7 {
		if s[4] != '-' {
			return Date{}, fmt.Errorf("date %q: want YYYY-MM", s)
		}
		m, err := digits(s[5:7])
		if err != nil || m < 1 || m > 12 {
			return Date{}, fmt.Errorf("date %q: month out of range", s)
		}
		d.Month = m
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
		}
		day, err := digits(s[8:10])
		if err != nil || day < 1 || day > daysIn(d.Year, d.Month) {
			return Date{}, fmt.Errorf("date %q: day out of range", s)
		}
		d.Day = day
	}
	return d, nil
}

// MustDate is ParseDate for constants in tests and examples; it panics on a
// malformed date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var errDigits = errors.New("not digits")

func digits(s string) (int, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errDigits
		}
	}
	return strconv.Atoi(s)
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// DateOf returns the day-precise Date of t.
func DateOf(t time.Time) Date {
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// IsZero reports whether d is the unknown date.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision returns how much of d is known.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return Unknown
	case d.Month == 0:
		return YearPrecision
	case d.Day == 0:
		return MonthPrecision
	}
	return DayPrecision
}

// String formats d as precisely as it is known; the zero Date is "".
// Dates of years 0-9999 are written digit by digit, not with fmt: every
// document's date and every finding's dates go through here.
func (d Date) String() string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return d.formatSlow()
	}
	var b [10]byte
	b[0], b[1], b[2], b[3] = '0'+byte(d.Year/1000), '0'+byte(d.Year/100%10), '0'+byte(d.Year/10%10), '0'+byte(d.Year%10)
	b[4], b[5], b[6] = '-', '0'+byte(d.Month/10), '0'+byte(d.Month%10)
	b[7], b[8], b[9] = '-', '0'+byte(d.Day/10), '0'+byte(d.Day%10)
	switch d.Precision() {
	case YearPrecision:
		return string(b[:4])
	case MonthPrecision:
		return string(b[:7])
	case DayPrecision:
		return string(b[:])
	}
	return ""
}

// formatSlow is String for dates whose numbers need more digits, or a
// sign, than String writes itself.
func (d Date) formatSlow() string {
	switch d.Precision() {
	case YearPrecision:
		return fmt.Sprintf("%04d", d.Year)
	case MonthPrecision:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case DayPrecision:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// First returns the first day of the period d names.
func (d Date) First() Date {
	out := d
	if out.Month == 0 {
		out.Month = 1
	}
	if out.Day == 0 {
		out.Day = 1
	}
	return out
}

// Last returns the last day of the period d names.
func (d Date) Last() Date {
	out := d
	if out.Month == 0 {
		out.Month = 12
	}
	if out.Day == 0 {
		out.Day = daysIn(out.Year, out.Month)
	}
	return out
}

// days orders day-precise dates.
func (d Date) days() int { return d.Year*10000 + d.Month*100 + d.Day }

// Before reports whether the whole period d ends before the period e begins.
func (d Date) Before(e Date) bool { return d.Last().days() < e.First().days() }

// Truth is a three-valued answer for questions that a partial date cannot
// always settle ("did she hold the office on 2024-08-10?" when her term
// began "2024-08").
type Truth int8

// Truth values.
const (
	False Truth = -1
	Maybe Truth = 0
	True  Truth = 1
)

// String returns "false", "maybe" or "true".
func (t Truth) String() string {
	switch t {
	case False:
		return "false"
	case True:
		return "true"
	}
	return "maybe"
}

// Within reports whether the period d lies inside [from, to], where a zero
// from or to is open. Partial dates count as the whole period they name:
// the answer is True only when every day of d is inside, False when none
// is, and Maybe otherwise.
func (d Date) Within(from, to Date) Truth {
	if d.IsZero() {
		return Maybe
	}
	lo, hi := d.First().days(), d.Last().days()
	// Earliest and latest possible start and end of the interval.
	startEarly, startLate := 0, 0
	if !from.IsZero() {
		startEarly, startLate = from.First().days(), from.Last().days()
	}
	endEarly, endLate := 99999999, 99999999
	if !to.IsZero() {
		endEarly, endLate = to.First().days(), to.Last().days()
	}
	if hi < startEarly || lo > endLate {
		return False
	}
	if lo >= startLate && hi <= endEarly {
		return True
	}
	return Maybe
}

// Compare orders dates by their first day, then by precision (less
// precise first). It returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	a, b := d.First().days(), e.First().days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	pa, pb := d.Precision(), e.Precision()
	switch {
	case pa < pb:
		return -1
	case pa > pb:
		return 1
	}
	return 0
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
