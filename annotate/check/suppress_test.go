package check

import (
	"slices"
	"testing"
)

func TestParseIgnores(t *testing.T) {
	text := "line one <!-- newsann-ignore title-mismatch -->\n" + // 0: on its own line
		"<!-- newsann-ignore former-title, wrong-holder -->\n" + // 1: alone: applies to 2
		"line two\n" +
		"<!-- newsann-ignore -->\n" + // 3: alone, all checks: applies to 4
		"line three\n" +
		"<!-- an ordinary comment -->\n" + // 5
		"<!-- newsann-ignored title-mismatch --> not ours\n" + // 6
		"last line"
	ig := parseIgnores(text, newPositions(text, 0, 0))
	tests := []struct {
		line  int
		check string
		want  bool
	}{
		{0, TitleMismatch, true},
		{0, FormerTitle, false},
		{1, FormerTitle, false},
		{2, FormerTitle, true},
		{2, WrongHolder, true},
		{2, TitleMismatch, false},
		{3, TitleMismatch, false},
		{4, TitleMismatch, true},
		{4, UnknownOfficial, true},
		{6, TitleMismatch, false},
		{7, TitleMismatch, false},
	}
	for _, tt := range tests {
		if got := ig.suppressed(tt.line, tt.check); got != tt.want {
			t.Errorf("line %d, %s: suppressed = %v, want %v", tt.line, tt.check, got, tt.want)
		}
	}
}

func TestParseIgnore(t *testing.T) {
	tests := []struct {
		body string
		ids  []string
		ok   bool
	}{
		{" newsann-ignore ", nil, true},
		{" newsann-ignore title-mismatch ", []string{"title-mismatch"}, true},
		{"newsann-ignore: a,b  c", []string{"a", "b", "c"}, true},
		{" newsann-ignorex ", nil, false},
		{" todo ", nil, false},
	}
	for _, tt := range tests {
		ids, ok := parseIgnore(tt.body)
		if ok != tt.ok || !slices.Equal(ids, tt.ids) {
			t.Errorf("parseIgnore(%q) = %q, %v; want %q, %v", tt.body, ids, ok, tt.ids, tt.ok)
		}
	}
}

// FuzzParseIgnores runs the comment parser over any text: it must not
// panic, and a line it suppresses must exist.
func FuzzParseIgnores(f *testing.F) {
	f.Add("a <!-- newsann-ignore -->\nb")
	f.Add("<!-- newsann-ignore x\ny -->\n")
	f.Add("<!--<!-- newsann-ignore-->-->")
	f.Fuzz(func(t *testing.T, text string) {
		p := newPositions(text, 0, 0)
		for line := range parseIgnores(text, p) {
			if line < 0 || line > len(p.lines) {
				t.Errorf("line %d of a text of %d lines", line, len(p.lines))
			}
		}
	})
}
