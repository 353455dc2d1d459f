// Package token splits text into tokens that keep their byte offsets into
// the original input, and computes the folded keys the lexicon and the rules
// match on.
//
// It stands apart from the annotate pipeline because the lexicon must
// tokenize its names exactly as the pipeline tokenizes articles: a name
// matches text only when both break into the same keys.
package token

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is made of.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota + 1 // letters, possibly with digits, internal apostrophes or dots ("U.S.")
	Number                 // digits with internal separators ("1,000", "10:30", "3.5")
	Punct                  // one punctuation mark
	Symbol                 // one symbol such as "$" or "%"
)

// String returns the kind's name as used in rules and debugging output.
func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Punct:
		return "punct"
	case Symbol:
		return "symbol"
	}
	return "unknown"
}

// Case classifies a token's letters; the matcher uses it to keep "us" from
// matching "US" and "turkey" from matching "Turkey".
type Case uint8

// Case classes.
const (
	NoCase Case = iota // no letters
	Lower              // first letter lower case
	Title              // first letter upper case, not all upper case
	Upper              // every letter upper case
)

// Token is one token of a text. Start and End are byte offsets into the
// original text, End exclusive.
type Token struct {
	Start, End int
	Kind       Kind
	Case       Case
	// Space is true when whitespace (or the start of the text) precedes
	// the token; Newlines counts the line breaks in that whitespace, so
	// that paragraph breaks (two or more) are visible to the segmenter.
	Space    bool
	Newlines uint8
}

// Text returns the token's text in s, which must be the text it came from.
func (t Token) Text(s string) string { return s[t.Start:t.End] }

// Tokenize appends the tokens of s to dst and returns the extended slice.
// It never fails: any byte sequence, even invalid UTF-8, yields tokens whose
// offsets are in bounds, sorted and non-overlapping.
func Tokenize(dst []Token, s string) []Token { return tokenize(dst, s, nil) }

// TokenizeKeys is Tokenize, and appends each token's folded key to keys
// and where it ends in keys to ends, as AppendKeys would: one pass over
// the text instead of two. The common token, a short ASCII word, is
// folded from the bytes the tokenizer has just classified, with the
// upper case letters it found there.
func (f *Folder) TokenizeKeys(dst []Token, keys []byte, ends []int32, s string) ([]Token, []byte, []int32) {
	k := keySink{f: f, keys: slices.Grow(keys, len(s)+16), ends: ends}
	dst = tokenize(dst, s, &k)
	return dst, k.keys, k.ends
}

// keySink is what TokenizeKeys appends keys to.
type keySink struct {
	f    *Folder
	keys []byte
	ends []int32
}

// add appends the key of token t of s.
func (k *keySink) add(s string, t Token) {
	k.keys = k.f.AppendKey(k.keys, s[t.Start:t.End])
	k.ends = append(k.ends, int32(len(k.keys)))
}

