package annotate

import (
	"slices"

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

func (s *state) event(ee *rules.EventEmit, m *rules.Match, sentence int, evidence Span) *Event {
	src, _ := s.entityOfCap(m, ee.Source)
	tgt, _ := s.entityOfCap(m, ee.Target)
	if src == "" && tgt == "" {
		return nil
	}
	e := &Event{
		Type: ee.Type, Mode: ee.Mode, CAMEO: ee.CAMEO, QuadClass: quadClass(ee.CAMEO),
		SourceActor: src, TargetActor: tgt,
		SourceCode: s.actorCode(src), TargetCode: s.actorCode(tgt),
		Sentence: sentence, Evidence: evidence,
		Source: m.Rule.Source(),
	}
	if s.a.opts.Explain {
		e.Explain = explainRule(m.Rule)
	}
	ta, tb, ok := capSpan(m, ee.Trigger)
	if !ok || ta >= tb {
		ta, tb = m.Start, m.End
	}
	e.Trigger = Span{s.toks[ta].Start, s.toks[tb-1].End}
	e.Negated, e.Modality = s.polarity(ta)
	e.Date = s.dateNear(sentence, e.Trigger)
	attrs := map[string]string{}
	for k, v := range ee.Attrs {
		if v = s.expandKnown(v, m); v != "" {
			attrs[k] = v
		}
	}
	if len(attrs) > 0 {
		e.Attrs = attrs
	}
	return e
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
// for an officer by rank); an organization its CAMEO code when the
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
		if s.date.IsZero() {
			if r.To.IsZero() { // the offices held now, by the lexicon
				roles = append(roles, r)
			}
		} else if r.HoldsAt(s.date) != lexicon.False {
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
		if t := s.a.lex.Entry(r.Title); t != nil && t.Type == "rank" {
			sector = "MIL"
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
