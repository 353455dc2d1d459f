package rules

import (
	"regexp"
	"testing"
)

// refirstCases are expressions for firstBytes, and whether it should know
// their first bytes: the default rules' own, then the constructs it must
// decline (a match that may be empty, any character, case folding).
var refirstCases = []struct {
	expr  string
	known bool
}{
	{`[0-9]{1,3}`, true},
	{`[1-9][0-9]?`, true},
	{`([A-Z]\.)+`, true},
	{`(?:abc|x+y)`, true},
	{`a*b`, true},
	{`\d+|é`, true},
	{`[^a-z]`, true},
	{`\pL\w*`, true},
	{`(?:)x`, true},
	{`x{0}y`, true},
	{`a*`, false},
	{`a?|b`, false},
	{`.x`, false},
	{`(?i)abc`, false},
	{`(?s).`, false},
}

// refirstTokens are tokens to try every expression on.
var refirstTokens = []string{
	"", "0", "7", "123", "1234", "09", "A.", "A.B.", "J.", "a", "abc", "ABC", "xxy", "y", "b", "ab", "aab",
	"é", "É", "ü", "Ärger", "\xff", "\xc3", "-", ".", " ", "x", "Zürich", "日本", "_", "9x", "a1",
}

// TestFirstBytes: a token a re: test matches always begins with a byte
// firstBytes gives (the prefilter never turns a match down), and the
// constructs it cannot bound are declined.
func TestFirstBytes(t *testing.T) {
	for _, c := range refirstCases {
		set, known := firstBytes(c.expr)
		if known != c.known {
			t.Errorf("%s: known %v, want %v", c.expr, known, c.known)
		}
		re := regexp.MustCompile("^(?:" + c.expr + ")$")
		for _, tok := range refirstTokens {
			checkFirst(t, c.expr, re, set, known, tok)
		}
		for b := range 256 {
			checkFirst(t, c.expr, re, set, known, string([]byte{byte(b)}))
			checkFirst(t, c.expr, re, set, known, string([]byte{byte(b), '.'}))
		}
	}
	// And the filter filters: "[0-9]{1,3}" turns words down.
	set, _ := firstBytes(`[0-9]{1,3}`)
	if set.has('A') || set.has('z') || !set.has('0') || !set.has('9') {
		t.Errorf("[0-9]{1,3}: first bytes %x", set)
	}
}

func checkFirst(t *testing.T, expr string, re *regexp.Regexp, set byteSet, known bool, tok string) {
	t.Helper()
	if known && re.MatchString(tok) && (tok == "" || !set.has(tok[0])) {
		t.Errorf("%s matches %q, but its first bytes leave it out", expr, tok)
	}
}

// FuzzFirstBytes holds firstBytes to the regular expression it stands
// before, for any expression a rule file may give and any token.
func FuzzFirstBytes(f *testing.F) {
	for _, c := range refirstCases {
		for _, tok := range refirstTokens[:8] {
			f.Add(c.expr, tok)
		}
	}
	f.Fuzz(func(t *testing.T, expr, tok string) {
		re, err := regexp.Compile("^(?:" + expr + ")$")
		if err != nil {
			return
		}
		set, known := firstBytes(expr)
		checkFirst(t, expr, re, set, known, tok)
	})
}
