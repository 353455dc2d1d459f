package encode

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppendIndented holds appendIndented to json.Indent on every valid
// JSON value: the same bytes, appended after what dst held.
func FuzzAppendIndented(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","mentions":[{"start":0,"end":4,"text":"Iran"}],"entities":[],"extra":{}}`,
		`{"a": [1, 2 ,{ } ,[ ]], "b" : "x\"y\\z", "c":null}`,
		`["\u00e9", "tab\tin", true, false, -1.5e3]`,
		"\n {\"k\":\r\n\t[ ]}",
		`"just a string"`,
		`42`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !json.Valid(src) {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, src, "", "  "); err != nil {
			t.Fatal(err)
		}
		got, err := appendIndented([]byte("head"), src, "  ")
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if string(got) != "head"+string(bytes.TrimRight(want.Bytes(), " \t\r\n")) {
			t.Fatalf("%q:\n got %q\nwant %q", src, got[4:], want.Bytes())
		}
	})
}

// TestIndentJSONInPlace checks indentJSON's layout replaces the compact
// value in the buffer and leaves what comes before it, and that a value
// left open is an error, not a silent layout.
func TestIndentJSONInPlace(t *testing.T) {
	b := append([]byte("prefix|"), `{"a":[1,{}],"b":"{[,:]}"}`...)
	got, err := indentJSON(b, len("prefix|"), "\t")
	if err != nil {
		t.Fatal(err)
	}
	want := "prefix|{\n\t\"a\": [\n\t\t1,\n\t\t{}\n\t],\n\t\"b\": \"{[,:]}\"\n}"
	if string(got) != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	for _, bad := range []string{`{"a":[1}`, `{"a":1}}`, `{"a":"x`, `{"a":"x\`} {
		if _, err := indentJSON([]byte(bad), 0, "  "); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
