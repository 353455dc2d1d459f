package timex

import (
	"math/bits"
	"testing"
)

// TestPickersAgree holds the pickers to tryAll's test of each rule of a
// list, on the embedded data and on the small files of the index tests.
func TestPickersAgree(t *testing.T) { checkTables(t, checkPickers) }

// FuzzPickers checks the pickers of any data file that compiles.
func FuzzPickers(f *testing.F) { fuzzTables(f, checkPickers) }

// refIn is firstSet.has for a token of id id and shapes sh.
func refIn(f *firstSet, id int32, sh shape) bool {
	return id >= 0 && f.bits.Has(id) || f.num&sh != 0
}

// checkPickers checks that every list of tb's trigger index that can
// have a picker has one, that it picks the rules tryAll tries for the
// token after a start with each word, each shape and some of both (the
// need sets aside, which tryPicked tests), and that numReads selects
// numByShape's lists from numTrigger.
func checkPickers(t *testing.T, tb *tables) {
	t.Helper()
	type tok struct {
		id int32
		sh shape
	}
	toks := []tok{{-1, 0}}
	for id := range tb.words {
		toks = append(toks, tok{int32(id), 0})
	}
	for sh := 1; sh < 1<<8; sh++ {
		toks = append(toks, tok{-1, shape(sh)})
	}
	for id := 0; id < len(tb.words); id += 7 {
		toks = append(toks, tok{int32(id), shape(id*37) | shDay})
	}
	check := func(what string, trs []trig, p *picker) {
		t.Helper()
		if p == nil {
			if len(trs) > 0 && len(trs) <= 64 {
				t.Errorf("%s: %d rules and no picker", what, len(trs))
			}
			return
		}
		for _, k := range toks {
			var want uint64
			for j, tr := range trs {
				if tr.next == nil || refIn(tr.next, k.id, k.sh) {
					want |= 1 << j
				}
			}
			nx := newFollower(k.id, k.sh)
			if got := p.pick(&nx); got != want {
				t.Errorf("%s: before id %d, shapes %b: picked %b, tryAll tries %b", what, k.id, k.sh, got, want)
			}
		}
	}
	for id, trs := range tb.trigger {
		check("trigger["+tb.words[id]+"]", trs, tb.pickers[id])
	}
	check("numTrigger", tb.numTrigger, tb.numPicker)
	if tb.numPicker == nil {
		return
	}
	for sh := range tb.numByShape {
		var got []trig
		for m := tb.numReads(shape(sh)); m != 0; m &= m - 1 {
			got = append(got, tb.numTrigger[bits.TrailingZeros64(m)])
		}
		want := tb.numByShape[sh]
		if len(got) != len(want) {
			t.Errorf("numReads(%b): %d rules, numByShape %d", sh, len(got), len(want))
			continue
		}
		for j := range got {
			if got[j] != want[j] {
				t.Errorf("numReads(%b): rule %d is %+v, numByShape has %+v", sh, j, got[j], want[j])
			}
		}
	}
}
