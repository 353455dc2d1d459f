package corpus

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// recordLines are JSON lines of every shape a record may take, valid or
// not.
var recordLines = []string{
	`{"id":"a","text":"Iran","date":"2025-11-14"}`,
	` { "id" : 7 , "text" : "say \"hi\"\n\u00e9\ud83d\ude00" , "x" : [ 1 , -2.5e+3 , true , false , null , { } , [ ] ] } `,
	`{"meta":{"title":"T","url":"https://x/y?a=1&b=<2>","n":[0,0.5,1E9,-0]},"text":"t","entities":[]}`,
	`{"text":"a","text":"b"}`,
	`{"\u0069d":"escaped key","text":"x"}`,
	`{}`,
	"{\"text\":\"tab\tinside\"}",
	"{\"text\":\"bad \xff byte\"}",
	"{\"k\xff\":1,\"text\":\"x\"}",
	`{"text":"lone \ud800"}`,
	`{"\ud800":1,"text":"x"}`,
	`{"text":"x",}`,
	`{"text":"x"`,
	`{"text":"x"} {}`,
	`{"text":01}`,
	`{"text":1.}`,
	`{"text":.5}`,
	`{"text":-}`,
	`{"text":1e}`,
	`{"text":tru}`,
	`{"text":"\x"}`,
	`{"text":"\u12"}`,
	`{text:"x"}`,
	`["text","x"]`,
	`null`,
	`"text"`,
	``,
	`{"a":[1,2,]}`,
	`{"a":{"b":1,}}`,
	`{"a":[` + strings.Repeat("[", 1200) + strings.Repeat("]", 1200) + `]}`,
}

// TestRecordFields: every line of valid UTF-8 the one-pass reader
// accepts, encoding/json accepts with the same fields, and it accepts the
// valid records of the list (those it reads as encoding/json does). A
// line it declines gives no fields.
func TestRecordFields(t *testing.T) {
	accepted := 0
	for _, line := range recordLines {
		if !utf8.ValidString(line) {
			continue // DecodeRecord replaces bad bytes before it reads fields
		}
		got, ok := recordFields([]byte(line), func(string) bool { return true })
		var want map[string]json.RawMessage
		err := json.Unmarshal([]byte(line), &want)
		if !ok && got != nil {
			t.Errorf("%.60q: declined, yet %d fields given", line, len(got))
		}
		if ok {
			accepted++
			if err != nil {
				t.Errorf("%.60q: read, but encoding/json says %v", line, err)
			} else if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%.60q: fields differ (-encoding/json +recordFields):\n%s", line, diff)
			}
		}
	}
	if accepted != 7 {
		t.Errorf("%d lines read in one pass, want the 7 valid ones but those with a lone surrogate in a key or deep nesting", accepted)
	}
}

// TestRecordFieldsCopies: the values of the fields kept do not share the
// line's bytes (the reader reuses its line buffer), the others may.
func TestRecordFieldsCopies(t *testing.T) {
	line := []byte(`{"id":"a","text":"Iran","meta":{"k":"v"}}`)
	fields, ok := recordFields(line, carried)
	if !ok {
		t.Fatal("not read")
	}
	for i := range line {
		line[i] = 'x'
	}
	if got := string(fields["meta"]); got != `{"k":"v"}` {
		t.Errorf("meta = %s after the line was overwritten", got)
	}
}

// FuzzRecordFields: the one-pass reader never accepts a line of valid
// UTF-8 that encoding/json refuses, and reads what it accepts into the
// same fields.
func FuzzRecordFields(f *testing.F) {
	for _, l := range recordLines {
		f.Add([]byte(l))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) {
			return // DecodeRecord replaces bad bytes before it reads fields
		}
		got, ok := recordFields(b, func(string) bool { return false })
		if !ok {
			return
		}
		var want map[string]json.RawMessage
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("%q: read, but encoding/json says %v", b, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q: fields differ (-encoding/json +recordFields):\n%s", b, diff)
		}
	})
}
