package annotate

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"unsafe"

	"github.com/newsann/newsann/lexicon"
)

var sharedAnnotator = sync.OnceValues(func() (*Annotator, error) {
	lex, err := lexicon.Default()
	if err != nil {
		return nil, err
	}
	return New(lex, Options{})
})

func annotateText(t *testing.T, text, date string) (*Document, string) {
	t.Helper()
	a, err := sharedAnnotator()
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Text: text}
	if date != "" {
		in.Date = lexicon.MustDate(date)
	}
	d, err := a.Annotate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return d, text
}

func relationStrings(d *Document, text string, types ...string) []string {
	var out []string
	runes := []rune(text)
	for _, r := range d.Relations {
		if len(types) > 0 && !slices.Contains(types, r.Type) {
			continue
		}
		s := fmt.Sprintf("%s %s %s %s", r.Type, r.Subject, r.Title, r.Object)
		if r.Type == "said" {
			s = fmt.Sprintf("said %s %s %q", r.Subject, r.Attrs["quote"], string(runes[r.Evidence.Start:r.Evidence.End]))
		}
		if m := r.Attrs["modifier"]; m != "" {
			s += " (" + m + ")"
		}
		out = append(out, s)
	}
	return out
}

// TestRelations checks the holds_role, member_of, border and located_in
// relations of sentences written for the purpose.
func TestRelations(t *testing.T) {
	tests := []struct {
		text, date string
		want       []string // each must be among the relations
		not        []string // none of these may be
	}{
		{text: "Turkey's Foreign Minister Hakan Fidan arrived in Tehran.", want: []string{"holds_role hakan-fidan foreign-minister TUR"}},
		{text: "Iranian Foreign Minister Abbas Araghchi said so.", want: []string{"holds_role abbas-araghchi foreign-minister IRN"}},
		{text: "Hakan Fidan, Turkey's foreign minister, arrived.", want: []string{"holds_role hakan-fidan foreign-minister TUR"}},
		{text: "Abbas Araghchi, the foreign minister of Iran, arrived.", want: []string{"holds_role abbas-araghchi foreign-minister IRN"}},
		// Conjoined offices give two roles.
		{text: "Qatar's Prime Minister and Foreign Minister Mohammed bin Abdulrahman Al Thani met them.",
			want: []string{"holds_role mohammed-bin-abdulrahman-al-thani prime-minister QAT", "holds_role mohammed-bin-abdulrahman-al-thani foreign-minister QAT"}},
		// Modifiers are kept.
		{text: "Mark Rutte, a former Dutch prime minister, spoke.", want: []string{"holds_role mark-rutte prime-minister NLD (former)"}},
		// No state named: the lexicon gives it.
		{text: "On Monday, President Lula arrived in Brasilia.", date: "2025-11-10", want: []string{"holds_role lula prime-minister BRA"}[:0]},
		// A later description refers to the holder named before.
		{text: "Donald Trump spoke on Monday. The U.S. president claims victory.", date: "2025-11-10",
			want: []string{"holds_role donald-trump president USA"}},
		// Membership from the text.
		{text: "Turkey, a NATO member, objected.", want: []string{"member_of TUR  nato"}},
		{text: "The International Stabilization Force will be composed of troops from Egypt, Indonesia, Azerbaijan and Pakistan.",
			want: []string{"member_of EGY  organization:international-stabilization-force", "member_of PAK  organization:international-stabilization-force"}},
		// Places.
		{text: "Trucks queued at the Azerbaijan–Georgia border.", want: []string{"border AZE  GEO"}},
		{text: "Strikes on Gaza City, in the Gaza Strip, continued.", want: []string{"located_in gaza-city  gaza-strip"}},
		{text: "Officials met in Paris, France, and in Berlin.", want: []string{"located_in paris  FRA"}},
		{text: "Ministers from Iran, Turkey and Syria met.", not: []string{"located_in IRN  TUR"}},
	}
	for _, tt := range tests {
		d, text := annotateText(t, tt.text, tt.date)
		got := relationStrings(d, text)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no %q among %q", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			if slices.Contains(got, n) {
				t.Errorf("%q: %q should not be among %q", tt.text, n, got)
			}
		}
	}
}

