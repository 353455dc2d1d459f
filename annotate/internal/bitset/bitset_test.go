package bitset

import (
	"slices"
	"testing"
)

// TestSet: ids added are had and yielded in order, others are not, at
// the edges of words too; Or unites two sets.
func TestSet(t *testing.T) {
	s, o := New(200), New(200)
	if len(s) != 4 {
		t.Fatalf("New(200) has %d words, want 4", len(s))
	}
	in := []int32{0, 1, 63, 64, 127, 128, 199}
	for _, id := range in {
		s.Add(id)
	}
	o.Add(5)
	o.Add(64)
	for id := range int32(200) {
		if got, want := s.Has(id), slices.Contains(in, id); got != want {
			t.Errorf("Has(%d) = %v, want %v", id, got, want)
		}
	}
	s.Or(o)
	want := []int32{0, 1, 5, 63, 64, 127, 128, 199}
	if got := slices.Collect(s.All()); !slices.Equal(got, want) {
		t.Errorf("All() = %v, want %v", got, want)
	}
	for id := range s.All() {
		if id > 63 {
			t.Errorf("All went on after its consumer stopped at %d", id)
		}
		if id == 63 {
			break
		}
	}
}

// TestMarks: ids added are had until Reset, which empties the set
// whatever ids it held, and grows it when asked for more room.
func TestMarks(t *testing.T) {
	var m Marks
	m.Reset(100)
	for _, id := range []int32{0, 63, 64, 99} {
		m.Add(id)
	}
	for id := int32(0); id < 100; id++ {
		want := id == 0 || id == 63 || id == 64 || id == 99
		if m.Set.Has(id) != want {
			t.Errorf("Has(%d) = %v, want %v", id, !want, want)
		}
	}
	m.Reset(300)
	if len(m.Set) < 5 {
		t.Fatalf("Reset(300): %d words", len(m.Set))
	}
	for id := range m.Set.All() {
		t.Errorf("%d still set after Reset", id)
	}
	m.Add(299)
	m.Reset(300)
	if m.Set.Has(299) {
		t.Error("299 still set after Reset")
	}
}
