package timex

import (
	"strconv"

	"github.com/newsann/newsann/lexicon"
)

// valueFunc computes a match's value from its slots. The rules name these
// functions in data; the set is closed because each encodes calendar
// arithmetic that data cannot.
type valueFunc struct {
	name  string
	arity int
	fn    func(c *ctx, args []arg) result
}

// result is a computed value: a point, or a literal value (durations,
// sets, REFs). ok false drops the match (an impossible date).
type result struct {
	p         point
	lit       string
	anchor    string
	ambiguous bool
	zone      string
	ok        bool
	// compare marks a comparison back in time ("a year earlier"): it
	// does not move the text's anchor, so that a second comparison is
	// read against the same period.
	compare bool
}

func lit(s string) result              { return result{lit: s, ok: true} }
func at(p point, anchor string) result { return result{p: p, anchor: anchor, ok: true} }

var valueFuncs map[string]*valueFunc

func init() {
	fs := []*valueFunc{
		{"abs", 0, fnAbs},
		{"absat", 1, fnAbsAt},
		{"absy", 1, fnAbsYear},
		{"named", 1, fnNamed},
		{"textnamed", 1, fnTextNamed},
		{"rel", 2, fnRel},
		{"ago", 2, fnAgo},
		{"textrel", 2, fnTextRel},
		{"textunit", 2, fnTextUnit},
		{"textperiod", 3, fnTextPeriod},
		{"dur", 2, fnDur},
		{"setdur", 2, fnSetDur},
		{"freq", 0, fnFreq},
		{"each", 0, fnEach},
		{"period", 1, fnPeriod},
		{"latest", 1, fnLatest},
		{"yearperiod", 1, fnYearPeriod},
		{"weekend", 1, fnWeekend},
		{"tod", 1, fnTimeOfDay},
		{"time", 0, fnTime},
		{"numdate", 2, fnNumDate},
		{"none", 0, fnNone},
	}
	valueFuncs = make(map[string]*valueFunc, len(fs))
	for _, f := range fs {
		valueFuncs[f.name] = f
	}
}

// resolver walks the matches in order, keeping the document date and the
// last resolved date of the text, against which "the day before" and "a
// year earlier" are read.
type resolver struct {
	st         *state
	dct        lexicon.Date
	dctDay     point // the document date as a day (its first day when partial)
	hasDCT     bool
	anchor     point // the last resolved date in the text; g == gNone when none
	anchorSent int32
}

// anchorRec is a date of the text that became the anchor, with where it
// was named.
type anchorRec struct {
	p           point
	sent        int32
	first, last int
}

// setAnchor makes p, named at tokens [first, last), the date later
// relative expressions are read against.
func (r *resolver) setAnchor(p point, first, last int) {
	sent := r.st.sent[first]
	r.anchor, r.anchorSent = p, sent
	r.st.anchors = append(r.st.anchors, anchorRec{p, sent, first, last})
}

// backAnchor is the anchor a comparison back in time reads against: the
// text's last date, unless that lies after the document date; then the
// last date before it that began by the document date and was not named
// in a sentence about the future ("expects a loss in 1990 ... in the
// year-ago period" compares with the period reported, not with the one
// forecast). Tenses are read only here, when a comparison needs them.
func (r *resolver) backAnchor() (point, int32) {
	if !r.hasDCT || r.anchor.g == gNone || r.anchor.days() <= r.dctDay.days() {
		return r.anchor, r.anchorSent
	}
	dct := r.dctDay.days()
	as := r.st.anchors
	for k := len(as) - 1; k >= 0; k-- {
		a := &as[k]
		if a.p.days() <= dct && r.st.tenseAt(a.first, a.last) != tenseFuture {
			return a.p, a.sent
		}
	}
	return r.anchor, r.anchorSent
}

// ctx is one match being resolved.
type ctx struct {
	r     *resolver
	m     *match
	s     *slots
	tense tenseOf
	tdone bool
}

func (c *ctx) int(a arg) int {
	if a.slot == noSlot {
		return a.n
	}
	v := c.s.num(a.slot)
	if a.neg && v >= 0 {
		return -v
	}
	return v
}

// known reports whether an argument is a number, not an unknown count
// ("several").
func (c *ctx) known(a arg) bool { return a.slot == noSlot || c.s.num(a.slot) >= 0 }

func (c *ctx) code(a arg) string {
	if a.slot == noSlot {
		return a.s
	}
	return c.str(a.slot)
}

