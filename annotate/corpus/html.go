package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ExtractHTML returns the article text of a saved web page: its <title>,
// then the text of its main <article> (the one with the most text when
// there are several), else of its <main>, else of the element whose
// paragraphs hold the most text, else of <body>. Scripts, styles,
// navigation, page headers and footers, asides, forms, figures, hidden
// elements and elements whose class or id names boilerplate (share,
// related, newsletter, cookie, …; see boilerplateWords) are left out.
// Each block (paragraph, heading, list item, table row) becomes a
// paragraph, separated from the next by a blank line; white space inside
// a block is collapsed to single spaces, except in <pre>. The title is
// left out when the article's first paragraph already says it.
//
// The page's character set is taken from its byte-order mark or <meta>
// tag (windows-1252 and the like are converted to UTF-8). Offsets in the
// annotation of a page refer to this extracted text, not to the HTML.
// Any input gives a text. A page the HTML parser refuses (elements nested
// more than 512 deep) is read flat instead, token by token: all its text
// outside skipped elements, in blocks; note then says so, for a warning.
func ExtractHTML(page []byte) (text, note string) {
	if enc, name, _ := charset.DetermineEncoding(page, ""); name != "utf-8" {
		if b, err := enc.NewDecoder().Bytes(page); err == nil {
			page = b
		}
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return flatText(page), fmt.Sprintf("%v; read without its structure", err)
	}
	var title string
	if head := find(doc, atom.Head); head != nil {
		title = collapse(textOf(find(head, atom.Title)))
	}
	var paras []string
	if main := mainElement(doc); main != nil {
		paras = paragraphs(main)
	}
	if title != "" && (len(paras) == 0 || !saysTitle(paras[0], title)) {
		paras = append([]string{title}, paras...)
	}
	return strings.Join(paras, "\n\n"), ""
}

// saysTitle reports whether a first paragraph already says the title:
// it is the title, or the title is it with the site's name before or
// after ("Headline - Example Wire").
func saysTitle(first, title string) bool {
	if first == title {
		return true
	}
	return 2*len(first) >= len(title) && (strings.HasPrefix(title, first) || strings.HasSuffix(title, first))
}

// flatText reads a page token by token, without building its tree: the
// text outside skipped elements, a paragraph per block.
func flatText(page []byte) string {
	z := html.NewTokenizer(bytes.NewReader(page))
	var paras []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	skip := 0 // depth inside skipped elements
	var title strings.Builder
	inTitle := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		a := tok.DataAtom
		switch tt {
		case html.TextToken:
			if inTitle {
				title.WriteString(tok.Data)
			} else if skip == 0 {
				appendCollapsed(&cur, tok.Data)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch {
			case a == atom.Br:
				cur.WriteByte(' ')
			case a == atom.Title && tt == html.StartTagToken:
				inTitle = true
			case skipped[a] || a == atom.Header || a == atom.Footer:
				if tt == html.StartTagToken {
					skip++
				}
			case blocks[a]:
				flush()
			}
		case html.EndTagToken:
			switch {
			case a == atom.Title:
				inTitle = false
			case skipped[a] || a == atom.Header || a == atom.Footer:
				skip = max(0, skip-1)
			case blocks[a]:
				flush()
			}
		}
	}
	flush()
	if t := collapse(title.String()); t != "" && (len(paras) == 0 || !saysTitle(paras[0], t)) {
		paras = append([]string{t}, paras...)
	}
	return strings.Join(paras, "\n\n")
}

// skipped are the elements whose text is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Aside: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Label: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Figure: true,
	atom.Dialog: true, atom.Menu: true, atom.Head: true, atom.Title: true,
}

// blocks are the elements that start a paragraph of their own.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Header: true, atom.Footer: true, atom.Address: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true,
	atom.Caption: true, atom.Hr: true, atom.Details: true, atom.Summary: true,
	atom.Figcaption: true, atom.Hgroup: true, atom.Center: true,
}

// boilerplateWords mark, as a word of an element's class or id, page
// furniture around an article.
var boilerplateWords = map[string]bool{
	"ad": true, "ads": true, "advert": true, "advertisement": true, "banner": true,
	"breadcrumb": true, "breadcrumbs": true, "comment": true, "comments": true,
	"consent": true, "cookie": true, "cookies": true, "footer": true, "masthead": true,
	"menu": true, "modal": true, "nav": true, "navbar": true, "navigation": true,
	"newsletter": true, "outbrain": true, "paywall": true, "popup": true, "promo": true,
	"recommended": true, "related": true, "share": true, "sharing": true,
	"sidebar": true, "social": true, "sponsored": true, "subscribe": true,
	"subscription": true, "taboola": true, "toolbar": true,
}

