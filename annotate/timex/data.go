package timex

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/annotate/internal/bitset"
	"github.com/newsann/newsann/annotate/token"
)

// The compiled tables. Everything here is built once by compile and only
// read afterwards, so a Tagger can be shared between goroutines.
type tables struct {
	ids map[string]int32 // folded word key -> vocabulary id
	// lenMask[c] has bit n set when some ASCII key of n bytes (63 for
	// longer) begins with c: most words of a text are rejected by it
	// without a map lookup.
	lenMask  [128]uint64
	trigMask [128]uint64 // the same for the words patterns are made of
	single   [128]int32  // ids of one-byte keys (punctuation), -1 for none
	// htab is an open-addressing hash table of the keys (FNV-1a), faster
	// than a map for the one lookup per token that matching needs.
	htab    []hentry
	hmask   uint32
	strs    []string // interned slot texts; strs[0] is ""
	strIdx  map[string]int32
	words   []string       // id -> key
	phrases [][]phrase     // id -> vocabulary phrases starting with that word
	classes []string       // class index -> name
	classOf map[string]int // name -> class index
	// numberClass is the index of the "number" class, whose words the
	// builtin number classes read, -1 when the data has none.
	numberClass int
	// yearHi are the words a year said in words can begin with, and
	// yearHiASCII whether they are all ASCII letters (mayHoldYear).
	yearHi      []string
	yearHiASCII bool
	rules       []*rule
	// trigger[id] lists the rules that can start at a token with that id;
	// numTrigger those that can start at a number (or a digit-led word).
	trigger    [][]trig
	numTrigger []trig
	// numByShape[sh] is those of numTrigger whose first element reads a
	// token of shapes sh, in the same order: a number tries only these.
	numByShape [1 << 8][]trig
	// pickers[id] and numPicker read trigger[id] and numTrigger as bit
	// masks (picker), nil where a list is short or too long; numFirst[b]
	// are the rules of numTrigger whose first element reads shape 1<<b.
	pickers   []*picker
	numPicker *picker
	numFirst  [8]uint64
	// trigNext[id] is the union of the next-token sets of trigger[id],
	// nil when some rule there needs none: one look rejects the token.
	trigNext []*firstSet
	numNext  *firstSet
	// needOf[id] has bit k set when the word is in need set k: a rule
	// with an element that is a list of words (trig.need) matches only in
	// a sentence that has one of them, and a few words like "ago" begin
	// no rule but end many that numbers and units begin.
	needOf []uint64
	// notes[id] says what index must do at a token of the word: note
	// its need sets (noteNeed), list it as a start (noteStart), look at
	// its shape (noteDigit, for a word that begins with a digit, which a
	// number-like token may be). Zero, the common case, is nothing.
	notes []note
	// before[id] are the modifiers whose phrase ends with the word, and
	// after[id] those whose phrase begins with it: slices by id rather
	// than maps, since applyModifiers asks at every expression.
	before, after [][]*modifier
	tense         []tenseOf // id -> tense of a one-word cue
	// tensePhr[id] are the cues of several words that begin with the
	// word: a slice, not a map, since tenseAt asks at every token it
	// reads.
	tensePhr   [][]tensePhrase
	abbrev     map[int32]bool // words whose period ends no sentence
	pastSuffix []string
	// role[id] holds the tense roles of a word (rolePassive, ...), one
	// array index where a map lookup per token would cost more.
	role []wordRole
}

// note is a set of what index does at a token of a word (tables.notes).
type note uint8

const (
	noteNeed  note = 1 << iota // the word is in a need set
	noteStart                  // the word begins a rule
	noteDigit                  // the word begins with a digit
)

// wordRole is a set of the parts a word plays in reading tense.
type wordRole uint8

const (
	rolePassive    wordRole = 1 << iota // an auxiliary before a passive participle ("was")
	rolePerfect                         // an auxiliary of the past perfect ("had")
	roleDeterminer                      // a cue after it modifies a noun ("the planned sale")
	roleAgent                           // a participle before it is passive ("hit by")
	roleBoundary                        // a date after it closes a period ("ended")
	roleCue                             // a tense cue or the first word of one
)

// is reports whether the word with vocabulary id has role r.
func (t *tables) is(id int32, r wordRole) bool {
	return id >= 0 && int(id) < len(t.role) && t.role[id]&r != 0
}

type tenseOf uint8

// tensePhrase is a tense cue of several words ("plans to").
type tensePhrase struct {
	ids   []int32
	tense tenseOf
}

const (
	tenseNone tenseOf = iota
	tensePast
	tenseFuture
	// tenseScheduled is the future a present tense shows before the
	// expression it times ("Arsenal host PSG on Tuesday"), and nothing
	// after it.
	tenseScheduled
)

// phrase is one spelling of a vocabulary entry.
type phrase struct {
	ids   []int32
	caps  []capReq // per token
	class int
	val   slotVal
}

type capReq uint8

const (
	anyCase capReq = iota
	capital        // not lower case ("May", "Sat.")
	allCaps        // upper case ("EST", "GMT")
)

type modifier struct {
	ids     []int32
	mod     string
	types   typeSet
	notNext map[int32]bool // words the expression may not begin with
	line    int
}

type typeSet uint8

func (s typeSet) has(t string) bool { return s&typeBit(t) != 0 }

func typeBit(t string) typeSet {
	switch t {
	case "DATE":
		return 1
	case "TIME":
		return 2
	case "DURATION":
		return 4
	case "SET":
		return 8
	}
	return 0
}

