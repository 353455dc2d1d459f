package annotate

import (
	"context"
	"testing"
)

// TestDefaultRules runs every default rule's examples and counter-examples.
func TestDefaultRules(t *testing.T) {
	a := embeddedAnnotator(t, Options{})
	fails, n, err := a.TestRules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fails {
		t.Error(f)
	}
	if n == 0 {
		t.Fatal("no examples checked")
	}
	t.Logf("%d examples and counter-examples checked", n)
}