// str returns the text bound to a slot, "" when unbound.
func (c *ctx) str(id slotID) string {
	if !c.s.ok(id) {
		return ""
	}
	return c.r.st.t.strs[c.s.v[id].s]
}

// getTense reports the tense of the match's sentence, computed once.
func (c *ctx) getTense() tenseOf {
	if !c.tdone {
		c.tense = c.r.st.tenseAt(c.m.first, c.m.last)
		c.tdone = true
	}
	return c.tense
}

func (st *state) resolve(dct lexicon.Date) []Expr {
	st.mergeTimes()
	r := &st.res
	*r = resolver{st: st, dct: dct, hasDCT: !dct.IsZero()}
	st.anchors = st.anchors[:0]
	if r.hasDCT {
		f := dct.First()
		r.dctDay = point{g: gDay, year: f.Year, month: f.Month, day: f.Day}
	}
	out := make([]Expr, 0, len(st.found))
	c := &st.ctx // one for all matches: the value functions keep none
	for k := range st.found {
		m := &st.found[k]
		*c = ctx{r: r, m: m, s: &m.slots}
		var res result
		ruleID, ruleIndex := m.rule.id, m.rule.index
		switch {
		case m.synthetic == "range":
			res = r.rangeEnd(m)
			ruleID, ruleIndex = "range", len(st.t.rules)
		case m.rule.fn != nil:
			res = m.rule.fn.fn(c, m.rule.args)
		default:
			res = lit(m.rule.literal)
		}
		if !res.ok {
			continue
		}
		e := Expr{
			Start:     st.toks[m.first].Start,
			End:       st.toks[m.last-1].End,
			Type:      m.rule.typ,
			Mod:       m.mod,
			Anchor:    res.anchor,
			Ambiguous: res.ambiguous,
			Zone:      res.zone,
			Rule:      ruleID,
			RuleIndex: ruleIndex,
		}
		if e.Mod == "" {
			e.Mod = m.rule.mod
		}
		if res.lit != "" {
			e.Value = res.lit
		} else {
			e.Value = res.p.String()
			if (e.Type == Date || e.Type == Time) && res.p.year > 0 && res.p.g >= gYear && !res.ambiguous && !res.compare && !r.boundsPeriod(m.first) {
				r.setAnchor(res.p, m.first, m.last)
			}
		}
		if e.Value == "" {
			continue
		}
		out = append(out, e)
	}
	return out
}

// mergeTimes joins a clock time and the day that names it, when nothing
// but a comma or "on" stands between them: "10 p.m. Wednesday", "5 p.m.
// EST, Nov. 6", "Friday 10:30 GMT".
func (st *state) mergeTimes() {
	isTime := func(x *match) bool { return x.rule.fn != nil && x.rule.fn.name == "time" }
	isDay := func(x *match) bool {
		return x.rule.typ == Date && x.rule.fn != nil && (x.s().ok(slotDay) || x.s().ok(slotWeekday) || x.rule.fn.name == "rel" && x.rule.args[1].s == "D")
	}
	// The matches are merged in place: most are kept as they are, and a
	// match is some 250 bytes to copy.
	out := 0
	for k := 0; k < len(st.found); k++ {
		m := &st.found[k]
		if k+1 < len(st.found) && m.synthetic == "" && st.found[k+1].synthetic == "" {
			n := &st.found[k+1]
			switch {
			case isTime(m) && isDay(n) && st.gapOK(m.last, n.first, "on"):
				d := *n
				m.last = n.last
				m.date = &d
				k++
			case isDay(m) && isTime(n) && st.gapOK(m.last, n.first, ""):
				d := *m
				*m = *n
				m.first = d.first
				m.mod = d.mod
				m.date = &d
				k++
			}
		}
		if m != &st.found[out] {
			st.found[out] = *m
		}
		out++
	}
	st.found = st.found[:out]
}

// s returns the match's slots.
func (m *match) s() *slots { return &m.slots }

// gapOK reports whether tokens [from, to) are at most a comma and the
// word extra, in one sentence.
func (st *state) gapOK(from, to int, extra string) bool {
	if to-from > 2 || to > len(st.toks) || from > 0 && st.sent[from-1] != st.sent[to-1] {
		return false
	}
	for i := from; i < to; i++ {
		id := st.id(i)
		if id < 0 {
			return false
		}
		if w := st.t.words[id]; w != "," && (extra == "" || w != extra) {
			return false
		}
	}
	return true
}