// rule is one compiled pattern.
type rule struct {
	id        string
	index     int // in tables.rules (Expr.RuleIndex)
	line      int
	elems     []elem
	typ       string
	fn        *valueFunc
	args      []arg
	literal   string // a fixed value ("PRESENT_REF") when fn is nil
	mod       string
	notBefore map[int32]bool
	notAfter  map[int32]bool
	not       map[string]bool // whole matches (folded, space-separated) to refuse
	set       []setSlot
}

type setSlot struct {
	slot slotID
	val  slotVal
}

// elem is one position of a pattern: alternatives, an optional flag and
// the slot its value is bound to.
type elem struct {
	words    []int32
	alts     []classAlt
	optional bool
}

type classAlt struct {
	class   int // vocabulary class, or -1 for a builtin
	builtin builtin
	lo, hi  int
	ranged  bool
	slot    slotID
}

// builtin classes are token shapes that a word list cannot describe.
type builtin uint8

const (
	bNone     builtin = iota
	bInt              // digits: "13", "2025"
	bYear             // four digits, 1000-2199
	bDay              // 1-31 as digits or a digit ordinal ("13th")
	bNum              // digits or number words ("twenty-four", "a hundred")
	bClock            // "10:30"
	bDecade           // "1990s", "90s"
	bYearWord         // "nineteen ninety-six"
	bDotDate          // "13.11.2025"
)

var builtins = map[string]builtin{
	"int": bInt, "year": bYear, "day": bDay, "num": bNum, "clock": bClock,
	"decade": bDecade, "yearword": bYearWord, "dotdate": bDotDate,
}

// shape is a set of the ways a number token can be read by the builtin
// classes, one bit for each class that reads digits. matchAll computes a
// token's shapes once (shapeOf), so that a rule whose first element
// cannot read a number is not tried there, nor one whose second element
// cannot read the number after it.
type shape uint8

const (
	shInt shape = 1 << iota
	shYear
	shDay
	shNum
	shClock
	shDecade
	shDotDate
)

// builtinShape is the shape of the tokens a builtin reads as digits;
// yearword reads words only.
var builtinShape = [...]shape{
	bInt: shInt, bYear: shYear, bDay: shDay, bNum: shNum, bClock: shClock,
	bDecade: shDecade, bDotDate: shDotDate,
}

// builtinSlot is the slot a builtin binds when the pattern names none.
var builtinSlot = map[builtin]slotID{
	bYear: slotYear, bDay: slotDay, bNum: slotNum, bClock: slotHour,
	bDecade: slotDecade, bYearWord: slotYear, bDotDate: slotDay,
}

// classSlot is the slot a vocabulary class binds when the pattern names
// none; a class not listed binds the slot of its own name.
var classSlot = map[string]string{
	"units": "unit", "calunit": "unit", "clockunit": "unit", "laterunit": "unit", "weekdays": "weekday", "number": "num",
	"few": "num", "present": "ref", "past": "ref", "future": "ref",
	"frequency": "freq", "decadeword": "decade", "quartercode": "quarter",
	"partofday": "part",
}

// compileError is one problem in a data file, with its position.
type compileError struct {
	file string
	line int
	msg  string
}

func (e *compileError) Error() string { return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.msg) }

type compiler struct {
	file string
	t    *tables
	errs []error
	f    *token.Folder
	// yearHi is yearHiIDs, found once the classes are read: the trigger
	// index asks for it at every element that reads a year.
	yearHi []int32
	// The sets the trigger index is made of (indexClasses): per class the
	// words its phrases begin with and their second words, and yearHi.
	classFirst, classSecond []bitset.Set
	yearFirst               bitset.Set
	// slab is memory not yet handed out to the index's sets (newSet).
	slab []uint64
	// before and after are the modifiers by word, as tables.before and
	// tables.after have them once every word has its id.
	before, after map[int32][]*modifier
	// toks and key are reused by split and wordID.
	toks []token.Token
	key  []byte
}

func (c *compiler) fail(line int, format string, args ...any) {
	c.errs = append(c.errs, &compileError{c.file, line, fmt.Sprintf(format, args...)})
}

// id returns the vocabulary id of a folded key, adding it when new.
func (c *compiler) id(key string) int32 {
	if id, ok := c.t.ids[key]; ok {
		return id
	}
	id := int32(len(c.t.words))
	c.t.ids[key] = id
	if key != "" && key[0] < 128 {
		c.t.lenMask[key[0]] |= 1 << min(len(key), 63)
	}
	c.t.words = append(c.t.words, key)
	c.t.phrases = append(c.t.phrases, nil)
	return id
}

// wordID returns the vocabulary id of the word w, folded, adding it when
// new; the folded key is a string only then.
func (c *compiler) wordID(w string) int32 {
	c.key = c.f.AppendKey(c.key[:0], w)
	if id, ok := c.t.ids[string(c.key)]; ok {
		return id
	}
	return c.id(string(c.key))
}

// oneWord is split for a spelling that must be one token: its word's id,
// and whether it is one token, without split's slices.
func (c *compiler) oneWord(s string) (int32, bool) {
	c.toks = token.Tokenize(c.toks[:0], s)
	if len(c.toks) != 1 {
		return 0, false
	}
	return c.wordID(s[c.toks[0].Start:c.toks[0].End]), true
}

// split tokenizes a spelling as the text would be, returning keys and
// case requirements.
func (c *compiler) split(s string) ([]int32, []capReq) {
	c.toks = token.Tokenize(c.toks[:0], s)
	if len(c.toks) == 0 {
		return nil, nil
	}
	ids := make([]int32, 0, len(c.toks))
	caps := make([]capReq, 0, len(c.toks))
	for _, tok := range c.toks {
		w := s[tok.Start:tok.End]
		ids = append(ids, c.wordID(w))
		req := anyCase
		switch {
		case tok.Case == token.Upper && len(w) > 1:
			req = allCaps
		case tok.Case == token.Title || tok.Case == token.Upper:
			req = capital
		}
		caps = append(caps, req)
	}
	return ids, caps
}

