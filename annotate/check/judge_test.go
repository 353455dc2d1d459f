package check

import (
	"testing"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/lexicon"
)

// refFirstDisagreement is inconsistent's search as it was: each claim
// compared with every one before it. firstDisagreement is held to it.
func refFirstDisagreement(r *run, cls []*claim) (i, j int, ok bool) {
	for j := 1; j < len(cls); j++ {
		for i := 0; i < j; i++ {
			if !evidenceOverlaps(cls[i], cls[j]) && !r.officesAgree(cls[i], cls[j]) {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// disagreementCase builds one person's claims from data: its first byte
// picks the person and the date, then three bytes a claim: the office,
// the state, and where its evidence begins and how long it is, so that
// offices repeat, agree or not, and phrases overlap.
func disagreementCase(c *Checker, data []byte) (*run, []*claim) {
	persons := []string{"", "hakan-fidan", "abbas-araghchi", "mohammed-bin-abdulrahman-al-thani", "marco-rubio"}
	dates := []string{"", "2025-09-20", "2019-01-01", "2024"}
	titles := []string{"foreign-minister", "minister", "prime-minister", "president", "defence-minister", "deputy-foreign-minister", "secretary-of-state-us"}
	objects := []string{"", "TUR", "IRN", "QAT", "USA"}
	r := &run{c: c}
	var person *lexicon.Entry
	if len(data) > 0 {
		person = c.lex.Entry(persons[int(data[0]&7)%len(persons)])
		if d := dates[int(data[0]>>3)%len(dates)]; d != "" {
			r.date = lexicon.MustDate(d)
		}
		data = data[1:]
	}
	var cls []*claim
	for ; len(data) >= 3; data = data[3:] {
		title := c.lex.Entry(titles[int(data[0])%len(titles)])
		if title == nil {
			continue
		}
		start := int(data[2] >> 2)
		cls = append(cls, &claim{
			known:    person,
			title:    title,
			object:   objects[int(data[1])%len(objects)],
			evidence: annotate.Span{Start: start, End: start + 1 + int(data[2]&3)*3},
		})
	}
	return r, cls
}

func checkDisagreement(t *testing.T, c *Checker, data []byte) {
	t.Helper()
	r, cls := disagreementCase(c, data)
	gi, gj, gok := r.firstDisagreement(cls)
	wi, wj, wok := refFirstDisagreement(r, cls)
	if gi != wi || gj != wj || gok != wok {
		t.Errorf("%v: firstDisagreement = %d, %d, %v; want %d, %d, %v", data, gi, gj, gok, wi, wj, wok)
	}
}

// TestFirstDisagreement compares firstDisagreement with the reference on
// claims of offices that agree, do not, repeat and overlap.
func TestFirstDisagreement(t *testing.T) {
	c := defaultChecker(t)
	found := 0
	for seed := range 3000 {
		data := make([]byte, 1+3*(seed%9))
		x := uint32(seed)*2654435761 + 1
		for k := range data {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			data[k] = byte(x)
		}
		checkDisagreement(t, c, data)
		if r, cls := disagreementCase(c, data); len(cls) > 1 {
			if _, _, ok := refFirstDisagreement(r, cls); ok {
				found++
			}
		}
	}
	// Not a bound, only a sign that the cases are not all alike.
	if found < 100 {
		t.Errorf("only %d cases of 3000 have claims that disagree", found)
	}
}

// FuzzFirstDisagreement compares firstDisagreement with the reference on
// any claims disagreementCase builds.
func FuzzFirstDisagreement(f *testing.F) {
	f.Add([]byte{9, 0, 1, 4, 0, 1, 200, 1, 0, 8, 2, 2, 4})
	f.Add([]byte{0, 0, 0, 0, 4, 1, 0, 0, 0, 100})
	c := defaultChecker(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDisagreement(t, c, data)
	})
}
