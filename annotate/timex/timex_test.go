package timex

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/annotate/internal/yamlbin"
	"github.com/newsann/newsann/annotate/token"
	"github.com/newsann/newsann/lexicon"
)

func mustTagger(t testing.TB) *Tagger {
	t.Helper()
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// got is the part of an Expr a test case states: the text it covers and
// its type, value, mod and anchor.
type got struct {
	Text, Type, Value, Mod, Anchor string
	Ambiguous                      bool
}

func tag(g *Tagger, text, date string) []got {
	var d lexicon.Date
	if date != "" {
		d = lexicon.MustDate(date)
	}
	var out []got
	for _, e := range g.Tag(text, token.Tokenize(nil, text), nil, d) {
		out = append(out, got{text[e.Start:e.End], e.Type, e.Value, e.Mod, e.Anchor, e.Ambiguous})
	}
	return out
}

// x builds an expected expression; anchor and mod are given where the
// case is about them.
func x(text, typ, value string) got { return got{Text: text, Type: typ, Value: value} }

func (g got) anchored(a string) got { g.Anchor = a; return g }
func (g got) mod(m string) got      { g.Mod = m; return g }

// TestTag runs our own sentences against document dates. Thursday 13
// November 2025 is the usual document date: a Thursday, in ISO week 46.
func TestTag(t *testing.T) {
	g := mustTagger(t)
	const dct = "2025-11-13"
	cases := []struct {
		name, date, text string
		want             []got
		anchors          bool // compare anchors too
	}{
		{"weekday past", dct, "The two ministers spoke by telephone on Tuesday, officials said.",
			[]got{x("Tuesday", Date, "2025-11-11").anchored(AnchorDocument)}, true},
		{"weekday future", dct, "The foreign ministers will meet in Geneva on Monday.",
			[]got{x("Monday", Date, "2025-11-17")}, false},
		{"weekday scheduled present", "2025-11-16", "Ruritania host Borduria in the second leg on Thursday.",
			[]got{x("Thursday", Date, "2025-11-20")}, false},
		{"weekday past before scheduled present", "2025-11-16", "Ruritania, who drew on Wednesday, host Borduria on Thursday.",
			[]got{x("Wednesday", Date, "2025-11-12"), x("Thursday", Date, "2025-11-20")}, false},
		{"a second ordinal", dct, "The striker added a second from the penalty spot and the lead lasted a second or two.",
			[]got{x("a second", Duration, "PT1S")}, false},
		{"quarter point", dct, "The bank cut its rate by a quarter of a percentage point, after a quarter-point cut in June, and left its overnight rate alone overnight.",
			[]got{x("June", Date, "2025-06"), x("overnight", Time, "2025-11-12TNI")}, false},
		{"minutes later", dct, "The second blast came about ten minutes later.",
			[]got{x("about ten minutes", Duration, "PT10M").mod("APPROX")}, false},
		{"weekday is expected to", dct, "The report is expected to be published on Friday.",
			[]got{x("Friday", Date, "2025-11-14")}, false},
		{"weekday same day", dct, "The ministry said on Thursday that talks had resumed.",
			[]got{x("Thursday", Date, "2025-11-13")}, false},
		{"weekday without date", "", "The ministry said on Thursday that talks had resumed.",
			[]got{x("Thursday", Date, "XXXX-WXX-4").anchored("")}, true},
		{"last weekday", dct, "Protesters gathered last Thursday outside the parliament.",
			[]got{x("last Thursday", Date, "2025-11-06")}, false},
		{"next weekday", dct, "Voting opens next Monday.",
			[]got{x("next Monday", Date, "2025-11-17")}, false},
		{"month day no year past", dct, "The ceasefire collapsed on Oct. 3 after a week of shelling.",
			[]got{x("Oct. 3", Date, "2025-10-03").anchored(AnchorDocument), x("a week", Duration, "P1W")}, true},
		{"month day no year future", dct, "The summit will open on Jan. 20 in Davos.",
			[]got{x("Jan. 20", Date, "2026-01-20")}, false},
		{"month day past across the year", "2026-01-08", "Rebels seized the town on Dec. 28.",
			[]got{x("Dec. 28", Date, "2025-12-28")}, false},
		{"month day without date", "", "Rebels seized the town on Dec. 28.",
			[]got{x("Dec. 28", Date, "XXXX-12-28").anchored("")}, true},
		{"full dates", dct, "The treaty signed on 13 November 2025 replaced the accord of Nov. 4, 1995.",
			[]got{x("13 November 2025", Date, "2025-11-13"), x("Nov. 4, 1995", Date, "1995-11-04")}, false},
		{"month year", dct, "Elections were held in November 2024 and again in March 2025.",
			[]got{x("November 2024", Date, "2024-11"), x("March 2025", Date, "2025-03")}, false},
		{"last month", dct, "Inflation rose to 4 percent last month.",
			[]got{x("last month", Date, "2025-10").anchored(AnchorDocument)}, true},
		{"earlier this month", dct, "The army withdrew earlier this month.",
			[]got{x("earlier this month", Date, "2025-11").mod("START")}, false},
		{"mid month", dct, "A new round of talks is planned for mid-December.",
			[]got{x("mid-December", Date, "2025-12").mod("MID")}, false},
		{"durations", dct, "He served two years in prison and a two-year-plus ban followed.",
			[]got{x("two years", Duration, "P2Y"), x("two-year-plus", Duration, "P2Y").mod("MORE_THAN")}, false},
		{"decade", dct, "The conflict dates back to the 1990s.",
			[]got{x("the 1990s", Date, "199")}, false},
		{"since year", dct, "Sanctions have been in place since 2011.",
			[]got{x("2011", Date, "2011")}, false},
		{"range of years", dct, "She led the agency from 2013 to 2021.",
			[]got{x("2013", Date, "2013"), x("2021", Date, "2021")}, false},
		{"range of days", dct, "Talks are scheduled for Dec. 3-5 in Vienna.",
			[]got{x("Dec. 3", Date, "2025-12-03").anchored(AnchorDocument), x("5", Date, "2025-12-05").anchored(AnchorText)}, true},
		{"iso date", dct, "The decree, dated 2025-10-30, was published later.",
			[]got{x("2025-10-30", Date, "2025-10-30")}, false},
		{"numeric ambiguous", dct, "The letter is dated 03/04/2025.",
			[]got{{Text: "03/04/2025", Type: Date, Value: "2025-XX-XX", Ambiguous: true}}, true},
		{"numeric day first", dct, "The letter is dated 23/04/2025.",
			[]got{x("23/04/2025", Date, "2025-04-23")}, false},
		{"dotted date", dct, "Das Treffen fand am 13.11.2025 statt.",
			[]got{x("13.11.2025", Date, "2025-11-13")}, false},
		{"clock with zone", dct, "The vote closes at 10:30 GMT.",
			[]got{x("10:30 GMT", Time, "2025-11-13T10:30")}, false},
		{"clock pm with day", dct, "Polls closed at 8 p.m. Wednesday.",
			[]got{x("8 p.m. Wednesday", Time, "2025-11-12T20:00")}, false},
		{"clock without date", "", "The vote closes at 10:30 GMT.",
			[]got{x("10:30 GMT", Time, "T10:30")}, false},
		{"day before", dct, "The strike came on Nov. 2. The day before, envoys had met in Doha.",
			[]got{x("Nov. 2", Date, "2025-11-02").anchored(AnchorDocument), x("The day before", Date, "2025-11-01").anchored(AnchorText)}, true},
		{"week later", dct, "Fighting broke out on Sept. 8, and a week later the city fell.",
			[]got{x("Sept. 8", Date, "2025-09-08").anchored(AnchorDocument), x("a week later", Date, "2025-09-15").anchored(AnchorText)}, true},
		{"relative days", dct, "Yesterday the cabinet met; today it voted and tomorrow it adjourns.",
			[]got{x("Yesterday", Date, "2025-11-12"), x("today", Date, "2025-11-13"), x("tomorrow", Date, "2025-11-14")}, false},
		{"this week next year", dct, "Ministers meet this week to plan next year's budget.",
			[]got{x("this week", Date, "2025-W46"), x("next year", Date, "2026")}, false},
		{"bare year", dct, "The pipeline opened in 2025.",
			[]got{x("2025", Date, "2025")}, false},
		{"ago", dct, "The border was closed three days ago.",
			[]got{x("three days ago", Date, "2025-11-10")}, false},
		{"sets", dct, "Inspectors visit every week and report annually.",
			[]got{x("every week", Set, "P1W"), x("annually", Set, "P1Y")}, false},
		{"every weekday", dct, "The council meets every Thursday.",
			[]got{x("every Thursday", Set, "XXXX-WXX-4")}, false},
		{"past decade", dct, "Output has doubled in the past decade.",
			[]got{x("the past decade", Duration, "P10Y")}, false},
		{"week of", dct, "Talks are planned for the week of Dec. 8 and Easter week.",
			[]got{x("the week of Dec. 8", Date, "2025-W50"), x("Easter week", Date, "2026-W14")}, false},
		{"past years duration", dct, "Exports fell over the past three years.",
			[]got{x("the past three years", Duration, "P3Y")}, false},
		{"quarter", dct, "Growth slowed in the first quarter.",
			[]got{x("the first quarter", Date, "2025-Q1")}, false},
		{"quarter of year", dct, "Profits rose in the third quarter of 2024.",
			[]got{x("the third quarter of 2024", Date, "2024-Q3")}, false},
		{"seasons", dct, "The offensive began last spring and stalled by the summer of 2024.",
			[]got{x("last spring", Date, "2025-SP"), x("the summer of 2024", Date, "2024-SU")}, false},
		{"weekend", dct, "Thousands marched over the weekend.",
			[]got{x("the weekend", Date, "2025-W45-WE")}, false},
		{"recent months", dct, "Attacks have grown in recent months.",
			[]got{x("recent months", Duration, "PXM")}, false},
		{"refs", dct, "Prices are now falling, and the bank recently cut rates; more cuts may come in the future.",
			[]got{x("now", Date, "PRESENT_REF"), x("recently", Date, "PAST_REF"), x("the future", Date, "FUTURE_REF")}, false},
		{"holiday", dct, "The truce held until Christmas.",
			[]got{x("Christmas", Date, "2025-12-25")}, false},
		{"thanksgiving", dct, "Stores opened on Thanksgiving last year.",
			[]got{x("Thanksgiving", Date, "2025-11-27"), x("last year", Date, "2024")}, false},
		{"about duration", dct, "The talks lasted about six hours.",
			[]got{x("about six hours", Duration, "PT6H").mod("APPROX")}, false},
		{"more than", dct, "The siege has lasted more than 18 months.",
			[]got{x("more than 18 months", Duration, "P18M").mod("MORE_THAN")}, false},
		{"half years", dct, "He spent two and a half years in exile.",
			[]got{x("two and a half years", Duration, "P2Y6M")}, false},
		{"year ago quarter", dct, "Revenue in the third quarter rose 5% from a year earlier.",
			[]got{x("the third quarter", Date, "2025-Q3").anchored(AnchorDocument), x("a year earlier", Date, "2024-Q3").anchored(AnchorText)}, true},
		{"the following year", dct, "He was arrested on May 22, 1995, and released the following year.",
			[]got{x("May 22, 1995", Date, "1995-05-22"), x("the following year", Date, "1996")}, false},
		{"morning", dct, "Explosions were heard this morning and last night.",
			[]got{x("this morning", Time, "2025-11-13TMO"), x("last night", Time, "2025-11-12TNI")}, false},
		{"age is no duration", dct, "A 6-year-old boy was among the injured.", nil, false},
		{"may the verb", dct, "The minister may resign, and the march may go ahead.", nil, false},
		{"numbers are not years", dct, "Police said 1500 people and 2,000 troops took part.", nil, false},
		{"year words", dct, "It was nineteen ninety-six when the wall came down.",
			[]got{x("nineteen ninety-six", Date, "1996")}, false},
		{"the nineties", dct, "Growth peaked in the nineties.",
			[]got{x("the nineties", Date, "199")}, false},
		{"fiscal", dct, "The budget for fiscal 2026 was approved.",
			[]got{x("fiscal 2026", Date, "2026")}, false},
		{"century", dct, "The bridge was built in the 19th century.",
			[]got{x("the 19th century", Date, "18")}, false},
		{"few days", dct, "Negotiators need a few days.",
			[]got{x("a few days", Duration, "PXD")}, false},
		{"early next year", dct, "Elections are due early next year.",
			[]got{x("early next year", Date, "2026").mod("START")}, false},
		{"end of year", dct, "Troops will leave by the end of the year.",
			[]got{x("the end of the year", Date, "2025").mod("END")}, false},
		{"mid year", dct, "Prices peaked in mid-2024.",
			[]got{x("mid-2024", Date, "2024").mod("MID")}, false},
		{"weekdays set", dct, "Markets close early on Fridays.",
			[]got{x("Fridays", Set, "XXXX-WXX-5")}, false},
		{"year range and quarter code", dct, "Prices fell in 1998-99 and again in Q3 2024.",
			[]got{x("1998", Date, "1998"), x("99", Date, "1999"), x("Q3 2024", Date, "2024-Q3")}, false},
		{"decade apostrophe", dct, "Fashion from the '90s is back.",
			[]got{x("the '90s", Date, "199")}, false},
		{"fractions and decades ago", dct, "The siege lasted 5 1/2 hours; the dam was built a decade ago.",
			[]got{x("5 1/2 hours", Duration, "PT5H30M"), x("a decade ago", Date, "2015")}, false},
		{"minutes", dct, "The meeting lasted 90 minutes.",
			[]got{x("90 minutes", Duration, "PT90M")}, false},
		{"last month without date", "", "Inflation rose last month.",
			[]got{x("last month", Date, "XXXX-XX")}, false},
		{"year from text without date", "", "The deal was signed on March 3, 2024. Talks resumed on Nov. 4.",
			[]got{x("March 3, 2024", Date, "2024-03-03").anchored(""), x("Nov. 4", Date, "2024-11-04").anchored(AnchorText)}, true},
		{"about the future", dct, "They spoke about the future of the alliance.",
			[]got{x("the future", Date, "FUTURE_REF")}, false},
		{"time merge date", dct, "The blast struck at 9:15 a.m. on Nov. 10.",
			[]got{x("9:15 a.m. on Nov. 10", Time, "2025-11-10T09:15")}, false},
		// Tense is read in the clause: a quotation bounds it, a cue of
		// several words counts from its near end, a word in -ed is a
		// weaker cue than a verb, and a participle after a determiner or
		// before "by" is no cue at all.
		{"tense inside a quotation", dct, `"We will sign the deal in Ankara on Friday," the minister said.`,
			[]got{x("Friday", Date, "2025-11-14")}, false},
		{"tense phrase from its end", dct, "The convoy could leave as soon as Monday, officials said.",
			[]got{x("Monday", Date, "2025-11-17")}, false},
		{"tense -ed weaker than will", dct, "Talks will continue on Friday with delegates invited from Oslo.",
			[]got{x("Friday", Date, "2025-11-14")}, false},
		{"tense participle after determiner", dct, "The court will rule on Tuesday on the disputed election.",
			[]got{x("Tuesday", Date, "2025-11-18")}, false},
		{"tense participle before by", dct, "Exports will recover strongly across the region in May, helped by demand.",
			[]got{x("May", Date, "2026-05")}, false},
		{"tense past perfect plan", dct, "The offer had been scheduled to expire on Friday.",
			[]got{x("Friday", Date, "2025-11-07")}, false},
		{"tense was before future cue", dct, "Unions called a strike for Saturday and were planning further stoppages.",
			[]got{x("Saturday", Date, "2025-11-15")}, false},
		{"tense since", dct, "The border has been closed since March.",
			[]got{x("March", Date, "2025-03")}, false},
		{"tense irregular past", dct, "In March, rebels fled the town.",
			[]got{x("March", Date, "2025-03")}, false},
		{"due to is causal", dct, "The plant closed on Monday due to a strike.",
			[]got{x("Monday", Date, "2025-11-10")}, false},
		// Financial reports: the latest quarter has ended, comparisons
		// read against the period reported, not a forecast.
		{"latest quarter has ended", dct, "The company expects a fourth-quarter charge. Profit rose in the latest quarter.",
			[]got{x("fourth-quarter", Date, "2025-Q4"), x("the latest quarter", Date, "2025-Q3")}, false},
		{"comparison skips a forecast", dct, "Profit rose in the third quarter. The firm expects growth in 2026, and profit was higher than a year earlier.",
			[]got{x("the third quarter", Date, "2025-Q3"), x("2026", Date, "2026"), x("a year earlier", Date, "2024-Q3")}, false},
		{"the year's quarter", dct, "Profit rose in the third quarter, against a loss in the 2024 quarter.",
			[]got{x("the third quarter", Date, "2025-Q3"), x("the 2024 quarter", Date, "2024-Q3")}, false},
		{"the year's quarter alone", dct, "Sales in the 2024 quarter fell.",
			[]got{x("the 2024 quarter", Date, "2024-QX")}, false},
		{"the same quarter a year earlier", dct, "Sales rose in the second quarter from the same quarter a year earlier.",
			[]got{x("the second quarter", Date, "2025-Q2"), x("the same quarter a year earlier", Date, "2024-Q2")}, false},
		{"last year's quarter", dct, "Profit fell in the second quarter; last year's quarter had a one-off gain.",
			[]got{x("the second quarter", Date, "2025-Q2"), x("last year's quarter", Date, "2024-Q2")}, false},
		{"quarter ended a day", dct, "Profit rose in the quarter ended Sept. 30, from a year ago.",
			[]got{x("the quarter", Date, "2025-Q3"), x("Sept. 30", Date, "2025-09-30"), x("a year ago", Date, "2024-Q3")}, false},
		{"year-earlier adjective", dct, "Profit rose in the third quarter, against a year-earlier loss.",
			[]got{x("the third quarter", Date, "2025-Q3"), x("year-earlier", Date, "2024-Q3")}, false},
		{"years back compare", dct, "Sales fell from a year ago. Costs were higher than a year earlier.",
			[]got{x("a year ago", Date, "2024"), x("a year earlier", Date, "2024")}, false},
		{"full year", dct, "The firm raised its forecast for the full year.",
			[]got{x("the full year", Date, "2025")}, false},
		{"halves of a year", dct, "Earnings fell in the last half of 2024 and will recover in the first two quarters of 2026.",
			[]got{x("the last half of 2024", Date, "2024-H2"), x("the first two quarters of 2026", Date, "2026-H1")}, false},
		{"then current", dct, "Holders may buy shares at half the then current price.",
			[]got{x("then current", Date, "PAST_REF")}, false},
		{"every quarter", dct, "The fund pays interest every quarter.",
			[]got{x("every quarter", Set, "P1Q")}, false},
		// Named days and anaphora.
		{"last month and day", dct, "He was detained last Dec. 2 in Minsk.",
			[]got{x("last Dec. 2", Date, "2024-12-02")}, false},
		{"that year", dct, "The plant opened in 2019 and closed later that year.",
			[]got{x("2019", Date, "2019"), x("later that year", Date, "2019").mod("END")}, false},
		{"clock time on the text's day", dct, "Rebels entered the town on Nov. 9. Shelling began at 6 a.m.",
			[]got{x("Nov. 9", Date, "2025-11-09"), x("6 a.m.", Time, "2025-11-09T06:00")}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gotten := tag(g, c.text, c.date)
			if !c.anchors {
				for i := range gotten {
					gotten[i].Anchor = ""
				}
			}
			if diff := cmp.Diff(c.want, gotten); diff != "" {
				t.Errorf("%q (date %s): -want +got\n%s", c.text, c.date, diff)
			}
		})
	}
}

