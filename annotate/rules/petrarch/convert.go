package petrarch

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/annotate/token"
)

// Options control Convert.
type Options struct {
	// Prefix starts the ids of rules and the names of the lists and
	// macros the file defines, so that they cannot collide with others';
	// "petrarch" when empty.
	Prefix string
	// Source names the dictionary in descriptions ("PETR.Validate.verbs.txt").
	Source string
	// Phase is the rules' phase; 45 when zero, after the default rules'
	// events.
	Phase int
	// POS requires a verb's word to be tagged a verb (pos:VB*), as
	// PETRARCH codes only what its parser calls a verb. It is off by
	// default: the tagger runs at about 0.3 MB/s and misses verbs in
	// unusual sentences ("did not even ever clash"), and a word right
	// after a determiner ("condemned an attack") is never taken for a
	// verb anyway.
	POS bool
}

// Stats counts what Convert made of a dictionary.
type Stats struct {
	Blocks, Verbs, Patterns int
	Rules                   int // rules written
	Passive                 int // of which passive variants ("X was criticized by Y")
	NullPatterns            int // patterns with the null code: they only keep the verb's code off
	Skipped                 int // patterns left out (an unknown set, a null code on both sides)
}

// Result is a converted dictionary: a rule file, as YAML.
type Result struct {
	YAML  []byte
	Stats Stats
	// Problems are what could not be converted, one line each, naming
	// the dictionary's line.
	Problems []string
}

// The rule file the converter writes, field for field.
type (
	outFile struct {
		Description string              `yaml:"description"`
		Lists       map[string]flowList `yaml:"lists"`
		Macros      map[string]string   `yaml:"macros"`
		Rules       []outRule           `yaml:"rules"`
	}
	outRule struct {
		ID          string      `yaml:"id"`
		Description string      `yaml:"description"`
		Phase       int         `yaml:"phase"`
		Pattern     string      `yaml:"pattern"`
		Emit        []outEmit   `yaml:"emit"`
		Examples    []outSample `yaml:"examples"`
	}
	outEmit struct {
		Event outEvent `yaml:"event"`
	}
	outEvent struct {
		Type      string `yaml:"type"`
		Mode      string `yaml:"mode"`
		CAMEO     string `yaml:"cameo"`
		Source    string `yaml:"source"`
		Target    string `yaml:"target"`
		Trigger   string `yaml:"trigger"`
		Exclusive bool   `yaml:"exclusive"`
	}
	outSample struct {
		Text   string            `yaml:"text"`
		Expect map[string]string `yaml:"expect,omitempty"`
	}
)

// flowList is a word list, written on one line.
type flowList []string

// MarshalYAML writes the list in flow style: [a, b, c].
func (l flowList) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, w := range l {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: w})
	}
	return n, nil
}

// eventTypes names newsann's event type for each CAMEO root code.
var eventTypes = map[string]string{
	"01": "statement", "02": "statement", "03": "statement", "04": "contact", "05": "cooperation",
	"06": "cooperation", "07": "cooperation", "08": "cooperation", "09": "statement", "10": "statement",
	"11": "statement", "12": "statement", "13": "statement", "14": "conflict", "15": "conflict",
	"16": "conflict", "17": "conflict", "18": "conflict", "19": "conflict", "20": "conflict",
}

func eventType(code string) string {
	if len(code) >= 2 {
		if t, ok := eventTypes[code[:2]]; ok {
			return t
		}
	}
	return "other"
}

// Example actors: names every gazetteer has (the embedded one and
// PETRARCH's validation dictionary both know France and Russia).
const (
	exSource = "France"
	exTarget = "Russia"
	exSkip   = "the delegation"
)

