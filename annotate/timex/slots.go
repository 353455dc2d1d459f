package timex

// slotID names a value a pattern element binds: the parts of a date or
// time, a unit, a count. The value functions read slots by these names.
type slotID uint8

const (
	slotYear slotID = iota
	slotMonth
	slotDay
	slotWeekday
	slotSeason
	slotQuarter
	slotHalf
	slotDecade
	slotCentury
	slotHoliday
	slotPart
	slotHour
	slotMinute
	slotHHMM
	slotAmPm
	slotZone
	slotUnit
	slotNum
	slotA
	slotB
	slotOrdinal
	slotFreq
	slotRef
	numSlots
	noSlot slotID = 255
)

var slotNames = [numSlots]string{
	"year", "month", "day", "weekday", "season", "quarter", "half", "decade",
	"century", "holiday", "part", "hour", "minute", "hhmm", "ampm", "zone",
	"unit", "num", "a", "b", "ordinal", "freq", "ref",
}

func slotByName(s string) (slotID, bool) {
	for i, n := range slotNames {
		if n == s {
			return slotID(i), true
		}
	}
	return noSlot, false
}

// slotVal is a bound value: a number (n, -1 when the value is not a
// number, as for "several") and its text form (a unit code, a season) as
// an index into the tables' strings, 0 for none. It is kept small because
// matching copies it often.
type slotVal struct {
	n int32
	s int32
}

// slots holds the values a match bound; has is a bit set of the bound
// slots.
type slots struct {
	has uint32
	v   [numSlots]slotVal
}

func (s *slots) set(id slotID, v slotVal) {
	s.has |= 1 << id
	s.v[id] = v
}

func (s *slots) ok(id slotID) bool { return s.has&(1<<id) != 0 }

// num returns the slot's number, or -1 when it is unbound or no number.
func (s *slots) num(id slotID) int {
	if !s.ok(id) {
		return -1
	}
	return int(s.v[id].n)
}

func intVal(n int) slotVal { return slotVal{n: int32(n)} }
