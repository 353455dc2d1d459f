package rules

import (
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

// Doc is the view of one text that rules match over: its tokens with
// their folded keys and sentences, the lexicon names found in it, and the
// mentions proposed so far. The annotate pipeline fills it; a test can
// build one with NewDoc.
type Doc struct {
	Text string
	Toks []token.Token
	// keys holds every token's folded key, back to back; keyEnd[i] is
	// where token i's key ends.
	keys   string
	keyEnd []int32
	// Sent gives each token's sentence; SentStart and SentEnd the token
	// range of each sentence.
	Sent      []int32
	SentStart []int32
	SentEnd   []int32
	// Lex lists the lexicon names starting at each token.
	Lex [][]LexSpan
	// Ments lists the mentions proposed so far starting at each token.
	Ments [][]MentionSpan
	// POS returns the part-of-speech tag of token i (Penn Treebank), or
	// "" when unknown; the pipeline computes it lazily, per sentence,
	// because tagging is slow. Nil means no tagger.
	POS func(i int) string
}

// LexSpan is a lexicon name found at a token.
type LexSpan struct {
	End   int // token index, exclusive
	Entry *lexicon.Entry
	Form  lexicon.Form
}

// MentionSpan is a mention proposed at a token.
type MentionSpan struct {
	End    int
	Label  string
	Entity string
}

// SetKeys records the folded key of every token. keys is the keys
// concatenated and ends[i] where token i's key ends in it.
func (d *Doc) SetKeys(keys string, ends []int32) { d.keys, d.keyEnd = keys, ends }

// Key returns token i's folded key.
func (d *Doc) Key(i int) string {
	start := int32(0)
	if i > 0 {
		start = d.keyEnd[i-1]
	}
	return d.keys[start:d.keyEnd[i]]
}

func (d *Doc) sentStart(i int) int { return int(d.SentStart[d.Sent[i]]) }
func (d *Doc) sentEnd(i int) int   { return int(d.SentEnd[d.Sent[i]]) }

func (d *Doc) pos(i int) string {
	if d.POS == nil {
		return ""
	}
	return d.POS(i)
}

// NewDoc builds a Doc for text with the given lexicon (nil: none): it
// tokenizes, folds keys, splits sentences at ".", "!", "?" followed by a
// space, and finds lexicon names. The pipeline builds its Docs itself;
// NewDoc serves tests and `newsann rules test`.
func NewDoc(text string, lex *lexicon.Lexicon, segment func(text string, toks []token.Token) [][2]int) *Doc {
	d := &Doc{Text: text, Toks: token.Tokenize(nil, text)}
	f := token.NewFolder()
	var keys []byte
	d.keyEnd = make([]int32, len(d.Toks))
	for i, t := range d.Toks {
		keys = f.AppendKey(keys, text[t.Start:t.End])
		d.keyEnd[i] = int32(len(keys))
	}
	d.keys = string(keys)
	var sents [][2]int
	if segment != nil {
		sents = segment(text, d.Toks)
	} else if len(d.Toks) > 0 {
		sents = [][2]int{{0, len(d.Toks)}}
	}
	d.Sent = make([]int32, len(d.Toks))
	for si, s := range sents {
		d.SentStart = append(d.SentStart, int32(s[0]))
		d.SentEnd = append(d.SentEnd, int32(s[1]))
		for i := s[0]; i < s[1]; i++ {
			d.Sent[i] = int32(si)
		}
	}
	d.Lex = make([][]LexSpan, len(d.Toks))
	d.Ments = make([][]MentionSpan, len(d.Toks))
	if lex != nil {
		m := lex.Matcher()
		ids := m.Keys(nil, f, text, d.Toks)
		for si := range sents {
			lo, hi := sents[si][0], sents[si][1]
			for _, mt := range m.Match(nil, text, d.Toks[lo:hi], ids[lo:hi]) {
				for _, c := range mt.Candidates {
					d.Lex[lo+mt.Start] = append(d.Lex[lo+mt.Start], LexSpan{End: lo + mt.End, Entry: c.Entry, Form: c.Form})
				}
			}
		}
	}
	return d
}
