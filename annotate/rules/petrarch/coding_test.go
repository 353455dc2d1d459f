package petrarch

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/lexicon/lexicontest"
)

// sampleLexicon has the actors of our coding tests, with CAMEO codes, and
// two agents, as imported PETRARCH dictionaries give them.
const sampleLexicon = `as_of: 2025-01-01
entries:
  - {id: FRA, kind: country, name: France, codes: {cameo: FRA}}
  - {id: RUS, kind: country, name: Russia, codes: {cameo: RUS}}
  - {id: RUR, kind: country, name: Ruritania, codes: {cameo: RUR}}
  - {id: ELB, kind: country, name: Elbonia, codes: {cameo: ELB}}
  - {id: GRA, kind: country, name: Grand Fenwick, codes: {cameo: GRA}}
  - {id: agent-navy, kind: title, name: Navy, multiple: true, codes: {cameo_agent: "~NAV"}}
  - {id: agent-official, kind: title, name: Official, aliases: [Officials], multiple: true, codes: {cameo_agent: "~GOV"}}
`

// sampleAnnotator annotates with the converted sample dictionary alone
// and the sample lexicon, as PETRARCH codes with its own dictionaries.
func sampleAnnotator(t *testing.T) *annotate.Annotator {
	t.Helper()
	_, res, _ := convertSample(t, Options{})
	rs := compile(t, res.YAML)
	lex := lexicontest.Build(t, "sample.yaml", sampleLexicon)
	a, err := annotate.New(lex, annotate.Options{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestConvertedExamples runs every converted rule's example through the
// pipeline: the converter writes one a rule, and it must match.
func TestConvertedExamples(t *testing.T) {
	a := sampleAnnotator(t)
	fails, n, err := a.TestRules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fails {
		t.Error(f)
	}
	if n == 0 {
		t.Error("no examples ran")
	}
}

// TestCoding checks the events the converted sample codes in sentences
// written for the purpose: the verb's code, a pattern's code in its
// place, the passive, lists, agents, reverse codes and the guards.
func TestCoding(t *testing.T) {
	a := sampleAnnotator(t)
	tests := []struct {
		text string
		want []string // source code, target code, CAMEO code
	}{
		// The block's code; a pattern's, which takes the verb from it.
		{"Ruritania praised Elbonia on Monday.", []string{"RUR ELB 051"}},
		{"Ruritania praised the courage of Elbonia.", []string{"RUR ELB 041"}},
		{"Ruritania commended Elbonia for humanitarian aid.", []string{"RUR ELB 052"}},
		// The object may stand before the pattern's words.
		{"Ruritania hailed Elbonia for its courage.", []string{"RUR ELB 041"}},
		// Passive: the agent after "by" is the source.
		{"Elbonia was praised by Ruritania.", []string{"RUR ELB 051"}},
		// Lists, and agents that qualify codes.
		{"Ruritania and Grand Fenwick praised Elbonia officials.", []string{"RUR ELBGOV 051", "GRA ELBGOV 051"}},
		// A reverse code; a list whose members the event is between.
		{"Ruritania met Elbonia.", []string{"RUR ELB 040", "ELB RUR 040"}},
		{"Ruritania and Elbonia met.", []string{"RUR ELB 043", "ELB RUR 043"}},
		// A block with the null code codes only through its patterns; a
		// set holding another set.
		{"Ruritania restored Elbonia.", nil},
		{"Ruritania restored diplomatic relations with Elbonia.", []string{"RUR ELB 064"}},
		{"Ruritania restored trade ties with Elbonia.", []string{"RUR ELB 064"}},
		{"Ruritania restored humanitarian aid to Elbonia.", []string{"RUR ELB 064"}},
		{"Ruritania did not restore trade ties with Elbonia.", []string{"RUR ELB 161"}},
		// Placed source and target; a verb phrase with its own code.
		{"Ruritania navy ships were seized from Elbonia.", []string{"ELB RURNAV 1711"}},
		{"Ruritania cracked down on Elbonia.", []string{"RUR ELB 175"}},
		// A skipped phrase (^).
		{"Ruritania seized the ship at Elbonia.", []string{"RUR ELB 171"}},
		// The null-coded pattern keeps the verb's code off its phrase, and
		// a word after a determiner is not a verb.
		{"Ruritania seized Elbonia.", []string{"RUR ELB 170"}},
		{"Ruritania peace-keeping seize Elbonia.", nil},
		{"Ruritania condemned the seize of Elbonia.", nil},
		// Plurals of a set's nouns ("&TIES" has TRADE TIES; AIDWORDS none).
		{"Ruritania restored trade tie with Elbonia.", nil},
	}
	for _, tt := range tests {
		d, err := a.Annotate(context.Background(), annotate.Input{Text: tt.text})
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
