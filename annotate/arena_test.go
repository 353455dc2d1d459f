package annotate

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/annotate/synth"
	"github.com/newsann/newsann/lexicon"
)

// mintRef is mint as it was before its ids were written into the
// document's chunk: each built in a buffer and copied to a string.
func mintRef(s *state, label string, a, b int) (id, name string) {
	buf := []byte(strings.ToLower(label))
	buf = append(buf, ':')
	sep := false
	for i := a; i < b; i++ {
		k := s.key(i)
		if k == "'s" || k == "'" || s.isPunct(i) {
			continue
		}
		if sep {
			buf = append(buf, '-')
		}
		buf, sep = append(buf, k...), true
	}
	return string(buf), s.text[s.toks[a].Start:s.toks[b-1].End]
}

// TestMintAgrees holds mint to mintRef over every candidate's span of the
// corpus, under labels of each kind (upper case, mixed, not ASCII, empty).
func TestMintAgrees(t *testing.T) {
	labels := []string{"PERSON", "ORGANIZATION", "Group", "", "ÉQUIPE", "PERSON"}
	n := 0
	resolveCorpus(t, func(s *state) {
		for i := range s.cands {
			c := &s.cands[i]
			label := labels[i%len(labels)]
			id, name := s.mint(label, c.first, c.last)
			wantID, wantName := mintRef(s, label, c.first, c.last)
			if id != wantID || name != wantName {
				t.Fatalf("mint(%q, %d, %d) = %q, %q; want %q, %q", label, c.first, c.last, id, name, wantID, wantName)
			}
			n++
		}
	})
	if n == 0 {
		t.Fatal("no candidates minted")
	}
}

// TestDocumentsOwnTheirMemory checks that a Document shares nothing the
// annotator reuses for later texts (its pooled state: buffers, the chunks
// of minted ids, the kept matches): each Document encodes the same after
// the annotator has gone on to other texts, on one goroutine and on
// several.
func TestDocumentsOwnTheirMemory(t *testing.T) {
	a, docs := testCorpus(t)
	if len(docs) > 120 {
		docs = docs[:120]
	}
	annotate := func(i int) (*Document, []byte) {
		d, err := a.Annotate(context.Background(), Input{ID: synth.ID(i), Text: docs[i], Date: lexicon.MustDate("2025-11-14")})
		if err != nil {
			t.Error(err)
			return nil, nil
		}
		b, err := d.AppendJSON(nil)
		if err != nil {
			t.Error(err)
		}
		return d, b
	}
	got := make([]*Document, len(docs))
	want := make([][]byte, len(docs))
	for i := range docs {
		got[i], want[i] = annotate(i)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(docs); i += 4 {
				annotate(len(docs) - 1 - i)
			}
		})
	}
	wg.Wait()
	for i, d := range got {
		b, err := d.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, want[i]) {
			t.Errorf("document %d changed after later texts were annotated", i)
		}
	}
}

// TestKeptMatches checks that a kept match is a copy that neither Apply's
// reuse of the match nor later keeps change, across chunks and moves of
// the captures, and after a reset, for the next document.
func TestKeptMatches(t *testing.T) {
	var k keptMatches
	for round := range 2 {
		var kept []*rules.Match
		var want []rules.Match
		m := &rules.Match{} // reused, as Apply reuses its match
		for i := range 3*keptChunk + 5 {
			m.Start, m.End = i, i+1+i%3
			m.Caps = m.Caps[:0]
			for c := range i % 4 {
				m.Caps = append(m.Caps, rules.Capture{Name: fmt.Sprint("c", c), Start: i + c, End: i + c + 1})
			}
			kept = append(kept, k.keep(m))
			want = append(want, rules.Match{Start: m.Start, End: m.End, Caps: slices.Clone(m.Caps)})
		}
		for i, x := range kept {
			if x.Start != want[i].Start || x.End != want[i].End || !slices.Equal(x.Caps, want[i].Caps) {
				t.Fatalf("round %d: kept match %d is %+v, want %+v", round, i, *x, want[i])
			}
		}
		k.reset()
	}
}
