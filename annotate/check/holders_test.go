package check

import (
	"maps"
	"math/bits"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// officeHolders is one list of holders judgeMinted compares names with.
type officeHolders struct {
	office office
	all    []lexicon.Holder
}

// holderLists returns the lists of holders judgeMinted compares names
// with: every office's, whatever the state, and each state's.
func holderLists(t testing.TB, c *Checker) []officeHolders {
	t.Helper()
	var lists []officeHolders
	for _, g := range slices.Sorted(maps.Keys(c.byTitle)) {
		all := c.byTitle[g]
		lists = append(lists, officeHolders{office{g, ""}, all})
		seen := map[string]bool{}
		for _, h := range all {
			if !seen[h.Role.Of] {
				seen[h.Role.Of] = true
				if hs := c.lex.Holders(g, h.Role.Of); len(hs) > 0 {
					lists = append(lists, officeHolders{office{g, h.Role.Of}, hs})
				}
			}
		}
	}
	return lists
}

func defaultChecker(t testing.TB) *Checker {
	t.Helper()
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(lex, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkCandidates fails when a holder of all whose names nameOf does not
// find different from name is left out of the index's candidates, or
// when the index's nameOf, from the comparisons of parts it made, differs
// from nameOf for any holder; it returns how many holders the index left
// out.
func checkCandidates(t *testing.T, r *run, oh officeHolders, name string) int {
	t.Helper()
	all := oh.all
	text := parts(r.folder, name, r.c.lex.Matcher().ID)
	cand, x := r.candidates(oh.office, all, text)
	if x == nil && len(all) > 0 {
		t.Fatalf("%q: no index for the list it was built from", name)
	}
	out := 0
	for i, h := range all {
		in := cand[i>>6]&(1<<(i&63)) != 0
		if !in {
			out++
		}
		m := r.nameOf(text, h.Person)
		if m != nameDifferent && !in {
			t.Errorf("%q: holder %d (%s, %s) is left out, but nameOf gives %d", name, i, h.Person.ID, h.Person.Name, m)
		}
		if xm := x.nameOf(i, text, r.partRels); xm != m {
			t.Errorf("%q: holder %d (%s, %s): the index's nameOf gives %d, nameOf %d", name, i, h.Person.ID, h.Person.Name, xm, m)
		}
	}
	return out
}

// misspell returns forms of a name that compareNames finds the same, a
// variant or different: a letter dropped, two swapped, one changed, an
// initial, the last part alone, the parts reversed.
func misspell(name string) []string {
	out := []string{name}
	rs := []rune(name)
	for _, i := range []int{1, len(rs) / 2, len(rs) - 2} {
		if i <= 0 || i >= len(rs)-1 {
			continue
		}
		out = append(out,
			string(slices.Concat(rs[:i], rs[i+1:])),
			string(slices.Concat(rs[:i], []rune{rs[i+1], rs[i]}, rs[i+2:])),
			string(slices.Concat(rs[:i], []rune{'q'}, rs[i+1:])))
	}
	if f := strings.Fields(name); len(f) > 1 {
		r, _ := utf8.DecodeRuneInString(f[0])
		out = append(out, string(r)+". "+strings.Join(f[1:], " "), f[len(f)-1], f[len(f)-1]+" "+f[0], "Jane "+f[len(f)-1])
	}
	return out
}

// TestHolderIndex checks that the index never leaves out a holder whose
// name compares as the same or a variant, for the holders' own names
// and misspellings of them, in every list they are compared with.
func TestHolderIndex(t *testing.T) {
	c := defaultChecker(t)
	r := &run{c: c, folder: token.NewFolder()}
	compared, left := 0, 0
	for _, oh := range holderLists(t, c) {
		all := oh.all
		step := max(1, len(all)/12) // a sample of the long lists' names
		for i := 0; i < len(all); i += step {
			p := all[i].Person
			for _, n := range slices.Concat([]string{p.Name}, p.Aliases, p.Short) {
				for _, name := range misspell(n) {
					left += checkCandidates(t, r, oh, name)
					compared += len(all)
				}
			}
		}
	}
	// Not a bound the index must meet, only a sign that it works at all.
	if left < compared/2 {
		t.Errorf("the index left out only %d holders of %d compared", left, compared)
	}
}

// TestHolderIndexVariants checks the index with spellings the lexicon
// lists as one whose letters differ too much for the masks (Yusuf,
// Joseph).
func TestHolderIndexVariants(t *testing.T) {
	files, err := lexicon.DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	extra, err := lexicon.Parse("variants.yaml", []byte(`as_of: 2025-10-01
variants:
  - [Yusuf, Joseph, Iosif]
entries:
  - id: yusuf-testperson
    kind: person
    name: Yusuf Testperson
    short: [Iosif]
    roles:
      - {title: foreign-minister, of: TUR, from: 1901-01-01, to: 1901-06-01}
`))
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Build(append(files, extra), lexicon.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(lex, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := &run{c: c, folder: token.NewFolder()}
	for _, oh := range []officeHolders{
		{office{"foreign-minister", ""}, c.byTitle["foreign-minister"]},
		{office{"foreign-minister", "TUR"}, lex.Holders("foreign-minister", "TUR")},
	} {
		for _, name := range []string{"Joseph Testperson", "Joseph", "Iosif Testpersn", "Jozeph Testperson"} {
			checkCandidates(t, r, oh, name)
		}
	}
}

// FuzzHolderIndex checks that for any name the index never leaves out a
// holder whose name compares as the same or a variant.
func FuzzHolderIndex(f *testing.F) {
	f.Add("Hakan Fidam")
	f.Add("H. Fidan")
	f.Add("Muhammad Al Thani")
	f.Add("Rubio")
	f.Add("Sergei Lavrov")
	f.Add("")
	c := defaultChecker(f)
	r := &run{c: c, folder: token.NewFolder()}
	var lists []officeHolders
	for _, oh := range holderLists(f, c) {
		if len(oh.all) > 60 {
			lists = append(lists, oh)
		}
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, oh := range lists {
			checkCandidates(t, r, oh, name)
		}
	})
}

// TestHolderIndexOtherList checks that a list other than the one an
// office's index was built from is compared in full, not through it.
func TestHolderIndexOtherList(t *testing.T) {
	c := defaultChecker(t)
	r := &run{c: c, folder: token.NewFolder()}
	o := office{"foreign-minister", ""}
	all := c.byTitle["foreign-minister"]
	text := parts(r.folder, "Jane Roe", c.lex.Matcher().ID)
	r.candidates(o, all, text)
	short := all[:70]
	cand, _ := r.candidates(o, short, text)
	for i := range short {
		if cand[i>>6]&(1<<(i&63)) == 0 {
			t.Fatalf("holder %d of a list of %d left out by the index of a list of %d", i, len(short), len(all))
		}
	}
}

// TestAtMostTwo holds atMostTwo to bits.OnesCount64 on every word of up
// to four bits set among the low 16, and on their shifts.
func TestAtMostTwo(t *testing.T) {
	for x := range uint64(1 << 16) {
		if bits.OnesCount64(x) > 4 {
			continue
		}
		for _, y := range []uint64{x, x << 24, x << 48, x<<48 | x} {
			if got, want := atMostTwo(y), bits.OnesCount64(y) <= 2; got != want {
				t.Fatalf("atMostTwo(%#x) = %v, want %v", y, got, want)
			}
		}
	}
}
