package timex

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

var dumpTempEval = flag.String("tempeval.dump", "", "write TempEval-3 disagreements to this file")

// tempEvalDir is ../shared/eval/tempeval3 seen from the repository root.
var tempEvalDir = filepath.Join("..", "..", "..", "shared", "eval", "tempeval3")

type teRecord struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Label string `json:"label"`
		Value string `json:"value"`
	} `json:"entities"`
	Meta struct {
		DCT string `json:"dct"`
	} `json:"meta"`
}

// teSpan is a gold or predicted expression in byte offsets.
type teSpan struct {
	start, end  int
	typ, value  string
	text, extra string
	context     string // the words around, for the dump
}

// teScore accumulates the TempEval-3 measures: strict (same span) and
// relaxed (overlapping spans) precision and recall, and over the relaxed
// matches the share with the right type and the right value.
type teScore struct {
	gold, pred, strict, relaxed, typeOK, valueOK int
}

func (s *teScore) add(o teScore) {
	s.gold += o.gold
	s.pred += o.pred
	s.strict += o.strict
	s.relaxed += o.relaxed
	s.typeOK += o.typeOK
	s.valueOK += o.valueOK
}

func prf(m, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = 100 * float64(m) / float64(pred)
	}
	if gold > 0 {
		r = 100 * float64(m) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func (s teScore) String() string {
	sp, sr, sf := prf(s.strict, s.pred, s.gold)
	rp, rr, rf := prf(s.relaxed, s.pred, s.gold)
	ta := 100 * float64(s.typeOK) / float64(max(s.relaxed, 1))
	va := 100 * float64(s.valueOK) / float64(max(s.relaxed, 1))
	return fmt.Sprintf("gold %d pred %d | strict P %.2f R %.2f F1 %.2f | relaxed P %.2f R %.2f F1 %.2f | type acc %.2f (F1 %.2f) | value acc %.2f (F1 %.2f)",
		s.gold, s.pred, sp, sr, sf, rp, rr, rf, ta, rf*ta/100, va, rf*va/100)
}

// scoreDoc matches predictions to gold one to one: exact spans first,
// then overlapping ones.
func scoreDoc(gold, pred []teSpan, dump *strings.Builder) teScore {
	s := teScore{gold: len(gold), pred: len(pred)}
	gUsed := make([]bool, len(gold))
	pUsed := make([]bool, len(pred))
	pair := func(gi, pi int) {
		gUsed[gi], pUsed[pi] = true, true
		s.relaxed++
		g, p := gold[gi], pred[pi]
		if g.typ == p.typ {
			s.typeOK++
		}
		if g.value == p.value {
			s.valueOK++
		}
		if dump != nil && (g.value != p.value || g.typ != p.typ || g.start != p.start || g.end != p.end) {
			kind := "DIFF "
			if g.value != p.value {
				kind = "VALUE"
			}
			fmt.Fprintf(dump, "%s gold %-30q %s %-14s pred %-30q %s %-14s %s | %s\n", kind, g.text, g.typ, g.value, p.text, p.typ, p.value, p.extra, g.context)
		}
	}
	for gi, g := range gold {
		for pi, p := range pred {
			if !pUsed[pi] && g.start == p.start && g.end == p.end {
				s.strict++
				pair(gi, pi)
				break
			}
		}
	}
	for gi, g := range gold {
		if gUsed[gi] {
			continue
		}
		for pi, p := range pred {
			if !pUsed[pi] && g.start < p.end && p.start < g.end {
				pair(gi, pi)
				break
			}
		}
	}
	if dump != nil {
		for gi, g := range gold {
			if !gUsed[gi] {
				fmt.Fprintf(dump, "MISS  %q %s %s | %s\n", g.text, g.typ, g.value, g.context)
			}
		}
		for pi, p := range pred {
			if !pUsed[pi] {
				fmt.Fprintf(dump, "FALSE %q %s %s %s | %s\n", p.text, p.typ, p.value, p.extra, p.context)
			}
		}
	}
	return s
}

// TestTempEval measures the tagger on the TempEval-3 training sets (gold
// TIMEX3 annotations, meta.dct the document date) and logs the figures
// reported in docs/accuracy.md. It skips when ../shared/eval is absent.
//
//	go test ./annotate/timex -run TempEval -v [-tempeval.dump /tmp/te.txt]
func TestTempEval(t *testing.T) {
	if _, err := os.Stat(tempEvalDir); err != nil {
		t.Skip("../shared/eval/tempeval3 is not present")
	}
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var dump *strings.Builder
	if *dumpTempEval != "" {
		dump = &strings.Builder{}
	}
	var total teScore
	for _, set := range []string{"train-timebank", "train-aquaint"} {
		f, err := os.Open(filepath.Join(tempEvalDir, set+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		var s teScore
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var rec teRecord
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s: %v", set, err)
			}
			if dump != nil {
				fmt.Fprintf(dump, "== %s dct %s\n", rec.ID, rec.Meta.DCT)
			}
			s.add(scoreDoc(teGold(rec), tePred(g, rec), dump))
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		t.Logf("%-15s %v", set, s)
		total.add(s)
	}
	t.Logf("%-15s %v", "overall", total)
	if dump != nil {
		if err := os.WriteFile(*dumpTempEval, []byte(dump.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A floor well under the measured figures: a change that breaks the
	// tagger wholesale fails here, while tuning moves the logged numbers.
	if _, _, f := prf(total.strict, total.pred, total.gold); f < 70 {
		t.Errorf("strict F1 %.2f under 70", f)
	}
	if va := 100 * float64(total.valueOK) / float64(max(total.relaxed, 1)); va < 80 {
		t.Errorf("value accuracy %.2f under 80", va)
	}
}

func teGold(rec teRecord) []teSpan {
	offs := runeOffsets(rec.Text)
	var out []teSpan
	for _, e := range rec.Entities {
		s, en := offs[e.Start], offs[e.End]
		out = append(out, teSpan{start: s, end: en, typ: e.Label, value: e.Value, text: rec.Text[s:en], context: around(rec.Text, s, en)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func tePred(g *Tagger, rec teRecord) []teSpan {
	var dct lexicon.Date
	if len(rec.Meta.DCT) >= 10 {
		dct, _ = lexicon.ParseDate(rec.Meta.DCT[:10])
	}
	toks := token.Tokenize(nil, rec.Text)
	var out []teSpan
	for _, e := range g.Tag(rec.Text, toks, nil, dct) {
		out = append(out, teSpan{start: e.Start, end: e.End, typ: e.Type, value: e.Value, text: rec.Text[e.Start:e.End], extra: e.Rule, context: around(rec.Text, e.Start, e.End)})
	}
	return out
}

// runeOffsets maps code-point offsets to byte offsets (one past the end
// included).
func runeOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}

// around returns the text near [start, end) on one line, the span in
// brackets, for reading the dump.
func around(text string, start, end int) string {
	lo, hi := max(start-90, 0), min(end+60, len(text))
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	s := text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]
	return strings.Join(strings.Fields(s), " ")
}