func TestLula(t *testing.T) {
	d, text := annotateText(t, "On Monday, President Lula arrived in Brasilia.", "2025-11-10")
	got := relationStrings(d, text, "holds_role")
	if len(got) != 1 || got[0] != "holds_role luiz-inacio-lula-da-silva president BRA" {
		t.Errorf("relations = %q", got)
	}
}

func eventStrings(d *Document) []string {
	var out []string
	for _, e := range d.Events {
		s := fmt.Sprintf("%s/%s %s %s>%s %s>%s", e.Type, e.Mode, e.CAMEO, e.SourceActor, e.TargetActor, e.SourceCode, e.TargetCode)
		if e.Negated {
			s += " negated"
		}
		if e.Modality != "" {
			s += " " + e.Modality
		}
		if e.Date != "" {
			s += " @" + e.Date
		}
		out = append(out, s)
	}
	return out
}

// TestEvents checks events, their CAMEO codes, actor codes at the
// document date, negation, modality and dates.
func TestEvents(t *testing.T) {
	tests := []struct {
		text, date string
		want       []string
	}{
		{"Iranian Foreign Minister Abbas Araghchi spoke by telephone on Thursday with his Turkish counterpart, Hakan Fidan.", "2025-11-14",
			[]string{"contact/telephone 041 abbas-araghchi>hakan-fidan IRNGOV>TURGOV @2025-11-13"}},
		{"Hakan Fidan visited Tehran on Sunday.", "2025-11-14", []string{"contact/visit 042 hakan-fidan>tehran TURGOV>IRN @2025-11-09"}},
		{"Egypt held talks with Hamas in Cairo.", "", []string{"contact/talks 046 EGY>hamas EGY>PSEREB"}},
		{"Fidan did not meet Araghchi. Hakan Fidan and Abbas Araghchi were in Doha.", "", []string{"contact/meeting 040 hakan-fidan>abbas-araghchi TURGOV>IRNGOV negated"}},
		{"Hakan Fidan plans to visit Moscow next week.", "2025-11-14", []string{"contact/visit 042 hakan-fidan>moscow TURGOV>RUS planned @2025-W47"}},
		{"Turkey may host Iran's foreign minister.", "", []string{"contact/host 043 TUR>IRN TUR>IRN possible"}},
		{"Egypt condemned Israel's strikes on Gaza.", "", []string{"statement/condemnation 111 EGY>ISR EGY>ISR"}},
		{"The UN called on Israel to allow aid into Gaza.", "", []string{"statement/appeal 020 un>ISR IGOUNO>ISR"}},
		{"Azerbaijan and Armenia signed a peace agreement.", "", []string{"cooperation/agreement 057 AZE>ARM AZE>ARM"}},
		{"The European Union imposed new sanctions on Russia.", "", []string{"conflict/sanctions 163 eu>RUS IGOEUREEC>RUS"}},
		{"Israel launched airstrikes on Lebanon.", "", []string{"conflict/air-strike 195 ISR>LBN ISR>LBN"}},
		// Without a document date, "Monday" keeps an unresolved value.
		{"Mali expelled France's ambassador on Monday.", "", []string{"conflict/expulsion 166 MLI>FRA MLI>FRA @XXXX-WXX-1"}},
	}
	for _, tt := range tests {
		d, _ := annotateText(t, tt.text, tt.date)
		got := eventStrings(d)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no %q among %q", tt.text, w, got)
			}
		}
	}
}