// compile builds the tables from one YAML data file. Every problem found
// is reported, each naming file:line.
func compile(file string, data []byte) (*tables, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return compileNode(file, &doc)
}

// compileNode compiles the tables from the parsed YAML tree.
func compileNode(file string, doc *yaml.Node) (*tables, error) {
	c := &compiler{file: file, f: token.NewFolder(), t: &tables{ids: map[string]int32{}, strs: []string{""}, strIdx: map[string]int32{"": 0}, classOf: map[string]int{}}, before: map[int32][]*modifier{}, after: map[int32][]*modifier{}}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &compileError{file, 1, "want a mapping with classes, modifiers, tense and rules"}
	}
	root := doc.Content[0]
	sections := map[string]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		switch k.Value {
		case "classes", "modifiers", "tense", "rules", "abbreviations":
			sections[k.Value] = root.Content[i+1]
		default:
			c.fail(k.Line, "unknown section %q (want classes, modifiers, tense, abbreviations, rules)", k.Value)
		}
	}
	for _, name := range []string{"classes", "rules"} {
		if sections[name] == nil {
			c.fail(root.Line, "missing section %q", name)
		}
	}
	// Most words come from these sections, about one for each string
	// in them: sizing the vocabulary by those spares its growing.
	n := 0
	for _, name := range []string{"classes", "modifiers", "tense", "abbreviations"} {
		n += scalars(sections[name])
	}
	c.t.ids = make(map[string]int32, n)
	c.t.words = make([]string, 0, n)
	c.t.phrases = make([][]phrase, 0, n)
	if n := sections["classes"]; n != nil {
		c.classes(n)
	}
	c.t.numberClass = -1
	if ci, ok := c.t.classOf["number"]; ok {
		c.t.numberClass = ci
	}
	if n := sections["modifiers"]; n != nil {
		c.modifiers(n)
	}
	if n := sections["tense"]; n != nil {
		c.tense(n)
	}
	if n := sections["abbreviations"]; n != nil {
		f := &fieldMap{c: c, what: "abbreviations", kv: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "list"}, n}}
		c.t.abbrev = c.wordSet(f.strs("list"))
	}
	if n := sections["rules"]; n != nil {
		c.rules(n)
	}
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	c.yearHi = yearHiIDs(c.t)
	c.triggers()
	t := c.t
	t.tense = append(t.tense, make([]tenseOf, len(t.words)-len(t.tense))...)
	t.yearHi, t.yearHiASCII = yearHiWords(t, c.yearHi)
	return t, nil
}

// scalars counts the strings in the tree n (none when n is nil).
func scalars(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	k := 0
	if n.Kind == yaml.ScalarNode {
		k++
	}
	for _, c := range n.Content {
		k += scalars(c)
	}
	return k
}

// yearHiWords returns the keys of ids, the one-word numbers from 11 to 20
// (yearHiIDs), one of which a year said in words begins with
// (state.yearWords: "nineteen ninety-six"), and whether all of them are
// ASCII letters.
func yearHiWords(t *tables, ids []int32) (keys []string, ascii bool) {
	ascii = true
	for _, id := range ids {
		k := t.words[id]
		keys = append(keys, k)
		for i := 0; i < len(k); i++ {
			ascii = ascii && isASCIILetter(k[i])
		}
	}
	return keys, ascii
}

// yearHiIDs returns, in order, the ids of the words that are one-word
// numbers from 11 to 20: a year said in words begins with one
// (state.yearWords: "nineteen ninety-six").
func yearHiIDs(t *tables) []int32 {
	var ids []int32
	for id, ps := range t.phrases {
		for _, p := range ps {
			if len(p.ids) == 1 && p.class == t.numberClass && p.val.n >= 11 && p.val.n <= 20 {
				ids = append(ids, int32(id))
				break
			}
		}
	}
	return ids
}

func (c *compiler) classes(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		c.fail(n.Line, "classes: want a mapping of class names to entry lists")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, list := n.Content[i].Value, n.Content[i+1]
		if _, dup := c.t.classOf[name]; dup {
			c.fail(n.Content[i].Line, "class %q defined twice", name)
			continue
		}
		if _, ok := builtins[name]; ok {
			c.fail(n.Content[i].Line, "class %q has the name of a builtin class", name)
			continue
		}
		slot := name
		if s, ok := classSlot[name]; ok {
			slot = s
		}
		if _, ok := slotByName(slot); !ok {
			c.fail(n.Content[i].Line, "class %q: no slot %q to bind (known slots: %s)", name, slot, strings.Join(slotNames[:], ", "))
			continue
		}
		ci := len(c.t.classes)
		c.t.classes = append(c.t.classes, name)
		c.t.classOf[name] = ci
		if list.Kind != yaml.SequenceNode {
			c.fail(list.Line, "class %q: want a list of [value, spelling, ...]", name)
			continue
		}
		for _, e := range list.Content {
			if e.Kind != yaml.SequenceNode || len(e.Content) < 2 {
				c.fail(e.Line, "class %q: want [value, spelling, ...]", name)
				continue
			}
			val := c.val(e.Content[0].Value)
			if name == "holiday" {
				if _, _, ok := holidayDate(e.Content[0].Value, 2001); !ok {
					c.fail(e.Content[0].Line, "class \"holiday\": value %q: want MM-DD, MM-nDw (n-th weekday w), MM-lDw (last) or EASTER", e.Content[0].Value)
				}
			}
			for _, sp := range e.Content[1:] {
				if sp.Kind != yaml.ScalarNode || strings.TrimSpace(sp.Value) == "" {
					c.fail(sp.Line, "class %q: empty spelling", name)
					continue
				}
				ids, caps := c.split(sp.Value)
				p := phrase{ids: ids, caps: caps, class: ci, val: val}
				c.t.phrases[ids[0]] = append(c.t.phrases[ids[0]], p)
			}
		}
	}
}