// TestTagInvariants checks offsets, order and values over our test
// articles.
func TestTagInvariants(t *testing.T) {
	g := mustTagger(t)
	for _, text := range articles(t) {
		es := g.Tag(text, token.Tokenize(nil, text), nil, lexicon.MustDate("2025-11-14"))
		if len(es) == 0 {
			t.Errorf("no expressions in article %.40q", text)
		}
		checkInvariants(t, text, es)
		checkRuleIndex(t, g, es)
	}
}

// checkRuleIndex checks that each expression's RuleIndex names its Rule
// in Rules, as the annotator takes a mention's source by the index.
func checkRuleIndex(t *testing.T, g *Tagger, es []Expr) {
	t.Helper()
	rules := g.Rules()
	for _, e := range es {
		if e.RuleIndex < 0 || e.RuleIndex >= len(rules) || rules[e.RuleIndex] != e.Rule {
			t.Fatalf("expression %v: RuleIndex %d is not rule %q in Rules", e, e.RuleIndex, e.Rule)
		}
	}
}

// checkInvariants checks what Tag promises of any text: spans in
// bounds, sorted and not overlapping, on rune boundaries (when the text
// is valid UTF-8), and every expression typed, valued and named by its
// rule. TestTagInvariants checks our articles with it, FuzzTag any text.
func checkInvariants(t *testing.T, text string, es []Expr) {
	t.Helper()
	valid := utf8.ValidString(text)
	prev := 0
	for _, e := range es {
		if e.Start < prev || e.End <= e.Start || e.End > len(text) {
			t.Fatalf("bad span %v (previous end %d, text length %d) in %.60q", e, prev, len(text), text)
		}
		if valid && (!utf8.RuneStart(text[e.Start]) || e.End < len(text) && !utf8.RuneStart(text[e.End])) {
			t.Fatalf("span %v not on rune boundaries in %.60q", e, text)
		}
		if e.Value == "" || typeBit(e.Type) == 0 || e.Rule == "" {
			t.Fatalf("incomplete expression %v in %.60q", e, text)
		}
		prev = e.End
	}
}