// tokenize is Tokenize, and TokenizeKeys when k is not nil.
func tokenize(dst []Token, s string, k *keySink) []Token {
	i := 0
	space := true
	var newlines int
	for i < len(s) {
		c := s[i]
		if k != nil && plainStart[c] {
			n := len(dst)
			dst, i, space = plainKeys(dst, s, i, space, clampNewlines(newlines), k)
			if len(dst) > n {
				newlines = 0
			}
			if i >= len(s) {
				break
			}
			c = s[i]
		}
		// Fast ASCII whitespace.
		if byteClass[c]&classSpace != 0 {
			space = true
			if c == '\n' || (c == '\r' && (i+1 >= len(s) || s[i+1] != '\n')) {
				newlines++
			}
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if isSpace(r) {
				space = true
				if r == '\u2028' || r == '\u2029' || r == '\u0085' {
					newlines++
				}
				i += size
				continue
			}
		}
		t := Token{Start: i, Space: space, Newlines: clampNewlines(newlines)}
		space, newlines = false, 0
		// An ASCII byte's class says whether it is a letter or a digit,
		// as isLetter and isDigit would, without a call; the lead byte of
		// a multi-byte rune has no class.
		cl := byteClass[c]
		switch {
		case cl&(classLower|classUpper) != 0:
			t.Kind = Word
			t.End, t.Case = scanWord(s, i)
		case c >= utf8.RuneSelf && isLetter(r):
			t.End, t.Case = scanWord(s, i)
			t.Kind = Word
		case cl&classDigit != 0 || c >= utf8.RuneSelf && isDigit(r):
			t.End, t.Kind = scanNumber(s, i)
		case r == '\'' || r == '\u2019':
			// A leading apostrophe: possessive "'s", "'" after a plural
			// ("ministers'"), or a contraction ("'re"); else punctuation.
			t.End = i + size
			t.Kind = Punct
			if n := apostropheSuffix(s, i+size); n > 0 {
				t.End = i + size + n
				t.Kind = Word
			}
		case isSymbol(r):
			t.End = i + size
			t.Kind = Symbol
		default:
			t.End = i + size
			t.Kind = Punct
		}
		// A word scanWord classified is plain ASCII letters and digits,
		// so it has no apostrophe and no possessive to split; the others
		// (non-ASCII, "O'Brien", "U.S.", "1990s") are classified here.
		if t.Kind == Word && t.Case == NoCase {
			t.Case = caseOf(s[t.Start:t.End])
			// Split a trailing possessive ("Iran's" -> "Iran" "'s").
			if p := possessiveStart(s[t.Start:t.End]); p > 0 {
				rest := Token{Start: t.Start + p, End: t.End, Kind: Word, Case: Lower}
				t.End = t.Start + p
				t.Case = caseOf(s[t.Start:t.End])
				dst = append(dst, t, rest)
				if k != nil {
					k.add(s, t)
					k.add(s, rest)
				}
				i = rest.End
				continue
			}
		}
		dst = append(dst, t)
		if k != nil {
			k.add(s, t)
		}
		i = t.End
	}
	return dst
}

// plainKeys appends to dst the common tokens from s[i:], where whitespace
// precedes when space is set, with nl line breaks in it: words of fewer
// than sixteen ASCII letters and digits that scanWord would end after
// its wordRuns (before ASCII other than an apostrophe, or a period not
// after an initial), with their case, and one-byte ASCII punctuation and
// symbols other than an apostrophe, each followed by one space or by the
// next. It stops at anything else, near the end of s and when dst is
// full or k may run out of room, and returns where it stopped and
// whether a space precedes it there, for tokenize to go on, and appends
// each token's key to k. It writes into dst's and k's spare room in a
// loop of few values, which stay in registers: a token
// takes a few dozen instructions. Only TokenizeKeys, the pipeline's,
// takes this path; Tokenize, for short texts at start-up and in
// encoders, goes the general way, which the tests hold it to. It is kept
// out of line: inlined into tokenize, its loop shared the registers with
// tokenize's general path and reloaded more of its values at every token.
//
//go:noinline
func plainKeys(dst []Token, s string, i int, space bool, nl uint8, k *keySink) ([]Token, int, bool) {
	j, buf := len(dst), dst[:cap(dst)]
	kb, kn, ends := k.keys[:cap(k.keys)], len(k.keys), k.ends
	// Each token takes a byte of s or more and gives a key of as many
	// bytes: from i and the room in kb, one bound on i says that eight
	// bytes of s are left and that kb has room for sixteen bytes (kn-i
	// falls or stays as i grows; TokenizeKeys gives kb room for all of
	// s's keys, so the first is the bound that holds). dst's room is
	// tested as it is: bounding i by it too would stop the loop long
	// before a nearly full dst is, and send tokens the general way.
	limit := min(len(s)-8, len(kb)-16-kn+i)
	for i <= limit && j < len(buf) {
		c := s[i]
		cl := byteClass[c]
		t := &buf[j]
		var e byte // the byte after the token
		if cl&(classLower|classUpper) != 0 {
			x := le64(s[i:])
			n, lower, upper := wordRun(x)
			if n == 8 { // a longer word: its next eight bytes
				if i+16 > len(s) {
					break
				}
				y := le64(s[i+8:])
				m, lo, up := wordRun(y)
				if m == 8 {
					break
				}
				// The second word's key, written now: if the word
				// is not taken, the bytes past kn are no key.
				binary.LittleEndian.PutUint64(kb[kn+8:kn+16], y&(1<<(8*m)-1)+up>>2)
				n, lower = 8+m, lower|lo
			} else {
				x &= 1<<(8*n) - 1
			}
			e = s[i+n]
			if int(wordEnd[e]) > n {
				break
			}
			cs := Lower + Case(cl&classUpper)>>1 // Title after an upper case letter
			if lower == 0 {
				cs = Upper
			}
			t.Start, t.End, t.Kind, t.Case = i, i+n, Word, cs
			i += n
			// Letters and digits: folding is lower-casing. All eight
			// bytes are written, those past the key zero.
			binary.LittleEndian.PutUint64(kb[kn:kn+8], x+upper>>2)
			kn += n
		} else if kind := plainKind[c]; kind != 0 {
			t.Start, t.End, t.Kind, t.Case = i, i+1, kind, NoCase
			e = s[i+1]
			i++
			kb[kn] = asciiKey[c]
			kn++
		} else {
			break
		}
		ends = append(ends, int32(kn))
		t.Space, t.Newlines = space, nl
		j++
		space, nl = e == ' ', 0
		if space {
			i++
		}
	}
	k.keys, k.ends = kb[:kn], ends
	return buf[:j], i, space
}