// val interns a data value: its number when it is one, and its text.
func (c *compiler) val(s string) slotVal {
	id, ok := c.t.strIdx[s]
	if !ok {
		id = int32(len(c.t.strs))
		c.t.strs = append(c.t.strs, s)
		c.t.strIdx[s] = id
	}
	if n, ok := atoi(s); ok {
		return slotVal{n: int32(n), s: id}
	}
	return slotVal{n: -1, s: id}
}

func (c *compiler) modifiers(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		c.fail(n.Line, "modifiers: want a list")
		return
	}
	for _, e := range n.Content {
		f := fields(c, e, "modifier", "before", "after", "mod", "types", "not_next")
		if f == nil {
			continue
		}
		m := &modifier{mod: f.str("mod"), line: e.Line, notNext: c.wordSet(f.strs("not_next"))}
		if m.mod == "" {
			c.fail(e.Line, "modifier: missing mod")
		}
		for _, t := range f.strs("types") {
			if typeBit(t) == 0 {
				c.fail(e.Line, "modifier: unknown type %q", t)
			}
			m.types |= typeBit(t)
		}
		b, a := f.str("before"), f.str("after")
		switch {
		case (b == "") == (a == ""):
			c.fail(e.Line, "modifier: want exactly one of before and after")
		case b != "":
			m.ids, _ = c.split(b)
			last := m.ids[len(m.ids)-1]
			c.before[last] = append(c.before[last], m)
		default:
			m.ids, _ = c.split(a)
			c.after[m.ids[0]] = append(c.after[m.ids[0]], m)
		}
	}
}

func (c *compiler) tense(n *yaml.Node) {
	f := fields(c, n, "tense", "past", "future", "scheduled", "past_suffixes", "passive", "perfect", "determiners", "agent", "boundary")
	if f == nil {
		return
	}
	set := func(key string, t tenseOf) {
		for _, w := range f.strs(key) {
			ids, _ := c.split(w)
			if len(ids) > maxCueLen {
				c.fail(f.line(key), "tense: cue %q is longer than %d words", w, maxCueLen)
				continue
			}
			if len(ids) > 1 {
				for int(ids[0]) >= len(c.t.tensePhr) {
					c.t.tensePhr = append(c.t.tensePhr, nil)
				}
				c.t.tensePhr[ids[0]] = append(c.t.tensePhr[ids[0]], tensePhrase{ids, t})
				continue
			}
			id := ids[0]
			for int(id) >= len(c.t.tense) {
				c.t.tense = append(c.t.tense, tenseNone)
			}
			c.t.tense[id] = t
		}
	}
	set("past", tensePast)
	set("future", tenseFuture)
	set("scheduled", tenseScheduled)
	c.t.pastSuffix = f.strs("past_suffixes")
	for id := range max(len(c.t.tense), len(c.t.tensePhr)) {
		if id < len(c.t.tense) && c.t.tense[id] != tenseNone || id < len(c.t.tensePhr) && len(c.t.tensePhr[id]) > 0 {
			for id >= len(c.t.role) {
				c.t.role = append(c.t.role, 0)
			}
			c.t.role[id] |= roleCue
		}
	}
	for _, r := range []struct {
		key  string
		role wordRole
	}{{"passive", rolePassive}, {"perfect", rolePerfect}, {"determiners", roleDeterminer}, {"agent", roleAgent}, {"boundary", roleBoundary}} {
		for _, w := range f.strs(r.key) {
			id := c.wordID(w)
			for int(id) >= len(c.t.role) {
				c.t.role = append(c.t.role, 0)
			}
			c.t.role[id] |= r.role
		}
	}
}

func (c *compiler) rules(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		c.fail(n.Line, "rules: want a list")
		return
	}
	seen := map[string]int{}
	for _, e := range n.Content {
		f := fields(c, e, "rule", "id", "match", "type", "value", "mod", "not_before", "not_after", "not", "set")
		if f == nil {
			continue
		}
		r := &rule{id: f.str("id"), line: e.Line, typ: f.str("type"), mod: f.str("mod")}
		if r.id == "" {
			c.fail(e.Line, "rule: missing id")
		} else if l, dup := seen[r.id]; dup {
			c.fail(e.Line, "rule %s: id already used at line %d", r.id, l)
		}
		seen[r.id] = e.Line
		if typeBit(r.typ) == 0 {
			c.fail(f.line("type"), "rule %s: type %q: want DATE, TIME, DURATION or SET", r.id, r.typ)
		}
		c.pattern(r, f.str("match"), f.line("match"))
		c.value(r, f.str("value"), f.line("value"))
		r.notBefore = c.wordSet(f.strs("not_before"))
		r.notAfter = c.wordSet(f.strs("not_after"))
		if nots := f.strs("not"); len(nots) > 0 {
			r.not = map[string]bool{}
			for _, s := range nots {
				r.not[c.f.Key(s)] = true
			}
		}
		if sn := f.node("set"); sn != nil {
			if sn.Kind != yaml.MappingNode {
				c.fail(sn.Line, "rule %s: set: want a mapping of slot to value", r.id)
			} else {
				for i := 0; i+1 < len(sn.Content); i += 2 {
					s, ok := slotByName(sn.Content[i].Value)
					if !ok {
						c.fail(sn.Content[i].Line, "rule %s: set: unknown slot %q", r.id, sn.Content[i].Value)
						continue
					}
					r.set = append(r.set, setSlot{s, c.val(sn.Content[i+1].Value)})
				}
			}
		}
		r.index = len(c.t.rules)
		c.t.rules = append(c.t.rules, r)
	}
}

