package main

import (
	"bufio"
	"context"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn2x0[[]byte, func(int, []byte)](&shardMarkersFn{})
	register.DoFn3x1[context.Context, int, func(*[]byte) bool, error](&writeShardFn{})
	register.Iter1[[]byte]()
}

// writeShards writes lines keyed by shard number into shards files named
// by shardName, each written whole by one worker. textio.Write would send
// every line through a single writer; here the writing is spread over as
// many workers as there are shards.
//
// Every shard is written, even one that no line is keyed to, so a reader
// finds exactly the files the names promise. A retried shard is rewritten
// whole, so retries leave no duplicates.
func writeShards(s beam.Scope, lines beam.PCollection, prefix string, shards int) {
	markers := beam.ParDo(s.Scope("Markers"), &shardMarkersFn{Shards: shards}, beam.Impulse(s))
	grouped := beam.GroupByKey(s, beam.Flatten(s, lines, markers))
	name := documentsCounter
	if shards == 1 {
		name = deadLettersCounter
	}
	beam.ParDo0(s.Scope("Write"), &writeShardFn{Prefix: prefix, Shards: shards, Counter: name}, grouped)
}

// shardMarkersFn emits an empty line for each shard, so that each shard's
// group exists; writers skip empty lines.
type shardMarkersFn struct {
	Shards int
}

func (f *shardMarkersFn) ProcessElement(_ []byte, emit func(int, []byte)) {
	for i := range f.Shards {
		emit(i, nil)
	}
}

// writeShardFn writes one shard's lines to its file.
type writeShardFn struct {
	Prefix  string
	Shards  int
	Counter string // counts the lines written
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*[]byte) bool) (err error) {
	name := shardName(f.Prefix, shard, f.Shards)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer func() {
		if cerr := w.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("%s: %w", name, cerr)
		}
	}()
	bw := bufio.NewWriterSize(w, 1<<20)
	var line []byte
	n := int64(0)
	for lines(&line) {
		if len(line) == 0 {
			continue // a shard marker
		}
		if _, err := bw.Write(line); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		n++
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	counter(f.Counter).Inc(ctx, n)
	return nil
}

// shardName names shard i of n, as Beam's own sinks do:
// PREFIX-00003-of-00016.jsonl.
func shardName(prefix string, i, n int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, n)
}

// shardPattern is a glob of the n shards of prefix, for messages.
func shardPattern(prefix string, n int) string {
	return fmt.Sprintf("%s-*-of-%05d.jsonl", prefix, n)
}