// Convert turns a dictionary into a rule file. Each pattern of a block
// becomes a rule for the block's verbs, and each verb a rule of its own
// with the block's (or its own) code; the patterns of a verb are tried
// longest first, and the first that codes a verb takes it (the rules'
// events are exclusive), so a pattern overrides the verb's code as in
// PETRARCH. A pattern that names neither source nor target also gets a
// passive variant ("Eriador was opposed by Osgiliath": Osgiliath is the
// source), tried before the active ones.
//
// Actors are the names of the lexicon (countries, organizations,
// people …) with the agents named with them ("Osgiliath soldiers"): a
// title with codes.cameo_agent qualifies the actor's code. Lists of
// actors ("Mordor, Rohan and Bree") give one event per actor.
func Convert(d *Dictionary, opts Options) (*Result, error) {
	if opts.Prefix == "" {
		opts.Prefix = "petrarch"
	}
	if opts.Phase == 0 {
		opts.Phase = 45
	}
	c := &converter{opts: opts, res: &Result{}, sets: map[string]*Synset{}, ids: map[string]int{}}
	synsets := make([]*Synset, len(d.Synsets)) // copies: breakCycles edits them
	for i, s := range d.Synsets {
		cp := *s
		cp.Phrases = slices.Clone(s.Phrases)
		synsets[i] = &cp
		c.sets[s.Name] = &cp
	}
	c.breakCycles(synsets)
	f := &outFile{
		Description: fmt.Sprintf("Converted from %s by `newsann rules import --from petrarch`: PETRARCH verb patterns as event rules. Event codes are the dictionary's.", cmp.Or(opts.Source, "a PETRARCH verb dictionary")),
		Macros:      c.macros(),
	}
	lists := c.lists()
	c.dets = lists[c.name("det")]
	for _, s := range synsets {
		f.Macros[c.name("syn-"+slugName(s.Name))] = c.synsetPattern(s)
	}
	for _, b := range d.Blocks {
		c.res.Stats.Blocks++
		c.res.Stats.Verbs += len(b.Verbs)
		c.res.Stats.Patterns += len(b.Patterns)
		f.Rules = append(f.Rules, c.block(b, lists)...)
	}
	f.Lists = map[string]flowList{}
	for k, v := range lists {
		f.Lists[k] = v
	}
	c.res.Stats.Rules = len(f.Rules)
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	c.res.YAML = out.Bytes()
	return c.res, nil
}

type converter struct {
	opts Options
	res  *Result
	sets map[string]*Synset
	ids  map[string]int
	dets []string // the determiners list
}

func (c *converter) name(s string) string { return c.opts.Prefix + "-" + s }

func (c *converter) problem(line int, format string, args ...any) {
	c.res.Problems = append(c.res.Problems, fmt.Sprintf("%s:%d: %s", cmp.Or(c.opts.Source, "dictionary"), line, fmt.Sprintf(format, args...)))
}

// lists are the word lists the macros use.
func (c *converter) lists() map[string][]string {
	return map[string][]string{
		c.name("det"): {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "some", "all", "both", "neither", "either", "several", "many", "two", "three"},
		c.name("sep"): {",", "and", "or", "nor"},
		// Words that end a phrase: where a subject, an object or the words
		// between them stop.
		c.name("stop"): {"that", "which", "who", "whom", "whose", "while", "whereas", "because", "although", "though", "when", "where", "unless", "if", "but", ";", ":", "(", ")", "\"", "--"},
		// An object may be the subject of a clause the verb takes ("allowed
		// that Mordor isn't …", "hopes that Osgiliath …"): "that" does not
		// stop the search for it.
		c.name("tstop"): {"which", "who", "whom", "whose", "while", "whereas", "because", "although", "though", "when", "where", "unless", "if", "but", ";", ":", "(", ")", "\"", "--"},
		// Words that begin another subject between a subject and its verb:
		// "Gondor after a hafling was reported" is not Gondor reporting.
		c.name("newsubj"): {"the", "a", "an", "this", "these", "those", "after", "before", "since", "until", "following", "as"},
		c.name("be"):      {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "got", "gets", "get"},
		c.name("prep"):    {"of", "in", "from", "to", "with", "by", "at", "on", "for", "against", "over", "about", "into", "after", "before", "during", "near", "toward", "towards", "between", "among", "under", "through", "since", "until", "than", "as", "like", "per"},
	}
}

