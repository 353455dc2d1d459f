package corpus

import (
	"strings"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, text  string
		front, body string
		lines       int
	}{
		{"YAML", "---\ntitle: Iran talks\ndate: 2025-11-14\n---\nIran said.\n", "title: Iran talks\ndate: 2025-11-14\n", "Iran said.\n", 4},
		{"closed by dots", "---\na: 1\n...\nBody", "a: 1\n", "Body", 3},
		{"TOML", "+++\ntitle = \"x\"\n+++\n\nBody", "title = \"x\"\n", "\nBody", 3},
		{"CRLF", "---\r\na: 1\r\n---\r\nBody\r\n", "a: 1\r\n", "Body\r\n", 3},
		{"empty front matter", "---\n---\nBody", "", "Body", 2},
		{"closing fence at the end", "---\na: 1\n---", "a: 1\n", "", 3},
		{"not closed", "---\na: 1\nBody without a fence\n", "", "---\na: 1\nBody without a fence\n", 0},
		{"a rule, not a fence", "--- \nBody\n---\n", "", "--- \nBody\n---\n", 0},
		{"not at the start", "\n---\na: 1\n---\n", "", "\n---\na: 1\n---\n", 0},
		{"no front matter", "Iran said.", "", "Iran said.", 0},
		{"empty", "", "", "", 0},
		{"closed too far down", "---\n" + strings.Repeat("a: 1\n", 20000) + "---\nBody", "", "---\n" + strings.Repeat("a: 1\n", 20000) + "---\nBody", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, lines := SplitFrontMatter(tt.text)
			if front != tt.front || body != tt.body || lines != tt.lines {
				t.Errorf("SplitFrontMatter = %.60q, %.60q, %d; want %.60q, %.60q, %d", front, body, lines, tt.front, tt.body, tt.lines)
			}
			if lines > 0 && strings.Count(tt.text[:len(tt.text)-len(body)], "\n") != lines && body != "" {
				t.Errorf("%d lines, but the body starts after %d line ends", lines, strings.Count(tt.text[:len(tt.text)-len(body)], "\n"))
			}
		})
	}
}

// TestReaderMarkdownFrontMatter: a Markdown file is read whole, front
// matter included, so that offsets refer to the file as it is.
func TestReaderMarkdownFrontMatter(t *testing.T) {
	dir := t.TempDir()
	src := "---\ntitle: Iran talks\ntags: [Iran, Turkey]\n---\nIran's foreign minister spoke.\n"
	write(t, dir, map[string]string{"post.md": src})
	got := items(&Reader{}, dir)
	if len(got) != 1 || got[0].Err != nil || got[0].Input.Text != src {
		t.Errorf("items %+v", got)
	}
}
