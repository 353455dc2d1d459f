package annotate

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/token"
)

func sentences(s string) []string {
	toks := token.Tokenize(nil, s)
	var out []string
	for _, sn := range segment(s, toks, token.NewFolder()) {
		out = append(out, s[sn.start:sn.end])
	}
	return out
}

func TestSegment(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Iran said so. Turkey agreed.", []string{"Iran said so.", "Turkey agreed."}},
		{`He said "no." Then he left.`, []string{`He said "no."`, "Then he left."}},
		{"Gen. Abdel Fattah al-Burhan spoke. Mr. Smith did too.", []string{"Gen. Abdel Fattah al-Burhan spoke.", "Mr. Smith did too."}},
		{"U.S. President Donald Trump spoke.", []string{"U.S. President Donald Trump spoke."}},
		{"They met in the U.S. The talks went well.", []string{"They met in the U.S.", "The talks went well."}},
		{"It rose 3.5 percent. Prices fell.", []string{"It rose 3.5 percent.", "Prices fell."}},
		{"Really? Yes! Fine.", []string{"Really?", "Yes!", "Fine."}},
		{"J. R. Smith arrived. He sat.", []string{"J. R. Smith arrived.", "He sat."}},
		{"Headline here\n\nBody starts here. And ends.", []string{"Headline here", "Body starts here.", "And ends."}},
		{"LONDON 1996-08-30\nWest Indian all-rounder Phil Simmons took four .", []string{"LONDON 1996-08-30", "West Indian all-rounder Phil Simmons took four ."}},
		{"a wrapped line that\ncontinues here.", []string{"a wrapped line that\ncontinues here."}},
		{"On Nov. 13 the ministers met.", []string{"On Nov. 13 the ministers met."}},
		{"no end", []string{"no end"}},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, sentences(tt.in)); diff != "" {
			t.Errorf("segment(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