// macros are the phrases every rule is built from.
func (c *converter) macros() map[string]string {
	n := func(s string) string { return c.name(s) }
	actor := "[label:COUNTRY|TERRITORY|ORGANIZATION|PERSON|CITY|REGION|NATIONALITY]"
	// Between pattern words a phrase may run on ("complete, full
	// diplomatic ties"; "a new bombing and shelling offensive").
	wword := fmt.Sprintf(`([!lexicon & !mention & !is:punct & !in:%s] | "," | and | or)`, n("stop"))
	return map[string]string{
		n("actor"): actor,
		n("agent"): "[kind:title]",
		// A word inside a phrase before its head: "the evil awful Gondor".
		n("mod"): fmt.Sprintf("[!lexicon & !mention & !is:punct & !in:%s & !in:%s & !in:%s & !in:%s]", n("sep"), n("stop"), n("prep"), n("be")),
		// A name the lexicon lacks after an office: "President Umbardacil".
		n("name"): "[is:cap & !lexicon & !mention]",
		// One actor: with agents ("the Gondor main opposition group",
		// "MSF Arnor", "Gondor's government"), an agent of one ("the
		// ambassadors of Arnor"), or agents alone ("officials").
		n("unit"): fmt.Sprintf(`[in:%[1]s]? $%[2]s{0,3} $%[3]s* $%[4]s ("(" [is:upper] ")")? ("'s" $%[2]s{0,2} $%[3]s+ $%[5]s{0,2} | $%[3]s+ $%[5]s{0,2})? | [in:%[1]s]? $%[2]s{0,2} $%[3]s+ (of | in | from) [in:%[1]s]? $%[2]s{0,2} $%[4]s $%[3]s* | [in:%[1]s]? $%[2]s{0,2} $%[3]s+ $%[5]s{0,2}`,
			n("det"), n("mod"), n("agent"), n("actor"), n("name")),
		// A list of actors: "Mordor, Rohan, Fornost and Bree".
		n("list"): fmt.Sprintf(`($%[1]s) (("," [in:%[2]s]? | [in:%[2]s]) ($%[1]s))*`, n("unit"), n("sep")),
		// Words between a subject and its verb: "is about to", "on Thursday".
		n("gap"): fmt.Sprintf(`([!lexicon & !mention & !is:punct & !in:%s & !in:%s & !in:%s] | [label:DATE|TIME]){0,6}`, n("sep"), n("stop"), n("newsubj")),
		// Words between pattern words ("abandon full diplomatic ties").
		n("wgap"): fmt.Sprintf(`%s{0,5}`, wword),
		// Words between a verb and its object: "an attack by".
		n("tgap"): fmt.Sprintf(`([!lexicon & !mention & !in:%s & !is:punct] | [label:DATE|TIME] | "'s" | "-"){0,8}`, n("tstop")),
		// A phrase a pattern skips (^): any few words, names too.
		n("skip"): fmt.Sprintf(`([lexicon] | [mention] | [!is:punct & !in:%s]){1,4}`, n("stop")),
	}
}

// synsetPattern writes a set as an alternation of its phrases (with
// regular plurals of nouns).
func (c *converter) synsetPattern(s *Synset) string {
	var alts []string
	for _, ph := range s.Phrases {
		if w := c.unknownSet(ph); w != "" {
			c.problem(s.Line, "&%s: phrase %q left out: unknown synonym set %s", s.Name, strings.Join(ph, " "), w)
			continue
		}
		alts = append(alts, c.phrase(ph))
		if s.Plurals && len(ph) > 0 && !strings.HasPrefix(ph[len(ph)-1], "&") {
			pl := slices.Clone(ph)
			pl[len(pl)-1] = nounPlural(pl[len(pl)-1])
			alts = append(alts, c.phrase(pl))
		}
	}
	alts = slices.Compact(alts)
	if len(alts) == 0 {
		return `[re:/\A\z/]` // an empty set matches nothing
	}
	return "(" + strings.Join(alts, " | ") + ")"
}

// maxSetDepth bounds how deep sets may hold sets: each is a macro, and
// macros expand at most 8 deep, some of them taken by the rule's own.
const maxSetDepth = 5

