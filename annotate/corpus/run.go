package corpus

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"runtime"
	"sync"

	"github.com/newsann/newsann/annotate"
)

// Result is the outcome of one item.
type Result struct {
	Item Item
	Doc  *annotate.Document
	Err  error // the item's own error, the annotator's, or the record's
	// Record is the document's output record, made on the worker when
	// the Pipeline has a Record function. Its memory is reused once emit
	// returns: emit writes it and does not keep it.
	Record []byte
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
	return Pipeline{Process: a.Annotate, Workers: workers}.Run(ctx, items, emit)
}

// RunFunc is Run with what is done to each input given as a function,
// which the workers call concurrently: a caller that does more to a
// document than annotate it (`newsann check` checks it) has that done in
// parallel too, rather than in emit, which runs on one goroutine and
// would bound the run's speed however many workers there are.
func RunFunc(ctx context.Context, process func(context.Context, annotate.Input) (*annotate.Document, error), items iter.Seq[Item], workers int, emit func(Result) error) error {
	return Pipeline{Process: process, Workers: workers}.Run(ctx, items, emit)
}

// A Pipeline is what a corpus run does to each input on its workers, and
// with how many. Run and RunFunc are its common cases; a caller that
// writes records (`newsann annotate -o jsonl`) has them made on the
// workers too.
type Pipeline struct {
	// Process annotates one input (and may do more to the document:
	// `newsann check` checks it). The workers call it concurrently.
	Process func(context.Context, annotate.Input) (*annotate.Document, error)
	// Record, when set, appends a document's output record to b (an
	// encoder's AppendRecord); the workers call it concurrently, after
	// Process, and the Result carries the record. Emit, which runs on
	// one goroutine, then only writes bytes: encoding is about a tenth
	// of the work of annotating (a document's JSON is five times its
	// text), and done in emit it would bound a run's speed however many
	// workers there were. A document whose record fails comes to emit
	// with the error instead.
	Record func(b []byte, d *annotate.Document) ([]byte, error)
	// Workers is the number of workers; 0 means one per CPU.
	Workers int
}

// maxKeptRecord bounds the record buffers a run keeps for reuse.
const maxKeptRecord = 1 << 20

// Run is the package's Run with the pipeline's work.
func (p Pipeline) Run(ctx context.Context, items iter.Seq[Item], emit func(Result) error) error {
	process, record, workers := p.Process, p.Record, p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		item Item
		done chan Result
	}
	// queue, in input order, bounds the items read and not yet emitted.
	// jobs holds a few of them for the workers, so that a worker done
	// with a document takes the next one at once: unbuffered, each
	// document woke the producer on the other core, and on a virtual
	// machine, where waking a core costs an interrupt, two workers ran
	// 0.93x the wall time buffered (docs/performance.md).
	queue := make(chan *job, 4*workers)
	jobs := make(chan *job, 2*workers)
	// Emitted records' buffers, for the workers to make the next ones in:
	// as many as can be in flight, so that a run allocates its records
	// once.
	buffers := make(chan []byte, 5*workers+1)

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
				r := Result{Item: j.item.Decoded()}
				if r.Item.Err != nil {
					r.Err = r.Item.Err
				} else {
					r.Doc, r.Err = process(ctx, r.Item.Input)
				}
				if r.Err == nil && record != nil {
					var b []byte
					select {
					case b = <-buffers:
					default:
					}
					if r.Record, r.Err = record(b, r.Doc); r.Err != nil {
						r.Doc, r.Record = nil, nil
						r.Err = fmt.Errorf("%s: writing its record: %w", cmp.Or(r.Item.Where, r.Item.Input.ID), r.Err)
					}
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
			if r.Record != nil && cap(r.Record) <= maxKeptRecord {
				select {
				case buffers <- r.Record[:0]:
				default:
				}
			}
		}
	}()
	cancel()
	wg.Wait()
	return err
}
