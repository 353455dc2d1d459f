package lexicon

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// The compiled form of lexicon files is what the binary embeds: the same
// entries as the YAML, validated when generated, in a compact encoding
// that decodes in a few milliseconds (YAML decoding of the embedded data
// takes tens). `go generate ./lexicon` writes it from lexicon/data; a test
// fails when it is stale.
//
// Layout: the magic line, then uvarint-prefixed strings and counts, in the
// order Encode writes them. Strings are substrings of one copy of the
// data, so decoding allocates little. An entry's fields after its name
// are preceded by a set of has* bits saying which are set, and only those
// are written: most are empty, and the loader reads one number instead of
// each empty field's length.
//
// compiled.bin also holds, after the files, the tables of the matcher
// they compile to (EncodeCompiled; the layout is in compiled_matcher.go),
// so that Default does not tokenize and fold every name at start-up.

const compiledMagic = "newsann-lexicon-v2\n"

// EncodeFiles writes files in the compiled form.
func EncodeFiles(files []*File) []byte {
	w := &writer{buf: []byte(compiledMagic)}
	w.uint(len(files))
	for _, f := range files {
		w.str(f.Path)
		w.date(f.AsOf)
		w.uint(len(f.Variants))
		for _, v := range f.Variants {
			w.strs(v.Spellings)
			w.pos(v.Pos)
		}
		w.uint(len(f.Entries))
		for _, e := range f.Entries {
			w.entry(e)
		}
	}
	return w.buf
}

// DecodeFiles reads files in the compiled form. The matcher tables that
// may follow them (see EncodeCompiled) are skipped.
func DecodeFiles(data []byte) (files []*File, err error) {
	files, r, err := decodeFiles(string(data))
	if err != nil {
		return nil, err
	}
	if r.i != len(r.s) && !strings.HasPrefix(r.s[r.i:], matcherMagic) {
		return nil, fmt.Errorf("compiled lexicon: %d trailing bytes", len(r.s)-r.i)
	}
	return files, nil
}

// decodeFiles reads the files of data, leaving the reader after them.
// Their strings are substrings of data.
func decodeFiles(data string) (files []*File, r *reader, err error) {
	if !strings.HasPrefix(data, compiledMagic) {
		return nil, nil, errors.New("compiled lexicon: bad header")
	}
	r = &reader{s: data, i: len(compiledMagic)}
	defer func() {
		if e := recover(); e != nil {
			files, err = nil, fmt.Errorf("compiled lexicon: corrupt at byte %d: %v", r.i, e)
		}
	}()
	n := r.count(1)
	files = make([]*File, n)
	for i := range files {
		f := &File{Path: r.str(), AsOf: r.date()}
		f.Variants = make([]Variant, r.count(2))
		for j := range f.Variants {
			f.Variants[j] = Variant{Spellings: r.strs()}
			f.Variants[j].Pos = r.pos(f.Path)
		}
		f.Entries = make([]*Entry, r.count(1))
		block := make([]Entry, len(f.Entries)) // one allocation for the file's entries
		for j := range f.Entries {
			r.entry(&block[j], f)
			f.Entries[j] = &block[j]
		}
		files[i] = f
	}
	return files, r, nil
}

type writer struct {
	buf  []byte
	line int // of the position written last
}

func (w *writer) uint(n int) { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }
func (w *writer) str(s string) {
	w.uint(len(s))
	w.buf = append(w.buf, s...)
}
func (w *writer) strs(ss []string) {
	w.uint(len(ss))
	for _, s := range ss {
		w.str(s)
	}
}
func (w *writer) date(d Date) { w.uint(d.Year); w.uint(d.Month); w.uint(d.Day) }

// pos writes a position's line as its difference from the line of the
// position written before it (zigzag: a role's line follows its entry's,
// which follows the roles): most take a byte rather than two.
func (w *writer) pos(p Pos) {
	d := p.Line - w.line
	w.uint(d<<1 ^ d>>63)
	w.uint(p.Col)
	w.line = p.Line
}

// The has* bits say which of an entry's fields are written: those set
// (a string not empty, a list or map not empty, a bool true).
const (
	hasAliases = 1 << iota
	hasShort
	hasDemonyms
	hasCountry
	hasCodes
	hasRoles
	hasMemberOf
	hasAmbiguous
	hasCapital
	hasPartOf
	hasMembers
	hasType
	hasEquivalent
	hasMultiple
	hasMatch
	hasExtend
	hasNote
)