// breakCycles leaves out the phrases of sets that lead back to their own
// set ("&A" holding "+&B", "&B" holding "+&A"), or through more than
// maxSetDepth sets: a macro cannot expand itself, nor too deeply.
func (c *converter) breakCycles(sets []*Synset) {
	var reaches func(from, to string, seen map[string]bool) bool
	reaches = func(from, to string, seen map[string]bool) bool {
		if from == to {
			return true
		}
		if seen[from] || c.sets[from] == nil {
			return false
		}
		seen[from] = true
		for _, ph := range c.sets[from].Phrases {
			for _, w := range ph {
				if strings.HasPrefix(w, "&") && reaches(strings.TrimRight(w[1:], "_"), to, seen) {
					return true
				}
			}
		}
		return false
	}
	for _, s := range sets {
		s.Phrases = slices.DeleteFunc(s.Phrases, func(ph []string) bool {
			for _, w := range ph {
				if strings.HasPrefix(w, "&") && reaches(strings.TrimRight(w[1:], "_"), s.Name, map[string]bool{}) {
					c.problem(s.Line, "&%s: phrase %q left out: it leads back to &%s", s.Name, strings.Join(ph, " "), s.Name)
					return true
				}
			}
			return false
		})
	}
	// With no cycles left, depth is finite.
	var depth func(name string) int
	depth = func(name string) int {
		d := 0
		if s := c.sets[name]; s != nil {
			for _, ph := range s.Phrases {
				for _, w := range ph {
					if strings.HasPrefix(w, "&") {
						d = max(d, 1+depth(strings.TrimRight(w[1:], "_")))
					}
				}
			}
		}
		return d
	}
	for _, s := range sets {
		s.Phrases = slices.DeleteFunc(s.Phrases, func(ph []string) bool {
			for _, w := range ph {
				if strings.HasPrefix(w, "&") && depth(strings.TrimRight(w[1:], "_")) >= maxSetDepth {
					c.problem(s.Line, "&%s: phrase %q left out: its sets hold sets more than %d deep", s.Name, strings.Join(ph, " "), maxSetDepth)
					return true
				}
			}
			return false
		})
	}
}

// unknownSet returns the first set reference of a phrase that names no
// set of the dictionary, or "".
func (c *converter) unknownSet(ph []string) string {
	for _, w := range ph {
		if strings.HasPrefix(w, "&") && c.sets[strings.TrimRight(w[1:], "_")] == nil {
			return w
		}
	}
	return ""
}

// phrase writes consecutive words (and set references) as a pattern.
func (c *converter) phrase(words []string) string {
	var parts []string
	for _, w := range words {
		if strings.HasPrefix(w, "&") {
			parts = append(parts, "$"+c.name("syn-"+slugName(strings.TrimRight(w[1:], "_"))))
			continue
		}
		parts = append(parts, c.word(w))
	}
	return strings.Join(parts, " ")
}

// word writes a dictionary word as the tokens newsann splits it into,
// each quoted ("PEACE-KEEPING": "peace" "-" "keeping"; "N'T": "n't").
func (c *converter) word(w string) string {
	lw := strings.ToLower(w)
	var parts []string
	for _, t := range token.Tokenize(nil, lw) {
		parts = append(parts, quote(lw[t.Start:t.End]))
	}
	if len(parts) == 0 {
		return `[re:/\A\z/]` // no token: matches nothing
	}
	return strings.Join(parts, " ")
}

// plainWord reports whether w may stand as the value of a [key:…] test:
// letters, digits, apostrophes, dots and dashes.
func plainWord(w string) bool {
	return w != "" && !strings.ContainsFunc(w, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '.' && r != '-'
	})
}

// quote writes a token as a pattern word; a quotation mark, which a
// quoted word cannot hold, as a test of its text.
func quote(s string) string {
	if strings.Contains(s, `"`) {
		return `[text:` + s + `]`
	}
	return `"` + s + `"`
}

// slugName makes a list or macro name part from a dictionary name.
func slugName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// verbForms returns the phrases a verb may be written as: its forms made
// by rule and those given in braces.
func verbForms(v Verb) [][]string {
	var out [][]string
	add := func(words []string) {
		for _, o := range out {
			if slices.Equal(o, words) {
				return
			}
		}
		out = append(out, words)
	}
	add(v.Words)
	if !v.NoForms {
		for _, f := range inflect(v.Words[v.Head]) {
			w := slices.Clone(v.Words)
			w[v.Head] = f
			add(w)
		}
	}
	for _, f := range v.Forms {
		if len(f) == 1 && len(v.Words) > 1 {
			w := slices.Clone(v.Words)
			w[v.Head] = f[0]
			add(w)
			continue
		}
		add(f)
	}
	return out
}

