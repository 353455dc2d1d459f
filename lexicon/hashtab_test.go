package lexicon

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsann/newsann/annotate/token"
)

// TestStrTab checks the vocabulary table against a Go map, through
// growth from the smallest size.
func TestStrTab(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var tab strTab
	want := map[string]int32{}
	var all []string
	for i := range 20000 {
		n := r.IntN(24)
		if i%7 == 0 && len(all) > 0 {
			// Overwrite a key already there.
			k := all[r.IntN(len(all))]
			want[k] = int32(i + 1)
			tab.put([]byte(k), int32(i+1))
			continue
		}
		b := make([]byte, n)
		for j := range b {
			b[j] = byte('a' + r.IntN(4)) // few letters: many shared prefixes
		}
		k := string(b)
		if _, ok := want[k]; !ok {
			all = append(all, k)
		}
		want[k] = int32(i + 1)
		tab.put(b, int32(i+1))
	}
	if tab.n != len(want) {
		t.Fatalf("n = %d, want %d", tab.n, len(want))
	}
	for k, id := range want {
		if got := tab.get(k); got != id {
			t.Fatalf("get(%q) = %d, want %d", k, got, id)
		}
		if got := tab.getBytes([]byte(k)); got != id {
			t.Fatalf("getBytes(%q) = %d, want %d", k, got, id)
		}
	}
	for _, k := range []string{"zz", "abcdabcdabcdabcdabcdabcdz", "x"} {
		if got := tab.get(k); got != 0 {
			t.Errorf("get(%q) = %d, want 0", k, got)
		}
	}
	keys := tab.keys()
	for i, s := range keys {
		if i > 0 && s.off < keys[i-1].off+keys[i-1].size() {
			t.Fatal("keys not in arena order")
		}
	}
	var empty strTab
	if empty.get("a") != 0 || empty.getBytes(nil) != 0 {
		t.Error("empty table finds a key")
	}
}

// randomStrTab puts n random keys into a table, numbered from 1: keys of
// up to maxLen-1 bytes over the first letters letters of the alphabet,
// so that many are alike and some repeat (a repeat takes the later id).
func randomStrTab(seed uint64, n, maxLen, letters int) *strTab {
	r := rand.New(rand.NewPCG(seed, seed+1))
	var tab strTab
	for i := range n {
		b := make([]byte, r.IntN(maxLen))
		for j := range b {
			b[j] = byte('a' + r.IntN(letters))
		}
		tab.put(b, int32(i+1))
	}
	return &tab
}

// TestStrTabPlace holds place, which probes for a key already in the
// arena by itself, to put: the same slots for the same keys (short, long,
// and long ones whose words are alike), and a key placed twice refused.
func TestStrTabPlace(t *testing.T) {
	put := randomStrTab(5, 2000, 30, 3)
	keys := put.keys()
	placed := strTab{slots: make([]strSlot, len(put.slots)), arena: put.arena}
	for _, s := range keys {
		if !placed.place(s.off, s.size(), s.id) {
			t.Fatalf("key %q refused", put.arena[s.off:s.off+s.size()])
		}
	}
	if !slices.Equal(placed.slots, put.slots) || placed.n != put.n {
		t.Fatal("placing the keys gives other slots than putting them")
	}
	for _, s := range []strSlot{keys[0], keys[len(keys)/2], keys[len(keys)-1]} {
		if placed.place(s.off, s.size(), s.id+1) {
			t.Errorf("key %q placed twice", put.arena[s.off:s.off+s.size()])
		}
	}
	if !slices.Equal(placed.slots, put.slots) {
		t.Error("a refused key changed the table")
	}
}

// TestStrTabClone holds clone, which moves slots without comparing keys,
// to placing each key anew (place): the same slots, and every key found.
func TestStrTabClone(t *testing.T) {
	tab := randomStrTab(3, 3000, 24, 4)
	for _, more := range []int{0, 100, 5000, 50000} {
		c := tab.clone(more, 0)
		want := strTab{slots: make([]strSlot, len(c.slots)), arena: tab.arena}
		for _, s := range tab.slots {
			if s.id != 0 {
				want.place(s.off, s.size(), s.id)
			}
		}
		if !slices.Equal(c.slots, want.slots) || c.n != want.n || string(c.arena) != string(tab.arena) {
			t.Fatalf("clone(%d) differs from placing each key anew", more)
		}
		for _, s := range tab.keys() {
			k := string(tab.arena[s.off : s.off+s.size()])
			if got := c.get(k); got != s.id {
				t.Fatalf("clone(%d).get(%q) = %d, want %d", more, k, got, s.id)
			}
		}
	}
}

// TestStrTabAdd holds add to get and then put: the same keys added,
// with the same ids, in the same slots, through growth.
func TestStrTabAdd(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var a, b strTab
	next := int32(1)
	for range 5000 {
		k := make([]byte, r.IntN(12))
		for j := range k {
			k[j] = byte('a' + r.IntN(3))
		}
		added := a.add(string(k), next)
		absent := b.get(string(k)) == 0
		if absent {
			b.put(k, next)
		}
		if added != absent {
			t.Fatalf("add(%q) = %v, get found it: %v", k, added, !absent)
		}
		if added {
			next++
		}
	}
	if !slices.Equal(a.slots, b.slots) || string(a.arena) != string(b.arena) || a.n != b.n {
		t.Fatal("add built another table than get and put")
	}
}

