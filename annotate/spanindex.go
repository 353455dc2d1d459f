package annotate

import "iter"

// The rule stage asks, for every match, which candidates have exactly a
// given token span. Scanning every candidate for each question made a long
// document quadratic (a 1 MB text on one line took 38 s); this index
// answers it from the few candidates that start at that token. It is a
// list per token threaded through the candidates (a first and a last
// index per token, a next index per candidate), so it costs 8 bytes a
// token and no allocation per entry. It is valid from indexCands until
// the candidates are reordered (resolve), and every candidate the rule
// stage adds goes through addCand.

// indexCands lists the current candidates by their first token.
func (s *state) indexCands() {
	s.candHead = resize(s.candHead, len(s.toks))
	s.candTail = resize(s.candTail, len(s.toks))
	for i := range s.candHead {
		s.candHead[i], s.candTail[i] = -1, -1
	}
	s.candNext = s.candNext[:0]
	for i := range s.cands {
		s.indexCand(s.cands[i].first)
	}
}

func resize(b []int32, n int) []int32 {
	if cap(b) < n {
		return make([]int32, n)
	}
	return b[:n]
}

// indexCand adds the candidate about to be appended, starting at token first,
// to the index.
func (s *state) indexCand(first int) {
	i := int32(len(s.candNext))
	s.candNext = append(s.candNext, -1)
	if t := s.candTail[first]; t >= 0 {
		s.candNext[t] = i
	} else {
		s.candHead[first] = i
	}
	s.candTail[first] = i
}

// addCand appends c to the candidates and to the index.
func (s *state) addCand(c candidate) {
	s.indexCand(c.first)
	s.cands = append(s.cands, c)
}

// candsAt yields the index of each candidate whose first token is a, in
// the candidates' order.
func (s *state) candsAt(a int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := s.candHead[a]; i >= 0; i = s.candNext[i] {
			if !yield(int(i)) {
				return
			}
		}
	}
}
