package lexicon

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/token"
)

const matchLexicon = `as_of: 2025-10-01
variants:
  - [Mohammed, Muhammad, Mohamed]
entries:
  - {id: IRN, kind: country, name: Iran, demonyms: [Iranian, Iranians]}
  - {id: TUR, kind: country, name: Turkey, aliases: [Türkiye]}
  - {id: USA, kind: country, name: United States, aliases: [U.S., US, United States of America]}
  - {id: TCD, kind: country, name: Chad}
  - {id: CHN, kind: country, name: China}
  - {id: GNB, kind: country, name: Guinea-Bissau}
  - {id: nato, kind: organization, name: NATO}
  - {id: al-qaeda, kind: organization, name: al-Qaeda}
  - {id: foreign-minister, kind: title, name: Foreign Minister}
  - {id: sorbonne, kind: organization, name: Sorbonne, match: exact}
  - {id: mbs, kind: person, name: Mohammed bin Salman, short: [Salman]}
`

// found returns "text=id" for each match in s.
func found(t *testing.T, l *Lexicon, s string) []string {
	t.Helper()
	f := token.NewFolder()
	toks := token.Tokenize(nil, s)
	ids := l.Matcher().Keys(nil, f, s, toks)
	var out []string
	for _, m := range l.Matcher().Match(nil, s, toks, ids) {
		var cs []string
		for _, c := range m.Candidates {
			cs = append(cs, c.Entry.ID+"/"+c.Form.String())
		}
		out = append(out, fmt.Sprintf("%s=%s", s[toks[m.Start].Start:toks[m.End-1].End], strings.Join(cs, ",")))
	}
	return out
}

