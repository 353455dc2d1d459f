package timex

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The calendar reckons in day numbers; these are the time.Time versions
// it replaced, which the tests hold it to.

func refCivil(y, m, d int) time.Time {
	return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
}

func refDays(t time.Time) int { return int((t.Unix() - 12*3600) / 86400) } // t is at noon

func refDaysIn(y, m int) int { return refCivil(y, m+1, 0).Day() }

func refIsoWeekday(t time.Time) int { return int(t.Weekday()+6)%7 + 1 }

func refDayPoint(t time.Time) point {
	return point{g: gDay, year: t.Year(), month: int(t.Month()), day: t.Day()}
}

func refTime(p point) time.Time { return refCivil(p.year, max(p.month, 1), max(p.day, 1)) }

// refInferYear is inferYear on time.Time, the tense given.
func refInferYear(dctDay point, tense tenseOf, bounds func(y int) (time.Time, time.Time)) int {
	dct := refTime(dctDay)
	best, bestD := 0, time.Duration(1<<62)
	for _, y := range []int{dctDay.year, dctDay.year - 1, dctDay.year + 1} {
		first, last := bounds(y)
		penalty := 120*24*time.Hour + last.Sub(first)
		var d time.Duration
		switch {
		case first.After(dct):
			d = first.Sub(dct)
			if tense == tensePast {
				d += penalty
			}
		case last.Before(dct):
			d = dct.Sub(last)
			if tense == tenseFuture {
				d += penalty
			}
		}
		if d < bestD {
			best, bestD = y, d
		}
	}
	return best
}

func refMonthBounds(m, d int) func(int) (time.Time, time.Time) {
	return func(y int) (time.Time, time.Time) {
		if d > 0 {
			t := refCivil(y, m, d)
			return t, t
		}
		return refCivil(y, m, 1), refCivil(y, m, refDaysIn(y, m))
	}
}

func refSpanBounds(firstMonth, months int) func(int) (time.Time, time.Time) {
	return func(y int) (time.Time, time.Time) {
		return refCivil(y, firstMonth, 1), refCivil(y, firstMonth+months, 0)
	}
}

// refWeekdayNear is resolver.weekdayNear on time.Time.
func refWeekdayNear(from point, wd, dir int, incl bool) point {
	t := refTime(from)
	cur := refIsoWeekday(t)
	var delta int
	if dir < 0 {
		delta = -((cur - wd + 7) % 7)
		if delta == 0 && !incl {
			delta = -7
		}
	} else {
		delta = (wd - cur + 7) % 7
		if delta == 0 && !incl {
			delta = 7
		}
	}
	p := refDayPoint(t.AddDate(0, 0, delta))
	p.part = from.part
	return p
}

// checkDate compares the calendar's functions with time.Time's at y, m,
// d (month and day may be out of range: both normalise them).
func checkDate(t *testing.T, y, m, d int) {
	t.Helper()
	rt := refCivil(y, m, d)
	n := civil(y, m, d)
	if want := refDays(rt); n != want {
		t.Fatalf("civil(%d, %d, %d) = %d, want %d", y, m, d, n, want)
	}
	if gy, gm, gd := fromDays(n); gy != rt.Year() || gm != int(rt.Month()) || gd != rt.Day() {
		t.Fatalf("fromDays(%d) = %d-%d-%d, want %v", n, gy, gm, gd, rt)
	}
	if got, want := daysIn(y, m), refDaysIn(y, m); got != want {
		t.Fatalf("daysIn(%d, %d) = %d, want %d", y, m, got, want)
	}
	if got, want := isoWeekday(n), refIsoWeekday(rt); got != want {
		t.Fatalf("isoWeekday(%v) = %d, want %d", rt, got, want)
	}
	gy, gw := isoWeek(n)
	if wy, ww := rt.ISOWeek(); gy != wy || gw != ww {
		t.Fatalf("isoWeek(%v) = %d-W%d, want %d-W%d", rt, gy, gw, wy, ww)
	}
	p := point{g: gDay, year: y, month: m, day: d}
	if got, want := p.days(), refDays(refTime(p)); got != want {
		t.Fatalf("%+v.days() = %d, want %d", p, got, want)
	}
}

// TestCalendarAsTime holds the day-number calendar to time.Time over
// four centuries and more, months and days out of range included.
func TestCalendarAsTime(t *testing.T) {
	for y := 1799; y <= 2201; y++ {
		for m := -1; m <= 14; m++ {
			for d := -1; d <= 33; d++ {
				checkDate(t, y, m, d)
			}
		}
	}
	for _, y := range []int{-1000, -401, -400, -1, 0, 1, 399, 400, 401, 1600, 9999, 123456} {
		for m := 0; m <= 13; m++ {
			checkDate(t, y, m, 15)
			checkDate(t, y, m, 0)
		}
	}
}

