package timex

import (
	"strconv"
	"strings"
)

// gran is the granularity of a point in time, from coarse to fine.
type gran int8

const (
	gNone gran = iota
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gWeekend
	gDay
	gPart   // a part of a day: morning, night
	gMinute // a clock time
)

// point is a resolved (or partly resolved) date or time. year 0 is an
// unknown year (XXXX); month and day 0 are unknown too.
type point struct {
	g       gran
	year    int
	month   int
	day     int
	quarter int
	half    int
	season  string
	part    string
	hour    int
	minute  int
	decade  int  // 199 for the 1990s
	century int  // 19 for the 20th century
	weekday int  // 1-7, for a weekday whose date is unknown
	noDate  bool // a clock time whose day is unknown
}

// unitGran maps unit codes to the granularity of a point they name.
func unitGran(u string) gran {
	switch u {
	case "D":
		return gDay
	case "W":
		return gWeek
	case "M":
		return gMonth
	case "Q":
		return gQuarter
	case "Y":
		return gYear
	case "DE":
		return gDecade
	case "CE":
		return gCentury
	case "H", "MI", "S":
		return gMinute
	}
	return gNone
}

// Dates are reckoned in day numbers: days since 1970-01-01 in the
// proleptic Gregorian calendar, as time.Time reckons them. Resolving an
// expression compares and moves dates several times, and time.Date cost
// a hundred times the integer arithmetic below. calendar_test.go holds
// each function to time.Time over four centuries and by a fuzz target.

