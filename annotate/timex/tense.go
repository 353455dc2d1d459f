package timex

import "github.com/newsann/newsann/annotate/token"

// suffixPenalty is how much farther, in half-tokens, a cue read from a
// past suffix counts than a cue word: a word in -ed is as often an
// adjective ("untouched", "crippled") as a verb.
const suffixPenalty = 4

// tenseAt reads the tense of the clause around tokens [first, last): the
// cue nearest to them in their sentence wins, one before them on a tie,
// a cue of several words ("as soon as") measured from its nearer end. A
// scheduled cue (a present tense of fixtures: "host", "face") counts only
// before the expression.
// The search stops at quotation marks: a reporting verb outside a
// quotation ("... will leave Thursday,” Castro said") does not set the
// tense of what is quoted, nor the reverse.
func (st *state) tenseAt(first, last int) tenseOf {
	sn := st.sents[st.sent[first]]
	best, bestD := tenseNone, 1<<30
	for i := first - 1; i >= int(sn[0]); i-- {
		if 2*(first-i)-2*maxCueLen >= bestD {
			break
		}
		if tok := &st.toks[i]; tok.Kind == token.Punct && st.isQuote(i) {
			break
		} else if !st.mayCue(i, tok) {
			continue
		}
		t, n, weak := st.cue(i)
		if t == tenseNone || i+n > first {
			continue
		}
		if t == tenseScheduled {
			t = tenseFuture
		}
		d := 2 * (first - (i + n - 1))
		if weak {
			d += suffixPenalty
		}
		if d < bestD {
			best, bestD = t, d
		}
	}
	for i := last; i < int(sn[1]); i++ {
		if 2*(i-last)+1 >= bestD {
			break
		}
		if tok := &st.toks[i]; tok.Kind == token.Punct && st.isQuote(i) {
			break
		} else if !st.mayCue(i, tok) {
			continue
		}
		t, _, weak := st.cue(i)
		if t == tenseNone || t == tenseScheduled {
			continue
		}
		d := 2*(i-last) + 1
		if weak {
			d += suffixPenalty
		}
		if d < bestD {
			best, bestD = t, d
		}
	}
	return best
}

// maxCueLen bounds the length in tokens of a tense cue of several words,
// so that the leftward search can stop early.
const maxCueLen = 4

// mayCue reports whether token i may show a tense: a cue word, the
// first word of a cue phrase, or a lower-case word with a past suffix.
// At any other token cue answers tenseNone; asking this first spares
// tenseAt cue's reads of the words around at most of the tokens it
// passes.
func (st *state) mayCue(i int, tok *token.Token) bool {
	id := st.ids[i]
	if id == idLater {
		id = st.id(i)
	}
	if id >= 0 && int(id) < len(st.t.role) && st.t.role[id]&roleCue != 0 {
		return true
	}
	return tok.Kind == token.Word && tok.Case == token.Lower && st.pastSuffix(st.text[tok.Start:tok.End])
}

// pastSuffix reports whether word w ends in a past suffix ("-ed") after
// at least three letters.
func (st *state) pastSuffix(w string) bool {
	for _, suf := range st.t.pastSuffix {
		if len(w) > len(suf)+2 && endsWith(w, suf) {
			return true
		}
	}
	return false
}

// endsWith is strings.HasSuffix for a short suffix, compared byte by
// byte rather than through memequal.
func endsWith(w, suf string) bool {
	w = w[len(w)-len(suf):]
	for k := 0; k < len(suf); k++ {
		if w[k] != suf[k] {
			return false
		}
	}
	return true
}

// cue reports the tense token i shows, the number of tokens of its cue,
// and whether it was only read from a past suffix. A future cue after the
// past perfect ("had been due to expire", "had planned to") is past: the
// plan has passed. A past auxiliary before a future cue ("were planning
// to", "was expected to") is future, a plan still ahead.
func (st *state) cue(i int) (t tenseOf, n int, weak bool) {
	t, n, weak = st.cueAt(i)
	switch {
	case t == tenseFuture && !weak:
		j := i - 1
		if j >= 0 && st.t.is(st.id(j), rolePassive) {
			j--
		}
		if j >= 0 && st.t.is(st.id(j), rolePerfect) && st.sent[j] == st.sent[i] {
			return tensePast, n, false
		}
	case t == tensePast && !weak && st.t.is(st.id(i), rolePassive) && i+1 < len(st.toks) && st.sent[i+1] == st.sent[i]:
		if f, _, w := st.cueAt(i + 1); f == tenseFuture && !w {
			return tenseFuture, 1, false
		}
	}
	return t, n, weak
}

// cueAt is cue without the auxiliaries' context. A word after a
// determiner modifies a noun ("the planned sale", "its revised
// forecast") and shows no tense.
func (st *state) cueAt(i int) (tenseOf, int, bool) {
	if i > 0 && st.t.is(st.id(i-1), roleDeterminer) {
		return tenseNone, 0, false
	}
	id := st.id(i)
	if id >= 0 && int(id) < len(st.t.tense) && st.t.tense[id] != tenseNone {
		return st.t.tense[id], 1, false
	}
	if id >= 0 && int(id) < len(st.t.tensePhr) {
		for _, p := range st.t.tensePhr[id] {
			if i+len(p.ids) <= len(st.toks) && st.spells(p.ids, i, i+len(p.ids)) {
				return p.tense, len(p.ids), false
			}
		}
	}
	tok := st.toks[i]
	if tok.Kind != token.Word || tok.Case != token.Lower {
		return tenseNone, 0, false
	}
	if st.pastSuffix(st.text[tok.Start:tok.End]) {
		if i > 0 && st.t.is(st.id(i-1), rolePassive) || i+1 < len(st.toks) && st.t.is(st.id(i+1), roleAgent) {
			return tenseNone, 0, false
		}
		return tensePast, 1, true
	}
	return tenseNone, 0, false
}

// isQuote reports whether token i is a quotation mark: ", “, ”, «, », a
// backtick, or one of a pair of apostrophes (”).
func (st *state) isQuote(i int) bool {
	tok := &st.toks[i]
	if tok.Kind != token.Punct {
		return false
	}
	switch st.text[tok.Start:tok.End] {
	case `"`, "“", "”", "«", "»", "`":
		return true
	case "'":
		return i > 0 && st.toks[i-1].End == tok.Start && st.text[st.toks[i-1].Start:st.toks[i-1].End] == "'" ||
			i+1 < len(st.toks) && st.toks[i+1].Start == tok.End && st.text[st.toks[i+1].Start:st.toks[i+1].End] == "'"
	}
	return false
}
