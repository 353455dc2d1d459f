// Package petrarch converts the verb dictionaries of the TABARI and
// PETRARCH event coders (CAMEO's verb patterns, the PETRARCH validation
// suite's) into newsann rule files, so that the events those dictionaries
// code can be coded by newsann's rule engine, and their coders' test
// suites run against it.
//
// A verb dictionary is a series of synonym sets and verb blocks:
//
//	&TIETYPES              # a synonym set: any of its phrases
//	+MILITARY
//	+ECONOMIC
//
//	--- ABANDON [345] ---  # a block and its default code
//	ABANDON                # a verb; regular forms are made
//	BREAK {BROKE BROKEN}   # irregular forms
//	+BREAK_DOWN            # a phrase whose verb is the word after '+'
//	DOWNPLAY [014]         # a verb with its own code
//	- * &TIETYPES TIES [902]   # a pattern: words before and after the verb (*)
//	- $ * + IN ^ [042:043]     # source ($), target (+), a skipped phrase (^),
//	                           # and the code the target gets back
//
// In patterns a space lets other words come between two elements and '_'
// joins them; '%' is a list of actors the event is between.
package petrarch

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/newsann/newsann/lexicon"
)

// Dictionary is a parsed verb dictionary.
type Dictionary struct {
	Synsets []*Synset
	Blocks  []*Block
}

// Synset is a named set of phrases a pattern may name with &NAME.
type Synset struct {
	Name string // without '&' and a trailing '_'
	// Phrases are the members, each a list of words; a word "&X" refers
	// to another set.
	Phrases [][]string
	// Plurals says whether regular plurals of the members are made: not
	// when the label ends in '_' (sets of verbs, not nouns).
	Plurals bool
	Line    int
}

// Block is a verb block: synonymous verbs and the patterns they share.
type Block struct {
	Name     string
	Code     Code
	Verbs    []Verb
	Patterns []Pattern
	Line     int
}

// Verb is one verb of a block, with its forms.
type Verb struct {
	// Words are the words of the verb's phrase (one, or more for "BREAK
	// DOWN"); Head is the index of the verb among them.
	Words []string
	Head  int
	// Forms are the irregular forms given in braces: forms of the head
	// word, or whole phrases for a phrase ("+BROKE_DOWN"). Braces left
	// empty ({}) mean no regular forms are made either.
	Forms   [][]string
	NoForms bool
	// Code is the verb's own code, when it has one.
	Code *Code
	Line int
}

// Code is an event code, and the code of the event back from the target
// to the source that "[032:033]" adds. Empty for the null code "---".
type Code struct {
	Forward, Reverse string
}

// Null reports whether the code codes nothing ("---").
func (c Code) Null() bool { return c.Forward == "" && c.Reverse == "" }

// Item kinds of a pattern.
const (
	Word     = iota // a word, in upper case
	SetRef          // &NAME: any phrase of a synonym set
	Source          // $: the source actor
	Target          // +: the target actor
	Skip            // ^: a phrase skipped over
	Compound        // %: a list of actors, the event between them
)

// Item is one element of a pattern.
type Item struct {
	Kind int
	Text string // the word, or the set's name
	// Joined says the next element follows right after this one ('_' or
	// a {…} phrase), with no words between.
	Joined bool
}

// Pattern is a pattern line of a block: what comes before the verb and
// after it.
type Pattern struct {
	Before, After []Item
	// VerbJoined says the first item after the verb follows it right
	// away ("*_OUT").
	VerbJoined bool
	Code       Code
	Raw        string // the pattern as written, without comment
	Line       int
}

