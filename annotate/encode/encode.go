// Package encode writes annotate.Documents in newsann's output formats.
// Each format is a small encoder in its own file; New picks one by name, so
// every command shares one --format mechanism.
package encode

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/newsann/newsann/annotate"
)

// Encoder writes a stream of documents. Encode and EncodeError may be
// called any number of times, in input order; Close finishes the stream
// (closing brackets, summaries) and must be called once.
type Encoder interface {
	Encode(d *annotate.Document) error
	// EncodeError records an input that could not be annotated, so that a
	// corpus run's output keeps one record per input.
	EncodeError(id string, err error) error
	Close() error
}

// A RecordEncoder is an Encoder whose documents' records do not depend on
// the stream around them, so that they can be made apart from it and in
// parallel. A corpus run makes each record on the worker that annotated
// the document (corpus.Pipeline.Record) and hands the records to
// WriteRecord in input order: the goroutine that writes then only copies
// bytes. Encoding a document is about a tenth of the work of annotating
// it (its JSON is five times its text), and on that one goroutine it
// would bound a run's speed however many workers there were.
//
// Encode(d) is AppendRecord and WriteRecord in turn.
type RecordEncoder interface {
	Encoder
	// AppendRecord appends d's record to b and returns the result. It
	// may be called from many goroutines at once, and at the same time
	// as WriteRecord.
	AppendRecord(b []byte, d *annotate.Document) ([]byte, error)
	// WriteRecord writes a record AppendRecord made, where Encode would
	// have written its document. It does not keep rec.
	WriteRecord(rec []byte) error
}

// Options tune encoders.
type Options struct {
	// Color turns on terminal colours in formats that have them.
	Color bool
	// OutDir is where file-per-document formats write.
	OutDir string
}

type factory func(w io.Writer, opts Options) (Encoder, error)

// format is one entry of the registry.
type format struct {
	new factory
	// needsText is set for formats that print or slice the text: their
	// documents must carry it (annotate.Options.IncludeText).
	needsText bool
	// files is set for formats that write files into Options.OutDir and
	// nothing to the stream.
	files bool
}

// formats is the registry of encoders by name.
var formats = map[string]format{
	"json":  {new: newJSON},
	"jsonl": {new: newJSONL},
	"yaml":  {new: newYAML},
	"text":  {new: newText, needsText: true},
	"html":  {new: newHTML, needsText: true},
	"brat":  {new: newBrat, needsText: true, files: true},
	"conll": {new: newCoNLL, needsText: true},
	"spacy": {new: newSpacy, needsText: true},
}

// NeedsText reports whether format prints or slices the text, so that its
// documents must be annotated with annotate.Options.IncludeText. The
// formats that write the annotation tree (json, jsonl, yaml) do not: they
// print the text only when the user asks for it.
func NeedsText(format string) bool { return formats[format].needsText }

// WritesFiles reports whether format writes files into Options.OutDir
// rather than to its stream, which then stays empty.
func WritesFiles(format string) bool { return formats[format].files }

// Formats returns the names of the formats New accepts, sorted.
func Formats() []string {
	return slices.Sorted(maps.Keys(formats))
}

// New returns the encoder for format writing to w.
func New(format string, w io.Writer, opts Options) (Encoder, error) {
	f, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
	}
	return f.new(w, opts)
}

// errorRecord is how a failed input appears in JSON, JSONL and YAML output.
type errorRecord struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}
