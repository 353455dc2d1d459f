package petrarch

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/newsann/newsann/lexicon"
)

// Agent is one record of an agents dictionary: a word for a role
// ("police", "foreign minister") and the code it adds to the code of the
// actor it is named with, PETRARCH's "Gondor police" → GONCOP.
//
//	!MINST! = MINISTER, MINISTERS, MINISTRY   # a substitution set
//	POLICE {} [~COP]                        # {}: no plural
//	GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]       # plurals given
//	!MINST!_OF_SILLY_WALKS [~GOV]            # one phrase per substitute
//	MSF [NGO~]                               # a code that goes before the actor's
type Agent struct {
	// Names are the phrase's forms, as written (underscores kept): each
	// substitute of its !SET!, then the plurals given in braces or, with
	// no braces and no set (whose words include plurals), one made by
	// rule.
	Names []string
	Code  string // "~COP" or "NGO~"
	Line  int
}

// ParseAgents reads an agents dictionary. Lines it cannot read are
// reported as errors naming file:line and skipped.
func ParseAgents(path string, r io.Reader) ([]Agent, lexicon.ErrorList) {
	var agents []Agent
	var errs lexicon.ErrorList
	fail := func(line int, format string, args ...any) {
		errs.Add(lexicon.Pos{File: path, Line: line}, "", "", format, args...)
	}
	sets := map[string][]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	lineNo := 0
	inComment := false
	for sc.Scan() {
		lineNo++
		line, stillOpen := stripComments(sc.Text(), inComment)
		inComment = stillOpen
		if strings.Contains(line, "---STOP---") {
			break
		}
		text := strings.TrimSpace(line)
		if text == "" {
			continue
		}
		if name, words, ok := strings.Cut(text, "="); ok && strings.HasPrefix(text, "!") {
			name = strings.TrimSpace(name)
			if len(name) < 3 || !strings.HasSuffix(name, "!") {
				fail(lineNo, "substitution set %q: want !NAME! = WORD, WORD", name)
				continue
			}
			var list []string
			for _, w := range strings.Split(words, ",") {
				if w = strings.TrimSpace(w); w != "" {
					list = append(list, w)
				}
			}
			if len(list) == 0 {
				fail(lineNo, "substitution set %s has no words", name)
				continue
			}
			sets[name] = list
			continue
		}
		a, err := parseAgent(text, lineNo, sets)
		if err != nil {
			fail(lineNo, "%v", err)
			continue
		}
		agents = append(agents, a)
	}
	if err := sc.Err(); err != nil {
		fail(lineNo+1, "%v", err)
	}
	return agents, errs
}

// parseAgent reads one agent line: PHRASE {PLURALS} [CODE].
func parseAgent(text string, line int, sets map[string][]string) (Agent, error) {
	a := Agent{Line: line}
	phrase, rest, ok := strings.Cut(text, "[")
	if !ok {
		return a, fmt.Errorf("agent %q has no code [..]", text)
	}
	code, after, ok := strings.Cut(rest, "]")
	if !ok {
		return a, fmt.Errorf("agent %q: code has no closing ]", text)
	}
	if strings.TrimSpace(after) != "" {
		return a, fmt.Errorf("agent %q: unexpected %q after the code", text, strings.TrimSpace(after))
	}
	a.Code = strings.ToUpper(strings.Join(strings.Fields(code), ""))
	if !lexicon.ValidCode("cameo_agent", a.Code) {
		return a, fmt.Errorf("agent %q: code [%s] is not ~XXX (after the actor's) or XXX~ (before it)", text, strings.TrimSpace(code))
	}
	phrase, braces, hasBraces := strings.Cut(phrase, "{")
	var plurals []string
	if hasBraces {
		inside, tail, ok := strings.Cut(braces, "}")
		if !ok || strings.TrimSpace(tail) != "" {
			return a, fmt.Errorf("agent %q: want {PLURAL …} before the code", text)
		}
		for _, p := range strings.Fields(inside) {
			plurals = append(plurals, strings.TrimPrefix(p, "+"))
		}
	}
	phrase = strings.TrimSpace(phrase)
	if !hasWord(phrase) {
		return a, fmt.Errorf("agent %q has no words", text)
	}
	forms, err := substitute(phrase, sets)
	if err != nil {
		return a, fmt.Errorf("agent %q: %w", text, err)
	}
	a.Names = forms
	// A substitution set lists its plurals itself (MAN, MEN).
	if !hasBraces && !strings.Contains(phrase, "!") {
		for _, f := range forms {
			a.Names = append(a.Names, plural(f))
		}
	}
	a.Names = append(a.Names, plurals...)
	a.Names = slices.Compact(a.Names)
	return a, nil
}