// The bits that say which of a role's fields after its start are set,
// as the has* bits an entry's.
const (
	roleHasTo = 1 << iota
	roleHasHeads
	roleActing
	roleHasNote
)

func (w *writer) entry(e *Entry) {
	w.str(e.ID)
	w.str(string(e.Kind))
	w.str(e.Name)
	has := 0
	for _, f := range []struct {
		bit int
		set bool
	}{
		{hasAliases, len(e.Aliases) > 0},
		{hasShort, len(e.Short) > 0},
		{hasDemonyms, len(e.Demonyms) > 0},
		{hasCountry, e.Country != ""},
		{hasCodes, len(e.Codes) > 0},
		{hasRoles, len(e.Roles) > 0},
		{hasMemberOf, len(e.MemberOf) > 0},
		{hasAmbiguous, len(e.Ambiguous) > 0},
		{hasCapital, e.Capital != ""},
		{hasPartOf, len(e.PartOf) > 0},
		{hasMembers, len(e.Members) > 0},
		{hasType, e.Type != ""},
		{hasEquivalent, e.Equivalent != ""},
		{hasMultiple, e.Multiple},
		{hasMatch, e.Match != ""},
		{hasExtend, e.Extend},
		{hasNote, e.Note != ""},
	} {
		if f.set {
			has |= f.bit
		}
	}
	w.uint(has)
	if has&hasAliases != 0 {
		w.strs(e.Aliases)
	}
	if has&hasShort != 0 {
		w.strs(e.Short)
	}
	if has&hasDemonyms != 0 {
		w.strs(e.Demonyms)
	}
	if has&hasAmbiguous != 0 {
		w.strs(e.Ambiguous)
	}
	if has&hasCapital != 0 {
		w.str(e.Capital)
	}
	if has&hasCountry != 0 {
		w.str(e.Country)
	}
	if has&hasCodes != 0 {
		keys := make([]string, 0, len(e.Codes))
		for k := range e.Codes {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		w.uint(len(keys))
		for _, k := range keys {
			w.str(k)
			w.str(e.Codes[k])
		}
	}
	if has&hasRoles != 0 {
		w.uint(len(e.Roles))
		for _, r := range e.Roles {
			w.str(r.Title)
			w.str(r.Of)
			w.date(r.From)
			has := 0
			if r.To != (Date{}) {
				has |= roleHasTo
			}
			if len(r.Heads) > 0 {
				has |= roleHasHeads
			}
			if r.Acting {
				has |= roleActing
			}
			if r.Note != "" {
				has |= roleHasNote
			}
			w.uint(has)
			if has&roleHasTo != 0 {
				w.date(r.To)
			}
			if has&roleHasHeads != 0 {
				w.strs(r.Heads)
			}
			if has&roleHasNote != 0 {
				w.str(r.Note)
			}
			w.pos(r.Pos)
		}
	}
	if has&hasPartOf != 0 {
		w.strs(e.PartOf)
	}
	if has&hasMemberOf != 0 {
		w.strs(e.MemberOf)
	}
	if has&hasMembers != 0 {
		w.strs(e.Members)
	}
	if has&hasType != 0 {
		w.str(e.Type)
	}
	if has&hasEquivalent != 0 {
		w.str(e.Equivalent)
	}
	if has&hasMatch != 0 {
		w.str(e.Match)
	}
	if has&hasNote != 0 {
		w.str(e.Note)
	}
	w.pos(e.Pos)
}

type reader struct {
	s string
	i int
	// slab and roles hold the string lists and roles decoded next: they
	// are cut from them (capacity limited, so appending to one copies it)
	// rather than allocated one by one.
	slab  []string
	roles []Role
	line  int // of the position read last
}

// uint reads a uvarint. One-byte values (most) take a path small enough
// to be inlined (keep it so: it is at the inlining budget); reading past
// the end panics, as any corrupt data does, and the decoders recover.
func (r *reader) uint() int {
	if b := r.s[r.i]; b < 0x80 {
		r.i++
		return int(b)
	}
	return r.uintSlow()
}

//go:noinline
func (r *reader) uintSlow() int {
	// Two bytes (the lexicon's node, token and entry numbers, line
	// numbers and years: most of the values past one byte) without the
	// loop.
	if i := r.i; i+1 < len(r.s) && r.s[i+1] < 0x80 {
		r.i = i + 2
		return int(r.s[i]&0x7f) | int(r.s[i+1])<<7
	}
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if shift > 63 {
			panic("varint overflows")
		}
		b := r.s[r.i]
		r.i++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			if v > math.MaxInt32 {
				panic("value out of range")
			}
			return int(v)
		}
	}
}

