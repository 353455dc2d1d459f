package lexicon

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// ExportFormats lists the formats Export writes. Each of them reads back
// as a lexicon file with the matching extension (.yaml, .json, .jsonl,
// .csv).
var exportFormats = []string{"yaml", "json", "jsonl", "csv"}

// ExportFormats returns the formats Export writes.
func ExportFormats() []string { return append([]string(nil), exportFormats...) }

// exportDoc is the whole-file shape of the YAML and JSON exports: the
// same shape as a lexicon file, so an export reads back as one.
type exportDoc struct {
	AsOf     string     `json:"as_of,omitempty" yaml:"as_of,omitempty"`
	Entries  []Record   `json:"entries" yaml:"entries"`
	Variants [][]string `json:"variants,omitempty" yaml:"variants,omitempty,flow"`
}

// Export writes the merged entries of l, in load order, in format (one of
// ExportFormats). The output is a lexicon file of that format: exporting
// and loading it again gives the same entries.
func Export(w io.Writer, l *Lexicon, format string) error {
	recs := make([]Record, len(l.entries))
	for i, e := range l.entries {
		recs[i] = RecordOf(e)
	}
	var variants [][]string
	for _, v := range l.variants {
		variants = append(variants, v.Spellings)
	}
	return WriteRecords(w, format, l.AsOf(), variants, recs)
}

// WriteRecords writes records as one lexicon file in format (one of
// ExportFormats), with the file's as_of date (none when zero) and spelling
// variants. Converters (the PETRARCH import) use it to write what they make.
func WriteRecords(w io.Writer, format string, asOf Date, variants [][]string, recs []Record) error {
	doc := exportDoc{AsOf: asOf.String(), Entries: recs, Variants: variants}
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case "yaml":
		enc := yaml.NewEncoder(bw)
		enc.SetIndent(2)
		err = enc.Encode(doc)
		if err == nil {
			err = enc.Close()
		}
	case "json":
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(doc)
	case "jsonl":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		if doc.AsOf != "" || len(doc.Variants) > 0 {
			err = enc.Encode(struct {
				AsOf     string     `json:"as_of,omitempty"`
				Variants [][]string `json:"variants,omitempty"`
			}{doc.AsOf, doc.Variants})
		}
		for i := 0; i < len(doc.Entries) && err == nil; i++ {
			err = enc.Encode(&doc.Entries[i])
		}
	case "csv":
		if doc.AsOf != "" {
			fmt.Fprintf(bw, "%s %s\n", csvAsOf, doc.AsOf)
		}
		for _, v := range doc.Variants {
			fmt.Fprintf(bw, "%s %s\n", csvVariant, strings.Join(v, "|"))
		}
		cw := csv.NewWriter(bw)
		err = cw.Write(CSVColumns)
		for i := 0; i < len(doc.Entries) && err == nil; i++ {
			var cells []string
			if cells, err = csvCells(&doc.Entries[i]); err == nil {
				err = cw.Write(cells)
			}
		}
		if err == nil {
			cw.Flush()
			err = cw.Error()
		}
	default:
		return fmt.Errorf("export: unknown format %q (want yaml, json, jsonl or csv)", format)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	return bw.Flush()
}
