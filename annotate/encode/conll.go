package encode

import (
	"bytes"
	"io"
	"strings"
	"unicode"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/token"
)

// conllEncoder writes the CoNLL NER layout: a "-DOCSTART- O" line and a
// blank line before each document, then one token a line with its IOB2
// tag (B- on a mention's first token, I- on the rest, O outside), a space
// between them, and a blank line after each sentence. Tokens are
// newsann's own (package token), sentences the document's; the layout is
// the one CoNLL-2003 readers (spaCy's converter, Hugging Face datasets,
// seqeval) take, with the token and the tag as its only columns.
type conllEncoder struct {
	w    io.Writer
	toks []token.Token
}

func newCoNLL(w io.Writer, _ Options) (Encoder, error) { return &conllEncoder{w: w}, nil }

const conllDocStart = "-DOCSTART- O\n\n"

func (e *conllEncoder) Encode(d *annotate.Document) error {
	v, err := newView(d, "conll")
	if err != nil {
		return err
	}
	e.toks = token.Tokenize(e.toks[:0], v.text)
	inline, _ := v.nonOverlapping()

	var b bytes.Buffer
	b.WriteString(conllDocStart)
	sent, mi := 0, 0 // the current sentence and the next inline mention
	inMention := -1  // the mention the previous token was in
	wrote := false   // whether the current sentence has a line yet
	for _, t := range e.toks {
		// A new sentence starts at the first token at or after its start.
		for sent+1 < len(v.sentences) && t.Start >= v.sentences[sent+1].Start {
			sent++
			if wrote {
				b.WriteByte('\n')
				wrote = false
			}
		}
		for mi < len(inline) && v.mentions[inline[mi]].End <= t.Start {
			mi++
		}
		tag := "O"
		if mi < len(inline) {
			if m := inline[mi]; v.mentions[m].Start < t.End {
				label := d.Mentions[m].Label
				if inMention == m {
					tag = "I-" + label
				} else {
					tag = "B-" + label
				}
				inMention = m
			} else {
				inMention = -1
			}
		} else {
			inMention = -1
		}
		b.WriteString(conllToken(t.Text(v.text)))
		b.WriteByte(' ')
		b.WriteString(tag)
		b.WriteByte('\n')
		wrote = true
	}
	if wrote {
		b.WriteByte('\n')
	}
	_, err = e.w.Write(b.Bytes())
	return err
}

// conllToken keeps a token one column wide: any white space inside it
// (a no-break space in "10 000") becomes '_'.
func conllToken(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return '_'
		}
		return r
	}, s)
}

// EncodeError writes an empty document, so that the output keeps one
// -DOCSTART- per input in input order; the error is on standard error.
func (e *conllEncoder) EncodeError(string, error) error {
	_, err := io.WriteString(e.w, conllDocStart)
	return err
}

func (e *conllEncoder) Close() error { return nil }