// TestInferYearAsTime holds inferYear on day numbers to the time.Time
// version for every document date of four years, every tense, and the
// periods of months, days, quarters, halves and seasons.
func TestInferYearAsTime(t *testing.T) {
	type period struct {
		name string
		b    func(int) (int, int)
		ref  func(int) (time.Time, time.Time)
	}
	var periods []period
	for m := 1; m <= 12; m++ {
		periods = append(periods, period{"month", monthBounds(m, 0), refMonthBounds(m, 0)})
		for _, d := range []int{1, 15, 28, 29, 31} {
			if d <= daysIn(2000, m) {
				periods = append(periods, period{"day", monthBounds(m, d), refMonthBounds(m, d)})
			}
		}
	}
	for _, s := range [][2]int{{1, 3}, {4, 3}, {7, 3}, {10, 3}, {1, 6}, {7, 6}, {3, 3}, {6, 3}, {9, 3}, {12, 3}} {
		periods = append(periods, period{"span", spanBounds(s[0], s[1]), refSpanBounds(s[0], s[1])})
	}
	for n := civil(2023, 1, 1); n <= civil(2027, 1, 1); n++ {
		day := dayPoint(n)
		for _, tense := range []tenseOf{tenseNone, tensePast, tenseFuture, tenseScheduled} {
			c := &ctx{r: &resolver{hasDCT: true, dctDay: day}, tense: tense, tdone: true}
			for _, p := range periods {
				got, _ := c.inferYear(p.b)
				if want := refInferYear(day, tense, p.ref); got != want {
					t.Fatalf("inferYear at %v, tense %d, %s: %d, want %d", day, tense, p.name, got, want)
				}
			}
		}
	}
}

// TestWeekdayNearAsTime holds weekdayNear to the time.Time version.
func TestWeekdayNearAsTime(t *testing.T) {
	r := &resolver{}
	for n := civil(1999, 12, 1); n <= civil(2001, 3, 1); n++ {
		from := dayPoint(n)
		from.part = "MO"
		for wd := 1; wd <= 7; wd++ {
			for _, dir := range []int{-1, 1} {
				for _, incl := range []bool{false, true} {
					if got, want := r.weekdayNear(from, wd, dir, incl), refWeekdayNear(from, wd, dir, incl); got != want {
						t.Fatalf("weekdayNear(%v, %d, %d, %v) = %v, want %v", from, wd, dir, incl, got, want)
					}
				}
			}
		}
	}
}

// FuzzCalendarAsTime holds the calendar to time.Time at any date of
// years time.Time reckons exactly.
func FuzzCalendarAsTime(f *testing.F) {
	f.Add(2024, 2, 29)
	f.Add(-1, 13, 0)
	f.Add(1900, 3, -40)
	f.Fuzz(func(t *testing.T, y, m, d int) {
		if y < -1e6 || y > 1e6 || m < -1e4 || m > 1e4 || d < -1e6 || d > 1e6 {
			return
		}
		checkDate(t, y, m, d)
	})
}

// refPad is pad as it was, through strconv alone.
func refPad(b []byte, n, width int) []byte {
	for d, w := 10, 1; w < width; d, w = d*10, w+1 {
		if n < d {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// refDurationValue is durationValue as it was, through strings.Builder
// and fmt.
func refDurationValue(n int, unit string, half bool) string {
	var b strings.Builder
	b.WriteByte('P')
	count := "X"
	if n >= 0 {
		count = strconv.Itoa(n)
	}
	switch unit {
	case "H", "MI", "S":
		b.WriteByte('T')
	}
	switch unit {
	case "DE":
		if n >= 0 {
			count, unit = strconv.Itoa(10*n), "Y"
			if half {
				count, half = strconv.Itoa(10*n+5), false
			}
		}
	case "CE":
		if n >= 0 {
			count, unit = strconv.Itoa(100*n), "Y"
			if half {
				count, half = strconv.Itoa(100*n+50), false
			}
		}
	}
	code := unit
	switch unit {
	case "MI":
		code = "M"
	case "S", "H", "D", "W", "M", "Q", "Y", "DE", "CE":
	default:
		code = ""
	}
	if !half || n < 0 {
		b.WriteString(count + code)
		return b.String()
	}
	switch unit {
	case "Y":
		fmt.Fprintf(&b, "%dY6M", n)
	case "D":
		fmt.Fprintf(&b, "%dDT12H", n)
	case "H":
		fmt.Fprintf(&b, "%dH30M", n)
	case "MI":
		fmt.Fprintf(&b, "%dM30S", n)
	default:
		fmt.Fprintf(&b, "%d.5%s", n, code)
	}
	return b.String()
}

// TestFormatAsBefore holds pad and durationValue to the versions they
// replaced.
func TestFormatAsBefore(t *testing.T) {
	for n := -1100; n <= 20000; n++ {
		for width := 0; width <= 5; width++ {
			if got, want := string(pad([]byte("x"), n, width)), string(refPad([]byte("x"), n, width)); got != want {
				t.Fatalf("pad(%d, %d) = %q, want %q", n, width, got, want)
			}
		}
	}
	for _, n := range []int{-5, -1, 0, 1, 2, 9, 10, 11, 99, 100, 1234, 1 << 40} {
		for _, unit := range []string{"", "S", "MI", "H", "D", "W", "M", "Q", "Y", "DE", "CE", "XX"} {
			for _, half := range []bool{false, true} {
				if got, want := durationValue(n, unit, half), refDurationValue(n, unit, half); got != want {
					t.Fatalf("durationValue(%d, %q, %v) = %q, want %q", n, unit, half, got, want)
				}
			}
		}
	}
}
