package annotate

import (
	"context"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/lexicon"
)

// TestCPURatio prints the CPU time of the pipeline with every rule,
// without the relation and event rules, and without rules, over the
// benchmark corpus, alternating runs, for comparing changes on a busy
// machine where wall-clock benchmarks are noisy; and each one's speed in
// MB per CPU second. Run with CPU_RATIO=1 GOMAXPROCS=1.
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
	files, err := rules.DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f *rules.File) bool {
		return strings.HasSuffix(f.Path, "50-relations.yaml") || strings.HasSuffix(f.Path, "60-events.yaml")
	})
	rs, err := rules.Compile(files)
	if err != nil {
		t.Fatal(err)
	}
	noRel, _ := New(lex, Options{Rules: rs})
	docs := benchDocs()
	mb := float64(benchBytes(docs)) / 1e6
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
	var tw, tr, tn time.Duration
	for range 4 {
		tw += cpu(with)
		tr += cpu(noRel)
		tn += cpu(without)
	}
	speed := func(d time.Duration) float64 { return mb / (d / 4).Seconds() }
	t.Logf("with rules %v, without relation and event rules %v, without rules %v (thread CPU over %.2f MB); ratio %.2f", tw/4, tr/4, tn/4, mb, float64(tw)/float64(tn))
	t.Logf("MB per CPU second: %.2f with rules, %.2f without relation and event rules, %.2f without rules", speed(tw), speed(tr), speed(tn))
}