// rangeEnd completes the second part of a range from the first: "5" in
// "March 3-5" is March 5 of the same year.
func (r *resolver) rangeEnd(m *match) result {
	a := r.anchor
	if a.g == gNone {
		return result{}
	}
	if d := m.slots.num(slotDay); d > 0 {
		if a.g != gDay || d > daysIn(a.year, a.month) {
			return result{}
		}
		a.day = d
		return at(a, AnchorText)
	}
	if y := m.slots.num(slotYear); y > 0 && a.g == gYear {
		return at(point{g: gYear, year: y}, "")
	}
	return result{}
}

// unresolved is a value at granularity g with nothing known: the value of
// a relative expression in a document without a date.
func (r *resolver) unresolved(g gran) result {
	return result{p: point{g: g}, ok: true}
}

// inferYear picks the year of a period given without one ("March 3", "the
// fourth quarter"): of the document's year and the years either side, the
// one that puts the period nearest the document date, where a period on
// the wrong side for the sentence's tense (after the document date in a
// past-tense sentence) counts as further by four months and the
// period's length. bounds returns the
// period's first and last day in a year, as day numbers. The tense is
// read only when it decides the year: most periods are nearest in the
// same year whatever the tense.
func (c *ctx) inferYear(bounds func(y int) (int, int)) (int, string) {
	r := c.r
	if !r.hasDCT {
		if r.anchor.g != gNone && r.anchor.year > 0 {
			return r.anchor.year, AnchorText
		}
		return 0, ""
	}
	dct := r.dctDay.days()
	years := [3]int{r.dctDay.year, r.dctDay.year - 1, r.dctDay.year + 1}
	// For each year: the distance of its period from the document date,
	// the tense in which that side is the wrong one, and the penalty.
	var dist, penalty [3]int
	var wrong [3]tenseOf
	for k, y := range years {
		first, last := bounds(y)
		switch {
		case first > dct:
			dist[k], wrong[k] = first-dct, tensePast
		case last < dct:
			dist[k], wrong[k] = dct-last, tenseFuture
		}
		penalty[k] = 120 + last - first
	}
	nearest := func(tense tenseOf) int {
		best, bestD := 0, 1<<62
		for k, d := range dist {
			if wrong[k] == tense && tense != tenseNone {
				d += penalty[k]
			}
			if d < bestD {
				best, bestD = years[k], d
			}
		}
		return best
	}
	best := nearest(tenseNone)
	if nearest(tensePast) != best || nearest(tenseFuture) != best {
		best = nearest(c.getTense())
	}
	return best, AnchorDocument
}

func monthBounds(m, d int) func(int) (int, int) {
	return func(y int) (int, int) {
		if d > 0 {
			t := civil(y, m, d)
			return t, t
		}
		return civil(y, m, 1), civil(y, m, daysIn(y, m))
	}
}

func spanBounds(firstMonth, months int) func(int) (int, int) {
	return func(y int) (int, int) {
		return civil(y, firstMonth, 1), civil(y, firstMonth+months, 0)
	}
}