// TestSentencesGiven checks that the caller's sentences bound matches and
// that spans given as sentences are honoured.
func TestSentencesGiven(t *testing.T) {
	g := mustTagger(t)
	text := "Talks ended on Nov. 3. 2024 was a hard year."
	toks := token.Tokenize(nil, text)
	cut := strings.Index(text, "2024")
	sents := [][2]int{{0, cut - 1}, {cut, len(text)}}
	var gotten []string
	for _, e := range g.Tag(text, toks, sents, lexicon.MustDate("2025-11-13")) {
		gotten = append(gotten, text[e.Start:e.End]+"="+e.Value)
	}
	want := []string{"Nov. 3=2025-11-03", "2024=2024"}
	if diff := cmp.Diff(want, gotten); diff != "" {
		t.Errorf("-want +got\n%s", diff)
	}
}

func TestConcurrentUse(t *testing.T) {
	g := mustTagger(t)
	texts := articles(t)
	want := make([][]Expr, len(texts))
	for i, s := range texts {
		want[i] = g.Tag(s, token.Tokenize(nil, s), nil, lexicon.MustDate("2025-11-14"))
	}
	done := make(chan bool)
	for w := 0; w < 4; w++ {
		go func() {
			defer func() { done <- true }()
			for i, s := range texts {
				if diff := cmp.Diff(want[i], g.Tag(s, token.Tokenize(nil, s), nil, lexicon.MustDate("2025-11-14"))); diff != "" {
					t.Errorf("concurrent result differs:\n%s", diff)
					return
				}
			}
		}()
	}
	for w := 0; w < 4; w++ {
		<-done
	}
}

// TestDataFresh fails when data/timex.yaml was edited without running
// `go generate ./annotate/timex`.
func TestDataFresh(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("data", "timex.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(defaultData, yamlbin.Encode(&n)) {
		t.Fatal("data/timex.bin is stale: run `go generate ./annotate/timex`")
	}
}