// civil returns the day number of year y, month m, day d, normalising
// as time.Date does: month 13 is January of the next year, day 0 the
// last day of the month before.
func civil(y, m, d int) int {
	m--
	y += floorDiv(m, 12)
	m -= 12 * floorDiv(m, 12)
	m++
	// Howard Hinnant's days_from_civil: the year begins in March, so that
	// a leap day is the year's last.
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := m - 3
	if m <= 2 {
		mp = m + 9
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays returns the year, month and day of day number n (civil's
// inverse; Hinnant's civil_from_days).
func fromDays(n int) (y, m, d int) {
	n += 719468
	era := floorDiv(n, 146097)
	doe := n - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// floorDiv is a / b rounded down, for b > 0.
func floorDiv(a, b int) int {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// daysIn is the number of days of month m of year y (m normalised as
// civil does).
func daysIn(y, m int) int {
	if m < 1 || m > 12 {
		m--
		y += floorDiv(m, 12)
		m -= 12*floorDiv(m, 12) - 1
	}
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// dayPoint is day number n as a point of granularity gDay.
func dayPoint(n int) point {
	y, m, d := fromDays(n)
	return point{g: gDay, year: y, month: m, day: d}
}

// days is p's day number, its first month and day standing for unknown
// ones.
func (p point) days() int {
	return civil(p.year, max(p.month, 1), max(p.day, 1))
}

// isoWeekday is day number n's weekday, 1 (Monday) to 7 (Sunday): day 0
// was a Thursday.
func isoWeekday(n int) int { return n + 3 - 7*floorDiv(n+3, 7) + 1 }

// isoWeek returns the ISO 8601 year and week of day number n: the week's
// Thursday decides its year.
func isoWeek(n int) (year, week int) {
	thu := n - isoWeekday(n) + 4
	year, _, _ = fromDays(thu)
	return year, (thu-civil(year, 1, 1))/7 + 1
}

// at coarsens a day-precise point to granularity g. The day is kept for
// weeks and weekends, whose ISO week is computed when formatted; coarser
// periods keep their first month so that they can still be shifted.
func (p point) at(g gran) point {
	out := point{g: g, year: p.year}
	switch g {
	case gCentury:
		out.century = p.year / 100
	case gDecade:
		out.decade = p.year / 10
	case gHalf:
		out.half = (p.month-1)/6 + 1
		out.month = (out.half-1)*6 + 1
	case gQuarter:
		out.quarter = (p.month-1)/3 + 1
		out.month = (out.quarter-1)*3 + 1
	case gSeason:
		out.season = seasonOf(p.month)
		out.month = seasonStart(out.season)
		if p.month <= 2 {
			out.year--
		}
	case gMonth:
		out.month = p.month
	default:
		out = p
		out.g = g
	}
	return out
}

func seasonOf(m int) string {
	switch {
	case m >= 3 && m <= 5:
		return "SP"
	case m >= 6 && m <= 8:
		return "SU"
	case m >= 9 && m <= 11:
		return "FA"
	}
	return "WI"
}

// seasonStart is the first month of a season.
func seasonStart(s string) int {
	switch s {
	case "SP":
		return 3
	case "SU":
		return 6
	case "FA":
		return 9
	}
	return 12
}

// shift moves p by n units, keeping its granularity: "a year earlier"
// than 1989-Q3 is 1988-Q3.
func (p point) shift(n int, unit string) point {
	switch unit {
	case "Y":
		p.year += n
		if p.day > 0 && p.month > 0 {
			p.day = min(p.day, daysIn(p.year, p.month))
		}
	case "DE":
		p.year += 10 * n
		p.decade += n
	case "CE":
		p.year += 100 * n
		p.century += n
	case "Q":
		p = p.addMonths(3 * n)
	case "M":
		p = p.addMonths(n)
	case "W":
		p = p.addDays(7 * n)
	case "D":
		p = p.addDays(n)
	}
	return p
}

func (p point) addDays(n int) point {
	p.year, p.month, p.day = fromDays(p.days() + n)
	return p
}

func (p point) addMonths(n int) point {
	m := p.year*12 + max(p.month, 1) - 1 + n
	p.year, p.month = m/12, m%12+1
	if p.day > 0 {
		p.day = min(p.day, daysIn(p.year, p.month))
	}
	p.quarter = (p.month-1)/3 + 1
	p.half = (p.month-1)/6 + 1
	return p
}

// String formats p as a TIMEX3 value.
func (p point) String() string {
	return string(p.append(make([]byte, 0, 24)))
}

// pad appends n in at least width digits. The years, months, days and
// hours of values, below 10,000 and at most four digits wide, are
// written directly; strconv had cost as much as the rest of the value.
func pad(b []byte, n, width int) []byte {
	if n < 0 || n >= 10000 || width > 4 {
		for d, w := 10, 1; w < width; d, w = d*10, w+1 {
			if n < d {
				b = append(b, '0')
			}
		}
		return strconv.AppendInt(b, int64(n), 10)
	}
	w := 1
	switch {
	case n >= 1000:
		w = 4
	case n >= 100:
		w = 3
	case n >= 10:
		w = 2
	}
	digits := [4]byte{byte('0' + n/1000), byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)}
	return append(b, digits[4-max(w, width):]...)
}

func (p point) appendYear(b []byte) []byte {
	if p.year > 0 {
		return pad(b, p.year, 4)
	}
	return append(b, "XXXX"...)
}

func two(b []byte, n int) []byte {
	if n <= 0 {
		return append(b, "XX"...)
	}
	return pad(b, n, 2)
}

func (p point) appendDay(b []byte) []byte {
	if p.weekday > 0 && p.day == 0 {
		return strconv.AppendInt(append(b, "XXXX-WXX-"...), int64(p.weekday), 10)
	}
	b = append(p.appendYear(b), '-')
	b = append(two(b, p.month), '-')
	return two(b, p.day)
}

func (p point) append(b []byte) []byte {
	switch p.g {
	case gCentury:
		return pad(b, p.century, 2)
	case gDecade:
		return pad(b, p.decade, 3)
	case gYear:
		return p.appendYear(b)
	case gHalf:
		return strconv.AppendInt(append(p.appendYear(b), "-H"...), int64(p.half), 10)
	case gQuarter:
		b = append(p.appendYear(b), "-Q"...)
		if p.quarter == 0 {
			return append(b, 'X')
		}
		return strconv.AppendInt(b, int64(p.quarter), 10)
	case gSeason:
		return append(append(p.appendYear(b), '-'), p.season...)
	case gMonth:
		return two(append(p.appendYear(b), '-'), p.month)
	case gWeek, gWeekend:
		if p.year > 0 && p.day > 0 {
			iy, iw := isoWeek(p.days())
			b = pad(append(pad(b, iy, 4), "-W"...), iw, 2)
		} else {
			b = append(p.appendYear(b), "-WXX"...)
		}
		if p.g == gWeekend {
			b = append(b, "-WE"...)
		}
		return b
	case gDay:
		return p.appendDay(b)
	case gPart:
		return append(append(p.appendDay(b), 'T'), p.part...)
	case gMinute:
		if !p.noDate {
			b = p.appendDay(b)
		}
		b = pad(append(b, 'T'), p.hour, 2)
		return pad(append(b, ':'), p.minute, 2)
	}
	return b
}

// durationValue formats a TIMEX3 duration: n units, n < 0 for an unknown
// count ("several years": PXY); half adds half a unit ("two and a half
// years": P2Y6M).
func durationValue(n int, unit string, half bool) string {
	b := append(make([]byte, 0, 24), 'P')
	switch unit {
	case "H", "MI", "S":
		b = append(b, 'T')
	}
	if n >= 0 {
		switch unit {
		case "DE":
			n, unit = 10*n, "Y"
			if half {
				n, half = n+5, false
			}
		case "CE":
			n, unit = 100*n, "Y"
			if half {
				n, half = n+50, false
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
	if n < 0 {
		b = append(b, 'X')
	} else {
		b = strconv.AppendInt(b, int64(n), 10)
	}
	if !half || n < 0 {
		return string(append(b, code...))
	}
	switch unit {
	case "Y":
		b = append(b, "Y6M"...)
	case "D":
		b = append(b, "DT12H"...)
	case "H":
		b = append(b, "H30M"...)
	case "MI":
		b = append(b, "M30S"...)
	default:
		b = append(append(b, ".5"...), code...)
	}
	return string(b)
}

// nthWeekday returns the day of month of the n-th weekday wd (1 Monday) of
// a month; n < 0 counts from the end.
func nthWeekday(y, m, n, wd int) int {
	if n > 0 {
		first := isoWeekday(civil(y, m, 1))
		return 1 + (wd-first+7)%7 + 7*(n-1)
	}
	last := daysIn(y, m)
	lw := isoWeekday(civil(y, m, last))
	return last - (lw-wd+7)%7
}

// easter returns the month and day of Western Easter Sunday (the
// anonymous Gregorian algorithm).
func easter(y int) (int, int) {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return month, day
}

// holidayDate returns the month and day of a holiday in year y from its
// data value: "12-25", "11-4D4" (fourth Thursday), "05-lD1" (last
// Monday), "EASTER".
func holidayDate(v string, y int) (int, int, bool) {
	if v == "EASTER" {
		m, d := easter(y)
		return m, d, true
	}
	ms, ds, ok := strings.Cut(v, "-")
	if !ok {
		return 0, 0, false
	}
	m, ok := digits(ms)
	if !ok || m < 1 || m > 12 {
		return 0, 0, false
	}
	if d, ok := digits(ds); ok {
		return m, d, d >= 1 && d <= 31
	}
	if len(ds) == 3 && ds[1] == 'D' {
		wd := int(ds[2] - '0')
		if wd < 1 || wd > 7 {
			return 0, 0, false
		}
		switch {
		case ds[0] == 'l':
			return m, nthWeekday(y, m, -1, wd), true
		case ds[0] >= '1' && ds[0] <= '5':
			return m, nthWeekday(y, m, int(ds[0]-'0'), wd), true
		}
	}
	return 0, 0, false
}