// fnAbs builds a date from the slots the pattern bound, inferring what the
// text leaves out (the year of "March 3", the date of "Friday").
func fnAbs(c *ctx, _ []arg) result {
	s := c.s
	var p point
	anchor := ""
	year := s.num(slotYear)
	needYear := func(b func(int) (int, int)) {
		if year < 0 {
			year, anchor = c.inferYear(b)
		}
		p.year = max(year, 0)
	}
	switch {
	case s.ok(slotDecade):
		p = point{g: gDecade, decade: s.num(slotDecade)}
	case s.ok(slotCentury):
		n := s.num(slotCentury)
		if n < 1 || n > 30 {
			return result{}
		}
		p = point{g: gCentury, century: n - 1}
	case s.ok(slotHoliday):
		v := c.str(slotHoliday)
		needYear(func(y int) (int, int) {
			m, d, _ := holidayDate(v, y)
			return civil(y, m, d), civil(y, m, d)
		})
		if p.year == 0 {
			if m, d, ok := holidayDate(v, 2001); ok && len(v) == 5 && isDigit(v[3]) {
				p = point{g: gDay, month: m, day: d}
				break
			}
			return result{p: point{g: gDay}, ok: true}
		}
		m, d, ok := holidayDate(v, p.year)
		if !ok {
			return result{}
		}
		p.g, p.month, p.day = gDay, m, d
	case s.ok(slotQuarter):
		q := s.num(slotQuarter)
		p.g, p.quarter, p.month = gQuarter, q, (q-1)*3+1
		needYear(spanBounds(p.month, 3))
	case s.ok(slotHalf):
		h := s.num(slotHalf)
		p.g, p.half, p.month = gHalf, h, (h-1)*6+1
		needYear(spanBounds(p.month, 6))
	case s.ok(slotSeason):
		p.g, p.season = gSeason, c.str(slotSeason)
		p.month = seasonStart(p.season)
		needYear(spanBounds(p.month, 3))
	case s.ok(slotMonth):
		m, d := s.num(slotMonth), s.num(slotDay)
		if d > 0 {
			if d > daysIn(max(year, 2000), m) {
				return result{}
			}
			p.g, p.month, p.day = gDay, m, d
		} else {
			p.g, p.month = gMonth, m
		}
		needYear(monthBounds(m, max(d, 0)))
		if d > 0 && p.year > 0 && d > daysIn(p.year, m) {
			return result{}
		}
	case s.ok(slotWeekday):
		wd := s.num(slotWeekday)
		if !c.r.hasDCT {
			p = point{g: gDay, weekday: wd}
			break
		}
		dir := -1
		if c.getTense() == tenseFuture {
			dir = 1
		}
		p = c.r.weekdayNear(c.r.dctDay, wd, dir, true)
		anchor = AnchorDocument
	case s.ok(slotYear):
		p = point{g: gYear, year: year}
	default:
		return result{}
	}
	if s.ok(slotPart) && p.g == gDay {
		p.g, p.part = gPart, c.str(slotPart)
	}
	return at(p, anchor)
}

// fnAbsAt is abs at a coarser granularity: "the week of March 6" is
// March 6's week.
func fnAbsAt(c *ctx, args []arg) result {
	res := fnAbs(c, nil)
	if g := unitGran(c.code(args[0])); res.ok && res.p.g > g && res.p.year > 0 {
		res.p = res.p.at(g)
	}
	return res
}

// weekdayNear returns the day with weekday wd nearest to from in
// direction dir (-1 before, +1 after); incl allows from itself.
func (r *resolver) weekdayNear(from point, wd, dir int, incl bool) point {
	t := from.days()
	cur := isoWeekday(t)
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
	p := dayPoint(t + delta)
	p.part = from.part
	return p
}

// fnAbsYear is abs with the year given relative to the document's: "July
// last year" is absy(-1).
func fnAbsYear(c *ctx, args []arg) result {
	if !c.r.hasDCT {
		c.s.set(slotYear, intVal(0))
		res := fnAbs(c, nil)
		res.anchor = ""
		return res
	}
	c.s.set(slotYear, intVal(c.r.dctDay.year+c.int(args[0])))
	res := fnAbs(c, nil)
	res.anchor = AnchorDocument
	return res
}

// fnNamed resolves "last November", "next Friday", "this summer": the
// named period before (-1), around (0) or after (+1) the document date.
func fnNamed(c *ctx, args []arg) result {
	return c.named(c.int(args[0]), c.r.dctDay, c.r.hasDCT, AnchorDocument)
}

// fnTextNamed is named relative to the last date in the text: "the
// previous Friday".
func fnTextNamed(c *ctx, args []arg) result {
	if a := c.r.anchor; a.g >= gDay {
		return c.named(c.int(args[0]), a, true, AnchorText)
	}
	return c.named(c.int(args[0]), c.r.dctDay, c.r.hasDCT, AnchorDocument)
}

