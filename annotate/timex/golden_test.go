package timex

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsann/newsann/annotate/token"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden tags each of our test articles against the date its own
// dateline gives and compares the expressions, one a line, with
// testdata/golden/<article>.txt. Regenerate with -update and review the
// diff.
func TestGolden(t *testing.T) {
	g := mustTagger(t)
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			d, _, ok := g.DocumentDate(text)
			if !ok {
				t.Fatal("no document date")
			}
			var out strings.Builder
			fmt.Fprintf(&out, "# document date %s\n", d)
			for _, e := range g.Tag(text, token.Tokenize(nil, text), nil, d) {
				fmt.Fprintf(&out, "%q\t%s\t%s", text[e.Start:e.End], e.Type, e.Value)
				for _, kv := range [][2]string{{"mod", e.Mod}, {"anchor", e.Anchor}, {"zone", e.Zone}} {
					if kv[1] != "" {
						fmt.Fprintf(&out, "\t%s=%s", kv[0], kv[1])
					}
				}
				if e.Ambiguous {
					out.WriteString("\tambiguous")
				}
				fmt.Fprintf(&out, "\t(%s)\n", e.Rule)
			}
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), out.String()); diff != "" {
				t.Errorf("%s differs (-want +got); rerun with -update and review:\n%s", golden, diff)
			}
		})
	}
}
