package check_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/check"
	"github.com/newsann/newsann/lexicon"
)

func dated(s string) annotate.Input {
	return annotate.Input{Date: lexicon.MustDate(s), DateSource: "flag"}
}

func checksOf(fs []annotate.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Check)
	}
	return out
}

// TestSentences checks single sentences: what each check reports, and
// what it must leave alone.
func TestSentences(t *testing.T) {
	_, c := newChecker(t, check.Options{})
	tests := []struct {
		name, text, date string
		want             string // the checks found, space-separated
	}{
		{"two offices at once", "Qatar's Prime Minister and Foreign Minister Mohammed bin Abdulrahman Al Thani arrived. Foreign Minister Mohammed bin Abdulrahman Al Thani spoke. Prime Minister Mohammed bin Abdulrahman Al Thani left.", "2025-09-20", ""},
		{"acting holder", "Acting Foreign Minister Ruben Brekelmans spoke.", "2025-08-30", ""},
		{"acting holder after the term", "Acting Foreign Minister Ruben Brekelmans spoke.", "2025-09-20", "former-title"},
		{"generic minister", "Minister Hakan Fidan spoke.", "2025-09-20", ""},
		{"title held at the sentence's date", "In 2019, Turkish Foreign Minister Mevlut Cavusoglu visited Tehran.", "2025-09-20", ""},
		{"partial dates settle nothing", "Iranian Deputy Foreign Minister Abbas Araghchi spoke.", "2021-06-15", ""},
		{"deputy of the holder", "Turkish Deputy Defence Minister Yasar Guler spoke.", "2025-09-20", "title-mismatch"},
		{"not yet in office", "U.S. Secretary of State Marco Rubio spoke.", "2024-06-01", "title-mismatch"},
		{"president-elect", "President-elect Donald Trump spoke.", "2024-12-01", ""},
		{"head of state called president", "Turkish President Recep Tayyip Erdogan spoke.", "2025-09-20", ""},
		{"prime minister of a presidential state", "Turkish Prime Minister Recep Tayyip Erdogan spoke.", "2025-09-20", "former-title"},
		{"wrong state", "Turkish Foreign Minister Abbas Araghchi spoke.", "2025-09-20", "title-mismatch"},
		{"unknown official", "Ruritanian Foreign Minister Jane Roe spoke.", "2025-09-20", "unknown-official"},
		{"a speaker's words", "Jordan said: “We don’t think President Donald Trump broke the law.”", "2023-03-22", ""},
		{"the text's words", "Jordan defended President Donald Trump.", "2023-03-22", "former-title"},
		{"no one recorded then", "Israeli Prime Minister Benjamin Netanyahu spoke.", "1996-08-30", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkText(t, c, "t", tt.text, dated(tt.date))
			if got := strings.Join(checksOf(fs), " "); got != tt.want {
				t.Errorf("%q on %s: checks %q, want %q", tt.text, tt.date, got, tt.want)
				for _, f := range fs {
					t.Logf("  %s: %s", f.Check, f.Message)
				}
			}
		})
	}
}

func TestOptions(t *testing.T) {
	text := "ANKARA, Sept. 20, 2025 — Turkish Foreign Minister Mevlut Cavusoglu spoke. Ruritanian Foreign Minister Jane Roe spoke."
	a, def := newChecker(t, check.Options{})
	if got := strings.Join(checksOf(checkText(t, def, "t", text, annotate.Input{})), " "); got != "former-title unknown-official" {
		t.Fatalf("default checks: %q", got)
	}
	_, c := newChecker(t, check.Options{Severity: map[string]check.Severity{check.FormerTitle: check.Info, check.UnknownOfficial: check.Off}})
	fs := checkText(t, c, "t", text, annotate.Input{})
	if len(fs) != 1 || fs[0].Check != check.FormerTitle || fs[0].Severity != "info" {
		t.Errorf("with former-title at info and unknown-official off: %+v", fs)
	}
	if _, err := check.New(a.Lexicon(), check.Options{Severity: map[string]check.Severity{"no-such-check": check.Error}}); err == nil {
		t.Error("an unknown check id was accepted")
	}
}

// TestNoDate: without a date, the checks that need one are reported
// skipped once per document, and the others still run.
func TestNoDate(t *testing.T) {
	_, c := newChecker(t, check.Options{})
	text := "Turkish Foreign Minister Mevlut Cavusoglu spoke. Turkish Defence Minister Hakan Fidan spoke. Foreign Minister Hakan Fidam spoke."
	got := checksOf(checkText(t, c, "t", text, annotate.Input{}))
	if strings.Join(got, " ") != "date-unknown name-variant" {
		t.Errorf("without a date: %q, want one date-unknown and the name-variant", got)
	}
}

func TestSuppression(t *testing.T) {
	_, c := newChecker(t, check.Options{})
	base := "Turkish Foreign Minister Mevlut Cavusoglu spoke."
	for _, tt := range []struct {
		text string
		n    int
	}{
		{base, 1},
		{base + " <!-- newsann-ignore former-title -->", 0},
		{base + " <!-- newsann-ignore -->", 0},
		{base + " <!-- newsann-ignore title-mismatch -->", 1},
		{"<!-- newsann-ignore former-title -->\n" + base, 0},
		{"<!-- newsann-ignore former-title -->\n\n" + base, 1}, // the next line only
	} {
		if fs := checkText(t, c, "t", tt.text, dated("2025-09-20")); len(fs) != tt.n {
			t.Errorf("%q: %d findings, want %d", tt.text, len(fs), tt.n)
		}
	}
}