// count reads the length of a list whose items take at least size bytes
// each, so that a corrupt length fails here instead of allocating
// gigabytes.
func (r *reader) count(size int) int {
	n := r.uint() // at most MaxInt32, so n*size does not overflow
	if n*size > len(r.s)-r.i {
		panic(fmt.Sprintf("count %d overruns the data", n))
	}
	return n
}

// str reads a string. One of fewer than 128 bytes (most) takes a path
// small enough to be inlined, as uint's: the loader reads tens of
// thousands at every start-up.
func (r *reader) str() string {
	if i, n := r.i, int(r.s[r.i]); n < 0x80 {
		r.i = i + 1 + n
		return r.s[i+1 : i+1+n]
	}
	return r.strSlow()
}

//go:noinline
func (r *reader) strSlow() string {
	n := r.uint()
	s := r.s[r.i : r.i+n]
	r.i += n
	return s
}

func (r *reader) strs() []string {
	// count(1) written out: a list of strings is read for most entries.
	n := r.uint()
	if n == 0 {
		return nil
	}
	if n > len(r.s)-r.i {
		panic(fmt.Sprintf("count %d overruns the data", n))
	}
	if len(r.slab) < n {
		r.slab = make([]string, max(n, 512))
	}
	out := r.slab[:n:n]
	r.slab = r.slab[n:]
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *reader) date() Date { return Date{Year: r.uint(), Month: r.uint(), Day: r.uint()} }

// pos reads a position written by writer.pos.
func (r *reader) pos(file string) Pos {
	z := r.uint()
	r.line += z>>1 ^ -(z & 1)
	return Pos{File: file, Line: r.line, Col: r.uint()}
}

func (r *reader) entry(e *Entry, f *File) {
	e.ID = r.str()
	e.Kind = Kind(r.str())
	e.Name = r.str()
	has := r.uint()
	if has&hasAliases != 0 {
		e.Aliases = r.strs()
	}
	if has&hasShort != 0 {
		e.Short = r.strs()
	}
	if has&hasDemonyms != 0 {
		e.Demonyms = r.strs()
	}
	if has&hasAmbiguous != 0 {
		e.Ambiguous = r.strs()
	}
	if has&hasCapital != 0 {
		e.Capital = r.str()
	}
	if has&hasCountry != 0 {
		e.Country = r.str()
	}
	if has&hasCodes != 0 {
		n := r.count(2)
		e.Codes = make(map[string]string, n)
		for range n {
			k := r.str()
			e.Codes[k] = r.str()
		}
	}
	if has&hasRoles != 0 {
		n := r.count(8)
		if len(r.roles) < n {
			r.roles = make([]Role, max(n, 256))
		}
		e.Roles, r.roles = r.roles[:n:n], r.roles[n:]
		for i := range e.Roles {
			ro := &e.Roles[i]
			ro.Title = r.str()
			ro.Of = r.str()
			ro.From = r.date()
			has := r.uint()
			if has&roleHasTo != 0 {
				ro.To = r.date()
			}
			if has&roleHasHeads != 0 {
				ro.Heads = r.strs()
			}
			ro.Acting = has&roleActing != 0
			if has&roleHasNote != 0 {
				ro.Note = r.str()
			}
			ro.Pos = r.pos(f.Path)
		}
	}
	if has&hasPartOf != 0 {
		e.PartOf = r.strs()
	}
	if has&hasMemberOf != 0 {
		e.MemberOf = r.strs()
	}
	if has&hasMembers != 0 {
		e.Members = r.strs()
	}
	if has&hasType != 0 {
		e.Type = r.str()
	}
	if has&hasEquivalent != 0 {
		e.Equivalent = r.str()
	}
	e.Multiple = has&hasMultiple != 0
	if has&hasMatch != 0 {
		e.Match = r.str()
	}
	e.Extend = has&hasExtend != 0
	if has&hasNote != 0 {
		e.Note = r.str()
	}
	e.Pos = r.pos(f.Path)
	e.AsOf = f.AsOf
}