// inflect makes the regular forms of a verb: -S, -ED and -ING, with the
// spelling changes of English (-IES, -IED; a final E dropped; a final
// consonant doubled, made both ways since the rule depends on stress).
func inflect(v string) []string {
	if len(v) < 2 {
		return []string{v + "S", v + "ED", v + "ING"}
	}
	vowel := func(b byte) bool { return strings.IndexByte("AEIOU", b) >= 0 }
	last, prev := v[len(v)-1], v[len(v)-2]
	var out []string
	switch {
	case last == 'Y' && !vowel(prev):
		out = append(out, v[:len(v)-1]+"IES", v[:len(v)-1]+"IED", v+"ING")
	case last == 'E' && prev == 'I':
		out = append(out, v+"S", v+"D", v[:len(v)-2]+"YING")
	case last == 'E' && prev != 'E':
		out = append(out, v+"S", v+"D", v[:len(v)-1]+"ING")
	case last == 'E':
		out = append(out, v+"S", v+"D", v+"ING")
	case strings.HasSuffix(v, "SS") || strings.HasSuffix(v, "SH") || strings.HasSuffix(v, "CH") || last == 'X' || last == 'Z' || last == 'O':
		out = append(out, v+"ES", v+"ED", v+"ING")
	default:
		out = append(out, v+"S", v+"ED", v+"ING")
		if !vowel(last) && vowel(prev) && (len(v) < 3 || !vowel(v[len(v)-3])) && strings.IndexByte("WXY", last) < 0 {
			out = append(out, v+string(last)+"ED", v+string(last)+"ING")
		}
	}
	return out
}

// nounPlural makes a regular plural for a synonym set's noun.
func nounPlural(w string) string {
	switch {
	case strings.HasSuffix(w, "Y") && len(w) > 1 && strings.IndexByte("AEIOU", w[len(w)-2]) < 0:
		return w[:len(w)-1] + "IES"
	case strings.HasSuffix(w, "SS"), strings.HasSuffix(w, "SH"), strings.HasSuffix(w, "CH"), strings.HasSuffix(w, "X"):
		return w + "ES"
	case strings.HasSuffix(w, "S"):
		return w
	}
	return w + "S"
}

// verbAlt writes the verbs of a block as the trigger: one list for the
// one-word forms (the sentence filter and index use it) and an
// alternation for phrases.
func (c *converter) verbAlt(verbs []Verb, lists map[string][]string, key string) string {
	var single []string
	var multi []string
	pos := ""
	if c.opts.POS {
		pos = " & pos:VB*"
	}
	for _, v := range verbs {
		for _, f := range verbForms(v) {
			if len(f) == 1 && len(token.Tokenize(nil, f[0])) == 1 {
				single = append(single, strings.ToLower(f[0]))
				continue
			}
			var parts []string
			for i, w := range f {
				lw := strings.ToLower(w)
				if i == v.Head && len(token.Tokenize(nil, lw)) == 1 && plainWord(lw) {
					if pos == "" {
						parts = append(parts, quote(lw))
					} else {
						parts = append(parts, "[key:"+lw+pos+"]")
					}
					continue
				}
				parts = append(parts, c.word(w))
			}
			multi = append(multi, strings.Join(parts, " "))
		}
	}
	var alts []string
	if len(single) > 0 {
		slices.Sort(single)
		name := c.name("v-" + key)
		lists[name] = slices.Compact(single)
		alts = append(alts, "[in:"+name+pos+"]")
	}
	slices.Sort(multi)
	alts = append(alts, slices.Compact(multi)...)
	return "(" + strings.Join(alts, " | ") + ")"
}