// named is the period the slots name before (dir -1), around (0) or
// after (+1) from. Without from (ok false, only when the document has no
// date) it is the period with its year unknown, as abs gives it.
func (c *ctx) named(dir int, from point, ok bool, anchor string) result {
	s := c.s
	if !ok {
		c.s.has &^= 1 << slotYear
		return fnAbs(c, nil)
	}
	ft := from.days()
	switch {
	case s.ok(slotWeekday):
		wd := s.num(slotWeekday)
		if dir == 0 {
			// The day of that name in the same ISO week.
			p := dayPoint(ft + wd - isoWeekday(ft))
			return at(p, anchor)
		}
		return at(c.r.weekdayNear(from, wd, dir, false), anchor)
	case s.ok(slotMonth):
		m, d := s.num(slotMonth), s.num(slotDay)
		y := from.year
		if d > 0 {
			// "last Oct. 23": the latest Oct. 23 before the date.
			if d > 31 || d > daysIn(2000, m) {
				return result{}
			}
			md, fd := m*100+d, from.month*100+from.day
			switch {
			case dir < 0 && md >= fd:
				y--
			case dir > 0 && md <= fd:
				y++
			}
			if d > daysIn(y, m) {
				return result{}
			}
			return at(point{g: gDay, year: y, month: m, day: d}, anchor)
		}
		switch {
		case dir < 0 && m >= from.month:
			y--
		case dir > 0 && m <= from.month:
			y++
		}
		return at(point{g: gMonth, year: y, month: m}, anchor)
	case s.ok(slotSeason):
		se := c.str(slotSeason)
		cur := from.at(gSeason)
		p := point{g: gSeason, season: se, year: cur.year, month: seasonStart(se)}
		ord := func(q point) int { return q.year*12 + q.month }
		switch {
		case dir < 0 && ord(p) >= ord(cur):
			p.year--
		case dir > 0 && ord(p) <= ord(cur):
			p.year++
		}
		return at(p, anchor)
	case s.ok(slotHoliday):
		v := c.str(slotHoliday)
		y := from.year
		m, d, ok := holidayDate(v, y)
		if !ok {
			return result{}
		}
		h := civil(y, m, d)
		switch {
		case dir < 0 && h >= ft:
			y--
		case dir > 0 && h <= ft:
			y++
		}
		m, d, _ = holidayDate(v, y)
		return at(point{g: gDay, year: y, month: m, day: d}, anchor)
	}
	return result{}
}

// fnRel is the document date moved by n units, at the unit's granularity:
// "yesterday" rel(-1, D), "last month" rel(-1, M), "this week" rel(0, W).
func fnRel(c *ctx, args []arg) result {
	n, unit := c.int(args[0]), c.code(args[1])
	g := unitGran(unit)
	if g == gNone || g == gMinute {
		return result{}
	}
	if !c.r.hasDCT {
		return c.r.unresolved(g)
	}
	p := c.r.dctDay.shift(n, unit).at(g)
	if s := c.s; s.ok(slotPart) {
		p.g, p.part = gPart, c.str(slotPart)
	}
	return at(p, AnchorDocument)
}

// fnAgo is rel for "three days ago". A year ago, next to a fiscal quarter
// in the text, is that quarter a year before: "profit rose from a year
// ago" compares quarters.
func fnAgo(c *ctx, args []arg) result {
	n, unit := c.int(args[0]), c.code(args[1])
	if !c.known(args[0]) {
		return lit("PAST_REF")
	}
	g := unitGran(unit)
	switch g {
	case gMinute:
		g = gDay
	case gDecade, gCentury:
		// "a decade ago" is a year ten years back, not the decade.
		g = gYear
	}
	if res, ok := c.periodBack(n, unit); ok {
		return res
	}
	if !c.r.hasDCT {
		return c.r.unresolved(g)
	}
	res := at(c.r.dctDay.shift(-n, unit).at(g), AnchorDocument)
	// Years back are a comparison, as "a year earlier" is: a later
	// "compared with a year earlier" reads against the same period.
	res.compare = g <= gYear
	return res
}

// periodBack reads "a year ago" in a text about a quarter
// or a half ("profit rose to $5 million from $4 million a year ago") as
// that period n years before, when the period was named in the same
// sentence or the one before. The result is a comparison: it does not
// become the text's anchor.
func (c *ctx) periodBack(n int, unit string) (result, bool) {
	a, sent := c.r.backAnchor()
	if unit != "Y" || a.g != gQuarter && a.g != gHalf || c.r.st.sent[c.m.first]-sent > 1 {
		return result{}, false
	}
	res := at(a.shift(-n, unit), AnchorText)
	res.compare = true
	return res, true
}