// wordEnd says which bytes end a word plain takes: a word of n bytes
// before byte e is taken when wordEnd[e] <= n. ASCII other than an
// apostrophe ends any word; a period ends one of two bytes or more (after
// one letter, it may be an initial's); other bytes end none (scanWord
// decides).
var wordEnd = func() (t [256]uint8) {
	for e := range t {
		switch {
		case e == '.':
			t[e] = 2
		case e >= utf8.RuneSelf || e == '\'':
			t[e] = 255
		}
	}
	return t
}()

// plainKind is the kind of a one-byte ASCII token that plainKeys takes, 0
// for a byte it does not take alone: a letter, a digit, whitespace, an
// apostrophe (which may begin a word) or a byte of a multi-byte rune.
var plainKind = func() (t [256]Kind) {
	for c := range utf8.RuneSelf {
		if byteClass[c] != 0 || c == '\'' {
			continue
		}
		t[c] = Punct
		if isSymbol(rune(c)) {
			t[c] = Symbol
		}
	}
	return t
}()

// plainStart says at which bytes plainKeys may take a token: ASCII letters
// and plainKind's.
var plainStart = func() (t [256]bool) {
	for c := range t {
		t[c] = byteClass[c]&(classLower|classUpper) != 0 || plainKind[c] != 0
	}
	return t
}()

func clampNewlines(n int) uint8 {
	if n > 255 {
		return 255
	}
	return uint8(n)
}

func isSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u200b', '\ufeff', '\u2028', '\u2029', '\u0085':
		return true
	}
	return unicode.IsSpace(r)
}

// Byte classes, looked up instead of computed on the hot path: ASCII
// letters, digits and whitespace; a byte of a multi-byte rune has none.
const (
	classLower = 1 << iota
	classUpper
	classDigit
	classSpace
)

var byteClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = classLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = classUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = classDigit
	}
	for _, c := range " \t\n\r\f\v" {
		t[c] = classSpace
	}
	return t
}()

// classWord are the classes of the bytes of an ASCII word.
const classWord = classLower | classUpper | classDigit

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return byteClass[r]&(classLower|classUpper) != 0
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return byteClass[r]&classDigit != 0
	}
	return unicode.IsDigit(r)
}