// block converts one verb block.
func (c *converter) block(b *Block, lists map[string][]string) []outRule {
	if len(b.Verbs) == 0 {
		c.problem(b.Line, "block %s has no verbs", b.Name)
		return nil
	}
	key := slugName(b.Name)
	if n := c.ids[key]; n > 0 {
		key = fmt.Sprintf("%s-%d", key, n+1)
	}
	c.ids[slugName(b.Name)]++
	trig := c.verbAlt(b.Verbs, lists, key)
	// Patterns, longest first (stable: as written among equals).
	pats := slices.Clone(b.Patterns)
	slices.SortStableFunc(pats, func(x, y Pattern) int { return cmp.Compare(words(y), words(x)) })
	var passive, active []outRule
	var nulls []Pattern
	for _, p := range pats {
		if p.Code.Null() {
			c.res.Stats.NullPatterns++
			nulls = append(nulls, p)
			continue
		}
		if err := c.checkSets(p); err != nil {
			c.res.Stats.Skipped++
			c.problem(p.Line, "pattern %q left out: %v", p.Raw, err)
			continue
		}
		active = append(active, c.rule(b, b.Verbs[0], key, p, trig, "", "", false))
		if marks(p) == 0 {
			passive = append(passive, c.rule(b, b.Verbs[0], key, p, trig, "", "", true))
		}
	}
	// Each verb alone, with its own code or the block's; patterns with
	// the null code keep them off the phrases they describe.
	gBefore, gAfter := c.guards(nulls)
	byCode := map[Code][]Verb{}
	var codes []Code
	for _, v := range b.Verbs {
		code := b.Code
		if v.Code != nil {
			code = *v.Code
		}
		if _, ok := byCode[code]; !ok {
			codes = append(codes, code)
		}
		byCode[code] = append(byCode[code], v)
	}
	for i, code := range codes {
		if code.Null() {
			continue
		}
		t := trig
		k := key
		if len(codes) > 1 {
			k = fmt.Sprintf("%s-v%d", key, i+1)
			t = c.verbAlt(byCode[code], lists, k)
		}
		p := Pattern{Code: code, Raw: "*", Line: byCode[code][0].Line}
		v := byCode[code][0]
		r := c.rule(b, v, k, p, t, gBefore, gAfter, false)
		r.ID = fmt.Sprintf("%s.%s.verb", c.opts.Prefix, k)
		pr := c.rule(b, v, k, p, t, gBefore, gAfter, true)
		pr.ID = fmt.Sprintf("%s.%s.verb-passive", c.opts.Prefix, k)
		active = append(active, r)
		passive = append(passive, pr)
	}
	c.res.Stats.Passive += len(passive)
	return append(passive, active...)
}

// guards writes negative look-arounds that keep a verb's own code off the
// phrases its null-coded patterns describe ("peace-keeping force"): for
// each such pattern with words on one side of the verb only, a
// look-behind to put before the verb or a look-ahead to put after it.
func (c *converter) guards(nulls []Pattern) (before, after string) {
	for _, p := range nulls {
		if err := c.checkSets(p); err != nil {
			c.res.Stats.Skipped++
			c.problem(p.Line, "pattern %q left out: %v", p.Raw, err)
			continue
		}
		switch {
		case len(p.Before) > 0 && len(p.After) == 0 && marksIn(p.Before) == 0:
			g := c.items(p.Before, roleNone)
			if !p.Before[len(p.Before)-1].Joined {
				g += " $" + c.name("wgap")
			}
			before += "!<(" + g + ") "
		case len(p.After) > 0 && len(p.Before) == 0 && marksIn(p.After) == 0:
			g := c.items(p.After, roleNone)
			if !p.VerbJoined {
				// The words may follow the object, as in the patterns.
				g = fmt.Sprintf("($%s $%s)? $%s %s", c.name("tgap"), c.name("list"), c.name("wgap"), g)
			}
			after += " !>(" + g + ")"
		default:
			c.res.Stats.Skipped++
			c.problem(p.Line, "pattern %q has the null code and words on both sides of the verb, or actors: it cannot keep the verb's code off", p.Raw)
		}
	}
	return before, after
}

// words counts a pattern's words (its specificity).
func words(p Pattern) int {
	n := 0
	for _, it := range append(slices.Clone(p.Before), p.After...) {
		if it.Kind == Word || it.Kind == SetRef {
			n++
		}
	}
	return n
}