func TestEdgeTab(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var tab edgeTab
	want := map[[2]int32]int32{}
	for child := int32(1); child < 30000; child++ {
		k := [2]int32{1 + r.Int32N(5000), 1 + r.Int32N(3000)}
		if _, ok := want[k]; ok {
			if tab.add(k[0], k[1], child) {
				t.Fatalf("add(%v) of an edge already there", k)
			}
			continue
		}
		want[k] = child
		if !tab.add(k[0], k[1], child) {
			t.Fatalf("add(%v) refused", k)
		}
	}
	for k, c := range want {
		if got := tab.get(k[0], k[1]); got != c {
			t.Fatalf("get(%v) = %d, want %d", k, got, c)
		}
	}
	// The filter, built part way and kept up by add, has every edge.
	tab.index()
	for child := int32(30000); child < 31000; child++ {
		k := [2]int32{5001 + r.Int32N(100), 1 + r.Int32N(3000)}
		if _, ok := want[k]; !ok {
			want[k] = child
			tab.add(k[0], k[1], child)
		}
	}
	ruledOut := 0
	for k := range want {
		if !tab.mayHave(k[0], k[1]) {
			t.Fatalf("the filter rules out the edge %v", k)
		}
		if !tab.mayHave(k[0]+6000, k[1]) {
			ruledOut++
		}
	}
	if ruledOut < len(want)/2 {
		t.Errorf("the filter rules out %d of %d absent edges", ruledOut, len(want))
	}
	if got := tab.get(6000, 1); got != 0 {
		t.Errorf("get of a missing edge = %d", got)
	}
	es := tab.edges()
	if len(es) != len(want) {
		t.Fatalf("%d edges, want %d", len(es), len(want))
	}
	for i := 1; i < len(es); i++ {
		if es[i].child <= es[i-1].child {
			t.Fatal("edges not in child order")
		}
	}
	var empty edgeTab
	if empty.get(1, 1) != 0 {
		t.Error("empty table finds an edge")
	}
}

func TestHashBytesString(t *testing.T) {
	for n := range 70 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*31 + n)
		}
		if hashKey(b) != hashKey(string(b)) {
			t.Fatalf("length %d: the hashes of a byte slice and of its string differ", n)
		}
	}
}

// lookupWorkload returns the embedded gazetteer's matcher, the folded
// keys of the test articles' tokens and the trie edges a Match over them
// looks up.
func lookupWorkload(b *testing.B) (*Matcher, []string, [][2]int32) {
	b.Helper()
	l, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	m := l.Matcher()
	paths, _ := filepath.Glob("../testdata/articles/*.txt")
	f := token.NewFolder()
	var keys []string
	var edges [][2]int32
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		s := string(data)
		toks := token.Tokenize(nil, s)
		ids := m.Keys(nil, f, s, toks)
		for _, t := range toks {
			keys = append(keys, f.Key(t.Text(s)))
		}
		for i := range ids {
			if ids[i] == 0 || m.first[ids[i]] == 0 {
				continue
			}
			node := m.first[ids[i]]
			for j := i + 1; j < len(ids) && ids[j] != 0; j++ {
				edges = append(edges, [2]int32{node, ids[j]})
				if node = m.edges.get(node, ids[j]); node == 0 {
					break
				}
			}
		}
	}
	return m, keys, edges
}

