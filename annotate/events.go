package annotate

import (
	"slices"
	"strings"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/lexicon"
)

// quadClass maps a CAMEO root code to its QuadClass: 1 verbal
// cooperation, 2 material cooperation, 3 verbal conflict, 4 material
// conflict.
func quadClass(code string) int {
	if len(code) < 2 {
		return 0
	}
	switch code[:2] {
	case "01", "02", "03", "04", "05":
		return 1
	case "06", "07", "08", "09":
		return 2
	case "10", "11", "12", "13", "14":
		return 3
	case "15", "16", "17", "18", "19", "20":
		return 4
	}
	return 0
}

// actor is one side of an event: an entity, and the CAMEO actor code it
// has there (its own, with the codes of the agents named with it).
type actor struct {
	entity, code string
}

// events returns the events one emission of a match proposes: one, or,
// when the source or target is "each:CAPTURE", one per actor of the list
// the capture holds ("Mordor, Rohan and Bree welcomed …"); a list that is
// both source and target gives an event between each two of its actors.
func (s *state) events(ee *rules.EventEmit, m *rules.Match, sentence int, evidence Span) []Event {
	srcs, tgts := s.actorsOf(m, ee.Source), s.actorsOf(m, ee.Target)
	if len(srcs) == 0 {
		srcs = []actor{{}}
	}
	if len(tgts) == 0 {
		tgts = []actor{{}}
	}
	base := Event{
		Type: ee.Type, Mode: ee.Mode, CAMEO: ee.CAMEO, QuadClass: quadClass(ee.CAMEO),
		Sentence: sentence, Evidence: evidence,
		Source: m.Rule.Source(),
	}
	if s.a.opts.Explain {
		base.Explain = explainRule(m.Rule)
	}
	ta, tb, ok := capSpan(m, ee.Trigger)
	if !ok || ta >= tb {
		ta, tb = m.Start, m.End
	}
	base.Trigger = Span{s.toks[ta].Start, s.toks[tb-1].End}
	base.Negated, base.Modality = s.polarity(ta)
	base.Date = s.dateNear(sentence, base.Trigger)
	attrs := map[string]string{}
	for k, v := range ee.Attrs {
		if v = s.expandKnown(v, m); v != "" {
			attrs[k] = v
		}
	}
	if len(attrs) > 0 {
		base.Attrs = attrs
	}
	same := strings.TrimPrefix(ee.Source, "each:") == strings.TrimPrefix(ee.Target, "each:")
	var out []Event
	for _, src := range srcs {
		for _, tgt := range tgts {
			if src == (actor{}) && tgt == (actor{}) || same && src == tgt {
				continue
			}
			e := base
			e.SourceActor, e.SourceCode = src.entity, src.code
			e.TargetActor, e.TargetCode = tgt.entity, tgt.code
			out = append(out, e)
		}
	}
	return out
}

// actorsOf returns the actors at capture spec of m: none for "" or a
// capture without one; the capture's main actor; or, for "each:NAME",
// every actor of the list it holds.
func (s *state) actorsOf(m *rules.Match, spec string) []actor {
	name, each := strings.CutPrefix(spec, "each:")
	if name == "" {
		return nil
	}
	a, b, ok := m.Cap(name)
	if !ok || a >= b {
		return nil
	}
	if !each {
		id, _ := s.entityOfCap(m, name)
		code := composeCode(s.actorCode(id), s.agentsIn(a, b))
		if id == "" && code == "" {
			return nil
		}
		return []actor{{id, code}}
	}
	return s.listActors(a, b)
}

// listSeparators join the members of a list of actors.
var listSeparators = []string{",", "and", "or", "nor", "&", ";"}

// listActors splits tokens [a, b) at list separators into conjuncts and
// returns an actor for each conjunct that names one, with the agents
// named in it ("Osgiliath soldiers"). Agents before "of", "in" or "from"
// and the first actor of the list ("the ambassadors of Arnor, Osgiliath
// and Gondor") go to every actor after them that has none of its own; a
// conjunct of agents alone ("officials") is an actor of unknown state.
func (s *state) listActors(a, b int) []actor {
	var out []actor
	var spread []agent
	start := a
	for i := a; i <= b; i++ {
		if i < b && !slices.Contains(listSeparators, s.key(i)) {
			continue
		}
		if start < i {
			agents := s.agentsIn(start, i)
			c := s.chosenAt(start, i)
			switch {
			case c != nil && c.entity != "" && c.first >= start && c.last <= i:
				if len(agents) > 0 && agents[0].last <= c.first && c.first > start && slices.Contains([]string{"of", "in", "from"}, s.key(c.first-1)) {
					spread = agents
				} else if len(agents) == 0 {
					agents = spread
				}
				out = append(out, actor{c.entity, composeCode(s.actorCode(c.entity), agents)})
			case len(agents) > 0:
				out = append(out, actor{"", composeCode("", agents)})
			}
		}
		start = i + 1
	}
	return out
}

// agent is a word for a role that qualifies an actor's code ("police",
// "foreign minister"): a lexicon title with a codes.cameo_agent, "~COP"
// added after the actor's code, "NGO~" before it.
type agent struct {
	first, last int
	code        string
}

// agentsIn lists the agents named in tokens [a, b), in order.
func (s *state) agentsIn(a, b int) []agent {
	var out []agent
	lo, hi := s.chosenStartingIn(a, b)
	for i := lo; i < hi; i++ {
		c := s.chosen[i]
		if c.first < a || c.last > b || c.label != "TITLE" {
			continue
		}
		if e := s.a.lex.Entry(c.entity); e != nil && e.Codes["cameo_agent"] != "" {
			out = append(out, agent{c.first, c.last, e.Codes["cameo_agent"]})
		}
	}
	return out
}

