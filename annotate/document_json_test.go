package annotate

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsann/newsann/lexicon"
)

// referenceJSON is the document's own fields as encoding/json writes
// them, less the closing brace: what appendJSON must give.
func referenceJSON(t testing.TB, d *Document) string {
	type plain Document
	b, err := json.Marshal((*plain)(d))
	if err != nil {
		t.Fatal(err)
	}
	return string(b[:len(b)-1])
}

// TestAppendJSONMatchesEncodingJSON: every test article's Document, with
// explanations and text, encodes as encoding/json encodes it (and
// FuzzAppendJSON covers what the articles lack, such as negated events).
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	a := embeddedAnnotator(t, Options{Version: "test", Explain: true, IncludeText: true})
	kinds := map[string]bool{}
	for _, art := range testArticles(t) {
		p := art.path
		d, err := a.Annotate(context.Background(), Input{ID: filepath.Base(p), Text: art.text, Date: lexicon.MustDate("2025-11-14")})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(d.appendJSON(nil)), referenceJSON(t, d); got != want {
			t.Fatalf("%s: appendJSON differs from encoding/json:\n got %.300s\nwant %.300s", p, got, want)
		}
		// AppendJSON, as an encoder calls it with the last line's buffer,
		// appends what MarshalJSON returns and leaves dst's bytes be.
		m, err := d.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		dst := append(make([]byte, 0, 64), "the line before\n"...)
		got, err := d.AppendJSON(dst)
		if err != nil {
			t.Fatal(err)
		}
		if want := "the line before\n" + string(m); string(got) != want {
			t.Fatalf("%s: AppendJSON after a line gives %.80q..., want %.80q...", p, got, want)
		}
		for _, r := range d.Relations {
			kinds["relation"], kinds["relation attrs"] = true, kinds["relation attrs"] || len(r.Attrs) > 0
		}
		if len(d.Events) > 0 {
			kinds["event"] = true
		}
		for _, e := range d.Entities {
			kinds["entity codes"] = kinds["entity codes"] || len(e.Codes) > 0
		}
	}
	for _, k := range []string{"relation", "relation attrs", "event", "entity codes"} {
		if !kinds[k] {
			t.Errorf("no %s in the articles: the comparison does not cover it", k)
		}
	}
}

// FuzzAppendJSON: any strings and numbers in any field encode as
// encoding/json encodes them, nil and empty lists and maps included.
func FuzzAppendJSON(f *testing.F) {
	f.Add("id", "Tehran <said> \"no\" & left\n", "\u2028\xff\x01\b\f\t\r", 3, true)
	f.Add("", "", "", 0, false)
	f.Add("a", "", "c", 0, true)
	f.Fuzz(func(t *testing.T, s1, s2, s3 string, n int, flag bool) {
		attrs := map[string]string{s1: s2, s3: s1}
		var nilAttrs map[string]string
		if flag {
			nilAttrs = map[string]string{}
		}
		d := &Document{
			ID: s1, Date: s2, DateSource: s3, SHA256: s1, Newsann: s2, LexiconAsOf: s3, Offsets: s1, Text: s2,
			Sentences: []Span{{n, -n}},
			Mentions: []Mention{{Start: n, End: n + 1, Text: s1, Label: s2, Entity: s3, Sentence: n, Source: s1, Value: s2, Anchor: s3, RefersTo: s1, Attrs: attrs, Explain: s2},
				{Attrs: nilAttrs}},
			Entities:  []Entity{{ID: s1, Label: s2, Name: s3, Codes: attrs, Known: flag, Mentions: []int{n, 0}}, {Codes: nilAttrs}},
			Relations: []Relation{{Type: s1, Subject: s2, Object: s3, Title: s1, Attrs: attrs, Date: s2, Sentence: n, Evidence: Span{n, n}, Source: s3, Explain: s1}, {}},
			Events: []Event{{Type: s1, Mode: s2, CAMEO: s3, QuadClass: n, SourceActor: s1, TargetActor: s2, SourceCode: s3, TargetCode: s1,
				Negated: flag, Modality: s2, Date: s3, Trigger: Span{n, 0}, Sentence: n, Evidence: Span{0, n}, Attrs: attrs, Source: s1, Explain: s2}, {}},
		}
		if flag {
			d.Findings = []Finding{{Check: s1, Severity: s2, Start: n, End: n, Line: n, Column: n, EndLine: n, EndColumn: n, Message: s3, Suggestion: s1, Entry: s2, Basis: s3}}
		} else {
			d.Findings = []Finding{}
		}
		if got, want := string(d.appendJSON(nil)), referenceJSON(t, d); got != want {
			t.Fatalf("appendJSON differs from encoding/json:\n got %s\nwant %s", got, want)
		}
	})
}

