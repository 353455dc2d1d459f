package annotate

import (
	"context"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/newsann/newsann/lexicon"
)

// TestCPURatio prints the CPU time of the pipeline with and without rules
// over the benchmark corpus, alternating runs, for comparing changes on a
// busy machine where wall-clock benchmarks are noisy. Run with
// CPU_RATIO=1 GOMAXPROCS=1.
func TestCPURatio(t *testing.T) {
	if os.Getenv("CPU_RATIO") == "" {
		t.Skip("set CPU_RATIO=1")
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	with, _ := New(lex, Options{})
	without, _ := New(lex, Options{NoRules: true})
	docs := benchDocs()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu := func(a *Annotator) time.Duration {
		var ru0, ru1 syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_THREAD, &ru0)
		for _, d := range docs {
			if _, err := a.Annotate(context.Background(), Input{Text: d}); err != nil {
				t.Fatal(err)
			}
		}
		syscall.Getrusage(syscall.RUSAGE_THREAD, &ru1)
		return time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	}
	var tw, tn time.Duration
	for range 4 {
		tw += cpu(with)
		tn += cpu(without)
	}
	t.Logf("with rules %v, without %v per MB (thread CPU), ratio %.2f", tw/4, tn/4, float64(tw)/float64(tn))
}