func isSymbol(r rune) bool {
	switch r {
	case '$', '%', '&', '+', '=', '<', '>', '#', '@', '^', '|', '~', '*', '/', '\\', '§', '°', '€', '£', '¥', '₹', '©', '®', '™':
		return true
	}
	if r < utf8.RuneSelf {
		return false
	}
	return unicode.IsSymbol(r)
}

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// scanWord scans letters and digits from i. An apostrophe or a period is
// kept inside the word when a letter follows it ("O'Brien", "d'Ivoire",
// "U.S."); a dotted initialism keeps its final period ("U.S." "U.N.").
// It returns the end and, for a word of plain ASCII letters and digits,
// its case (NoCase when the caller must classify it).
func scanWord(s string, i int) (int, Case) {
	start := i
	// The common word: ASCII letters and digits up to a space or
	// punctuation, classified as it is scanned: the classes seen say
	// whether any letter is lower case, and the first byte, a letter
	// when it is ASCII, whether the word starts upper case.
	seen := uint8(0)
	// Eight bytes at a time while eight remain (wordRun), which finds
	// the end of most words without a branch per byte; then byte by byte.
	var lower, upper uint64
	for i+8 <= len(s) {
		n, lo, up := wordRun(le64(s[i:]))
		lower, upper = lower|lo, upper|up
		i += n
		if n < 8 {
			goto end
		}
	}
	for i < len(s) {
		cl := byteClass[s[i]] & classWord
		if cl == 0 {
			break
		}
		seen |= cl
		i++
	}
end:
	if lower != 0 {
		seen |= classLower
	}
	if upper != 0 {
		seen |= classUpper
	}
	// A period after two or more letters or digits is no initialism's
	// (scanWordSlow ends the word before it): a sentence's last word
	// ends here too.
	if i == len(s) || s[i] < utf8.RuneSelf && s[i] != '\'' && (s[i] != '.' || i-start >= 2) {
		switch {
		case seen&(classLower|classUpper) == 0:
			return i, NoCase
		case seen&classLower == 0:
			return i, Upper
		case byteClass[s[start]]&classUpper != 0:
			return i, Title
		}
		return i, Lower
	}
	return scanWordSlow(s, start, i), NoCase
}

// Bytes of a word of eight ASCII bytes, for the comparisons of wordRun.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// wordRun returns how many of the eight bytes of x (little endian), from
// the first, are ASCII letters or digits, and which of those bytes are
// lower and upper case letters (the high bit of each such byte set).
// Each byte is compared with the bounds of each range at once: with its
// high bit set, b|0x80 - c keeps that bit exactly when b >= c, and no
// byte borrows from the next. A byte with 0x20 set is a letter when it is
// a lower case one: that bit, which is its case, makes one range of both.
func wordRun(x uint64) (n int, lower, upper uint64) {
	y := x | highs
	yl := x | (highs | 0x20*ones)
	letter := (yl - 'a'*ones) &^ (yl - ('z'+1)*ones) & highs
	digit := (y - '0'*ones) &^ (y - ('9'+1)*ones)
	// The bytes that are neither, a byte of a multi-byte rune among them;
	// the run ends at the first.
	stop := (^(letter | digit) | x) & highs
	letter &= (stop & -stop) - 1 // the bits below it (all when there is none)
	return bits.TrailingZeros64(stop) / 8, letter & (x << 2), letter &^ (x << 2)
}

// le64 returns the first eight bytes of s as a little-endian word.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// scanWordSlow continues a word at i that has non-ASCII letters, internal
// apostrophes or periods.
//
// A period continues the word only while the word so far is single
// letters joined by periods; that is checked as the word grows, each
// stretch once, since checking the whole word again at every period made
// a long run of initials ("A.B.C.…") quadratic.
func scanWordSlow(s string, start, i int) int {
	dotted := false // initialism like U.S.
	checked, letters := start, 0
	for i < len(s) {
		if byteClass[s[i]]&classWord != 0 {
			i++
			continue
		}
		r, n := decode(s, i)
		switch {
		case isLetter(r) || isDigit(r):
			i += n
		case r == '\'' || r == '\u2019':
			next, _ := decode(s, i+n)
			if !isLetter(next) {
				return i
			}
			i += n
		case r == '.':
			// Only single letters separated by periods form one token.
			if !singleLetterRun(s, checked, i, &letters) {
				return i
			}
			checked = i
			next, m := decode(s, i+n)
			if isLetter(next) {
				after, _ := decode(s, i+n+m)
				if after == '.' {
					dotted = true
					i += n
					continue
				}
			}
			if dotted {
				return i + n // include the final period of "U.S."
			}
			return i
		default:
			return i
		}
	}
	return i
}