// Parse reads a verb dictionary. Lines it cannot read are reported as
// errors naming file:line and skipped; the rest is still read.
func Parse(path string, r io.Reader) (*Dictionary, lexicon.ErrorList) {
	p := &parser{path: path, dict: &Dictionary{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	inComment := false
	for sc.Scan() {
		p.line++
		raw := sc.Text()
		text, open := stripComments(raw, inComment)
		inComment = open
		if strings.Contains(text, "---STOP---") {
			break
		}
		if strings.TrimSpace(text) == "" && strings.TrimSpace(raw) != "" {
			continue // a comment line: it does not end a synonym set as a blank line does
		}
		p.handle(text)
	}
	if err := sc.Err(); err != nil {
		p.fail("%v", err)
	}
	return p.dict, p.errs
}

type parser struct {
	path  string
	line  int
	dict  *Dictionary
	errs  lexicon.ErrorList
	set   *Synset // the set being read, until a blank line
	block *Block
}

func (p *parser) fail(format string, args ...any) {
	p.errs.Add(lexicon.Pos{File: p.path, Line: p.line}, "", "", format, args...)
}

func (p *parser) handle(raw string) {
	text := strings.TrimSpace(raw)
	switch {
	case text == "":
		p.set = nil
	case strings.HasPrefix(text, "---"):
		p.set = nil
		p.header(text)
	case text[0] == '&':
		name := strings.Fields(text)[0][1:]
		s := &Synset{Name: strings.TrimRight(name, "_"), Plurals: !strings.HasSuffix(name, "_"), Line: p.line}
		if s.Name == "" {
			p.fail("synonym set %q has no name", text)
			return
		}
		p.dict.Synsets = append(p.dict.Synsets, s)
		p.set = s
	case p.set != nil && text[0] == '+':
		words := phraseWords(text[1:])
		if len(words) == 0 {
			p.fail("synonym %q has no words", text)
			return
		}
		p.set.Phrases = append(p.set.Phrases, words)
	case text[0] == '-':
		p.pattern(strings.TrimSpace(text[1:]))
	default:
		p.verb(text)
	}
}

// header reads "--- NAME [CODE] ---".
func (p *parser) header(text string) {
	body := strings.TrimSpace(strings.Trim(text, "-"))
	name, rest, _ := strings.Cut(body, "[")
	b := &Block{Name: strings.TrimSpace(strings.Trim(name, "_ ")), Line: p.line}
	if rest != "" {
		c, err := parseCode("[" + rest)
		if err != nil {
			p.fail("block %s: %v", b.Name, err)
		}
		b.Code = c
	}
	if b.Name == "" {
		p.fail("block header %q has no name", text)
	}
	p.dict.Blocks = append(p.dict.Blocks, b)
	p.block = b
}

// verb reads a verb line: PHRASE {FORMS} [CODE].
func (p *parser) verb(text string) {
	if p.block == nil {
		p.fail("verb %q before any block (--- NAME [CODE] ---)", text)
		return
	}
	v := Verb{Line: p.line}
	if i := strings.IndexByte(text, '['); i >= 0 {
		c, err := parseCode(text[i:])
		if err != nil {
			p.fail("verb %q: %v", text, err)
			return
		}
		v.Code = &c
		text = strings.TrimSpace(text[:i])
	}
	phrase, forms, braces := strings.Cut(text, "{")
	if braces {
		inside, tail, ok := strings.Cut(forms, "}")
		if !ok || strings.TrimSpace(tail) != "" {
			p.fail("verb %q: want {FORM …} after the verb", text)
			return
		}
		v.NoForms = strings.TrimSpace(inside) == ""
		for _, f := range strings.Fields(inside) {
			words, _ := verbWords(f)
			if len(words) > 0 {
				v.Forms = append(v.Forms, words)
			}
		}
	}
	v.Words, v.Head = verbWords(phrase)
	if len(v.Words) == 0 {
		p.fail("verb line %q has no words", text)
		return
	}
	p.block.Verbs = append(p.block.Verbs, v)
}

// verbWords splits a verb phrase ("WIRE_+TAP", "+BREAK_DOWN", "LASH OUT")
// into words and the index of the verb: the word after '+', else the first.
func verbWords(phrase string) ([]string, int) {
	var words []string
	head := 0
	for _, w := range strings.FieldsFunc(phrase, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' }) {
		if strings.HasPrefix(w, "+") {
			head = len(words)
			w = w[1:]
		}
		if w != "" {
			words = append(words, strings.ToUpper(w))
		}
	}
	if head >= len(words) {
		head = 0
	}
	return words, head
}

// phraseWords splits a synonym's phrase into words.
func phraseWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' }) {
		out = append(out, strings.ToUpper(w))
	}
	return out
}

// pattern reads a pattern line, without its leading '-'.
func (p *parser) pattern(text string) {
	if p.block == nil {
		p.fail("pattern %q before any block", text)
		return
	}
	i := strings.LastIndexByte(text, '[')
	if i < 0 {
		p.fail("pattern %q has no code [..]", text)
		return
	}
	c, err := parseCode(text[i:])
	if err != nil {
		p.fail("pattern %q: %v", text, err)
		return
	}
	pt := Pattern{Code: c, Raw: strings.Join(strings.Fields(text[:i]), " "), Line: p.line}
	if err := parseItems(pt.Raw, &pt); err != nil {
		p.fail("pattern %q: %v", text, err)
		return
	}
	p.block.Patterns = append(p.block.Patterns, pt)
}

