package encode

import (
	"hash/fnv"
	"strings"
)

// style is how a label is drawn: a terminal colour (an SGR parameter) and,
// for HTML and brat, a light background with a darker accent.
type style struct {
	ansi   string
	bg, fg string
}

// labelStyles gives each label of docs/output.md its colour, the same in
// every format, so that a reader who learns that countries are blue sees
// them blue on a terminal, in a browser and in brat. Kinds of place share
// blues and greens, people yellow, organizations purple, time green-grey.
var labelStyles = map[string]style{
	"COUNTRY":      {ansi: "34", bg: "#cfe2ff", fg: "#084298"},
	"TERRITORY":    {ansi: "36", bg: "#cff4fc", fg: "#055160"},
	"CITY":         {ansi: "96", bg: "#d2f4ea", fg: "#0d503c"},
	"LOCATION":     {ansi: "32", bg: "#d1e7dd", fg: "#0f5132"},
	"ORGANIZATION": {ansi: "35", bg: "#e2d9f3", fg: "#432874"},
	"PERSON":       {ansi: "33", bg: "#fff3cd", fg: "#664d03"},
	"NATIONALITY":  {ansi: "94", bg: "#dbe4ff", fg: "#364fc7"},
	"TITLE":        {ansi: "31", bg: "#f8d7da", fg: "#842029"},
	"DATE":         {ansi: "92", bg: "#e9f5db", fg: "#3a5a13"},
	"TIME":         {ansi: "92", bg: "#e9f5db", fg: "#3a5a13"},
	"DURATION":     {ansi: "92", bg: "#e9f5db", fg: "#3a5a13"},
	"SET":          {ansi: "92", bg: "#e9f5db", fg: "#3a5a13"},
	"QUANTITY":     {ansi: "90", bg: "#e9ecef", fg: "#343a40"},
	"MONEY":        {ansi: "90", bg: "#fde2c8", fg: "#7a3e00"},
	"EVENT":        {ansi: "91", bg: "#ffd8e8", fg: "#801f4f"},
}

// spareStyles colour labels the table above does not know; a label always
// gets the same one.
var spareStyles = []style{
	{ansi: "95", bg: "#f3d9fa", fg: "#862e9c"},
	{ansi: "93", bg: "#fff9db", fg: "#5c4a00"},
	{ansi: "36", bg: "#c5f6fa", fg: "#0b7285"},
	{ansi: "91", bg: "#ffe3e3", fg: "#a61e1e"},
}

// styleOf returns the style of a label.
func styleOf(label string) style {
	if s, ok := labelStyles[strings.ToUpper(label)]; ok {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(label))
	return spareStyles[h.Sum32()%uint32(len(spareStyles))]
}

// severityANSI colours the severity of a finding on a terminal.
var severityANSI = map[string]string{"error": "1;31", "warning": "1;33", "info": "1;36"}