// fnTextRel moves the last date of the text by n units: "the day
// before", "a week later", "a year earlier". With no such date (or one
// too coarse for the unit) the document date stands in.
func fnTextRel(c *ctx, args []arg) result {
	n, unit := c.int(args[0]), c.code(args[1])
	g := unitGran(unit)
	if g == gNone || g == gMinute {
		return result{}
	}
	if !c.known(args[0]) {
		return result{}
	}
	a := c.r.anchor
	if n < 0 && g <= gYear {
		a, _ = c.r.backAnchor()
	}
	if a.g >= g && a.g <= gDay && !(g == gWeek && a.g < gWeek) {
		res := at(a.shift(n, unit), AnchorText)
		res.compare = n < 0 && g <= gYear
		return res
	}
	if !c.r.hasDCT {
		return c.r.unresolved(g)
	}
	return at(c.r.dctDay.shift(n, unit).at(g), AnchorDocument)
}

// fnTextUnit is textrel at the unit's granularity: "the following year"
// after May 22, 1995 is 1996, "the next day" a day.
func fnTextUnit(c *ctx, args []arg) result {
	res := fnTextRel(c, args)
	if g := unitGran(c.code(args[1])); res.ok && res.p.g > g {
		res.p = res.p.at(g)
	}
	return res
}

// fnTextPeriod is textrel at granularity g when the anchor is finer: "the
// year-ago quarter" after Sept. 30, 1989 is 1988-Q3.
func fnTextPeriod(c *ctx, args []arg) result {
	res := fnTextRel(c, args[:2])
	if g := unitGran(c.code(args[2])); res.ok && res.p.g > g {
		res.p = res.p.at(g)
	}
	return res
}

func fnDur(c *ctx, args []arg) result {
	n := -1
	if args[0].s != "X" {
		n = c.int(args[0])
	}
	unit := c.code(args[1])
	if unit == "" || n == 0 {
		return result{}
	}
	return lit(durationValue(n, unit, c.s.num(slotHalf) == 1))
}

func fnSetDur(c *ctx, args []arg) result {
	n, unit := c.int(args[0]), c.code(args[1])
	if unit == "" || n <= 0 {
		return result{}
	}
	return lit(durationValue(n, unit, false))
}

func fnFreq(c *ctx, _ []arg) result { return lit(c.str(slotFreq)) }

// fnEach is a set of named days or months: "every Thursday"
// XXXX-WXX-4, "each July" XXXX-07.
func fnEach(c *ctx, _ []arg) result {
	s := c.s
	switch {
	case s.ok(slotWeekday):
		return lit("XXXX-WXX-" + strconv.Itoa(s.num(slotWeekday)))
	case s.ok(slotMonth):
		return lit(point{g: gMonth, month: s.num(slotMonth)}.String())
	case s.ok(slotSeason):
		return lit("XXXX-" + c.str(slotSeason))
	}
	return result{}
}

// fnPeriod is "the quarter" of financial reports: the last quarter the
// text named, else the last whole quarter before the document date.
func fnPeriod(c *ctx, args []arg) result {
	g := unitGran(c.code(args[0]))
	if a := c.r.anchor; a.g == g && (!c.r.hasDCT || a.year == c.r.dctDay.year) {
		return at(a, AnchorText)
	}
	if !c.r.hasDCT {
		return c.r.unresolved(g)
	}
	return at(c.r.dctDay.at(g).shift(-1, c.code(args[0])), AnchorDocument)
}

// fnLatest is "the latest quarter": the last quarter the text named, if
// it had ended by the document date ("expects a fourth-quarter charge"
// written in November names no latest quarter), else the last whole
// quarter before the document date.
func fnLatest(c *ctx, args []arg) result {
	unit := c.code(args[0])
	g := unitGran(unit)
	if !c.r.hasDCT {
		return fnPeriod(c, args)
	}
	if a := c.r.anchor; a.g == g && a.year >= c.r.dctDay.year-1 && a.shift(1, unit).days() <= c.r.dctDay.days() {
		return at(a, AnchorText)
	}
	return at(c.r.dctDay.at(g).shift(-1, unit), AnchorDocument)
}

// fnYearPeriod is "the 1988 quarter", "the 1988 period" of financial
// reports: the period the text is about (its last quarter or half) in
// the year given, else the year at granularity g with what is unknown
// left as X ("1988-QX"). It compares and does not become the anchor.
func fnYearPeriod(c *ctx, args []arg) result {
	y := c.s.num(slotYear)
	if y <= 0 {
		return result{}
	}
	var p point
	switch a := c.r.anchor; {
	case a.g == gQuarter || a.g == gHalf:
		p = a
		p.year = y
	case unitGran(c.code(args[0])) == gQuarter:
		p = point{g: gQuarter, year: y}
	default:
		p = point{g: gYear, year: y}
	}
	res := at(p, "")
	if p.g != gYear {
		res.anchor = AnchorText
	}
	res.compare = true
	return res
}

