package corpus

import (
	"context"
	"iter"
	"runtime"
	"sync"

	"github.com/newsann/newsann/annotate"
)

// Result is the outcome of one item.
type Result struct {
	Item Item
	Doc  *annotate.Document
	Err  error // the item's own error, or the annotator's
}

// Run annotates items with workers goroutines (0: one per CPU) and calls
// emit for each result in input order. At most a few items per worker are
// in flight, so memory stays bounded whatever the corpus size. Run stops
// early, without leaking goroutines, when ctx is done or emit returns an
// error, and returns that error.
func Run(ctx context.Context, a *annotate.Annotator, items iter.Seq[Item], workers int, emit func(Result) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		item Item
		done chan Result
	}
	jobs := make(chan *job)
	queue := make(chan *job, 4*workers) // in input order

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := Result{Item: j.item}
				if j.item.Err != nil {
					r.Err = j.item.Err
				} else if err := ctx.Err(); err != nil {
					r.Err = err
				} else {
					r.Doc, r.Err = a.Annotate(ctx, j.item.Input)
				}
				j.done <- r
			}
		}()
	}

	// The producer reads items and hands each to a worker and to the
	// ordered queue.
	go func() {
		defer close(queue)
		defer close(jobs)
		for it := range items {
			j := &job{item: it, done: make(chan Result, 1)}
			select {
			case queue <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				j.done <- Result{Item: it, Err: ctx.Err()}
				return
			}
		}
	}()

	var err error
	for j := range queue {
		r := <-j.done
		if err != nil {
			continue // drain so the producer and workers finish
		}
		if cerr := ctx.Err(); cerr != nil {
			err = cerr
			cancel()
			continue
		}
		if e := emit(r); e != nil {
			err = e
			cancel()
		}
	}
	wg.Wait()
	return err
}
