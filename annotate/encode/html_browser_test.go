package encode

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/lexicon"
)

// chromium returns the path of a headless-capable Chromium, or skips the
// test. CI installs Debian's package (.ci/run).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH (apt-get install chromium)")
	return ""
}

// runChromium runs a headless Chromium with flags that keep it off the
// network and out of the user's profile, and returns its standard output.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	// A safety net for a browser that hangs, not a measurement.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

// articlePage annotates a test article with the embedded gazetteer, adds
// a relation, an event and a finding by hand (stages that fill them come
// later), and writes the HTML page to a file.
func articlePage(t *testing.T) (path string, d *annotate.Document) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "..", "testdata", "articles", "araghchi-fidan-call.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := annotate.New(lex, annotate.Options{IncludeText: true, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	d, err = a.Annotate(context.Background(), annotate.Input{ID: "araghchi-fidan-call.txt", Text: string(text)})
	if err != nil {
		t.Fatal(err)
	}
	s := string(text)
	d.Relations = []annotate.Relation{{Type: "holds_role", Subject: "abbas-araghchi", Object: "IRN", Title: "foreign-minister",
		Evidence: cpSpan(t, s, "Iranian Foreign Minister Abbas Araghchi", 0), Source: "rule:role.demonym-title"}}
	d.Events = []annotate.Event{{Type: "contact", Mode: "telephone", CAMEO: "041", SourceActor: "abbas-araghchi", TargetActor: "hakan-fidan",
		Trigger: cpSpan(t, s, "spoke by telephone", 0), Evidence: cpSpan(t, s, "Abbas Araghchi spoke by telephone on Thursday with his Turkish counterpart, Hakan Fidan", 0),
		Source: "rule:event.contact"}}
	f := cpSpan(t, s, "Turkish President Recep Tayyip Erdogan", 0)
	d.Findings = []annotate.Finding{{Check: "title-check", Severity: "info", Start: f.Start, End: f.End, Line: 11, Column: 1,
		Message: "Recep Tayyip Erdogan is President of Türkiye on the document date"}}

	var b bytes.Buffer
	enc, _ := New("html", &b, Options{})
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, d
}

// TestHTMLInChromium renders the page of a test article in headless
// Chromium: the screenshot must show the text with the labels' colours,
// and the rendered DOM must hold every mention as a mark of its label, the
// legend, the lists, and the evidence highlighted by the page's script
// when the address names a relation.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	page, d := articlePage(t)
	url := "file://" + page

	shot := filepath.Join(t.TempDir(), "shot.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1200,900", url)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 900 {
		t.Errorf("screenshot is %v, want 1200×900", b)
	}
	colours, nonWhite := pixelStats(img)
	if total := img.Bounds().Dx() * img.Bounds().Dy(); nonWhite < total/50 || len(colours) < 50 {
		t.Errorf("screenshot looks blank: %d of %d pixels not white, %d colours", nonWhite, total, len(colours))
	}
	// The first screen holds the headline and first paragraphs: their
	// countries, people and titles must show in their colours.
	for _, label := range []string{"COUNTRY", "PERSON", "TITLE", "NATIONALITY"} {
		if !hasColour(colours, styleOf(label).bg) {
			t.Errorf("too few pixels of %s's colour %s in the screenshot", label, styleOf(label).bg)
		}
	}

	// #d0-r0 names the relation: the script highlights its evidence.
	dom := string(runChromium(t, bin, "--dump-dom", url+"#d0-r0"))
	for _, label := range labelsOf(d) {
		want := strings.Count(dom, `<mark class="m `+labelClass(label)+`"`)
		if n := countLabel(d, label); want != n {
			t.Errorf("%d %s marks in the DOM, want %d", want, label, n)
		}
		if !strings.Contains(dom, `<li class="key `+labelClass(label)+`"><span class="sw"></span>`+label) {
			t.Errorf("legend has no %s", label)
		}
	}
	for _, want := range []string{`<section class="relations">`, `<section class="events">`, `<section class="findings">`,
		`<section class="entities">`, `class="card" role="tooltip"`, `class="f-info"`, `class="trig"`} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %s", want)
		}
	}
	hl := regexp.MustCompile(`data-s="[^"]*\bd0-r0\b[^"]*" class="hl"|class="[^"]*\bhl\b[^"]*" data-s="[^"]*\bd0-r0\b`)
	if n := len(hl.FindAllString(dom, -1)); n < 3 {
		t.Errorf("%d pieces of the evidence of #d0-r0 highlighted in the rendered DOM, want 3 or more", n)
	}
}

func labelsOf(d *annotate.Document) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range d.Mentions {
		if !seen[m.Label] {
			seen[m.Label] = true
			out = append(out, m.Label)
		}
	}
	return out
}

func countLabel(d *annotate.Document, label string) int {
	n := 0
	for _, m := range d.Mentions {
		if m.Label == label {
			n++
		}
	}
	return n
}

// pixelStats counts the distinct colours of an image and its pixels that
// are not white.
func pixelStats(img image.Image) (map[color.RGBA]int, int) {
	colours := map[color.RGBA]int{}
	nonWhite := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			colours[c]++
			if c.R < 250 || c.G < 250 || c.B < 250 {
				nonWhite++
			}
		}
	}
	return colours, nonWhite
}

// hasColour reports whether the image has a thousand pixels or more
// within a few levels of the CSS colour hex: the highlighted words of a
// label, not only its swatch in the legend (some 200 pixels).
func hasColour(colours map[color.RGBA]int, hex string) bool {
	var r, g, b uint8
	for i, p := range []*uint8{&r, &g, &b} {
		var v uint8
		for _, c := range hex[1+2*i : 3+2*i] {
			v *= 16
			switch {
			case c >= '0' && c <= '9':
				v += uint8(c - '0')
			default:
				v += uint8(c-'a') + 10
			}
		}
		*p = v
	}
	near := func(a, b uint8) bool { return int(a)+3 >= int(b) && int(b)+3 >= int(a) }
	n := 0
	for c, count := range colours {
		if near(c.R, r) && near(c.G, g) && near(c.B, b) {
			n += count
		}
	}
	return n >= 1000
}
