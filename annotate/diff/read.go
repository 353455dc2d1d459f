package diff

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Document is one document of an annotation output, as a JSON tree:
// objects are map[string]any, arrays []any, numbers float64, whatever
// the file's format.
type Document struct {
	ID string
	// Where is the file and line the document starts at.
	Where string
	Tree  map[string]any
}

// ReadFile reads an annotation output; "-" reads standard input.
func ReadFile(path string, stdin io.Reader) ([]Document, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	return Read(path, data)
}

// Read parses an annotation output named name: JSON (one document or an
// array of them), JSONL (a document a line) or YAML (documents separated
// by "---"), as newsann writes them. The format is told by the name's
// extension (.json, .jsonl or .ndjson, .yaml or .yml), else by the
// content. Errors name the file and line.
func Read(name string, data []byte) ([]Document, error) {
	var docs []Document
	var err error
	switch format(name, data) {
	case "jsonl":
		docs, err = readJSONL(name, data)
	case "json":
		docs, err = readJSON(name, data)
	default:
		docs, err = readYAML(name, data)
	}
	if err != nil {
		return nil, err
	}
	for i, d := range docs {
		id, err := docID(d.Tree)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Where, err)
		}
		docs[i].ID = id
	}
	return docs, nil
}

// format tells the format of a file by its extension or, for other names
// and standard input, by its first bytes: "[" is JSON, "{" is JSONL when
// the first line is a whole JSON value and JSON otherwise, anything else
// YAML.
func format(name string, data []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".json":
		return "json"
	case ".yaml", ".yml":
		return "yaml"
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("[")):
		return "json"
	case bytes.HasPrefix(trimmed, []byte("{")):
		first, _, _ := bytes.Cut(trimmed, []byte("\n"))
		if json.Valid(first) {
			return "jsonl"
		}
		return "json"
	}
	return "yaml"
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

func readJSONL(name string, data []byte) ([]Document, error) {
	var docs []Document
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n+1)
		var v any
		if err := json.Unmarshal(line, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", where, jsonError(err))
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: not a JSON object", where)
		}
		docs = append(docs, Document{Where: where, Tree: obj})
	}
	return docs, nil
}

func readJSON(name string, data []byte) ([]Document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var docs []Document
	for {
		// The value starts after the white space the decoder skips.
		start := dec.InputOffset()
		start += int64(len(data[start:]) - len(bytes.TrimLeft(data[start:], " \t\r\n")))
		var v any
		err := dec.Decode(&v)
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			off := dec.InputOffset()
			var se *json.SyntaxError
			if errors.As(err, &se) {
				off = se.Offset
			}
			return nil, fmt.Errorf("%s:%d: %w", name, lineAt(data, off), jsonError(err))
		}
		where := fmt.Sprintf("%s:%d", name, lineAt(data, start))
		switch v := v.(type) {
		case map[string]any:
			docs = append(docs, Document{Where: where, Tree: v})
		case []any:
			for i, e := range v {
				obj, ok := e.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("%s: element %d is not a JSON object", where, i)
				}
				docs = append(docs, Document{Where: fmt.Sprintf("%s[%d]", where, i), Tree: obj})
			}
		default:
			return nil, fmt.Errorf("%s: not a JSON object or array", where)
		}
	}
}

// jsonError drops encoding/json's "json: " prefix and Go type names.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("unexpected %s", te.Value)
	}
	return errors.New(strings.TrimPrefix(err.Error(), "json: "))
}

func readYAML(name string, data []byte) ([]Document, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []Document
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, yamlError(name, err)
		}
		root := &n
		if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
			root = root.Content[0]
		}
		where := fmt.Sprintf("%s:%d", name, root.Line)
		v, err := fromYAML(name, root)
		if err != nil {
			return nil, err
		}
		switch v := v.(type) {
		case map[string]any:
			docs = append(docs, Document{Where: where, Tree: v})
		case []any:
			for i, e := range v {
				obj, ok := e.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("%s:%d: element %d is not a mapping", name, root.Content[i].Line, i)
				}
				docs = append(docs, Document{Where: fmt.Sprintf("%s:%d", name, root.Content[i].Line), Tree: obj})
			}
		case nil:
			// An empty document ("---" at the end of a stream).
		default:
			return nil, fmt.Errorf("%s: not a mapping or a list", where)
		}
	}
}

// yamlError turns yaml.v3's "yaml: line 3: ..." into "NAME:3: ...".
func yamlError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		return fmt.Errorf("%s:%s", name, rest)
	}
	return fmt.Errorf("%s: %s", name, msg)
}

// fromYAML converts a YAML node to the JSON tree encoding/json would
// decode from the same document: timestamps stay strings, numbers become
// float64. Aliases are refused: an output of newsann has none, and
// expanding them could make a small file huge.
func fromYAML(name string, n *yaml.Node) (any, error) {
	where := func() string { return fmt.Sprintf("%s:%d:%d", name, n.Line, n.Column) }
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return fromYAML(name, n.Content[0])
	case yaml.AliasNode:
		return nil, fmt.Errorf("%s: YAML aliases are not supported", where())
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s:%d:%d: a mapping key must be a scalar", name, k.Line, k.Column)
			}
			if k.Value == "<<" {
				return nil, fmt.Errorf("%s:%d:%d: YAML merge keys are not supported", name, k.Line, k.Column)
			}
			val, err := fromYAML(name, v)
			if err != nil {
				return nil, err
			}
			m[k.Value] = val
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			v, err := fromYAML(name, c)
			if err != nil {
				return nil, err
			}
			s[i] = v
		}
		return s, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, yamlError(where(), err)
			}
			return b, nil
		case "!!int", "!!float":
			var f float64
			if err := n.Decode(&f); err != nil {
				return nil, yamlError(where(), err)
			}
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, fmt.Errorf("%s: %s is not a number JSON can hold", where(), n.Value)
			}
			return f, nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("%s: unexpected YAML node", where())
}

// docID returns a document's id; a number is written as JSON writes it.
func docID(tree map[string]any) (string, error) {
	switch id := tree["id"].(type) {
	case string:
		return id, nil
	case float64:
		return strconv.FormatFloat(id, 'f', -1, 64), nil
	case nil:
		return "", errors.New(`document has no "id"`)
	}
	return "", fmt.Errorf(`document "id" is not a string or a number`)
}
