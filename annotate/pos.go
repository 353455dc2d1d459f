package annotate

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"

	"github.com/newsann/newsann/annotate/internal/scratch"
)

// tagger tags parts of speech with prose's averaged perceptron. Its model
// takes a quarter of a second to decode, so it is built on first use and
// shared by every goroutine of the Annotator; tagging itself runs at about
// 0.3 MB/s, so the pipeline tags only the sentences a rule asks about.
type tagger struct {
	once  sync.Once
	model *prose.Model
}

func newTagger() *tagger { return &tagger{} }

func (t *tagger) get() *prose.Model {
	t.once.Do(func() { t.model = prose.ModelFromData("newsann") })
	return t.model
}

// posFunc returns the POS function of the rules' view: it tags a sentence
// the first time a rule asks about one of its tokens.
func (s *state) posFunc() func(i int) string {
	s.posTags = scratch.Resize(s.posTags, len(s.toks))
	clear(s.posTags)
	s.posDone = scratch.Resize(s.posDone, len(s.sents))
	clear(s.posDone)
	return func(i int) string {
		sn := s.sentOf[i]
		if !s.posDone[sn] {
			s.posDone[sn] = true
			s.tagSentence(int(sn))
		}
		return s.posTags[i]
	}
}

// tagSentence tags one sentence with prose and gives each of our tokens
// the tag of the prose token it starts in.
func (s *state) tagSentence(si int) {
	sn := s.sents[si]
	doc, err := prose.NewDocument(s.text[sn.start:sn.end],
		prose.WithSegmentation(false), prose.WithExtraction(false),
		prose.UsingModel(s.a.tagger.get()))
	if err != nil {
		return
	}
	s.alignProse(sn, doc.Tokens(), func(k int, pt *prose.Token) {
		if s.posTags[k] == "" {
			s.posTags[k] = pt.Tag
		}
	})
}

// alignProse calls f with each of our tokens of sentence sn and each
// prose token it overlaps, in text order. prose's tokens carry no
// offsets, so they are aligned by searching the sentence text forward
// from the previous token; one that is not found is skipped.
func (s *state) alignProse(sn sentence, pts []prose.Token, f func(k int, pt *prose.Token)) {
	text := s.text[sn.start:sn.end]
	cur := 0
	t := sn.first
	for i := range pts {
		pt := &pts[i]
		idx := strings.Index(text[cur:], pt.Text)
		if idx < 0 {
			continue
		}
		start, end := sn.start+cur+idx, sn.start+cur+idx+len(pt.Text)
		cur += idx + len(pt.Text)
		for t < sn.last && s.toks[t].Start < start {
			t++
		}
		for k := t; k < sn.last && s.toks[k].Start < end; k++ {
			f(k, pt)
		}
	}
}