// composeCode adds agents' codes to an actor's code, as PETRARCH does: a
// suffix agent ("~GOV") after it, a prefix agent ("NGO~") before it, each
// three-letter group only when the code lacks it (the White House's
// USAGOV with "officials" stays USAGOV). An actor without a code but with
// agents is of unknown state, "---".
func composeCode(code string, agents []agent) string {
	if len(agents) == 0 {
		return code
	}
	if code == "" {
		code = "---"
	}
	has := func(g string) bool {
		for i := 0; i+3 <= len(code); i += 3 {
			if code[i:i+3] == g {
				return true
			}
		}
		return false
	}
	for _, ag := range agents {
		groups, prefix := strings.CutSuffix(ag.code, "~")
		groups = strings.TrimPrefix(groups, "~")
		var add string
		for i := 0; i+3 <= len(groups); i += 3 {
			if g := groups[i : i+3]; !has(g) {
				add += g
			}
		}
		if prefix {
			code = add + code
		} else {
			code += add
		}
	}
	return code
}

// polarity reads the words just before a trigger, within its sentence, for
// negation ("did not meet") and modality ("may visit", "plans to meet",
// "will call"), with the cue lists of the rule set: negation-cues and
// modality-possible, -future, -planned and -desired.
func (s *state) polarity(trigger int) (negated bool, modality string) {
	rs := s.a.rules
	if rs == nil {
		return false, ""
	}
	sn := s.sents[s.sentOf[trigger]]
	// Of several cues the most telling wins: "plans to visit" is planned,
	// though "to" alone would make it desired.
	// s.a.lists.modality is in that order, most telling first.
	best := len(modalities)
	for i := trigger - 1; i >= max(sn.first, trigger-5); i-- {
		k := s.key(i)
		if k == "," || k == ";" || k == "and" || k == "but" {
			break // another clause
		}
		if s.a.lists.negation.Has(&s.rdoc, i) {
			negated = true
		}
		for m := range best {
			if s.a.lists.modality[m].Has(&s.rdoc, i) {
				best = m
				break
			}
		}
	}
	if best < len(modalities) {
		modality = modalities[best]
	}
	return negated, modality
}

// actorCode returns a CAMEO-style actor code for an entity at the
// document's date: a state's own code (IRN); a person holding an office of
// a state the state's code and the sector (IRNGOV for a minister, IRNMIL
// for an officer by rank, or the agent code of the office's title), else
// the person's own code, else their state's; an organization its CAMEO code when the
// lexicon has one (IGOUNO), else its state and sector (ISRLEG for the
// Knesset). "" when there is nothing to go on.
func (s *state) actorCode(id string) string {
	e := s.a.lex.Entry(id)
	if e == nil {
		return ""
	}
	switch e.Kind {
	case lexicon.Country, lexicon.Territory:
		return stateCode(e)
	case lexicon.Person:
		if c := s.personCode(e); c != "" {
			return c
		}
		if c := e.Codes["cameo"]; c != "" {
			return c
		}
		if st := s.a.lex.Entry(e.Country); st != nil {
			return stateCode(st)
		}
	case lexicon.Organization:
		if c := e.Codes["cameo"]; c != "" {
			return c
		}
		st := s.a.lex.Entry(e.Country)
		if st == nil {
			return ""
		}
		return stateCode(st) + orgSector(e.Type)
	case lexicon.City, lexicon.Region:
		if st := s.a.lex.Entry(e.Country); st != nil {
			return stateCode(st)
		}
	}
	return ""
}

func stateCode(e *lexicon.Entry) string {
	if c := e.Codes["cameo"]; c != "" {
		return c
	}
	if c := e.Codes["iso3"]; c != "" {
		return c
	}
	return ""
}

// personCode is the code of the office a person holds at the document
// date (the first of several; offices of states before those of bodies).
func (s *state) personCode(e *lexicon.Entry) string {
	var roles []lexicon.Role
	for _, r := range e.Roles {
		if s.heldAtDate(r) {
			roles = append(roles, r)
		}
	}
	slices.SortStableFunc(roles, func(a, b lexicon.Role) int {
		return kindRank(s.kindOf(b.Of)) - kindRank(s.kindOf(a.Of))
	})
	for _, r := range roles {
		of := s.a.lex.Entry(r.Of)
		if of == nil {
			continue
		}
		if of.Kind == lexicon.Organization {
			if c := of.Codes["cameo"]; c != "" {
				return c
			}
			continue
		}
		sector := "GOV"
		if t := s.a.lex.Entry(r.Title); t != nil {
			if ag := t.Codes["cameo_agent"]; ag != "" {
				// An office whose code the lexicon gives (an imported
				// dictionary's HOBCIV): the state's code with it.
				return composeCode(stateCode(of), []agent{{code: ag}})
			}
			if t.Type == "rank" {
				sector = "MIL"
			}
		}
		return stateCode(of) + sector
	}
	return ""
}

func (s *state) kindOf(id string) lexicon.Kind {
	if e := s.a.lex.Entry(id); e != nil {
		return e.Kind
	}
	return ""
}

// orgSector maps an organization type to a CAMEO sector code.
func orgSector(t string) string {
	switch t {
	case "government":
		return "GOV"
	case "military":
		return "MIL"
	case "security":
		return "SPY"
	case "legislature":
		return "LEG"
	case "court":
		return "JUD"
	case "political-party":
		return "PTY"
	case "armed-group":
		return "REB"
	case "media":
		return "MED"
	case "company", "financial":
		return "BUS"
	case "ngo":
		return "NGO"
	case "religious":
		return "REL"
	}
	return ""
}