func TestMatch(t *testing.T) {
	l, err := build(t, matchLexicon)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want []string
	}{
		{"Iran's foreign minister", []string{"Iran=IRN/name", "foreign minister=foreign-minister/name"}},
		{"IRAN and Iranians", []string{"IRAN=IRN/name", "Iranians=IRN/demonym"}},
		{"Turkiye and TÜRKIYE and Türkiye", []string{"Turkiye=TUR/alias", "TÜRKIYE=TUR/alias", "Türkiye=TUR/alias"}},
		{"the turkey and china and chad", nil},
		{"let us go to the US", []string{"US=USA/alias"}},
		{"the United States of America", []string{"United States of America=USA/alias"}},
		{"Nato and NATO and nato", []string{"Nato=nato/name", "NATO=nato/name"}},
		{"al-Qaeda, Al Qaeda, al Qaeda", []string{"al-Qaeda=al-qaeda/name", "Al Qaeda=al-qaeda/name", "al Qaeda=al-qaeda/name"}},
		{"Guinea-Bissau and Guinea Bissau", []string{"Guinea-Bissau=GNB/name", "Guinea Bissau=GNB/name"}},
		{"Iran - Turkey", []string{"Iran=IRN/name", "Turkey=TUR/name"}},
		{"Sorbonne SORBONNE", []string{"Sorbonne=sorbonne/name"}},
		{"Muhammad bin Salman met Salman", []string{"Muhammad bin Salman=mbs/name", "Salman=mbs/short"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, found(t, l, tt.in)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestWithWords: a matcher with words added numbers them after its own
// ids, keeps the ids it had (a variant spelling's too), and finds the
// same names in texts that use the added words.
func TestWithWords(t *testing.T) {
	l, err := build(t, matchLexicon)
	if err != nil {
		t.Fatal(err)
	}
	m := l.Matcher()
	added := []string{"met", "iran", "mohamed", "talks", "met", ""}
	w := m.WithWords(added)
	for _, k := range []string{"iran", "mohammed", "mohamed", "salman", "foreign"} {
		if got, want := w.ID(k), m.ID(k); got != want || want == 0 {
			t.Errorf("ID(%q) = %d with words, %d without", k, got, want)
		}
	}
	if w.Tokens() != m.Tokens()+2 {
		t.Errorf("Tokens() = %d, want %d + 2 (met, talks)", w.Tokens(), m.Tokens())
	}
	for _, k := range []string{"met", "talks"} {
		if id := w.ID(k); id < int32(m.Tokens()) || id >= int32(w.Tokens()) {
			t.Errorf("ID(%q) = %d, want in [%d, %d)", k, id, m.Tokens(), w.Tokens())
		}
		if m.ID(k) != 0 {
			t.Errorf("the original matcher has %q", k)
		}
	}
	checkFirstInfo(t, m)
	checkFirstInfo(t, w)
	f := token.NewFolder()
	for _, s := range []string{"Iran's foreign minister met Muhammad bin Salman for talks", "Foreign Minister met Foreign Minister talks Iran"} {
		toks := token.Tokenize(nil, s)
		want := m.Match(nil, s, toks, m.Keys(nil, f, s, toks))
		got := w.Match(nil, s, toks, w.Keys(nil, f, s, toks))
		if diff := cmp.Diff(want, got); diff != "" || len(want) == 0 {
			t.Errorf("%q: matches with words differ (-without +with):\n%s", s, diff)
		}
	}
}

// checkFirstInfo checks that m's firstInfo, which MatchEach reads to rule
// tokens out, is the info of the node each token id reaches from the root.
func checkFirstInfo(t *testing.T, m *Matcher) {
	t.Helper()
	if len(m.firstInfo) != len(m.first) {
		t.Fatalf("firstInfo has %d ids, first %d", len(m.firstInfo), len(m.first))
	}
	for id, n := range m.first {
		if want := m.info[n]; m.firstInfo[id] != want {
			t.Fatalf("firstInfo[%d] = %d, want %d (node %d)", id, m.firstInfo[id], want, n)
		}
	}
}

func TestLookup(t *testing.T) {
	l, err := build(t, matchLexicon)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		phrase string
		want   []string // id/form via name: folds
	}{
		{"Iran", []string{"IRN/name via Iran: "}},
		{"IRAN", []string{"IRN/name via Iran: case"}},
		{"Turkiye", []string{"TUR/alias via Türkiye: diacritics"}},
		{"TURKIYE", []string{"TUR/alias via Türkiye: case diacritics"}},
		{"Muhammad bin Salman", []string{"mbs/name via Mohammed bin Salman: variant"}},
		{"Al Qaeda", []string{"al-qaeda/name via al-Qaeda: case dash"}},
		{"al–Qaeda", []string{"al-qaeda/name via al-Qaeda: punctuation"}},
		{"Iranians", []string{"IRN/demonym via Iranians: "}},
		{"Salman", []string{"mbs/short via Salman: "}},
		{"Iran Turkey", nil},
		{"iran", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range l.Matcher().Lookup(tt.phrase) {
			var fs []string
			for _, f := range m.Folds {
				fs = append(fs, string(f))
			}
			got = append(got, fmt.Sprintf("%s/%s via %s: %s", m.Entry.ID, m.Form, m.Name, strings.Join(fs, " ")))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Lookup(%q) (-want +got):\n%s", tt.phrase, diff)
		}
	}
}

func FuzzMatch(f *testing.F) {
	l, err := Build(mustParse(f, matchLexicon), Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"Iran's foreign minister", "al-Qaeda-linked", "U.S.-Iran", "Guinea-Bissau-", "- - -"} {
		f.Add(s)
	}
	fo := token.NewFolder()
	// The matcher without the summaries that rule nodes and edges out
	// before the tables are read, and without the payloads' cases, so
	// that every requirement is read from reqs: it must find the same
	// names.
	plain := *l.Matcher()
	plain.info = slices.Repeat([]uint8{nodeNames | nodeChildren}, len(plain.info))
	plain.edges.filter = nil
	plain.payloads = slices.Clone(plain.payloads)
	for i := range plain.payloads {
		plain.payloads[i].cases = 0
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := token.Tokenize(nil, s)
		ids := l.Matcher().Keys(nil, fo, s, toks)
		prev := 0
		got := l.Matcher().Match(nil, s, toks, ids)
		for _, m := range got {
			if m.Start < prev || m.End <= m.Start || m.End > len(toks) || len(m.Candidates) == 0 {
				t.Fatalf("bad match %+v (prev end %d, %d tokens)", m, prev, len(toks))
			}
			prev = m.End
		}
		if want := plain.Match(nil, s, toks, ids); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: matches %v, without the summaries %v", s, got, want)
		}
		// MatchEach, which rules tokens out by firstInfo, finds what
		// MatchAt finds at every token.
		var each, at []Match
		l.Matcher().MatchEach(s, toks, ids, func(m Match) { each = append(each, m) })
		for i := range toks {
			if m, ok := l.Matcher().MatchAt(s, toks, ids, i); ok {
				at = append(at, m)
			}
		}
		if !reflect.DeepEqual(each, at) {
			t.Fatalf("%q: MatchEach finds %v, MatchAt %v", s, each, at)
		}
	})
}

func mustParse(tb testing.TB, src string) []*File {
	f, err := ParseYAML("f.yaml", []byte(src))
	if err != nil {
		tb.Fatal(err)
	}
	return []*File{f}
}

// TestTokenMap: a token map numbers a token by the other vocabulary's
// word from its matcher id, leaves to a lookup by key the ids the
// vocabulary's words share (Mohammed and Muhammad are variants here) and,
// while the matcher lacks some words, the tokens it does not know.
func TestTokenMap(t *testing.T) {
	l, err := build(t, matchLexicon)
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]int32{"iran": 1, "mohammed": 2, "muhammad": 3, "met": 4}
	each := func(yield func(string, int32) bool) {
		for w, n := range words {
			if !yield(w, n) {
				return
			}
		}
	}
	type got struct {
		n  int32
		ok bool
	}
	for _, m := range []*Matcher{l.Matcher(), l.Matcher().WithWords([]string{"met"})} {
		tm := m.TokenMap(each)
		missing := m.ID("met") == 0
		tests := []struct {
			key  string
			want got
		}{
			{"iran", got{1, true}},
			{"mohammed", got{0, false}}, // shared with muhammad
			{"mohamed", got{0, false}},  // the same id, though not a word
			{"turkey", got{0, true}},    // known to the matcher, no word
			{"zzyzx", got{0, !missing}}, // unknown: maybe a word the matcher lacks
			{"met", got{4, true}},       // when the matcher has it
		}
		for _, tt := range tests {
			if tt.key == "met" && missing {
				tt.want = got{0, false}
			}
			n, ok := tm.Word(m.ID(tt.key))
			if (got{n, ok}) != tt.want {
				t.Errorf("missing %v: Word(ID(%q)) = %d, %v; want %v", missing, tt.key, n, ok, tt.want)
			}
		}
	}
}
