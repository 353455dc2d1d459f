package timex

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTriggerIndexAsBefore checks the trigger index that compile builds
// from bit sets against refIndex, the builder of maps it replaced, on the
// embedded data and on small files that exercise each kind of element.
func TestTriggerIndexAsBefore(t *testing.T) { checkTables(t, checkIndex) }

// FuzzTriggerIndex checks the trigger index of any data file that
// compiles against refIndex: time tables are read from outside.
func FuzzTriggerIndex(f *testing.F) { fuzzTables(f, checkIndex) }

// checkTables runs check on the embedded tables and on those of
// indexTexts.
func checkTables(t *testing.T, check func(*testing.T, *tables)) {
	check(t, mustTagger(t).t)
	for _, data := range indexTexts {
		tb, err := compile("index.yaml", []byte(data))
		if err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
		check(t, tb)
	}
}

// fuzzTables runs check on the tables of any data file that compiles,
// from indexTexts and the embedded data on.
func fuzzTables(f *testing.F, check func(*testing.T, *tables)) {
	for _, s := range indexTexts {
		f.Add(s)
	}
	if b, err := os.ReadFile("data/timex.yaml"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, data string) {
		tb, err := compile("fuzz.yaml", []byte(data))
		if err != nil {
			return
		}
		check(t, tb)
	})
}

// indexTexts are data files whose rules start with words, classes of one
// and of several words, numbers, years and optional elements.
var indexTexts = []string{
	minimal,
	`classes:
  number:
    - [11, eleven]
    - [12, twelve]
    - [2, two, a couple]
    - [100, a hundred]
  month:
    - [1, January, Jan.]
  ref:
    - [FUTURE_REF, the future, the near future]
    - [PAST_REF, past]
  unit:
    - [D, day, days]
    - [W, week, the week]
rules:
  - {id: ago, match: "@num @unit ago|earlier", type: DURATION, value: "dur(num, unit)"}
  - {id: year, match: "in? @year", type: DATE, value: "abs()"}
  - {id: words, match: "@yearword", type: DATE, value: "abs()"}
  - {id: ref, match: "@ref", type: DATE, value: "abs()"}
  - {id: last, match: "last|this? the? @unit", type: DATE, value: "abs()"}
  - {id: month, match: "early|late? @month @day?", type: DATE, value: "abs()"}
  - {id: clock, match: "at @clock", type: TIME, value: "abs()"}
  - {id: previously, match: "@num @unit previously|earlier", type: DURATION, value: "dur(num, unit)"}
  - {id: dash, match: "@int:num - @unit", type: DURATION, value: "dur(num, unit)"}
`,
	`classes:
  unit:
    - [D, day]
rules:
  - {id: any, match: "now? today?  tomorrow", type: DATE, value: "abs()"}
`,
}

// checkIndex fails t when tb's trigger index differs from refIndex's.
func checkIndex(t *testing.T, tb *tables) {
	t.Helper()
	want := refIndex(tb, yearHiIDs(tb))
	if diff := cmp.Diff(want, indexOf(tb)); diff != "" {
		t.Errorf("trigger index differs from the reference (-reference +compiled):\n%s", diff)
	}
}

// indexView is a trigger index with its sets as sorted ids, comparable
// whatever they are built of.
type indexView struct {
	Trigger    [][]trigView
	NumTrigger []trigView
	TrigNext   []*setView
	NumNext    *setView
	NeedOf     []uint64
}

type trigView struct {
	Rule  int
	Next  *setView
	First shape
	Need  uint64
}

type setView struct {
	IDs []int32
	Num shape
}

// indexOf is the trigger index of tb.
func indexOf(tb *tables) indexView {
	set := func(f *firstSet) *setView {
		if f == nil {
			return nil
		}
		v := &setView{Num: f.num}
		for id := range int32(len(tb.words)) {
			if f.bits.Has(id) {
				v.IDs = append(v.IDs, id)
			}
		}
		return v
	}
	trigs := func(trs []trig) []trigView {
		var vs []trigView
		for _, tr := range trs {
			vs = append(vs, trigView{tr.rule, set(tr.next), tr.first, tr.need})
		}
		return vs
	}
	v := indexView{NumTrigger: trigs(tb.numTrigger), NumNext: set(tb.numNext), NeedOf: tb.needOf}
	for id := range tb.trigger {
		v.Trigger = append(v.Trigger, trigs(tb.trigger[id]))
		v.TrigNext = append(v.TrigNext, set(tb.trigNext[id]))
	}
	return v
}