// TestOffsets: findings are in the document's unit, and their line and
// column count code points whatever the unit.
func TestOffsets(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := check.New(lex, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Türkiye 😀 news.\nTurkish Foreign Minister Mevlut Cavusoglu spoke."
	wantText := "Foreign Minister"
	for _, unit := range []annotate.OffsetUnit{annotate.Codepoints, annotate.Bytes, annotate.UTF16} {
		a, err := annotate.New(lex, annotate.Options{Offsets: unit})
		if err != nil {
			t.Fatal(err)
		}
		d, err := a.Annotate(t.Context(), annotate.Input{ID: "t", Text: text, Date: lexicon.MustDate("2025-09-20")})
		if err != nil {
			t.Fatal(err)
		}
		fs, err := c.Check(d, text)
		if err != nil || len(fs) != 1 {
			t.Fatalf("%s: %v, %v", unit, fs, err)
		}
		f := fs[0]
		var got string
		switch unit {
		case annotate.Bytes:
			got = text[f.Start:f.End]
		case annotate.Codepoints:
			got = string([]rune(text)[f.Start:f.End])
		case annotate.UTF16:
			got = string(utf16.Decode(utf16.Encode([]rune(text))[f.Start:f.End]))
		}
		if got != wantText || f.Line != 2 || f.Column != 9 || f.EndColumn != 25 {
			t.Errorf("%s: %q at %d:%d-%d, want %q at 2:9-25", unit, got, f.Line, f.Column, f.EndColumn, wantText)
		}
	}
	bad := &annotate.Document{ID: "bad", Offsets: "codepoints", Mentions: []annotate.Mention{{Start: 5, End: 500, Label: "PERSON"}}}
	if _, err := c.Check(bad, "short"); err == nil {
		t.Error("a document whose spans do not fit its text was checked")
	}
}

// TestCheckInAgrees: the findings of a document annotated in bytes,
// asked for in a unit (what `newsann check` does), are those of the same
// text annotated in that unit, over the check articles and the test
// articles, some with text outside ASCII. The byte offsets are not simply
// passed through: units where a text has multi-byte characters differ.
func TestCheckInAgrees(t *testing.T) {
	base, c := newChecker(t, check.Options{})
	lex := base.Lexicon()
	byBytes, err := bytesPipeline()
	if err != nil {
		t.Fatal(err)
	}
	paths := append(articles(t, "clean"), articles(t, "mistakes")...)
	more, err := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, more...)
	texts := []string{"Türkiye 😀 news.\nTurkish Foreign Minister Mevlut Cavusoglu spoke."}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	moved := 0 // findings whose offsets differ between units
	for _, unit := range []annotate.OffsetUnit{annotate.Codepoints, annotate.Bytes, annotate.UTF16} {
		a, err := annotate.New(lex, annotate.Options{Version: "test", Offsets: unit, NoEvents: true, NoQuotes: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, text := range texts {
			in := dated("2025-09-20")
			in.ID, in.Text = fmt.Sprint(i), text
			d, err := a.Annotate(t.Context(), in)
			if err != nil {
				t.Fatal(err)
			}
			want, err := c.Check(d, text)
			if err != nil {
				t.Fatal(err)
			}
			db, err := byBytes.Annotate(t.Context(), in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.CheckIn(db, text, unit)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("text %d in %s: CheckIn differs from Check (-want +got):\n%s", i, unit, diff)
			}
			if unit != annotate.Bytes {
				inBytes, err := c.Check(db, text)
				if err != nil {
					t.Fatal(err)
				}
				for k := range inBytes {
					if k < len(got) && inBytes[k].Start != got[k].Start {
						moved++
					}
				}
			}
		}
	}
	if moved == 0 {
		t.Error("no finding's offsets differ between bytes and the other units: the texts test no conversion")
	}
}

// TestCheckerReused checks that a Checker's findings for a document do
// not depend on the documents it checked before, nor on others checked at
// the same time: each call reuses the memory of an earlier one (scratch).
func TestCheckerReused(t *testing.T) {
	a, shared := newChecker(t, check.Options{})
	var docs []*annotate.Document
	var texts []string
	for _, dir := range []string{"clean", "mistakes"} {
		for _, p := range articles(t, dir) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			in := dated("2025-09-20")
			in.ID, in.Text = p, string(b)
			d, err := a.Annotate(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			docs, texts = append(docs, d), append(texts, string(b))
		}
	}
	want := make([][]annotate.Finding, len(docs))
	for i, d := range docs {
		_, fresh := newChecker(t, check.Options{})
		fs, err := fresh.Check(d, texts[i])
		if err != nil {
			t.Fatal(err)
		}
		want[i] = fs
	}
	checkDoc := func(i int) {
		fs, err := shared.Check(docs[i], texts[i])
		if err != nil {
			t.Error(err)
			return
		}
		if !reflect.DeepEqual(fs, want[i]) {
			t.Errorf("%s: findings differ when the checker is reused", docs[i].ID)
		}
	}
	for i := len(docs) - 1; i >= 0; i-- {
		checkDoc(i)
	}
	var wg sync.WaitGroup
	for range 4 {
		for i := range docs {
			wg.Go(func() { checkDoc(i) })
		}
	}
	wg.Wait()
}
