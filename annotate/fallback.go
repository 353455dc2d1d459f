package annotate

import (
	"strings"

	"github.com/jdkato/prose/v2"
)

// fallback proposes PERSON and ORGANIZATION mentions from prose's
// statistical NER for names that no lexicon entry or rule explains. It is
// off by default (Options.Fallback): docs/accuracy.md has what it adds and
// what it costs. prose's entities carry no offsets, and aligning them by
// searching the text puts some on an earlier occurrence of the same words,
// so the IOB labels of its tokens are aligned to ours instead, sentence
// by sentence, and spans rebuilt from them.
func (s *state) fallback() {
	model := s.a.tagger.get()
	covered := make([]bool, len(s.toks))
	for i := range s.cands {
		c := &s.cands[i]
		if c.dropped || internal(c.label) {
			continue
		}
		for t := c.first; t < c.last; t++ {
			covered[t] = true
		}
	}
	for _, sn := range s.sents {
		doc, err := prose.NewDocument(s.text[sn.start:sn.end], prose.WithSegmentation(false), prose.UsingModel(model))
		if err != nil {
			continue
		}
		labels := make([]string, sn.last-sn.first) // IOB label of each of our tokens
		s.alignProse(sn, doc.Tokens(), func(k int, pt *prose.Token) {
			if labels[k-sn.first] == "" {
				labels[k-sn.first] = pt.Label
			}
		})
		for i := 0; i < len(labels); {
			kind, ok := strings.CutPrefix(labels[i], "B-")
			label := fallbackLabel(kind)
			if !ok || label == "" {
				i++
				continue
			}
			j := i + 1
			for j < len(labels) && labels[j] == "I-"+kind {
				j++
			}
			first, last := sn.first+i, sn.first+j
			free := true
			for k := first; k < last; k++ {
				if covered[k] {
					free = false
					break
				}
			}
			if free {
				s.emitModel(first, last, label)
			}
			i = j
		}
	}
}

func fallbackLabel(kind string) string {
	switch kind {
	case "PERSON":
		return "PERSON"
	case "ORG", "ORGANIZATION":
		return "ORGANIZATION"
	}
	return ""
}

func (s *state) emitModel(first, last int, label string) {
	first, last = s.trimPunct(first, last)
	if first >= last {
		return
	}
	id, name := s.mint(label, first, last)
	s.addCand(candidate{
		first: first, last: last, start: s.toks[first].Start, end: s.toks[last-1].End,
		label: label, entity: id, name: name, source: "model:prose",
		priority: 10*(last-first) - 20, // below anything the lexicon or a rule says
		explain:  "prose's statistical NER; no lexicon entry or rule explains the name",
	})
}
