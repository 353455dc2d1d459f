package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/newsann/newsann/annotate"
	"github.com/newsann/newsann/annotate/check"
	"github.com/newsann/newsann/annotate/encode"
)

// sarifReporter writes one SARIF 2.1.0 log for the run, as code scanning
// services read it: one run, the checks as the tool's rules (with their
// severity as configured), a result per finding, and a notification per
// input that failed. Columns count code points (columnKind
// unicodeCodePoints), as the findings' do.
type sarifReporter struct {
	w       io.Writer
	opts    Options
	rules   []sarifRule
	ruleIdx map[string]int
	results []sarifResult
	notes   []sarifNotification
}

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name     string      `json:"name"`
	Version  string      `json:"version,omitempty"`
	FullName string      `json:"fullName,omitempty"`
	Rules    []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string      `json:"id"`
	Name                 string      `json:"name"`
	ShortDescription     sarifText   `json:"shortDescription"`
	Help                 sarifText   `json:"help"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifResult struct {
	RuleID     string            `json:"ruleId"`
	RuleIndex  int               `json:"ruleIndex"`
	Level      string            `json:"level"`
	Message    sarifText         `json:"message"`
	Locations  []sarifLocation   `json:"locations"`
	Properties map[string]string `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// sarifLevel maps severities to SARIF levels.
var sarifLevel = map[check.Severity]string{
	check.Error:   "error",
	check.Warning: "warning",
	check.Info:    "note",
	check.Off:     "none",
}

func newSARIF(w io.Writer, opts Options) encode.Encoder {
	r := &sarifReporter{w: w, opts: opts, ruleIdx: map[string]int{}, results: []sarifResult{}}
	for _, c := range check.Checks() {
		sev := opts.severity(c)
		r.ruleIdx[c.ID] = len(r.rules)
		r.rules = append(r.rules, sarifRule{
			ID:                   c.ID,
			Name:                 ruleName(c.ID),
			ShortDescription:     sarifText{Text: c.Summary},
			Help:                 sarifText{Text: c.Summary + " Example: " + c.Example + "."},
			DefaultConfiguration: sarifConfig{Enabled: sev != check.Off, Level: sarifLevel[sev]},
		})
	}
	return r
}

// ruleName writes a check id in the PascalCase SARIF suggests for names.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// artifactURI turns an input's path into a relative URI reference.
func artifactURI(id string) string {
	return (&url.URL{Path: filepath.ToSlash(id)}).String()
}

func (r *sarifReporter) Encode(d *annotate.Document) error {
	for _, f := range d.Findings {
		sev, err := check.ParseSeverity(f.Severity)
		if err != nil {
			sev = check.Info
		}
		res := sarifResult{
			RuleID:    f.Check,
			RuleIndex: r.ruleIdx[f.Check],
			Level:     sarifLevel[sev],
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: artifactURI(d.ID)},
				Region:           &sarifRegion{StartLine: f.Line, StartColumn: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn},
			}}},
		}
		props := map[string]string{}
		for k, v := range map[string]string{"suggestion": f.Suggestion, "entry": f.Entry, "basis": f.Basis} {
			if v != "" {
				props[k] = v
			}
		}
		if len(props) > 0 {
			res.Properties = props
		}
		r.results = append(r.results, res)
	}
	return nil
}

func (r *sarifReporter) EncodeError(id string, err error) error {
	r.notes = append(r.notes, sarifNotification{
		Level:     "error",
		Message:   sarifText{Text: err.Error()},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: artifactURI(id)}}}},
	})
	return nil
}

func (r *sarifReporter) Close() error {
	log := sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:     "newsann",
				FullName: "newsann check: officials' titles and names against the gazetteer's dated offices",
				Version:  r.opts.Version,
				Rules:    r.rules,
			}},
			Invocations: []sarifInvocation{{ExecutionSuccessful: len(r.notes) == 0, ToolExecutionNotifications: r.notes}},
			Results:     r.results,
			ColumnKind:  "unicodeCodePoints",
		}},
	}
	b, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		return err
	}
	_, err = r.w.Write(append(b, '\n'))
	return err
}