// marks counts the actor markers ($, +, %) of a pattern.
func marks(p Pattern) int { return marksIn(p.Before) + marksIn(p.After) }

func marksIn(items []Item) int {
	n := 0
	for _, it := range items {
		if it.Kind == Source || it.Kind == Target || it.Kind == Compound {
			n++
		}
	}
	return n
}

func (c *converter) checkSets(p Pattern) error {
	for _, it := range append(slices.Clone(p.Before), p.After...) {
		if it.Kind == SetRef && c.sets[it.Text] == nil {
			return fmt.Errorf("unknown synonym set &%s", it.Text)
		}
	}
	return nil
}

// Where a list of actors (%) stands decides its role: before the verb
// the event is between its members; after it, it is the target.
const (
	roleNone = iota
	rolePair
	roleTarget
)

// items writes pattern items in order, with the gap between those not
// joined; a % is captured for role.
func (c *converter) items(items []Item, role int) string {
	var parts []string
	for i, it := range items {
		parts = append(parts, c.item(it, role))
		if i < len(items)-1 && !it.Joined {
			parts = append(parts, "$"+c.name("wgap"))
		}
	}
	return strings.Join(parts, " ")
}

func (c *converter) item(it Item, role int) string {
	list := "$" + c.name("list")
	switch it.Kind {
	case Word:
		return c.word(it.Text)
	case SetRef:
		return "$" + c.name("syn-"+slugName(it.Text))
	case Source:
		return "(" + list + ")@src"
	case Target:
		return "(" + list + ")@tgt"
	case Compound:
		if role == roleTarget {
			return "(" + list + ")@tgt"
		}
		return "(" + list + ")@pair"
	case Skip:
		return "$" + c.name("skip")
	}
	return ""
}

func has(items []Item, kind int) bool {
	return slices.ContainsFunc(items, func(it Item) bool { return it.Kind == kind })
}

// rule writes one pattern of a block as a rule: the source (unless the
// pattern places it), the words before the verb, the verb (trig, between
// the guards), the words after it, and the target (unless placed).
// passive writes the variant "TARGET was VERB … by SOURCE".
func (c *converter) rule(b *Block, verb Verb, key string, p Pattern, trig, guardBefore, guardAfter string, passive bool) outRule {
	n := c.name
	all := append(slices.Clone(p.Before), p.After...)
	pair := has(p.Before, Compound)   // "% agree": between the list's members
	pairTgt := has(p.After, Compound) // "agree with %": the list is the target
	var parts, ex []string
	subj, obj, exSubj, exObj := "src", "tgt", exSource, exTarget
	if passive {
		subj, obj, exSubj, exObj = "tgt", "src", exTarget, exSource
	}
	if !has(all, Source) && !pair {
		parts = append(parts, fmt.Sprintf("($%s)@%s $%s", n("list"), subj, n("gap")))
		ex = append(ex, exSubj)
		if passive {
			parts = append(parts, fmt.Sprintf("[in:%s] $%s", n("be"), n("gap")))
			ex = append(ex, "was")
		}
	}
	for _, it := range p.Before {
		parts = append(parts, c.item(it, rolePair))
		ex = append(ex, exampleOf(it, c.sets))
		if !it.Joined {
			parts = append(parts, "$"+n("wgap"))
		}
	}
	// A word after a determiner and at most one more word is a noun ("an
	// attack", "their meeting"), unless the pattern puts a determiner or
	// a skipped phrase there ("RAISED ITS * [042]": its voice).
	if !c.determinerBeforeVerb(p) {
		guardBefore = fmt.Sprintf("!<([in:%s] [is:lower]?) ", n("det")) + guardBefore
	}
	parts = append(parts, guardBefore+trig+"@trig"+guardAfter)
	ex = append(ex, strings.ToLower(strings.Join(verb.Words, " ")))
	var after []string
	for i, it := range p.After {
		if i == 0 && !p.VerbJoined || i > 0 && !p.After[i-1].Joined {
			after = append(after, "$"+n("wgap"))
		}
		after = append(after, c.item(it, roleTarget))
		ex = append(ex, exampleOf(it, c.sets))
	}
	switch {
	case has(all, Target) || pair || pairTgt:
		parts = append(parts, after...)
	case passive:
		parts = append(parts, after...)
		parts = append(parts, fmt.Sprintf("$%s by ($%s)@%s", n("tgap"), n("list"), obj))
		ex = append(ex, "by", exObj)
	default:
		object := fmt.Sprintf("$%s ($%s)@%s", n("tgap"), n("list"), obj)
		ex = append(ex, exObj)
		if len(p.After) == 0 || p.VerbJoined {
			parts = append(parts, after...)
			parts = append(parts, object)
			break
		}
		// The object may come after the pattern's words or before them
		// ("allowed that Mordor isn't a really pleasant place").
		words := strings.Join(after, " ")
		parts = append(parts, "("+words+" "+object+" | "+object+" "+words+")")
	}
	src, tgt := "each:src", "each:tgt"
	if pair {
		src, tgt = "each:pair", "each:pair"
	}
	var emits []outEmit
	mode := strings.ToLower(b.Name)
	if p.Code.Forward != "" {
		emits = append(emits, outEmit{outEvent{Type: eventType(p.Code.Forward), Mode: mode, CAMEO: p.Code.Forward, Source: src, Target: tgt, Trigger: "trig", Exclusive: true}})
	}
	if p.Code.Reverse != "" && !(pair && p.Code.Reverse == p.Code.Forward) {
		emits = append(emits, outEmit{outEvent{Type: eventType(p.Code.Reverse), Mode: mode, CAMEO: p.Code.Reverse, Source: tgt, Target: src, Trigger: "trig", Exclusive: true}})
	}
	id := fmt.Sprintf("%s.%s.%d", c.opts.Prefix, key, p.Line)
	desc := fmt.Sprintf("%s: - %s [%s] (%s:%d)", b.Name, p.Raw, codeString(p.Code), cmp.Or(c.opts.Source, "dictionary"), p.Line)
	if passive {
		id += "-passive"
		desc += ", passive"
	}
	return outRule{
		ID: id, Description: desc, Phase: c.opts.Phase,
		Pattern:  strings.Join(parts, " "),
		Emit:     emits,
		Examples: []outSample{{Text: sentence(ex)}},
	}
}

