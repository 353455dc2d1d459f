package lexicon_test

import (
	"bytes"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/newsann/newsann/annotate/synth"
	"github.com/newsann/newsann/lexicon"
)

// millionJSONL is a JSONL lexicon of a million made-up people, made once.
var millionJSONL = sync.OnceValue(func() []byte { return peopleJSONL(1_000_000) })

func peopleJSONL(n int) []byte {
	f := &lexicon.File{Path: "synth.jsonl", Entries: synth.People(n, 1)}
	l, err := lexicon.Build([]*lexicon.File{f}, lexicon.Options{SkipValidation: true})
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	if err := lexicon.Export(&b, l, "jsonl"); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// peakHeap samples the heap in use while it runs and returns a function
// that stops sampling and reports the highest value seen, in bytes.
func peakHeap() (stop func() uint64) {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		peak = max(peak, ms.HeapInuse)
		mu.Unlock()
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		sample()
		return peak
	}
}

// BenchmarkLoadMillion loads a million-name JSONL lexicon merged over the
// embedded default, as `newsann --lexicon big.jsonl` does: parse, merge,
// validate and compile. It reports the peak heap in use (sampled) and the
// memory the runtime took from the system.
//
//	go test ./lexicon -run '^$' -bench BenchmarkLoadMillion -benchtime 1x
func BenchmarkLoadMillion(b *testing.B) {
	data := millionJSONL()
	runtime.GC()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	stop := peakHeap()
	for b.Loop() {
		def, err := lexicon.DefaultFiles()
		if err != nil {
			b.Fatal(err)
		}
		f, err := lexicon.ParseJSONL("big.jsonl", bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		l, err := lexicon.Build(append(def, f), lexicon.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if l.Len() < 1_000_000 {
			b.Fatalf("%d entries", l.Len())
		}
	}
	peak := stop()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
}