// BenchmarkVocab compares the vocabulary lookup of a Go map and of the
// flat table, over the tokens of the test articles, and the cost of
// filling each from the compiled keys (start-up).
func BenchmarkVocab(b *testing.B) {
	m, keys, _ := lookupWorkload(b)
	slots := m.vocab.keys()
	words := make([]string, len(slots))
	for i, s := range slots {
		words[i] = string(m.vocab.arena[s.off : s.off+s.size()])
	}
	goMap := make(map[string]int32, len(slots))
	for i, s := range slots {
		goMap[words[i]] = s.id
	}
	for _, k := range keys {
		if goMap[k] != m.vocab.get(k) {
			b.Fatalf("%q: map and table differ", k)
		}
	}
	var sink int32
	b.Run("lookup=map", func(b *testing.B) {
		for b.Loop() {
			for _, k := range keys {
				sink += goMap[k]
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/key")
	})
	b.Run("lookup=flat", func(b *testing.B) {
		for b.Loop() {
			for _, k := range keys {
				sink += m.vocab.get(k)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/key")
	})
	b.Run("fill=map", func(b *testing.B) {
		for b.Loop() {
			mm := make(map[string]int32, len(slots))
			for i, s := range slots {
				mm[words[i]] = s.id
			}
		}
	})
	b.Run("fill=flat", func(b *testing.B) {
		for b.Loop() {
			t := strTab{slots: make([]strSlot, len(m.vocab.slots)), arena: m.vocab.arena}
			for _, s := range slots {
				t.place(s.off, s.size(), s.id)
			}
		}
	})
	_ = sink
}

// BenchmarkEdges compares the trie edge lookups of a Match over the test
// articles in a Go map and in the flat table, and filling each.
func BenchmarkEdges(b *testing.B) {
	m, _, queries := lookupWorkload(b)
	all := m.edges.edges()
	goMap := make(map[uint64]int32, len(all))
	for _, e := range all {
		goMap[uint64(e.node)<<32|uint64(e.id)] = e.child
	}
	var sink int32
	b.Run("lookup=map", func(b *testing.B) {
		for b.Loop() {
			for _, q := range queries {
				sink += goMap[uint64(q[0])<<32|uint64(q[1])]
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(queries)), "ns/edge")
	})
	b.Run("lookup=flat", func(b *testing.B) {
		for b.Loop() {
			for _, q := range queries {
				sink += m.edges.get(q[0], q[1])
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(queries)), "ns/edge")
	})
	b.Run("fill=map", func(b *testing.B) {
		for b.Loop() {
			mm := make(map[uint64]int32, len(all))
			for _, e := range all {
				mm[uint64(e.node)<<32|uint64(e.id)] = e.child
			}
		}
	})
	b.Run("fill=flat", func(b *testing.B) {
		for b.Loop() {
			t := edgeTab{slots: make([]edgeSlot, len(m.edges.slots)), shift: m.edges.shift}
			for _, e := range all {
				t.add(e.node, e.id, e.child)
			}
		}
	})
	_ = sink
}

// getAllAgrees checks getAll against get for keys laid back to back.
func getAllAgrees(t *testing.T, tab *strTab, keys []string) {
	t.Helper()
	var all []byte
	ends := make([]int32, len(keys))
	for i, k := range keys {
		all = append(all, k...)
		ends[i] = int32(len(all))
	}
	got := tab.getAll([]int32{-1}, string(all), ends)
	if len(got) != len(keys)+1 || got[0] != -1 {
		t.Fatalf("getAll gave %d ids for %d keys, or lost dst", len(got)-1, len(keys))
	}
	for i, k := range keys {
		if want := tab.get(k); got[i+1] != want {
			t.Fatalf("key %d %q: getAll gives %d, get %d", i, k, got[i+1], want)
		}
	}
}

// TestGetAll checks the batched lookup against one key at a time, over
// blocks and keys short (held in the slot) and long (in the arena), present
// and absent, colliding in few letters.
func TestGetAll(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var tab strTab
	getAllAgrees(t, &tab, []string{"a", ""}) // an empty table
	var keys []string
	for i := range 3000 {
		b := make([]byte, r.IntN(20))
		for j := range b {
			b[j] = byte('a' + r.IntN(3))
		}
		keys = append(keys, string(b))
		if i%2 == 0 {
			tab.put(b, int32(i+1))
		}
	}
	getAllAgrees(t, &tab, keys)
	getAllAgrees(t, &tab, keys[:lookupBlock])
	getAllAgrees(t, &tab, keys[:lookupBlock+1])
	getAllAgrees(t, &tab, nil)
}

// FuzzGetAll checks getAll against get: the table holds the words of the
// first string, the lookups are the words of the second.
func FuzzGetAll(f *testing.F) {
	f.Add("the minister of foreign affairs", "the Minister of affairs abcdefgh abcdefg")
	f.Add("a aa aaa aaaaaaa aaaaaaaa", "aaaaaaaa aaaaaaa  x")
	f.Fuzz(func(t *testing.T, have, ask string) {
		var tab strTab
		for i, w := range strings.Split(have, " ") {
			tab.put([]byte(w), int32(i+1))
		}
		getAllAgrees(t, &tab, strings.Split(ask, " "))
	})
}

// TestIDTab: the id table finds what a map of the same ids finds, through
// growing, and nothing else.
func TestIDTab(t *testing.T) {
	var entries []*Entry
	want := map[string]int32{}
	var tab idTab
	if got := tab.get("x", entries); got != -1 {
		t.Fatalf("empty table: get = %d", got)
	}
	for i := range 3000 {
		id := fmt.Sprintf("id-%d", i*7%1000) // each id three times
		if len(id) > 5 {
			id += strings.Repeat("x", i%30) // short and long ids
		}
		got, ok := tab.add(id, int32(len(entries)), entries)
		w, had := want[id]
		if ok != had || (had && got != w) {
			t.Fatalf("add(%q) = %d, %v; want %d, %v", id, got, ok, w, had)
		}
		if !ok {
			want[id] = got
			entries = append(entries, &Entry{ID: id})
		}
	}
	for id, w := range want {
		if got := tab.get(id, entries); got != w {
			t.Errorf("get(%q) = %d, want %d", id, got, w)
		}
		if got := tab.get(id+"?", entries); got != -1 {
			t.Errorf("get(%q) = %d, want -1", id+"?", got)
		}
	}
	if tab.n != len(want) {
		t.Errorf("%d ids, want %d", tab.n, len(want))
	}
}