// substitute expands the !SET! markers of phrase into one phrase per word
// of the set.
func substitute(phrase string, sets map[string][]string) ([]string, error) {
	i := strings.IndexByte(phrase, '!')
	if i < 0 {
		return []string{phrase}, nil
	}
	j := strings.IndexByte(phrase[i+1:], '!')
	if j < 0 {
		return nil, fmt.Errorf("unclosed substitution marker in %q", phrase)
	}
	name := phrase[i : i+j+2]
	words, ok := sets[name]
	if !ok {
		return nil, fmt.Errorf("unknown substitution set %s", name)
	}
	var out []string
	for _, w := range words {
		more, err := substitute(phrase[:i]+w+phrase[i+j+2:], sets)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

// plural makes the plural of a phrase's last word as PETRARCH does for
// agents given without braces: -Y after a consonant becomes -IES, words
// ending in S, X, Z, CH or SH take -ES, the others -S.
func plural(phrase string) string {
	p := strings.TrimRight(phrase, "_ ")
	u := strings.ToUpper(p)
	switch {
	case strings.HasSuffix(u, "Y") && len(u) > 1 && !strings.ContainsRune("AEIOU", rune(u[len(u)-2])):
		return p[:len(p)-1] + caseLike(p, "IES")
	case strings.HasSuffix(u, "S"), strings.HasSuffix(u, "X"), strings.HasSuffix(u, "Z"), strings.HasSuffix(u, "CH"), strings.HasSuffix(u, "SH"):
		return p + caseLike(p, "ES")
	}
	return p + caseLike(p, "S")
}

// caseLike returns suffix in lower case when phrase ends in a lower-case
// letter.
func caseLike(phrase, suffix string) string {
	if c := phrase[len(phrase)-1]; c >= 'a' && c <= 'z' {
		return strings.ToLower(suffix)
	}
	return suffix
}

// AgentStats counts what ConvertAgents made of a dictionary.
type AgentStats struct {
	Agents       int // records in the dictionary
	Entries      int // title entries written
	Extended     int // of which extend a title of the base lexicon
	Names        int // names and plurals written
	NamesDropped int // names left out: another entry of the base, or an earlier agent, has them
}

// AgentResult is a converted agents dictionary.
type AgentResult struct {
	Records []lexicon.Record
	Stats   AgentStats
}

// ConvertAgents turns agents into lexicon title entries whose
// codes.cameo_agent the annotator adds to the code of the actor they are
// named with. An agent whose name is a title of the base lexicon extends
// that title with the code (the base's "foreign minister" gains ~GOV);
// names that another entry of the base, or an earlier agent, already has
// are left out, as PETRARCH keeps the first.
func ConvertAgents(agents []Agent, opts Options) *AgentResult {
	if opts.IDPrefix == "" {
		opts.IDPrefix = "petrarch-"
	}
	res := &AgentResult{Stats: AgentStats{Agents: len(agents)}}
	taken := map[string]bool{}
	ids := map[string]bool{}
	extended := map[*lexicon.Entry]bool{}
	for i := range agents {
		a := &agents[i]
		rec := lexicon.Record{Kind: "title", Multiple: true, Codes: map[string]string{"cameo_agent": a.Code}}
		var base *lexicon.Entry
		var names []string
		for _, phrase := range a.Names {
			n := agentDisplay(phrase)
			key := strings.ToLower(n)
			if n == "" || taken[key] {
				if n != "" {
					res.Stats.NamesDropped++
				}
				continue
			}
			if opts.Base != nil {
				if e := baseOwner(opts.Base, n); e != nil {
					if e.Kind == lexicon.Title && base == nil && !extended[e] && e.Codes["cameo_agent"] == "" {
						base = e
					} else if e != base {
						res.Stats.NamesDropped++
					}
					taken[key] = true
					continue
				}
			}
			taken[key] = true
			names = append(names, n)
		}
		note := fmt.Sprintf("PETRARCH agent %s:%d [%s]", opts.Source, a.Line, a.Code)
		switch {
		case base != nil:
			extended[base] = true
			rec = lexicon.Record{ID: base.ID, Extend: true, Aliases: names, Codes: rec.Codes, Note: note}
			res.Stats.Extended++
		case len(names) > 0:
			rec.ID = opts.IDPrefix + "agent-" + slug(names[0])
			for n := 2; ids[rec.ID]; n++ {
				rec.ID = fmt.Sprintf("%sagent-%s-%d", opts.IDPrefix, slug(names[0]), n)
			}
			rec.Name, rec.Aliases, rec.Note = names[0], names[1:], note
		default:
			continue // every name is another's
		}
		ids[rec.ID] = true
		res.Stats.Names += len(names)
		res.Stats.Entries++
		res.Records = append(res.Records, rec)
	}
	return res
}

// agentDisplay writes an agent's phrase as a title is written: words in
// title case, particles in lower case, words without vowels (MSF) as
// acronyms. Titles match in any case, so this is for people to read.
func agentDisplay(phrase string) string {
	words := strings.Fields(Display(phrase, lexicon.Person))
	for i, w := range words {
		if !strings.ContainsAny(strings.ToLower(w), "aeiouy") {
			words[i] = strings.ToUpper(w)
		}
	}
	return strings.Join(words, " ")
}

// baseOwner returns the entry of the base lexicon that has name in full
// (not as a short form), or nil.
func baseOwner(base *lexicon.Lexicon, name string) *lexicon.Entry {
	for _, c := range base.Matcher().Named(name) {
		if c.Form != lexicon.FormShort {
			return c.Entry
		}
	}
	return nil
}
