package rules

import (
	"regexp/syntax"
	"unicode/utf8"
)

// byteSet is a set of bytes, one bit each.
type byteSet [4]uint64

func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }
func (s *byteSet) union(t byteSet) {
	s[0], s[1], s[2], s[3] = s[0]|t[0], s[1]|t[1], s[2]|t[2], s[3]|t[3]
}
func (s *byteSet) addRange(lo, hi byte) {
	for b := int(lo); b <= int(hi); b++ {
		s.add(byte(b))
	}
}

// firstBytes returns the bytes a non-empty match of the regular expression
// expr, anchored at both ends as re: tests are, can begin with, and false
// when it cannot tell (a match may be empty, or a construct it does not
// know): a reTest then asks the regular expression about every token.
// Knowing them, a token that begins otherwise — nearly every token, for
// "[re:/[0-9]{1,3}/]" — is turned down without running the regular
// expression, which costs a hundred times a table lookup.
func firstBytes(expr string) (byteSet, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return byteSet{}, false
	}
	set, empty, ok := firstOfRe(re.Simplify())
	return set, ok && !empty
}

// firstOfRe returns the first bytes of re's non-empty matches, and
// whether re can match the empty string; ok is false for a construct it
// does not know. Runes outside ASCII add every byte that can lead a
// multi-byte character, which is sound if loose.
func firstOfRe(re *syntax.Regexp) (set byteSet, empty, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return set, true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return set, true, true
		}
		if re.Flags&syntax.FoldCase != 0 {
			return set, false, false
		}
		addRunes(&set, re.Rune[0], re.Rune[0])
		return set, false, true
	case syntax.OpCharClass:
		for k := 0; k+1 < len(re.Rune); k += 2 {
			addRunes(&set, re.Rune[k], re.Rune[k+1])
		}
		return set, false, true
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return set, false, false
	case syntax.OpCapture:
		return firstOfRe(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		set, _, ok = firstOfRe(re.Sub[0])
		return set, true, ok
	case syntax.OpPlus:
		return firstOfRe(re.Sub[0])
	case syntax.OpRepeat:
		set, empty, ok = firstOfRe(re.Sub[0])
		return set, empty || re.Min == 0, ok
	case syntax.OpConcat:
		empty = true
		for _, sub := range re.Sub {
			s, e, ok := firstOfRe(sub)
			if !ok {
				return set, false, false
			}
			set.union(s)
			if !e {
				return set, false, true
			}
		}
		return set, true, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, e, ok := firstOfRe(sub)
			if !ok {
				return set, false, false
			}
			set.union(s)
			empty = empty || e
		}
		return set, empty, true
	}
	return set, false, false
}

// addRunes adds the first bytes of the runes lo to hi.
func addRunes(set *byteSet, lo, hi rune) {
	if lo < utf8.RuneSelf {
		set.addRange(byte(lo), byte(min(hi, utf8.RuneSelf-1)))
	}
	if hi >= utf8.RuneSelf {
		set.addRange(0x80, 0xFF) // any lead byte (and invalid bytes, which match as U+FFFD)
	}
}