// TestQuotes checks who said what: direct quotes attributed after or
// before, over paragraphs, by pronoun; reported speech.
func TestQuotes(t *testing.T) {
	tests := []struct {
		text string
		want []string
		not  []string
	}{
		{"\"We are ready to talk,\" Hakan Fidan said.", []string{`said hakan-fidan direct "We are ready to talk"`}, nil},
		{"\"We are ready to talk,\" said Hakan Fidan.", []string{`said hakan-fidan direct "We are ready to talk"`}, nil},
		{"“The door is open,” according to Abbas Araghchi.", []string{`said abbas-araghchi direct "The door is open"`}, nil},
		// The full stop that ends the sentence is not part of the quote.
		{"Hakan Fidan said: \"We will not accept this.\"", []string{`said hakan-fidan direct "We will not accept this"`}, nil},
		{"Kaja Kallas arrived late. \"We will keep up the pressure,\" she said.", []string{`said kaja-kallas direct "We will keep up the pressure"`}, nil},
		{"\"The first part of the statement.\n\n\"The second part,\" Abbas Araghchi said.",
			[]string{"said abbas-araghchi direct \"The first part of the statement.\\n\\n\\\"The second part\""}, nil},
		{"Abbas Araghchi said that the talks would resume.", []string{`said abbas-araghchi reported "the talks would resume"`}, nil},
		{"Turkey's foreign ministry said the ministers discussed Gaza.", []string{`said organization:tur-foreign-ministry reported "the ministers discussed Gaza"`}, nil},
		// A quote that ends its sentence is not attributed by the next one.
		{"Trump called the plan \"terrible.\" Friedrich Merz said Germany would act.", nil, []string{`said friedrich-merz direct "terrible."`}},
	}
	for _, tt := range tests {
		d, text := annotateText(t, tt.text, "")
		got := relationStrings(d, text, "said")
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no %s among %q", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			if slices.Contains(got, n) {
				t.Errorf("%q: %s should not be among %q", tt.text, n, got)
			}
		}
	}
}

// lexiconRelationsRef is lexiconRelations as it was first written: the
// entities in the order of their ids.
func lexiconRelationsRef(s *state, d *Document) {
	var ids []string
	for _, k := range s.entFirsts {
		ids = append(ids, s.chosen[k].entity)
	}
	slices.Sort(ids)
	for _, id := range ids {
		e := s.a.lex.Entry(id)
		if e == nil {
			continue
		}
		ei, _ := s.byEntity.get(id)
		c := s.chosen[s.entFirsts[ei]]
		add := func(typ, obj string) {
			if _, named := s.byEntity.get(obj); !named || obj == id {
				return
			}
			d.Relations = append(d.Relations, Relation{
				Type: typ, Subject: id, Object: obj,
				Sentence: int(s.sentOf[c.first]), Evidence: Span{c.start, c.end},
				Source: "lexicon",
			})
		}
		for _, o := range e.PartOf {
			add("part_of", o)
		}
		for _, org := range s.a.lex.MemberOf(id) {
			add("member_of", org)
		}
	}
}

// TestLexiconRelationsAgree holds lexiconRelations, which takes the
// entities in the order of their first mentions, to the order of their
// ids it replaced, once the stage has sorted the relations by evidence.
func TestLexiconRelationsAgree(t *testing.T) {
	n := 0
	resolveCorpus(t, func(s *state) {
		s.resolve()
		s.export()
		got, want := &Document{}, &Document{}
		s.lexiconRelations(got)
		lexiconRelationsRef(s, want)
		sortRelationsRef(got)
		sortRelationsRef(want)
		if !slices.EqualFunc(got.Relations, want.Relations, func(a, b Relation) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
			t.Fatalf("%s: lexicon relations\n%v\nwant\n%v", s.in.ID, got.Relations, want.Relations)
		}
		n += len(got.Relations)
	})
	if n == 0 {
		t.Fatal("no lexicon relations in the corpus")
	}
}

