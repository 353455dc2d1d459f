package lexicon

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unsafe"
)

//go:generate go run gen_compiled.go

// compiled is the embedded default gazetteer: the files of lexicon/data in
// the compiled form (see compiled.go), written by `go generate`.
//
//go:embed compiled.bin
var compiled []byte

// compiledText is compiled as a string without copying it (0.7 MB at
// every start-up): compiled is never modified, so the default entries'
// strings may point into it.
func compiledText() string { return unsafe.String(unsafe.SliceData(compiled), len(compiled)) }

// DataDir is where the default gazetteer's YAML lives in the repository.
const DataDir = "lexicon/data"

// DefaultFiles returns the embedded default gazetteer's files. Their
// positions refer to the YAML under lexicon/data.
func DefaultFiles() ([]*File, error) {
	files, _, err := decodeFiles(compiledText())
	return files, err
}

// Default returns the embedded default gazetteer, compiled. It was
// validated when generated, so it is not validated again, and its matcher
// is loaded from compiled.bin rather than compiled (it is compiled if the
// stored one does not fit).
func Default() (*Lexicon, error) {
	l, _, err := loadCompiled(compiled, compiledText())
	return l, err
}

// loadCompiled builds the lexicon that data (text is the same bytes as a
// string), in the form EncodeCompiled writes, holds, loading its matcher
// when the stored one fits the entries and compiling it otherwise; stale
// says why the stored matcher was not used.
func loadCompiled(data []byte, text string) (l *Lexicon, stale, err error) {
	files, r, err := decodeFiles(text)
	if err != nil {
		return nil, nil, err
	}
	l, err = buildWith(files, Options{SkipValidation: true}, func(l *Lexicon) *Matcher {
		m, err := loadMatcher(data, r.s, r.i, l)
		stale = err
		return m
	})
	return l, stale, err
}

// ParseFS parses every lexicon file under dir of fsys, in name order,
// naming them under prefix in errors.
func ParseFS(fsys fs.FS, dir, prefix string) ([]*File, error) {
	var names []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && IsLexiconFile(p) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var files []*File
	var errs ErrorList
	for _, n := range names {
		rel := n
		if dir != "." {
			rel = strings.TrimPrefix(n, dir+"/")
		}
		fh, err := fsys.Open(n)
		if err != nil {
			return nil, err
		}
		f, err := ParseReader(path.Join(prefix, rel), fh)
		fh.Close()
		if err != nil {
			el, ok := err.(ErrorList)
			if !ok {
				return nil, err
			}
			errs = append(errs, el...)
		}
		if f != nil {
			files = append(files, f)
		}
	}
	return files, errs.Err()
}

// IsLexiconFile reports whether name has an extension newsann reads
// lexicon entries from.
func IsLexiconFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json", ".jsonl", ".csv":
		return true
	}
	return false
}

// Parse parses one lexicon file, choosing the format by the extension of
// name: YAML (.yaml, .yml, and .json, which YAML reads), JSON Lines
// (.jsonl) or CSV (.csv).
func Parse(name string, data []byte) (*File, error) {
	return ParseReader(name, bytes.NewReader(data))
}

// ParseReader is Parse reading from r. JSONL and CSV are decoded as they
// stream in; YAML and JSON are read whole (up to MaxFileSize) first.
func ParseReader(name string, r io.Reader) (*File, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", name, err)
		}
		return ParseYAML(name, data)
	case ".jsonl":
		return ParseJSONL(name, r)
	case ".csv":
		return ParseCSV(name, r)
	}
	return nil, fmt.Errorf("lexicon %s: unknown file type (want .yaml, .yml, .json, .jsonl or .csv)", name)
}

// ReadPaths parses lexicon files: each path is a file, or a directory
// searched recursively for lexicon files in name order. With an
// ErrorList it still returns what could be read, so that a validator can
// go on and report the problems of the merged entries too.
func ReadPaths(paths ...string) ([]*File, error) {
	var files []*File
	var errs ErrorList
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", p, err)
		}
		var got []*File
		if st.IsDir() {
			got, err = ParseFS(os.DirFS(p), ".", p)
		} else {
			var f *File
			f, err = parsePath(p)
			if f != nil {
				got = []*File{f}
			}
		}
		if err != nil {
			el, ok := err.(ErrorList)
			if !ok {
				return nil, err
			}
			errs = append(errs, el...)
		}
		files = append(files, got...)
	}
	return files, errs.Err()
}

// parsePath opens and parses one lexicon file, streaming formats that
// stream.
func parsePath(p string) (*File, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", p, err)
	}
	defer fh.Close()
	return ParseReader(p, fh)
}
