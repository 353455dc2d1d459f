package corpus

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/newsann/newsann/annotate/synth"
)

// BenchmarkReadJSONL reads the benchmark corpus as JSONL records, the work
// of the one goroutine that feeds a corpus run's workers, whatever their
// number. MB/s is over the JSONL.
func BenchmarkReadJSONL(b *testing.B) {
	texts, err := synth.BenchCorpus("../../testdata/articles/*.txt")
	if err != nil {
		b.Fatal(err)
	}
	var jsonl bytes.Buffer
	enc := json.NewEncoder(&jsonl)
	for i, t := range texts {
		rec := map[string]string{"id": synth.ID(i), "text": t, "date": "2025-11-14", "source": "synth"}
		if err := enc.Encode(rec); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(jsonl.Len()))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		r := &Reader{Mode: JSONL, Stdin: bytes.NewReader(jsonl.Bytes())}
		for it := range r.Items([]string{"-"}) {
			if it.Err != nil {
				b.Fatal(it.Err)
			}
			n++
		}
		if n != len(texts) {
			b.Fatalf("%d items, want %d", n, len(texts))
		}
	}
}