// refIndex builds the trigger index of tb's rules as compile did before
// its sets were bits: with a map of ids per set, the words of a class
// found by a pass over every phrase each time they are asked for.
func refIndex(tb *tables, yearHi []int32) indexView {
	r := &refIndexer{t: tb, yearHi: yearHi, needOf: make([]uint64, len(tb.words))}
	trigger := make([][]refTrig, len(tb.words))
	var numTrigger []refTrig
	sets := map[string]int{}
	for ri, rl := range tb.rules {
		need := r.needs(rl, sets)
		for k := range rl.elems {
			first := r.elemFirst(&rl.elems[k])
			next := r.seqFirst(rl.elems[k+1:])
			if next != nil {
				r.addContinuations(next, &rl.elems[k])
			}
			for id := range first.ids {
				trigger[id] = append(trigger[id], refTrig{ri, r.startNext(&rl.elems[k], id, next), 0, need})
			}
			if first.num != 0 {
				numTrigger = append(numTrigger, refTrig{ri, next, first.num, need})
			}
			if !rl.elems[k].optional {
				break
			}
		}
	}
	v := indexView{NeedOf: r.needOf}
	for _, trs := range trigger {
		slices.SortStableFunc(trs, func(a, b refTrig) int { return a.rule - b.rule })
		v.Trigger = append(v.Trigger, refTrigViews(trs))
		if len(trs) > 0 {
			v.TrigNext = append(v.TrigNext, refUnion(trs).view())
		} else {
			v.TrigNext = append(v.TrigNext, nil)
		}
	}
	slices.SortStableFunc(numTrigger, func(a, b refTrig) int { return a.rule - b.rule })
	v.NumTrigger = refTrigViews(numTrigger)
	v.NumNext = refUnion(numTrigger).view()
	return v
}

type refIndexer struct {
	t      *tables
	yearHi []int32
	needOf []uint64
}

type refSet struct {
	ids map[int32]bool
	num shape
}

type refTrig struct {
	rule  int
	next  *refSet
	first shape
	need  uint64
}

func (f *refSet) view() *setView {
	if f == nil {
		return nil
	}
	v := &setView{Num: f.num}
	for id := range f.ids {
		v.IDs = append(v.IDs, id)
	}
	slices.Sort(v.IDs)
	return v
}

func refTrigViews(trs []refTrig) []trigView {
	var vs []trigView
	for _, tr := range trs {
		vs = append(vs, trigView{tr.rule, tr.next.view(), tr.first, tr.need})
	}
	return vs
}

func refUnion(trs []refTrig) *refSet {
	u := &refSet{ids: map[int32]bool{}}
	for _, tr := range trs {
		if tr.next == nil {
			return nil
		}
		for id := range tr.next.ids {
			u.ids[id] = true
		}
		u.num |= tr.next.num
	}
	return u
}

func (r *refIndexer) needs(rl *rule, sets map[string]int) uint64 {
	var need uint64
	for _, e := range rl.elems {
		if e.optional || len(e.alts) > 0 || len(e.words) == 0 {
			continue
		}
		ws := slices.Clone(e.words)
		slices.Sort(ws)
		ws = slices.Compact(ws)
		key := fmt.Sprint(ws)
		k, ok := sets[key]
		if !ok {
			if len(sets) == 64 {
				continue
			}
			k = len(sets)
			sets[key] = k
			for _, w := range ws {
				r.needOf[w] |= 1 << k
			}
		}
		need |= 1 << k
	}
	return need
}

func (r *refIndexer) startNext(e *elem, id int32, next *refSet) *refSet {
	if slices.Contains(e.words, id) {
		return next
	}
	var second []int32
	for _, a := range e.alts {
		if a.class < 0 {
			return next
		}
		for _, p := range r.t.phrases[id] {
			switch {
			case p.class != a.class:
			case len(p.ids) == 1:
				return next
			default:
				second = append(second, p.ids[1])
			}
		}
	}
	if len(second) == 0 {
		return next
	}
	f := &refSet{ids: map[int32]bool{}}
	for _, w := range second {
		f.ids[w] = true
	}
	return f
}

func (r *refIndexer) elemFirst(e *elem) refSet {
	f := refSet{ids: map[int32]bool{}}
	for _, w := range e.words {
		f.ids[w] = true
	}
	for _, a := range e.alts {
		switch {
		case a.class >= 0:
			r.addClassStarts(f.ids, a.class)
		case a.builtin == bNum:
			f.num |= builtinShape[a.builtin]
			r.addClassStarts(f.ids, r.t.numberClass)
		case a.builtin == bYearWord || a.builtin == bYear:
			f.num |= builtinShape[a.builtin]
			for _, id := range r.yearHi {
				f.ids[id] = true
			}
		default:
			f.num |= builtinShape[a.builtin]
		}
	}
	return f
}

func (r *refIndexer) addClassStarts(ids map[int32]bool, ci int) {
	for id, ps := range r.t.phrases {
		for _, p := range ps {
			if p.class == ci {
				ids[int32(id)] = true
				break
			}
		}
	}
}

func (r *refIndexer) seqFirst(es []elem) *refSet {
	f := &refSet{ids: map[int32]bool{}}
	for k := range es {
		ef := r.elemFirst(&es[k])
		for id := range ef.ids {
			f.ids[id] = true
		}
		f.num |= ef.num
		if !es[k].optional {
			return f
		}
	}
	return nil
}

func (r *refIndexer) addContinuations(next *refSet, e *elem) {
	for _, a := range e.alts {
		switch {
		case a.class >= 0:
			for _, ps := range r.t.phrases {
				for _, p := range ps {
					if p.class == a.class && len(p.ids) > 1 {
						next.ids[p.ids[1]] = true
					}
				}
			}
		case a.builtin == bNum || a.builtin == bYearWord || a.builtin == bYear:
			r.addClassStarts(next.ids, r.t.numberClass)
			for _, w := range []string{"-", "and"} {
				if id, ok := r.t.ids[w]; ok {
					next.ids[id] = true
				}
			}
		}
	}
}