// fnWeekend: the weekend before (-1) or after (+1) the document's week; 0
// reads the sentence's tense (past: the last weekend, or the current one
// on a Saturday or Sunday).
func fnWeekend(c *ctx, args []arg) result {
	if !c.r.hasDCT {
		return c.r.unresolved(gWeekend)
	}
	dir := c.int(args[0])
	t := c.r.dctDay.days()
	wd := isoWeekday(t)
	sat := t + 6 - wd // the Saturday of this ISO week
	switch {
	case dir < 0:
		sat -= 7
	case dir > 0:
		sat += 7
	case wd < 6 && c.getTense() != tenseFuture:
		sat -= 7
	}
	p := dayPoint(sat)
	p.g = gWeekend
	return at(p, AnchorDocument)
}

// fnTimeOfDay is a part of the day n days from the document date: "this
// morning" tod(0), "last night" tod(-1).
func fnTimeOfDay(c *ctx, args []arg) result {
	if !c.r.hasDCT {
		return result{p: point{g: gPart, part: c.str(slotPart)}, ok: true}
	}
	p := c.r.dctDay.shift(c.int(args[0]), "D")
	p.g, p.part = gPart, c.str(slotPart)
	return at(p, AnchorDocument)
}

// fnTime is a clock time, on the day the text names with it, else the
// last day named in the same sentence, else the document date.
func fnTime(c *ctx, _ []arg) result {
	s := c.s
	h, mi := s.num(slotHour), max(s.num(slotMinute), 0)
	if v := s.num(slotHHMM); v >= 0 {
		h, mi = v/100, v%100
	}
	if h < 0 || h > 24 || mi > 59 {
		return result{}
	}
	switch c.str(slotAmPm) {
	case "am":
		if h == 12 {
			h = 0
		}
	case "pm":
		if h < 12 {
			h += 12
		}
	}
	var res result
	switch {
	case c.m.date != nil:
		dc := &ctx{r: c.r, m: c.m.date, s: &c.m.date.slots}
		d := c.m.date
		if d.rule.fn != nil {
			res = d.rule.fn.fn(dc, d.rule.args)
		}
		if !res.ok || res.p.g != gDay {
			res = result{p: point{g: gDay, noDate: true}, ok: true}
		}
	case c.r.anchor.g == gDay:
		res = at(c.r.anchor, AnchorText)
	case c.r.hasDCT:
		res = at(c.r.dctDay, AnchorDocument)
	default:
		res = result{p: point{noDate: true}, ok: true}
	}
	res.p.g, res.p.hour, res.p.minute, res.p.part = gMinute, h, mi, ""
	res.zone = c.str(slotZone)
	return res
}

// fnNone drops the match: a rule that uses it keeps its words from
// others ("a 6-year-old" is an age, not a duration).
func fnNone(*ctx, []arg) result { return result{} }

// fnNumDate reads a numeric date a/b/year. When both a and b could be the
// month the order is unknown and the value keeps X's, flagged Ambiguous;
// otherwise the number over 12 is the day.
func fnNumDate(c *ctx, args []arg) result {
	a, b, y := c.int(args[0]), c.int(args[1]), c.s.num(slotYear)
	var m, d int
	switch {
	case a > 12 && b <= 12:
		d, m = a, b
	case b > 12 && a <= 12:
		m, d = a, b
	case a == b:
		m, d = a, b
	case a <= 12 && b <= 12:
		if a < 1 || b < 1 {
			return result{}
		}
		return result{p: point{g: gDay, year: y}, ambiguous: true, ok: true}
	default:
		return result{}
	}
	if m < 1 || d < 1 || d > daysIn(y, m) {
		return result{}
	}
	return at(point{g: gDay, year: y, month: m, day: d}, "")
}

// boundsPeriod reports whether the date at token first closes the
// quarter or half the sentence has just named: "the quarter ended Sept.
// 30" is still about the quarter, which later comparisons ("a year ago")
// are read against.
func (r *resolver) boundsPeriod(first int) bool {
	st := r.st
	return first > 0 && (r.anchor.g == gQuarter || r.anchor.g == gHalf) && r.anchorSent == st.sent[first] && st.t.is(st.id(first-1), roleBoundary)
}
