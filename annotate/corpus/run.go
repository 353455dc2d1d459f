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
// in flight, so memory stays bounded whatever the corpus size.
//
// Run stops early when ctx is done or emit returns an error, and returns
// that error; emit is not called again. It returns without waiting for
// the next item: reading it may block for good (standard input from a
// process that has not closed it), and the goroutine reading it ends when
// that read returns. The workers have stopped when Run returns, a worker
// in the middle of a text as soon as the annotator checks ctx.
func Run(ctx context.Context, a *annotate.Annotator, items iter.Seq[Item], workers int, emit func(Result) error) error {
	return RunFunc(ctx, a.Annotate, items, workers, emit)
}

// RunFunc is Run with what is done to each input given as a function,
// which the workers call concurrently: a caller that does more to a
// document than annotate it (`newsann check` checks it) has that done in
// parallel too, rather than in emit, which runs on one goroutine and
// would bound the run's speed however many workers there are.
func RunFunc(ctx context.Context, process func(context.Context, annotate.Input) (*annotate.Document, error), items iter.Seq[Item], workers int, emit func(Result) error) error {
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
			for {
				var j *job
				select {
				case j = <-jobs:
				case <-ctx.Done():
					return
				}
				if j == nil {
					return // jobs closed: the input is over
				}
				r := Result{Item: j.item}
				if j.item.Err != nil {
					r.Err = j.item.Err
				} else {
					r.Doc, r.Err = process(ctx, j.item.Input)
				}
				j.done <- r // buffered: never blocks
			}
		}()
	}

	// The producer reads items and hands each to the ordered queue and to
	// a worker.
	go func() {
		defer close(jobs)
		defer close(queue)
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
				return
			}
		}
	}()

	err := func() error {
		for {
			var j *job
			select {
			case j = <-queue:
			case <-ctx.Done():
				return ctx.Err()
			}
			if j == nil {
				// The input is over and every result emitted — or the
				// producer saw the cancellation first and closed the
				// queue, and this select chose the closed queue over
				// ctx.Done: an interrupted run must not end as done.
				return ctx.Err()
			}
			var r Result
			select {
			case r = <-j.done:
			case <-ctx.Done():
				return ctx.Err()
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := emit(r); err != nil {
				return err
			}
		}
	}()
	cancel()
	wg.Wait()
	return err
}
