package corpus

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/html")

// TestExtractHTMLGolden: the article text of each page in testdata/html
// is the text in the .txt file beside it (go test -run ExtractHTMLGolden
// -update rewrites them; review the diff).
func TestExtractHTMLGolden(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	if len(pages) == 0 {
		t.Fatal("no pages in testdata/html")
	}
	for _, p := range pages {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got, note := ExtractHTML(b)
			if note != "" {
				t.Errorf("note %q", note)
			}
			golden := strings.TrimSuffix(p, ".html") + ".txt"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("extracted text (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExtractHTMLChoices: which part of a page is the article, and what
// is left out.
func TestExtractHTMLChoices(t *testing.T) {
	tests := []struct{ name, page, want string }{
		{"the largest of several articles",
			"<article><p>Short teaser.</p></article><article><h1>Main</h1><p>The long story about Iran and Turkey.</p></article>",
			"Main\n\nThe long story about Iran and Turkey."},
		{"main without article",
			"<title>T</title><nav><p>Menu</p></nav><main><p>Body text.</p></main>",
			"T\n\nBody text."},
		{"role=main",
			"<div role=main><p>Inside.</p></div><div><p>Outside, and longer than the text inside.</p></div>",
			"Inside."},
		{"the title is not repeated",
			"<title>Iran talks - Example</title><article><h1>Iran talks</h1><p>Text.</p></article>",
			"Iran talks\n\nText."},
		{"hidden and aria-hidden",
			"<article><p hidden>Hidden.</p><p aria-hidden=true>Also hidden.</p><p>Shown.</p></article>",
			"Shown."},
		{"a page header outside the article is furniture, one inside is the headline",
			"<header><p>Site name</p></header><article><header><h1>Headline</h1></header><p>Story.</p></article>",
			"Headline\n\nStory."},
		{"class words, not substrings",
			"<article><p class=\"lead\">Lead paragraph.</p><p class=\"ad-slot\">Buy!</p><p class=\"shadow\">Shadowed.</p></article>",
			"Lead paragraph.\n\nShadowed."},
		{"no body text at all", "<title>Only a title</title>", "Only a title"},
		{"nothing", "", ""},
		{"not HTML at all", "Iran and Turkey met.", "Iran and Turkey met."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := ExtractHTML([]byte(tt.page)); got != tt.want {
				t.Errorf("ExtractHTML = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestReaderHTML: a .html file is a page in auto mode, --input html reads
// any file as one, and the item's text is the extracted article text.
func TestReaderHTML(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"page.html": "<title>T</title><p>Iran &amp; Turkey</p>",
		"page.HTM":  "<p>Chad</p>",
		"page.txt":  "<p>Kept as text</p>",
	})
	var got []string
	for it := range (&Reader{}).Items([]string{filepath.Join(dir, "page.html"), filepath.Join(dir, "page.HTM"), filepath.Join(dir, "page.txt")}) {
		got = append(got, it.Input.Text)
	}
	want := []string{"T\n\nIran & Turkey", "Chad", "<p>Kept as text</p>"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	got = nil
	for it := range (&Reader{Mode: HTML, Stdin: strings.NewReader("<p>From <b>standard</b> input</p>")}).Items(nil) {
		got = append(got, it.Input.Text)
	}
	if diff := cmp.Diff([]string{"From standard input"}, got); diff != "" {
		t.Errorf("standard input as HTML (-want +got):\n%s", diff)
	}
}

// TestExtractHTMLDeep: pages nested deeply, or with many elements, are
// read without a stack overflow.
func TestExtractHTMLDeep(t *testing.T) {
	page := "<title>T</title><script>x</script>" + strings.Repeat("<div>", 100000) + "<p>Iran</p><p>and <b>Turkey</b></p><nav>Menu</nav>" + strings.Repeat("</div>", 100000)
	got, note := ExtractHTML([]byte(page))
	if got != "T\n\nIran\n\nand Turkey" || note != "html: open stack of elements exceeds 512 nodes; read without its structure" {
		t.Errorf("deep page: %.100q, note %q", got, note)
	}
	page = strings.Repeat("<b><i>", 20000) + "Turkey"
	if got, _ := ExtractHTML([]byte(page)); got != "Turkey" {
		t.Errorf("misnested page: %.100q", got)
	}
}

// FuzzHTML: any bytes give text without a panic: valid UTF-8 when the
// page is, paragraphs separated by exactly one blank line, none blank or
// with white space at its ends, and the same text every time.
func FuzzHTML(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<pre>\n\n  a\n\n</pre><p> </p><br><br><td>x</td>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		got, _ := ExtractHTML(page)
		if utf8.Valid(page) && !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 from a valid page: %q", got)
		}
		if got == "" {
			return
		}
		for _, p := range strings.Split(got, "\n\n") {
			if p == "" || strings.TrimSpace(p) != p {
				t.Fatalf("paragraph %q blank or with white space at its ends in %q", p, got)
			}
		}
		if again, _ := ExtractHTML(page); again != got {
			t.Fatalf("second extraction differs: %q, then %q", got, again)
		}
	})
}
