package main

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/corpus"
	"github.com/newsann/newsann/annotate/encode"
)

func init() {
	register.DoFn5x1[context.Context, string, []byte, func(int, []byte), func([]byte), error](&annotateFn{})
	register.Emitter2[int, []byte]()
}

// annotateFn decodes and annotates one record. Its output is the
// document's JSONL line, keyed by the shard it goes to; a record that
// cannot be annotated goes to the dead letters as {"id", "error"}, the
// record the CLI writes for it, and never fails the bundle: one bad record
// in ten million must not stop a job.
type annotateFn struct {
	Options Options
	Shards  int

	reader   *corpus.Reader
	annotate func(context.Context, annotate.Input) (*annotate.Document, error)
	enc      lineEncoder
}

// Setup builds the annotator once per DoFn instance, which a worker keeps
// for many bundles: the gazetteer's tables take tens of milliseconds to
// build, far more than a record takes to annotate.
func (f *annotateFn) Setup() error {
	r, err := f.Options.reader()
	if err != nil {
		return err
	}
	a, err := f.Options.annotator()
	if err != nil {
		return err
	}
	f.reader, f.annotate = r, a.Annotate
	return nil
}

func (f *annotateFn) ProcessElement(ctx context.Context, where string, line []byte, emit func(int, []byte), dead func([]byte)) error {
	it := f.reader.DecodeRecord(where, line)
	if it.Err != nil {
		return f.fail(dead, it.Input.ID, it.Err)
	}
	d, err := f.safeAnnotate(ctx, where, it.Input)
	if err != nil {
		if ctx.Err() != nil {
			return err // cancelled: the runner retries the bundle
		}
		return f.fail(dead, it.Input.ID, err)
	}
	b, err := f.enc.document(d)
	if err != nil {
		return f.fail(dead, it.Input.ID, fmt.Errorf("%s: encoding the document: %w", where, err))
	}
	emit(shardOf(d.ID, f.Shards), b)
	return nil
}

// fail sends a record's failure to the dead letters.
func (f *annotateFn) fail(dead func([]byte), id string, cause error) error {
	b, err := f.enc.failure(id, cause)
	if err != nil {
		return err
	}
	dead(b)
	return nil
}

// safeAnnotate turns a panic of the annotator into the record's error: a
// bug that one text triggers must cost that text, not the job.
func (f *annotateFn) safeAnnotate(ctx context.Context, where string, in annotate.Input) (d *annotate.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("%s: the annotator failed on this record: %v", where, p)
		}
	}()
	return f.annotate(ctx, in)
}

// shardOf spreads documents over shards by a hash of their id, so a rerun
// puts each document in the same shard.
func shardOf(id string, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(shards))
}

// lineEncoder writes documents and failures as the CLI's JSONL encoder
// does, one line each with its newline, into a fresh slice that the caller
// may emit.
type lineEncoder struct {
	buf bytes.Buffer
	enc encode.Encoder
}

func (e *lineEncoder) init() error {
	if e.enc != nil {
		return nil
	}
	enc, err := encode.New("jsonl", &e.buf, encode.Options{})
	e.enc = enc
	return err
}

func (e *lineEncoder) document(d *annotate.Document) ([]byte, error) {
	return e.line(func() error { return e.enc.Encode(d) })
}

func (e *lineEncoder) failure(id string, cause error) ([]byte, error) {
	return e.line(func() error { return e.enc.EncodeError(id, cause) })
}

func (e *lineEncoder) line(write func() error) ([]byte, error) {
	if err := e.init(); err != nil {
		return nil, err
	}
	e.buf.Reset()
	if err := write(); err != nil {
		return nil, err
	}
	return slices.Clone(e.buf.Bytes()), nil
}