// TestWordSwitchesAgree holds isModifier and isClauseWord to the lists
// they were written as, over their own words and every token of the
// corpus.
func TestWordSwitchesAgree(t *testing.T) {
	modifiers := []string{"deputy", "acting", "former", "outgoing", "interim", "caretaker", "incoming", "vice", "elect", "designate", "then", "ex", "late", "first", "senior", "junior"}
	clauseWords := []string{"that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "because", "although", "though", "but", "saying", ";"}
	check := func(k string) {
		if got, want := isModifier(k), slices.Contains(modifiers, k); got != want {
			t.Fatalf("isModifier(%q) = %v, want %v", k, got, want)
		}
		if got, want := isClauseWord(k), slices.Contains(clauseWords, k); got != want {
			t.Fatalf("isClauseWord(%q) = %v, want %v", k, got, want)
		}
	}
	for _, k := range append(modifiers, clauseWords...) {
		check(k)
	}
	resolveCorpus(t, func(s *state) {
		for i := range s.toks {
			check(s.key(i))
		}
	})
}

// TestFactKeysInPlace holds the keys of the relations' and events'
// dedupe maps to at most 128 bytes, the size up to which a map holds its
// keys in place rather than allocating each.
func TestFactKeysInPlace(t *testing.T) {
	if n := unsafe.Sizeof(relKey{}); n > 128 {
		t.Errorf("relKey is %d bytes", n)
	}
	if n := unsafe.Sizeof(eventKey{}); n > 128 {
		t.Errorf("eventKey is %d bytes", n)
	}
}

// sortRelationsRef orders a document's relations as the stage first did:
// a stable sort of the relations by evidence.
func sortRelationsRef(d *Document) {
	slices.SortStableFunc(d.Relations, func(a, b Relation) int {
		return cmp.Or(cmp.Compare(a.Evidence.Start, b.Evidence.Start), cmp.Compare(a.Evidence.End, b.Evidence.End))
	})
}

// TestSortedRelationsAgree holds sortedRelations, which orders the
// relations' indexes and copies the relations once, to the stable sort of
// the relations it replaced, over the corpus's relations before sorting.
func TestSortedRelationsAgree(t *testing.T) {
	n := 0
	resolveCorpus(t, func(s *state) {
		s.resolve()
		s.export()
		d := s.doc
		s.relations(d)
		s.quotes(d)
		rels := slices.Clone(d.Relations)
		got := s.sortedRelations(rels)
		sortRelationsRef(d)
		if !slices.EqualFunc(got, d.Relations, func(a, b Relation) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
			t.Fatalf("%s: relations ordered\n%v\nwant\n%v", s.in.ID, got, d.Relations)
		}
		n += len(got)
	})
	if n == 0 {
		t.Fatal("no relations in the corpus")
	}
}

// TestSortedRelationsPacked holds sortedRelations to the stable sort of
// the relations over random runs of relations whose evidence repeats,
// with offsets that fit its packed words and offsets past them (where it
// sorts the indexes instead).
func TestSortedRelationsPacked(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	s := &state{}
	for run := range 2000 {
		n := rng.IntN(80)
		limit := 1 << (4 + rng.IntN(20)) // offsets up to 2^23, past 2^21 in some runs
		var rels []Relation
		for i := range n {
			start := rng.IntN(limit)
			if i > 0 && rng.IntN(3) == 0 {
				start = rels[rng.IntN(i)].Evidence.Start // ties, broken by order
			}
			end := min(start+rng.IntN(3), limit)
			rels = append(rels, Relation{Type: fmt.Sprint(i), Evidence: Span{start, end}})
		}
		got := s.sortedRelations(rels)
		d := &Document{Relations: slices.Clone(rels)}
		sortRelationsRef(d)
		if !slices.EqualFunc(got, d.Relations, func(a, b Relation) bool { return a.Type == b.Type && a.Evidence == b.Evidence }) {
			t.Fatalf("run %d: relations ordered\n%v\nwant\n%v", run, got, d.Relations)
		}
	}
	if _, ok := packRelations(nil, []Relation{{Evidence: Span{0, 1 << relOffsetBits}}}); ok {
		t.Fatal("an end of 2^21 packed")
	}
}

// TestSeenRelationAgrees holds seenRelation, which compares a document's
// first relations in turn and notes the rest in a map, to a map of every
// relation's key, over runs of relations drawn from a few facts, short
// and long enough to take both ways.
func TestSeenRelationAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "b", "c", ""}
	s := &state{seenRels: map[relKey]bool{}}
	for run := range 500 {
		n := rng.IntN(3 * seenSmall)
		clear(s.seenRels)
		ref := map[relKey]bool{}
		var got, want []Relation
		for i := range n {
			r := Relation{
				Type: words[rng.IntN(2)], Subject: words[rng.IntN(3)], Object: words[rng.IntN(4)],
				Title: words[rng.IntN(4)], Sentence: rng.IntN(3), Evidence: Span{i, i + 1},
			}
			if !s.seenRelation(got, r) {
				got = append(got, r)
			}
			if k := factOf(&r); !ref[k] {
				ref[k] = true
				want = append(want, r)
			}
		}
		if !slices.EqualFunc(got, want, func(a, b Relation) bool { return a.Evidence == b.Evidence }) {
			t.Fatalf("run %d: kept %v, want %v", run, got, want)
		}
	}
}