// checkAppendString fails t unless appendString writes s, after a prefix,
// as encoding/json writes it.
func checkAppendString(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendString([]byte("x"), s); string(got) != "x"+string(want) {
		t.Fatalf("appendString(%q) = %s, want %s", s, got[1:], want)
	}
}

// TestAppendStringAgrees: every byte, and the runes encoding/json treats
// apart, at every position of strings up to 24 bytes long, as the word
// checks of appendString meet them, escaped as encoding/json escapes
// them.
func TestAppendStringAgrees(t *testing.T) {
	var specials []string
	for c := range 256 {
		specials = append(specials, string(rune(c)), string([]byte{byte(c)}))
	}
	specials = append(specials, "\u2028", "\u2029", "é", "’", "\xe2\x80", "\U0001F600")
	for n := range 25 {
		checkAppendString(t, strings.Repeat("a", n))
		for _, sp := range specials {
			for i := 0; i <= n; i++ {
				checkAppendString(t, strings.Repeat("a", i)+sp+strings.Repeat("b", n-i))
			}
		}
	}
	// The bytes past the copy that the last word reads are garbage.
	b := make([]byte, 1, 64)
	for i := range b[:cap(b)] {
		b[:cap(b)][i] = '"'
	}
	if got := appendString(b, "abc"); string(got[1:]) != `"abc"` {
		t.Errorf("appendString after quotes in the spare capacity = %s", got[1:])
	}
}

// FuzzAppendString: any string is escaped as encoding/json escapes it.
func FuzzAppendString(f *testing.F) {
	f.Add("Tehran <said> \"no\" & left\n")
	f.Add("\u2028\xff\x01\b\f\t\r")
	f.Add("Zürich’s 12345678")
	f.Fuzz(checkAppendString)
}

// TestAppendIntAgrees: appendInt writes what strconv.AppendInt writes,
// about every power of ten and at the ends of int.
func TestAppendIntAgrees(t *testing.T) {
	check := func(v int) {
		if got, want := string(appendInt([]byte("x"), v)), "x"+strconv.Itoa(v); got != want {
			t.Fatalf("appendInt(%d) = %s, want %s", v, got, want)
		}
	}
	for v := -1000; v < 100000; v++ {
		check(v)
	}
	for _, v := range []int{math.MaxInt, math.MinInt, 1 << 40, -1 << 40} {
		check(v)
	}
}

// TestAppendMapFieldAgrees: maps of every size up to past the pairs
// appendMapField gathers on the stack, keys sorted as encoding/json sorts
// them.
func TestAppendMapFieldAgrees(t *testing.T) {
	m := map[string]string{}
	for n := range 20 {
		d := &Document{Mentions: []Mention{{Attrs: m}}}
		if got, want := string(d.appendJSON(nil)), referenceJSON(t, d); got != want {
			t.Fatalf("%d keys: appendJSON differs from encoding/json:\n got %s\nwant %s", n, got, want)
		}
		m[strconv.Itoa(n*7919%20)+"<k>"] = strconv.Itoa(n)
	}
}
