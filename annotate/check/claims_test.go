package check

import (
	"strings"
	"testing"
)

// refInQuote is inQuote as it was before it went on from its last call:
// each offset's paragraph read from its start. run.inQuote is held to it.
func refInQuote(text string, at int) bool {
	start := strings.LastIndex(text[:at], "\n\n")
	if start < 0 {
		start = 0
	}
	curly, straight := false, false
	for _, r := range text[start:at] {
		switch r {
		case '“', '«', '„':
			curly = true
		case '”', '»':
			curly = false
		case '"':
			straight = !straight
		}
	}
	return curly || straight
}

// walkSteps calls f with the offsets of text that steps gives, in turn:
// an odd byte moves on by its upper seven bits (in order, as claims mostly
// come), an even one jumps to that share of the text (back, or to another
// paragraph), so that every way on from a last call is tried.
func walkSteps(text string, steps []byte, f func(at int)) {
	at := 0
	for _, b := range steps {
		if b&1 != 0 {
			at = min(at+int(b>>1), len(text))
		} else {
			at = int(b>>1) * len(text) / 127
		}
		f(at)
	}
}

// testSteps are step lists for walkSteps: small steps on, even jumps, and
// a mix of both.
func testSteps(mix []byte) [][]byte {
	var up, all []byte
	for i := range 40 {
		up = append(up, 3)
		all = append(all, byte(i*6))
	}
	return [][]byte{up, all, mix}
}

// checkInQuote asks one run, in turn, about offsets of text that steps
// gives (walkSteps). Each answer must be the reference's.
func checkInQuote(t *testing.T, text string, steps []byte) {
	t.Helper()
	r := &run{text: text}
	walkSteps(text, steps, func(at int) {
		if got, want := r.inQuote(at), refInQuote(text, at); got != want {
			t.Fatalf("%q at %d (after %v): inQuote %v, want %v", text, at, steps, got, want)
		}
	})
}

func TestInQuote(t *testing.T) {
	texts := []string{
		"Jordan said: “We don’t think President Donald Trump broke the law.” Then President Trump spoke.",
		"He said \"Minister Fidan\" and \"Minister Fidam\".\n\n\"Open: Minister Roe\n\nClosed again: Minister Roe",
		"«Ministre Roe» et „Minister Roe“ – \"x\"\n\n\n\"y\" Minister",
		"a\n\n\"\n\n“\n\n\"\n\n",
		"\xe2\x80\x9c\xe2\x80",
	}
	for _, text := range texts {
		for _, steps := range testSteps([]byte{254, 0, 7, 7, 128, 5, 64, 255, 9, 9, 9, 9}) {
			checkInQuote(t, text, steps)
		}
		// Every offset after every other.
		for a := range len(text) + 1 {
			for b := range len(text) + 1 {
				r := &run{text: text}
				r.inQuote(a)
				if got, want := r.inQuote(b), refInQuote(text, b); got != want {
					t.Fatalf("%q at %d after %d: inQuote %v, want %v", text, b, a, got, want)
				}
			}
		}
	}
}

// FuzzInQuote checks inQuote against the reference on any text, asked
// in any order.
func FuzzInQuote(f *testing.F) {
	f.Add("He said \"Minister Fidan\" and “Minister Fidam”.\n\n\"Open: Minister Roe", []byte{3, 3, 3, 17, 9, 0, 5, 254, 3})
	f.Add("«a» „b“\n\n\"c\n\n\"d", []byte{1, 3, 5, 7, 9, 11, 13})
	f.Fuzz(func(t *testing.T, text string, steps []byte) {
		checkInQuote(t, text, steps)
	})
}

// checkLowerWord fails unless lowerWord gives what strings.ToLower does.
func checkLowerWord(t *testing.T, w string) {
	t.Helper()
	var buf [16]byte
	if got, want := string(lowerWord(&buf, w)), strings.ToLower(w); got != want {
		t.Errorf("lowerWord(%q) = %q, want %q", w, got, want)
	}
}

func TestLowerWord(t *testing.T) {
	for _, w := range []string{"", "Former", "EX", "then", "Designated", "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOPQ", "İnterim", "ÉLU", "Acting\xff", "@[`{"} {
		checkLowerWord(t, w)
	}
}

// FuzzLowerWord checks lowerWord against strings.ToLower on any word.
func FuzzLowerWord(f *testing.F) {
	f.Add("Former")
	f.Add("İnterim")
	f.Fuzz(checkLowerWord)
}