// determinerBeforeVerb reports whether a pattern puts a determiner or a
// skipped phrase right before its verb.
func (c *converter) determinerBeforeVerb(p Pattern) bool {
	n := len(p.Before)
	if n == 0 {
		return false
	}
	last := p.Before[n-1]
	return last.Kind == Skip || last.Kind == Word && slices.Contains(c.dets, strings.ToLower(last.Text))
}

func codeString(c Code) string {
	f := cmp.Or(c.Forward, "---")
	if c.Reverse != "" {
		return f + ":" + c.Reverse
	}
	return f
}

// exampleOf writes a pattern item as example text.
func exampleOf(it Item, sets map[string]*Synset) string {
	switch it.Kind {
	case Word:
		return strings.ToLower(it.Text)
	case SetRef:
		for depth := 0; depth < 8; depth++ {
			s := sets[it.Text]
			if s == nil || len(s.Phrases) == 0 {
				return ""
			}
			ph := s.Phrases[0]
			if len(ph) == 1 && strings.HasPrefix(ph[0], "&") {
				it = Item{Kind: SetRef, Text: strings.TrimRight(ph[0][1:], "_")}
				continue
			}
			var ws []string
			for _, w := range ph {
				if strings.HasPrefix(w, "&") {
					w = exampleOf(Item{Kind: SetRef, Text: strings.TrimRight(w[1:], "_")}, sets)
				}
				ws = append(ws, strings.ToLower(w))
			}
			return strings.Join(ws, " ")
		}
	case Source:
		return exSource
	case Target:
		return exTarget
	case Compound:
		return exSource + " and " + exTarget
	case Skip:
		return exSkip
	}
	return ""
}

// sentence joins example words into text: "n't" and "'s" attach to the
// word before them.
func sentence(ws []string) string {
	var b strings.Builder
	for _, w := range ws {
		if w == "" {
			continue
		}
		if b.Len() > 0 && !strings.HasPrefix(w, "'") && !strings.HasPrefix(w, "n'") {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String() + "."
}
