package annotate

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/rules"
	"github.com/newsann/newsann/lexicon"
	"github.com/newsann/newsann/lexicon/lexicontest"
)

// agentLexicon has states with CAMEO codes, a person whose office code
// depends on the date, and agent titles (codes.cameo_agent), as an
// imported PETRARCH dictionary has them.
const agentLexicon = `as_of: 2025-01-01
entries:
  - {id: RUR, kind: country, name: Ruritania, codes: {cameo: RUR}}
  - {id: ELB, kind: country, name: Elbonia, codes: {cameo: ELB}}
  - {id: GRA, kind: country, name: Grand Fenwick, codes: {cameo: GRA}}
  - {id: red-cross, kind: organization, name: Red Cross, codes: {cameo: NGO}}
  - {id: agent-police, kind: title, name: Police, multiple: true, codes: {cameo_agent: "~COP"}}
  - {id: agent-official, kind: title, name: Official, aliases: [Officials], multiple: true, codes: {cameo_agent: "~GOV"}}
  - {id: agent-ambassador, kind: title, name: Ambassador, aliases: [Ambassadors], multiple: true, codes: {cameo_agent: "~GOV"}}
  - {id: agent-msf, kind: title, name: MSF, multiple: true, codes: {cameo_agent: "NGO~"}}
  - {id: cameo-civ, kind: title, name: Civilian Post, multiple: true, codes: {cameo_agent: "~CIV"}}
  - id: jan-novak
    kind: person
    name: Jan Novak
    country: RUR
    codes: {cameo: RURELI}
    roles:
      - {title: cameo-civ, of: RUR, from: 2010-01-01, to: 2012-12-31}
`

// agentRules code "X praised Y" (051) unless a more specific pattern of
// the same verb, written first, applies ("praised … courage", 041); and
// "X and Y agree" as an event between each two members of the list.
const agentRules = `
macros:
  np: "[is:lower]{0,2} ([kind:title] | [label:COUNTRY|ORGANIZATION|PERSON] | \"'s\" | of | in)+"
  list: "$np ((\",\" | and) $np)*"
rules:
  - id: t.praise-courage
    pattern: "($list)@src (praised)@trig ($list)@tgt [is:lower]{0,3} courage"
    emit:
      - event: {type: statement, cameo: "041", source: each:src, target: each:tgt, trigger: trig, exclusive: true}
    examples: ["Ruritania praised Elbonia for its courage."]
  - id: t.praise
    pattern: "($list)@src (praised)@trig ($list)@tgt"
    emit:
      - event: {type: statement, cameo: "051", source: each:src, target: each:tgt, trigger: trig, exclusive: true}
    examples: ["Ruritania praised Elbonia."]
  - id: t.agree
    pattern: "($list)@pair (agree)@trig"
    emit:
      - event: {type: cooperation, cameo: "030", source: each:pair, target: each:pair, trigger: trig}
    examples: ["Ruritania and Elbonia agree."]
  - id: t.meet
    pattern: "($np)@src (met)@trig ($np)@tgt"
    emit:
      - event: {type: contact, cameo: "040", source: src, target: tgt, trigger: trig}
    examples: ["Ruritania met Elbonia."]
`

func agentAnnotator(t *testing.T) *Annotator {
	t.Helper()
	lex := lexicontest.Build(t, "agents.yaml", agentLexicon)
	rf, err := rules.ParseFile("agents-rules.yaml", []byte(agentRules))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rules.Compile([]*rules.File{rf})
	if err != nil {
		t.Fatal(err)
	}
	return mustNew(t, lex, Options{Rules: rs})
}

// TestEventActorCodes checks lists of actors (each:), agents that qualify
// an actor's code, exclusive patterns, and dated office codes.
func TestEventActorCodes(t *testing.T) {
	a := agentAnnotator(t)
	tests := []struct {
		text, date string
		want       []string // source code, target code, CAMEO code
	}{
		{text: "Ruritania praised Elbonia.", want: []string{"RUR ELB 051"}},
		// The specific pattern, first in the rule set, takes the trigger.
		{text: "Ruritania praised Elbonia for its courage.", want: []string{"RUR ELB 041"}},
		// Lists on both sides: one event per pair.
		{text: "Ruritania and Grand Fenwick praised Elbonia, Ruritania.", want: []string{"RUR ELB 051", "RUR RUR 051", "GRA ELB 051", "GRA RUR 051"}},
		// A list that is source and target: each two members, not one with itself.
		{text: "Ruritania and Elbonia agree.", want: []string{"RUR ELB 030", "ELB RUR 030"}},
		// Agents after the actor, before it (MSF), with "of" before a list, alone.
		{text: "Ruritania police praised Elbonia officials.", want: []string{"RURCOP ELBGOV 051"}},
		{text: "MSF Ruritania praised Elbonia.", want: []string{"NGORUR ELB 051"}},
		{text: "The ambassadors of Ruritania, Elbonia and Grand Fenwick praised officials.",
			want: []string{"RURGOV ---GOV 051", "ELBGOV ---GOV 051", "GRAGOV ---GOV 051"}},
		// An agent whose group the code has already is not added again.
		{text: "Red Cross officials praised Elbonia.", want: []string{"NGOGOV ELB 051"}},
		{text: "Red Cross MSF praised Elbonia.", want: []string{"NGO ELB 051"}},
		// Without each:, the capture's main actor, with its agents.
		{text: "Ruritania police met Elbonia.", want: []string{"RURCOP ELB 040"}},
		// A person's code: the office held at the document's date, else
		// the person's own code.
		{text: "Jan Novak met Elbonia.", date: "2011-06-01", want: []string{"RURCIV ELB 040"}},
		{text: "Jan Novak met Elbonia.", date: "2015-06-01", want: []string{"RURELI ELB 040"}},
	}
	for _, tt := range tests {
		in := Input{Text: tt.text}
		if tt.date != "" {
			in.Date = lexicon.MustDate(tt.date)
		}
		d, err := a.Annotate(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range d.Events {
			got = append(got, fmt.Sprintf("%s %s %s", e.SourceCode, e.TargetCode, e.CAMEO))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestComposeCode(t *testing.T) {
	tests := []struct {
		code   string
		agents []string
		want   string
	}{
		{"IRN", nil, "IRN"},
		{"IRN", []string{"~GOV"}, "IRNGOV"},
		{"IRN", []string{"NGO~", "~GOV"}, "NGOIRNGOV"},
		{"USAGOV", []string{"~GOV"}, "USAGOV"},
		{"HGWGOVMED", []string{"~GOVMED"}, "HGWGOVMED"},
		{"", []string{"~EDU"}, "---EDU"},
		{"", nil, ""},
	}
	for _, tt := range tests {
		var ags []agent
		for _, c := range tt.agents {
			ags = append(ags, agent{code: c})
		}
		if got := composeCode(tt.code, ags); got != tt.want {
			t.Errorf("composeCode(%q, %v) = %q, want %q", tt.code, tt.agents, got, tt.want)
		}
	}
}
