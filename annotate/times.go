package annotate

import (
	"github.com/newsann/newsann/annotate/internal/scratch"
	"github.com/newsann/newsann/annotate/token"
)

// documentDate settles the document's date: the caller's (a --date flag,
// a JSONL record's date), else one the text gives at its head (a dateline,
// a "Date:" line, front matter), else the caller's default, else none —
// never today's.
func (s *state) documentDate() {
	s.date, s.dateSource = s.in.Date, s.in.DateSource
	if !s.date.IsZero() {
		return
	}
	if d, _, ok := s.a.timex.DocumentDate(s.text); ok {
		s.date, s.dateSource = d, "text"
		return
	}
	if !s.in.DefaultDate.IsZero() {
		s.date, s.dateSource = s.in.DefaultDate, "default"
	}
}

// times proposes a mention for each time expression, with its TIMEX3
// value resolved against the document date.
func (s *state) times() {
	sents := scratch.Resize(s.sentRanges, len(s.sents))
	s.sentRanges = sents
	for i, sn := range s.sents {
		sents[i] = [2]int32{int32(sn.first), int32(sn.last)}
	}
	for _, e := range s.a.timex.TagSentences(s.text, s.toks, s.ids, s.a.timexWords, sents, s.sentOf, s.date) {
		first, last := s.tokenRange(e.Start, e.End)
		if first >= last {
			continue
		}
		var source string
		if uint(e.RuleIndex) < uint(len(s.a.timeSources)) {
			source = s.a.timeSources[e.RuleIndex]
		} else {
			source = "rule:" + e.Rule
		}
		c := s.newCand(first, last)
		c.start, c.end = e.Start, e.End
		c.label, c.value, c.anchor = e.Type, e.Value, e.Anchor
		c.source = source
		c.priority = 10*(last-first) + 5 + s.timePrepBonus(first)
		if s.a.opts.Explain {
			c.explain = "time rule " + e.Rule + " (annotate/timex/data/timex.yaml)"
		}
		if e.Mod != "" || e.Ambiguous || e.Zone != "" {
			c.attrs = map[string]string{}
			if e.Mod != "" {
				c.attrs["mod"] = e.Mod
			}
			if e.Ambiguous {
				c.attrs["ambiguous"] = "day-month order"
			}
			if e.Zone != "" {
				c.attrs["zone"] = e.Zone
			}
		}
	}
}

// isTimePrep reports whether a key is a preposition that takes a time:
// an expression right after one ("in May", "on Friday") is a time, not a
// name that happens to be spelled like one ("Theresa May said talks would
// resume in May"). A switch rather than a map: it is asked at every
// expression, and a map hashed the key each time.
func isTimePrep(key string) bool {
	switch key {
	case "in", "on", "by", "since", "until", "till",
		"before", "after", "during", "through", "from":
		return true
	}
	return false
}

// timePrepBonus is the priority a time expression starting at token first
// gains over a one-word name link (a surname, 10 plus the rule bonus) when
// a time preposition governs it; longer names still outrank it.
func (s *state) timePrepBonus(first int) int {
	if first == 0 || s.toks[first-1].Kind != token.Word || s.sentOf[first-1] != s.sentOf[first] {
		return 0
	}
	if isTimePrep(s.key(first - 1)) {
		return 5
	}
	return 0
}

// tokenRange returns the tokens [first, last) that the byte span covers.
func (s *state) tokenRange(start, end int) (first, last int) {
	lo, hi := 0, len(s.toks)
	for lo < hi { // first token ending after start
		mid := (lo + hi) / 2
		if s.toks[mid].End <= start {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	first = lo
	last = first
	for last < len(s.toks) && s.toks[last].Start < end {
		last++
	}
	return first, last
}