// parseItems reads the elements of a pattern around its verb ('*', or
// '**' in later dictionaries).
func parseItems(s string, pt *Pattern) error {
	var items []Item
	verbAt := -1
	joinNext := false // the previous chunk ended in '_' or is inside {…}
	inBraces := false
	for _, chunk := range strings.Fields(s) {
		chunk = strings.ReplaceAll(chunk, "(", "")
		chunk = strings.ReplaceAll(chunk, ")", "")
		open := strings.HasPrefix(chunk, "{")
		closeB := strings.HasSuffix(chunk, "}")
		chunk = strings.Trim(chunk, "{}")
		if open {
			inBraces = true
		}
		if chunk == "" {
			continue
		}
		if joinNext && len(items) > 0 {
			items[len(items)-1].Joined = true
		}
		if strings.HasPrefix(chunk, "_") && len(items) > 0 {
			items[len(items)-1].Joined = true
		}
		parts := strings.Split(chunk, "_")
		for k, part := range parts {
			if part == "" {
				continue
			}
			if part == "*" || part == "**" {
				if verbAt >= 0 {
					return fmt.Errorf("two verbs (*)")
				}
				verbAt = len(items)
				items = append(items, Item{Kind: -1})
			} else {
				it := Item{Kind: Word, Text: strings.ToUpper(part)}
				switch {
				case part == "$":
					it = Item{Kind: Source}
				case part == "+":
					it = Item{Kind: Target}
				case part == "^":
					it = Item{Kind: Skip}
				case part == "%":
					it = Item{Kind: Compound}
				case strings.HasPrefix(part, "&"):
					it.Kind, it.Text = SetRef, strings.ToUpper(strings.TrimRight(part[1:], "_"))
				case strings.HasPrefix(part, "+"), strings.HasPrefix(part, "$"):
					// "+THAT": a marker glued to a word.
					marker := Item{Kind: Target, Joined: true}
					if part[0] == '$' {
						marker.Kind = Source
					}
					items = append(items, marker)
					it.Text = strings.ToUpper(part[1:])
				}
				items = append(items, it)
			}
			if k < len(parts)-1 {
				items[len(items)-1].Joined = true
			}
		}
		joinNext = strings.HasSuffix(chunk, "_") || (inBraces && !closeB)
		if closeB {
			inBraces = false
		}
	}
	if verbAt < 0 {
		return fmt.Errorf("no verb (*)")
	}
	pt.Before = items[:verbAt]
	pt.VerbJoined = items[verbAt].Joined
	pt.After = items[verbAt+1:]
	if len(pt.Before) > 0 {
		// Whether the last item before the verb is joined to it is its
		// own Joined flag.
		pt.Before = append([]Item(nil), pt.Before...)
	}
	return nil
}

// parseCode reads "[064]", "[032:033]", "[---]" or "[:031]", with anything
// after the closing bracket (a second code, comments) ignored.
func parseCode(s string) (Code, error) {
	body, _, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(s), "["), "]")
	if !ok {
		return Code{}, fmt.Errorf("code %q has no closing ]", s)
	}
	body = strings.TrimSpace(body)
	if body == "" {
		return Code{}, fmt.Errorf("empty code []")
	}
	fwd, rev, _ := strings.Cut(body, ":")
	c := Code{Forward: strings.TrimSpace(fwd), Reverse: strings.TrimSpace(rev)}
	for _, x := range []*string{&c.Forward, &c.Reverse} {
		if *x == "---" {
			*x = ""
		}
		if strings.ContainsAny(*x, " \t[") {
			return Code{}, fmt.Errorf("code %q is not one word", body)
		}
	}
	return c, nil
}

// stripComments removes '#' and ';' comments (outside brackets, where
// "[###]" is a code) and <!-- … --> from line; open says a <!-- comment
// is open at its start, and the second result whether one is at its end.
func stripComments(line string, open bool) (string, bool) {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(line); i++ {
		if open {
			j := strings.Index(line[i:], "-->")
			if j < 0 {
				return b.String(), true
			}
			i += j + 2
			open = false
			continue
		}
		switch c := line[i]; {
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case (c == '#' || c == ';') && depth == 0:
			return b.String(), false
		case c == '<' && strings.HasPrefix(line[i:], "<!--"):
			open = true
			i += 3
			continue
		}
		b.WriteByte(line[i])
	}
	return b.String(), open
}