func (c *compiler) wordSet(words []string) map[int32]bool {
	if len(words) == 0 {
		return nil
	}
	m := map[int32]bool{}
	for _, w := range words {
		m[c.wordID(w)] = true
	}
	return m
}

// pattern compiles a match string: elements separated by spaces; each is
// alternatives joined by "|" (words, or @class with an optional [lo-hi]
// range), then an optional :slot, then an optional "?".
func (c *compiler) pattern(r *rule, src string, line int) {
	if strings.TrimSpace(src) == "" {
		c.fail(line, "rule %s: empty match", r.id)
		return
	}
	n := 0
	for range strings.FieldsSeq(src) {
		n++
	}
	r.elems = make([]elem, 0, n)
	for part := range strings.FieldsSeq(src) {
		var e elem
		if len(part) > 1 && strings.HasSuffix(part, "?") {
			e.optional = true
			part = part[:len(part)-1]
		}
		slotName := ""
		if i := strings.LastIndexByte(part, ':'); i > 0 && strings.Contains(part, "@") && isIdent(part[i+1:]) {
			slotName, part = part[i+1:], part[:i]
		}
		for alt := range strings.SplitSeq(part, "|") {
			if !strings.HasPrefix(alt, "@") {
				if slotName != "" {
					c.fail(line, "rule %s: %q: only @classes bind slots", r.id, part)
				}
				id, ok := c.oneWord(alt)
				if !ok {
					c.fail(line, "rule %s: %q is not one token; write one element per token", r.id, alt)
					continue
				}
				e.words = append(e.words, id)
				continue
			}
			a, ok := c.classAlt(r, alt[1:], slotName, line)
			if ok {
				e.alts = append(e.alts, a)
			}
		}
		r.elems = append(r.elems, e)
	}
	if len(r.elems) > 0 && r.elems[0].optional && allOptional(r.elems) {
		c.fail(line, "rule %s: every element is optional", r.id)
	}
}

