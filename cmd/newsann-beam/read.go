package main

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/newsann/newsann/annotate/corpus"
)

func init() {
	register.DoFn3x1[context.Context, []byte, func(string), error](&listFn{})
	register.DoFn4x1[context.Context, string, func(string, []byte), func([]byte), error](&readFn{})
	register.Emitter1[string]()
	register.Emitter2[string, []byte]()
	register.Emitter1[[]byte]()
}

// listFn expands the input pattern into file names, on a worker, so that
// a pattern of many thousand files does not make the pipeline graph large.
type listFn struct {
	Pattern string
}

func (f *listFn) ProcessElement(ctx context.Context, _ []byte, emit func(string)) error {
	files, err := listInput(ctx, f.Pattern)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("--input %s: no file matches", f.Pattern)
	}
	for _, name := range files {
		emit(name)
	}
	return nil
}

// listInput lists the files that pattern matches on its file system.
func listInput(ctx context.Context, pattern string) ([]string, error) {
	fs, err := filesystem.New(ctx, pattern)
	if err != nil {
		return nil, fmt.Errorf("--input %s: %w", pattern, err)
	}
	defer fs.Close()
	files, err := fs.List(ctx, pattern)
	if err != nil {
		return nil, fmt.Errorf("--input %s: %w", pattern, err)
	}
	return files, nil
}

// readFn reads one JSONL file into its lines, each keyed by "file:line"
// exactly as the CLI names records, with the CLI's own line reader. A line
// over the limit is a bad record and goes to the dead letters; a read
// error fails the bundle, so that the runner retries the file (storage
// errors are often passing ones).
type readFn struct {
	MaxRecord int
}

func (f *readFn) ProcessElement(ctx context.Context, name string, emit func(string, []byte), dead func([]byte)) error {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	var rd io.Reader = rc
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(rc)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		rd = zr
	}
	var enc lineEncoder
	r := &corpus.Reader{Mode: corpus.JSONL, MaxRecord: f.MaxRecord}
	for l := range r.Lines(name, rd) {
		switch {
		case errors.Is(l.Err, corpus.ErrLineTooLong):
			b, err := enc.failure(l.Where, l.Err)
			if err != nil {
				return err
			}
			dead(b)
		case l.Err != nil:
			return l.Err
		default:
			emit(l.Where, l.Text)
		}
	}
	return ctx.Err()
}