// roles are the ARIA landmark roles of page furniture.
var boilerplateRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "dialog": true, "alert": true, "menu": true, "menubar": true,
}

// isSkipped reports whether element n holds no article text. A <header>
// or <footer> is the page's furniture unless it is inside an <article>,
// where it holds the article's headline and byline.
func isSkipped(n *html.Node, inArticle bool) bool {
	if skipped[n.DataAtom] {
		return true
	}
	if (n.DataAtom == atom.Header || n.DataAtom == atom.Footer) && !inArticle {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "role":
			if boilerplateRoles[strings.ToLower(a.Val)] {
				return true
			}
		case "class", "id":
			for _, w := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			}) {
				if boilerplateWords[w] {
					return true
				}
			}
		}
	}
	return false
}

// find returns the first element a in document order, or nil.
func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

// textOf returns all the text under n, skipped elements included (for
// the title).
func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// mainElement chooses the element that holds the article.
func mainElement(doc *html.Node) *html.Node {
	var articles, mains []*html.Node
	// A paragraph's text counts for its parent, and half of it for its
	// grandparent, so that text spread over sibling blocks is not left
	// for the one block that holds the most.
	var parents []*html.Node      // of paragraphs, in document order
	score := map[*html.Node]int{} // paragraph text by parent
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			if isSkipped(n, inArticle) {
				return
			}
			switch n.DataAtom {
			case atom.Article:
				articles = append(articles, n)
				inArticle = true
			case atom.Main:
				mains = append(mains, n)
			case atom.P:
				l := len(strings.Join(paragraphs(n), " "))
				for up, w := n.Parent, 2; up != nil && w > 0; up, w = up.Parent, w-1 {
					if _, ok := score[up]; !ok {
						parents = append(parents, up)
					}
					score[up] += l * w
				}
			}
			for _, a := range n.Attr {
				if a.Key == "role" && a.Val == "main" {
					mains = append(mains, n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(doc, false)
	if best := largest(articles); best != nil {
		return best
	}
	if best := largest(mains); best != nil {
		return best
	}
	var best *html.Node
	for _, n := range parents {
		if best == nil || score[n] > score[best] {
			best = n
		}
	}
	if best != nil {
		return best
	}
	return find(doc, atom.Body)
}

// largest returns the element of ns with the most article text, the
// first of equals.
func largest(ns []*html.Node) *html.Node {
	var best *html.Node
	bestLen := -1
	for _, n := range ns {
		if l := len(strings.Join(paragraphs(n), "")); l > bestLen {
			best, bestLen = n, l
		}
	}
	return best
}

// paragraphs returns the text of n's blocks, one string each, white space
// collapsed.
func paragraphs(n *html.Node) []string {
	var paras []string
	var cur strings.Builder
	pre := 0
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		switch n.Type {
		case html.TextNode:
			if pre > 0 {
				cur.WriteString(n.Data)
			} else {
				appendCollapsed(&cur, n.Data)
			}
			return
		case html.ElementNode:
			if isSkipped(n, inArticle) {
				return
			}
			if n.DataAtom == atom.Article {
				inArticle = true
			}
			switch {
			case n.DataAtom == atom.Br:
				cur.WriteByte('\n')
				return
			case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
				cur.WriteByte(' ')
			case blocks[n.DataAtom]:
				flush()
				if n.DataAtom == atom.Pre {
					pre++
					defer func() { pre-- }()
				}
				defer flush()
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(n, n.DataAtom == atom.Article)
	flush()
	// A paragraph's lines (from <br> or <pre>) are kept, but trimmed, and
	// blank lines inside it are dropped: a blank line is a paragraph break.
	for i, p := range paras {
		lines := strings.Split(p, "\n")
		kept := lines[:0]
		for _, l := range lines {
			if l = strings.TrimSpace(l); l != "" {
				kept = append(kept, l)
			}
		}
		paras[i] = strings.Join(kept, "\n")
	}
	return paras
}

// appendCollapsed appends s with each run of white space made one space,
// and no space after a space already written.
func appendCollapsed(b *strings.Builder, s string) {
	space := b.Len() == 0 || endsInSpace(b.String())
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
}

func endsInSpace(s string) bool {
	return s[len(s)-1] == ' ' || s[len(s)-1] == '\n'
}

// collapse makes each run of white space in s one space and trims it.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