func allOptional(es []elem) bool {
	for _, e := range es {
		if !e.optional {
			return false
		}
	}
	return true
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func (c *compiler) classAlt(r *rule, s, slotName string, line int) (classAlt, bool) {
	a := classAlt{class: -1}
	if i := strings.IndexByte(s, '['); i >= 0 {
		if !strings.HasSuffix(s, "]") {
			c.fail(line, "rule %s: @%s: unclosed range", r.id, s)
			return a, false
		}
		lo, hi, ok := strings.Cut(s[i+1:len(s)-1], "-")
		var err1, err2 error
		a.lo, err1 = strconv.Atoi(lo)
		a.hi, err2 = strconv.Atoi(hi)
		if !ok || err1 != nil || err2 != nil || a.lo > a.hi {
			c.fail(line, "rule %s: @%s: want a range [lo-hi]", r.id, s)
			return a, false
		}
		a.ranged = true
		s = s[:i]
	}
	if b, ok := builtins[s]; ok {
		a.builtin = b
		if slotName == "" {
			sl, ok := builtinSlot[b]
			if !ok {
				c.fail(line, "rule %s: @%s must bind a slot (@%s:name)", r.id, s, s)
				return a, false
			}
			a.slot = sl
			return a, true
		}
	} else if ci, ok := c.t.classOf[s]; ok {
		a.class = ci
		if slotName == "" {
			slotName = s
			if cs, ok := classSlot[s]; ok {
				slotName = cs
			}
		}
	} else {
		c.fail(line, "rule %s: unknown class @%s%s", r.id, s, suggestion(s, c.t.classes))
		return a, false
	}
	sl, ok := slotByName(slotName)
	if !ok {
		c.fail(line, "rule %s: unknown slot %q", r.id, slotName)
		return a, false
	}
	a.slot = sl
	return a, true
}

func suggestion(s string, known []string) string {
	for k := range builtins {
		known = append(known, k)
	}
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean @" + best + "?)"
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// value compiles "fn(arg, ...)" or a bare TIMEX3 literal.
func (c *compiler) value(r *rule, src string, line int) {
	src = strings.TrimSpace(src)
	open := strings.IndexByte(src, '(')
	if open < 0 {
		if src == "" || strings.ContainsAny(src, " ,)") {
			c.fail(line, "rule %s: value %q: want fn(args) or a literal such as PRESENT_REF", r.id, src)
		}
		r.literal = src
		return
	}
	if !strings.HasSuffix(src, ")") {
		c.fail(line, "rule %s: value %q: unclosed call", r.id, src)
		return
	}
	name := src[:open]
	fn, ok := valueFuncs[name]
	if !ok {
		c.fail(line, "rule %s: unknown value function %q", r.id, name)
		return
	}
	r.fn = fn
	body := strings.TrimSpace(src[open+1 : len(src)-1])
	if body != "" {
		for a := range strings.SplitSeq(body, ",") {
			arg, err := parseArg(strings.TrimSpace(a))
			if err != nil {
				c.fail(line, "rule %s: %s: %v", r.id, name, err)
				continue
			}
			if arg.slot != noSlot && !r.binds(arg.slot) {
				c.fail(line, "rule %s: %s: slot %q is not bound by the match", r.id, name, slotNames[arg.slot])
			}
			r.args = append(r.args, arg)
		}
	}
	if len(r.args) != fn.arity {
		c.fail(line, "rule %s: %s takes %d arguments, got %d", r.id, name, fn.arity, len(r.args))
	}
}

func (r *rule) binds(s slotID) bool {
	for _, e := range r.elems {
		for _, a := range e.alts {
			if a.slot == s {
				return true
			}
		}
	}
	return false
}

// atoi is strconv.Atoi for the data's values, most of which are not
// numbers: those are told by their bytes, without the error Atoi makes
// for each.
func atoi(s string) (int, bool) {
	digits := s
	if digits != "" && (digits[0] == '+' || digits[0] == '-') {
		digits = digits[1:]
	}
	if digits == "" {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// arg is a value-function argument: an integer, a unit or other code, or
// a slot (negated with a leading minus).
type arg struct {
	n    int
	s    string
	slot slotID
	neg  bool
}

func parseArg(s string) (arg, error) {
	a := arg{slot: noSlot}
	if n, ok := atoi(s); ok {
		a.n = n
		return a, nil
	}
	if strings.HasPrefix(s, "-") {
		a.neg = true
		s = s[1:]
	}
	if sl, ok := slotByName(s); ok {
		a.slot = sl
		return a, nil
	}
	if a.neg || s == "" || strings.ToUpper(s) != s {
		return a, fmt.Errorf("argument %q: want a number, a slot or a code such as D, W, Y", s)
	}
	a.s = s
	return a, nil
}

// fields is a strict view of a YAML mapping: unknown keys are errors.
type fieldMap struct {
	c    *compiler
	what string
	// kv is the mapping's known keys and their values in turn: the
	// mapping's own Content when every key is known. A mapping has a
	// few keys, fewer than a map would be worth.
	kv []*yaml.Node
}

func fields(c *compiler, n *yaml.Node, what string, known ...string) *fieldMap {
	if n.Kind != yaml.MappingNode {
		c.fail(n.Line, "%s: want a mapping", what)
		return nil
	}
	f := &fieldMap{c: c, what: what, kv: n.Content[:len(n.Content)&^1]}
	for i := 0; i < len(f.kv); i += 2 {
		if k := f.kv[i]; !slices.Contains(known, k.Value) {
			c.fail(k.Line, "%s: unknown field %q (known: %s)", what, k.Value, strings.Join(known, ", "))
			f.kv = slices.Delete(slices.Clone(f.kv), i, i+2)
			i -= 2
		}
	}
	return f
}

// node returns the value of key k, the last when k is there twice.
func (f *fieldMap) node(k string) *yaml.Node {
	for i := len(f.kv) - 2; i >= 0; i -= 2 {
		if f.kv[i].Value == k {
			return f.kv[i+1]
		}
	}
	return nil
}

func (f *fieldMap) line(k string) int {
	if n := f.node(k); n != nil {
		return n.Line
	}
	return 0
}

func (f *fieldMap) str(k string) string {
	n := f.node(k)
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		f.c.fail(n.Line, "%s: %s: want a string", f.what, k)
		return ""
	}
	return n.Value
}

func (f *fieldMap) strs(k string) []string {
	n := f.node(k)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		f.c.fail(n.Line, "%s: %s: want a list", f.what, k)
		return nil
	}
	var out []string
	for _, e := range n.Content {
		if e.Kind != yaml.ScalarNode {
			f.c.fail(e.Line, "%s: %s: want strings", f.what, k)
			continue
		}
		out = append(out, e.Value)
	}
	return out
}

// The trigger index is built from sets of vocabulary ids (bitset.Set):
// the vocabulary has a few hundred words, so a set is a few machine words
// and a union an OR of them, where maps of ids took half of New's time.

// firstSet is the tokens an element sequence can begin with: vocabulary
// ids, and num for the shapes of number tokens (and words that begin
// with a digit) that its builtin classes read.
type firstSet struct {
	bits bitset.Set
	num  shape
}

// newSet returns an empty firstSet for the whole vocabulary. Its bits are
// carved from one block (compiler.slab): the index makes hundreds.
func (c *compiler) newSet() *firstSet {
	n := (len(c.t.words) + 63) / 64
	if len(c.slab) < n {
		c.slab = make([]uint64, 256*n)
	}
	f := &firstSet{bits: c.slab[:n:n]}
	c.slab = c.slab[n:]
	return f
}

// trig is one way a rule can start: under a token that its element at
// elem can match, when the token after it is in next (nil: any token).
// For a start at a number, first is the shapes the element reads there.
// need is the rule's need sets (tables.needOf): it is tried only in a
// sentence that has a word of each.
type trig struct {
	rule  int
	next  *firstSet
	first shape
	need  uint64
}

// shapeLists fills numByShape from numTrigger. The list of shapes sh is
// that of the shapes some rule reads among them (sh&used), made once and
// shared; the lists made are carved from one array, counted first,
// rather than each grown by append (a list for each of 256 shapes).
func (t *tables) shapeLists() {
	var used shape
	for _, tr := range t.numTrigger {
		used |= tr.first
	}
	total := 0
	for sh := range t.numByShape {
		if shape(sh)&^used == 0 {
			for _, tr := range t.numTrigger {
				if tr.first&shape(sh) != 0 {
					total++
				}
			}
		}
	}
	backing := make([]trig, 0, total)
	for sh := range t.numByShape {
		if shape(sh)&^used != 0 {
			t.numByShape[sh] = t.numByShape[shape(sh)&used] // made already: a smaller index
			continue
		}
		start := len(backing)
		for _, tr := range t.numTrigger {
			if tr.first&shape(sh) != 0 {
				backing = append(backing, tr)
			}
		}
		if len(backing) > start {
			t.numByShape[sh] = backing[start:len(backing):len(backing)]
		}
	}
}

// triggers indexes each rule under the tokens it can start with, and for
// each start the tokens that can follow, so that a frequent word such as
// "the" or "a" costs one look at the next token for most rules.
func (c *compiler) triggers() {
	t := c.t
	c.indexClasses()
	t.trigger = make([][]trig, len(t.words))
	t.needOf = make([]uint64, len(t.words))
	sets := map[string]int{}
	first := c.newSet() // reused: only its ids are kept
	// Each word's triggers, in the order met, are gathered in one list
	// and then carved from one array, rather than each word's list grown
	// by append.
	type wordTrig struct {
		id, rule int32
		next     *firstSet
	}
	// About two for each word in the embedded tables (1,188 for 599).
	met := make([]wordTrig, 0, 2*len(t.words))
	needs := make([]uint64, len(t.rules))
	for ri, r := range t.rules {
		need := c.needs(r, sets)
		needs[ri] = need
		for k := range r.elems {
			e := &r.elems[k]
			clear(first.bits)
			first.num = 0
			c.addElemFirst(first, e)
			next := c.seqFirst(r.elems[k+1:])
			if next != nil {
				c.addContinuations(next, e)
			}
			for id := range first.bits.All() {
				met = append(met, wordTrig{id, int32(ri), c.startNext(e, id, next)})
			}
			if first.num != 0 {
				t.numTrigger = append(t.numTrigger, trig{ri, next, first.num, need})
			}
			if !e.optional {
				break
			}
		}
	}
	counts := make([]int32, len(t.words))
	for _, m := range met {
		counts[m.id]++
	}
	backing := make([]trig, len(met))
	off := 0
	for id, n := range counts {
		if n > 0 {
			t.trigger[id] = backing[off : off : off+int(n)]
			off += int(n)
		}
	}
	for _, m := range met {
		t.trigger[m.id] = append(t.trigger[m.id], trig{rule: int(m.rule), next: m.next, need: needs[m.rule]})
	}
	// The rules are met in file order, so each list is in rule order
	// already, the order matching tries them in.
	t.trigNext = make([]*firstSet, len(t.trigger))
	for id, trs := range t.trigger {
		if len(trs) > 0 { // most words start no rule: no set to build
			t.trigNext[id] = c.unionNext(trs)
		}
	}
	t.numNext = c.unionNext(t.numTrigger)
	t.before, t.after = make([][]*modifier, len(t.words)), make([][]*modifier, len(t.words))
	for id, ms := range c.before {
		t.before[id] = ms
	}
	for id, ms := range c.after {
		t.after[id] = ms
	}
	t.notes = make([]note, len(t.words))
	for id, w := range t.words {
		if t.needOf[id] != 0 {
			t.notes[id] |= noteNeed
		}
		if len(t.trigger[id]) > 0 {
			t.notes[id] |= noteStart
		}
		if w != "" && isDigit(w[0]) {
			t.notes[id] |= noteDigit
		}
	}
	t.shapeLists()
	pk := pickers{n: len(t.words), made: map[string]*picker{}, sets: map[*firstSet]uint32{}}
	t.pickers = make([]*picker, len(t.trigger))
	for id, trs := range t.trigger {
		t.pickers[id] = pk.get(trs)
	}
	// One picker for every number: numByShape[sh] is the rules of
	// numTrigger whose first element reads a shape of sh (numFirst).
	t.numPicker = pk.get(t.numTrigger)
	for j, tr := range t.numTrigger {
		for b := range t.numFirst {
			if j < 64 && tr.first&(1<<b) != 0 {
				t.numFirst[b] |= 1 << j
			}
		}
	}
	t.buildHash()
	for b := range t.single {
		t.single[b] = -1
		if id, ok := t.ids[string(rune(foldASCII(byte(b))))]; ok {
			t.single[b] = id
		}
	}
	// The words of patterns and classes: keyID looks only these up at
	// once.
	for _, r := range t.rules {
		for _, e := range r.elems {
			for _, w := range e.words {
				c.markTrig(w)
			}
		}
	}
	for _, ps := range t.phrases {
		for _, p := range ps {
			for _, id := range p.ids {
				c.markTrig(id)
			}
		}
	}
}

// indexClasses finds, once for the whole index, the words each class's
// phrases begin with (classFirst), their second words (classSecond) and
// the words a year said in words begins with (yearFirst).
func (c *compiler) indexClasses() {
	t := c.t
	c.classFirst = make([]bitset.Set, len(t.classes))
	c.classSecond = make([]bitset.Set, len(t.classes))
	for ci := range t.classes {
		c.classFirst[ci] = c.newSet().bits
		c.classSecond[ci] = c.newSet().bits
	}
	for id, ps := range t.phrases {
		for _, p := range ps {
			c.classFirst[p.class].Add(int32(id))
			if len(p.ids) > 1 {
				c.classSecond[p.class].Add(p.ids[1])
			}
		}
	}
	c.yearFirst = c.newSet().bits
	for _, id := range c.yearHi {
		c.yearFirst.Add(id)
	}
}

// needs numbers the words rule r must match, one need set for each
// element that is a required list of words ("ago", "earlier|previously"),
// in needOf, and returns r's sets. Sets are shared between rules by
// their words (sets, keyed by the sorted ids' bytes), up to 64; an
// element beyond them is not asked for.
func (c *compiler) needs(r *rule, sets map[string]int) uint64 {
	t := c.t
	var need uint64
	var key []byte
	for _, e := range r.elems {
		if e.optional || len(e.alts) > 0 || len(e.words) == 0 {
			continue
		}
		ws := slices.Clone(e.words)
		slices.Sort(ws)
		ws = slices.Compact(ws)
		key = key[:0]
		for _, w := range ws {
			key = binary.LittleEndian.AppendUint32(key, uint32(w))
		}
		k, ok := sets[string(key)]
		if !ok {
			if len(sets) == 64 {
				continue
			}
			k = len(sets)
			sets[string(key)] = k
			for _, w := range ws {
				t.needOf[w] |= 1 << k
			}
		}
		need |= 1 << k
	}
	return need
}

func (c *compiler) markTrig(id int32) {
	if k := c.t.words[id]; k != "" && k[0] < 128 {
		c.t.trigMask[k[0]] |= 1 << min(len(k), 63)
	}
}

// startNext narrows next, the tokens that can follow the first token of
// element e, to those that can follow it when that token is the word id.
// A word that only begins phrases of several words must be followed by
// their second words: "the" by "future" or "near" for "the future", "the
// near future", where the element's own set, nil when the pattern may end
// after e, would make every "the" of a text try the rule. A word that e
// can match by itself keeps next, which already holds the second words
// of e's phrases (addContinuations).
func (c *compiler) startNext(e *elem, id int32, next *firstSet) *firstSet {
	if slices.Contains(e.words, id) { // id is matched by itself
		return next
	}
	var second *firstSet
	for _, a := range e.alts {
		if a.class < 0 { // a builtin reads the text: keep the whole set
			return next
		}
		for _, p := range c.t.phrases[id] {
			switch {
			case p.class != a.class:
			case len(p.ids) == 1:
				return next
			default:
				if second == nil {
					second = c.newSet()
				}
				second.bits.Add(p.ids[1])
			}
		}
	}
	if second == nil {
		return next
	}
	return second
}

// addElemFirst adds to f the tokens element e can begin with.
func (c *compiler) addElemFirst(f *firstSet, e *elem) {
	for _, w := range e.words {
		f.bits.Add(w)
	}
	for _, a := range e.alts {
		switch {
		case a.class >= 0:
			f.bits.Or(c.classFirst[a.class])
		case a.builtin == bNum:
			f.num |= builtinShape[a.builtin]
			c.addNumberStarts(f.bits)
		case a.builtin == bYearWord || a.builtin == bYear:
			// A year in words begins with a number from 11 to 20
			// (state.yearWords): not with "a" or "two", which begin
			// many numbers and so would try the year rules often.
			f.num |= builtinShape[a.builtin]
			f.bits.Or(c.yearFirst)
		default:
			f.num |= builtinShape[a.builtin]
		}
	}
}

// addNumberStarts adds to b the first words of the number class's
// phrases, none when the data has no number class.
func (c *compiler) addNumberStarts(b bitset.Set) {
	if ci := c.t.numberClass; ci >= 0 {
		b.Or(c.classFirst[ci])
	}
}

// seqFirst is the tokens a sequence of elements can begin with, nil when
// every element is optional (the sequence can be empty).
func (c *compiler) seqFirst(es []elem) *firstSet {
	if allOptional(es) {
		return nil
	}
	f := c.newSet()
	for k := range es {
		c.addElemFirst(f, &es[k])
		if !es[k].optional {
			break
		}
	}
	return f
}

// addContinuations adds to next the tokens that can follow the first
// token of e while e itself goes on: the second words of its phrases, and
// the words inside numbers ("twenty - four", "a hundred and ten").
func (c *compiler) addContinuations(next *firstSet, e *elem) {
	t := c.t
	for _, a := range e.alts {
		switch {
		case a.class >= 0:
			next.bits.Or(c.classSecond[a.class])
		case a.builtin == bNum || a.builtin == bYearWord || a.builtin == bYear:
			c.addNumberStarts(next.bits)
			for _, w := range []string{"-", "and"} {
				if id, ok := t.ids[w]; ok {
					next.bits.Add(id)
				}
			}
		}
	}
}

// unionNext is the union of the next-token sets of trs, nil when one of
// them accepts any token.
func (c *compiler) unionNext(trs []trig) *firstSet {
	for _, tr := range trs {
		if tr.next == nil {
			return nil
		}
	}
	u := c.newSet()
	for _, tr := range trs {
		u.bits.Or(tr.next.bits)
		u.num |= tr.next.num
	}
	return u
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

type hentry struct {
	hash uint32
	id   int32
}

func fnv(b []byte) uint32 {
	h := uint32(fnvOffset)
	for _, c := range b {
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

func (t *tables) buildHash() {
	n := 1
	for n < 4*len(t.words) {
		n <<= 1
	}
	t.htab = make([]hentry, n)
	for i := range t.htab {
		t.htab[i].id = -1
	}
	t.hmask = uint32(n - 1)
	for id, w := range t.words {
		h := fnv([]byte(w))
		j := h & t.hmask
		for t.htab[j].id >= 0 {
			j = (j + 1) & t.hmask
		}
		t.htab[j] = hentry{h, int32(id)}
	}
}

// find looks a folded key up in the hash table.
func (t *tables) find(key []byte) int32 {
	h := fnv(key)
	for j := h & t.hmask; ; j = (j + 1) & t.hmask {
		e := t.htab[j]
		if e.id < 0 {
			return -1
		}
		if e.hash == h && t.words[e.id] == string(key) {
			return e.id
		}
	}
}
