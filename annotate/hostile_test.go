package annotate

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestHostileText: texts a corpus run meets without anyone having read
// them. Each is annotated without a panic, every span keeps the offset
// invariants (checkOffsets), and the names in it are still found where
// they are.
func TestHostileText(t *testing.T) {
	a := miniAnnotator(t, Options{})
	quotes := strings.Repeat("\"'“‘«(", 5000)
	closing := strings.Repeat(")»’”'\"", 5000)
	tests := []struct {
		name      string
		text      string
		mentions  []string // the mentions' texts, in order
		sentences int      // -1: not checked
	}{
		{"empty", "", nil, 0},
		{"whitespace only", " \t\n\r\n\u00a0\u3000 \n\n", nil, 0},
		{"CRLF paragraphs", "Iran protested.\r\n\r\nTurkey replied.\r\n", []string{"Iran", "Turkey"}, 2},
		{"CR line ends", "Iran protested.\r\rTurkey replied.\r", []string{"Iran", "Turkey"}, 2},
		{"CRLF headline", "IRAN TALKS\r\nTurkey replied on Monday.", []string{"IRAN", "Turkey"}, 2},
		{"byte-order mark", "\ufeffIran protested.", []string{"Iran"}, 1},
		{"byte-order mark inside", "Iran\ufeff protested; \ufeffTurkey\ufeff replied.", []string{"Iran", "Turkey"}, 1},
		{
			"mixed scripts",
			"Foreign Minister Hakan Fidan met Владимир Путин, 习近平 and محمد بن سلمان in Ankara, and Iran's envoy.",
			[]string{"Foreign Minister", "Hakan Fidan", "Ankara", "Iran"}, -1,
		},
		{"right-to-left marks", "\u200fIran\u200e and \u202bTurkey\u202c met.", []string{"Iran", "Turkey"}, -1},
		{"very long word", strings.Repeat("x", 1<<20) + " Iran met Turkey.", []string{"Iran", "Turkey"}, 1},
		{"very long capitalised word", "Iran " + strings.Repeat("Ab", 1<<19) + " Turkey.", []string{"Iran", "Turkey"}, -1},
		{"long run of initials", strings.Repeat("A.", 1<<16) + " Iran met Turkey.", []string{"Iran", "Turkey"}, -1},
		{"deeply nested quotes", quotes + "Iran" + closing + " said " + quotes + "Turkey" + closing, []string{"Iran", "Turkey"}, -1},
		{"combining marks", "Ira\u0301n and Turkey" + strings.Repeat("\u0301", 10000) + " met.", nil, -1},
		{"replacement characters", "\ufffdIran\ufffd met \ufffd\ufffdTurkey.", []string{"Iran", "Turkey"}, -1},
		{"control characters", "Iran\x01\x02 met\x1b[31m Turkey\x7f.", []string{"Iran", "Turkey"}, -1},
		{"no spaces", strings.Repeat("Iran,Turkey;", 1000), nil, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := a.Annotate(context.Background(), Input{ID: tt.name, Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			checkOffsets(t, tt.text, d)
			if tt.sentences >= 0 && len(d.Sentences) != tt.sentences {
				t.Errorf("%d sentences, want %d: %v", len(d.Sentences), tt.sentences, d.Sentences)
			}
			if tt.mentions == nil && tt.name != "empty" && tt.name != "whitespace only" {
				return // only the invariants
			}
			var got []string
			for _, m := range d.Mentions {
				if m.Label != "DATE" && m.Label != "TIME" {
					got = append(got, m.Text)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.mentions, "|") {
				t.Errorf("mentions %q, want %q", got, tt.mentions)
			}
		})
	}
}

// hostileShapes are texts of one unit repeated, each a way a text can be
// unlike news: runs a greedy pattern or a quadratic scan would choke on.
var hostileShapes = []struct{ name, unit string }{
	{"prose", "Iran's Foreign Minister Abbas Araghchi told Turkish Foreign Minister Hakan Fidan on Monday that talks with the U.S. would resume. "},
	{"initials", "A. "},
	{"dotted", "A.B.C."},
	{"honorifics", "Mr. "},
	{"titles", "Foreign Minister "},
	{"capitals", "Abc "},
	{"names", "Iran "},
	{"acronym definitions", "the International Atomic Energy Agency (IAEA) said. "},
	{"quotes", "\"'“‘«("},
	{"periods", "."},
	{"hyphens", "a-"},
	{"CRLF", "Iran.\r\n"},
	{"mixed scripts", "Путин met 习近平 and محمد in Ankara. "},
}

func repeatTo(unit string, n int) string {
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

// BenchmarkHostile annotates each hostile shape at two sizes, on one line:
// when the MB/s of the larger is far below the smaller's, something is
// worse than linear. A 1 MB run of initials took 62 s and of "Mr. " 42 s
// before the rules' failure memo; a 1 MB line of prose 38 s before the
// candidate index.
//
// The shape "articles" is our test articles run together on one line: a
// long document with everything news has (dates, descriptions by office,
// relations). The relation stage's scans of every mention for each
// relation made it quadratic (4 MB took 51 s, 16 times 1 MB's time).
func BenchmarkHostile(b *testing.B) {
	a := defaultAnnotator(b)
	var arts []string
	for _, art := range testArticles(b) {
		arts = append(arts, strings.Join(strings.Fields(art.text), " "))
	}
	shapes := append(slices.Clone(hostileShapes), struct{ name, unit string }{"articles", strings.Join(arts, " ") + " "})
	for _, sh := range shapes {
		for _, n := range []int{256 << 10, 1 << 20} {
			text := repeatTo(sh.unit, n)
			b.Run(fmt.Sprintf("%s/%dKB", sh.name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					if _, err := a.Annotate(context.Background(), Input{Text: text}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