// singleLetterRun reports whether s[start:i] continues a run of single
// letters joined by periods ("U", "U.S", "J.R"); *letters counts the
// letters since the last period, carried from the stretch before start.
func singleLetterRun(s string, start, i int, letters *int) bool {
	for j := start; j < i; {
		r, n := decode(s, j)
		if r == '.' {
			*letters = 0
		} else {
			*letters++
			if *letters > 1 {
				return false
			}
		}
		j += n
	}
	return true
}

// scanNumber scans digits with internal separators and a trailing run of
// letters ("1990s", "3rd", "G20" starts as a word, not here). It returns the
// end and the kind: a number that continues into letters is a Word.
func scanNumber(s string, i int) (int, Kind) {
	kind := Number
	for i < len(s) {
		// An ASCII digit, letter or separator before a digit by its
		// byte class, without a call.
		c := s[i]
		if cl := byteClass[c]; cl&classDigit != 0 {
			i++
			continue
		} else if cl&(classLower|classUpper) != 0 {
			kind = Word
			i++
			continue
		}
		if (c == ',' || c == '.' || c == ':') && i+1 < len(s) && byteClass[s[i+1]]&classDigit != 0 {
			i += 2
			continue
		}
		r, n := decode(s, i)
		switch {
		case isDigit(r):
			i += n
		case r == ',' || r == '.' || r == ':':
			next, _ := decode(s, i+n)
			if !isDigit(next) {
				return i, kind
			}
			i += n
		case isLetter(r):
			kind = Word
			i += n
		default:
			return i, kind
		}
	}
	return i, kind
}

// apostropheSuffix returns the byte length of the clitic after a leading
// apostrophe at s[i:] ("s", "re", "ll", "ve", "d", "m", "t"), or 0.
func apostropheSuffix(s string, i int) int {
	j := i
	for j < len(s) && j-i < 3 {
		c := s[j]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			j++
			continue
		}
		break
	}
	if j == i {
		return 0
	}
	if r, _ := decode(s, j); isLetter(r) || isDigit(r) {
		return 0
	}
	switch lowerASCII(s[i:j]) {
	case "s", "re", "ll", "ve", "d", "m":
		return j - i
	}
	return 0
}

// possessiveStart returns the offset within word w where a possessive or
// contraction suffix begins ("Iran's" -> 4, "don't" -> 3), or 0.
func possessiveStart(w string) int {
	n := len(w)
	if n < 3 {
		return 0
	}
	// The last byte tells the suffixes apart, and rules most words out.
	switch w[n-1] | 0x20 {
	case 's': // 's and ’s
		if w[n-2] == '\'' {
			return n - 2
		}
		if n > 4 && w[n-4:n-1] == "\u2019" {
			return n - 4
		}
	case 't': // n't and n’t
		if n > 3 && w[n-2] == '\'' && w[n-3]|0x20 == 'n' {
			return n - 3
		}
		if n > 5 && w[n-4:n-1] == "\u2019" && w[n-5]|0x20 == 'n' {
			return n - 5
		}
	}
	return 0
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// caseOf classifies the letters of w.
func caseOf(w string) Case {
	if c, ok := caseOfASCII(w); ok {
		return c
	}
	first := true
	c := NoCase
	allUpper := true
	letters := 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		up := unicode.IsUpper(r) || unicode.IsTitle(r)
		if first {
			first = false
			if up {
				c = Title
			} else {
				c = Lower
			}
		}
		if !up {
			allUpper = false
		}
	}
	if letters == 0 {
		return NoCase
	}
	if allUpper && c == Title && letters > 1 {
		return Upper
	}
	if allUpper && letters == 1 {
		return Upper
	}
	return c
}

// caseOfASCII classifies an ASCII word; ok is false when w has other runes.
func caseOfASCII(w string) (c Case, ok bool) {
	letters, upper := 0, 0
	first := uint8(0)
	for i := 0; i < len(w); i++ {
		b := w[i]
		if b >= utf8.RuneSelf {
			return 0, false
		}
		cl := byteClass[b] & (classLower | classUpper)
		if cl == 0 {
			continue
		}
		if letters == 0 {
			first = cl
		}
		letters++
		if cl == classUpper {
			upper++
		}
	}
	switch {
	case letters == 0:
		return NoCase, true
	case upper == letters:
		return Upper, true
	case first == classUpper:
		return Title, true
	}
	return Lower, true
}
