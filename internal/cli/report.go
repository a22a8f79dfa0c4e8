package cli

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	texttemplate "text/template"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/templates"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// reportOptions are the flags every report shares.
type reportOptions struct {
	period, from, to string
	service          string
	output, outFile  string
	lang             string
}

func addReportFlags(cmd *cobra.Command, o *reportOptions, withPeriod bool) {
	fl := cmd.Flags()
	if withPeriod {
		fl.StringVar(&o.period, "period", "", "the period: a year (2025), a quarter (2025-Q1) or a month (2025-03)")
		fl.StringVar(&o.from, "from", "", "first day of an explicit period (`DATE`, with --to)")
		fl.StringVar(&o.to, "to", "", "last day of an explicit period (`DATE`, with --from)")
	}
	fl.StringVar(&o.service, "service", "", "only cases against this service (a partner code)")
	fl.StringVarP(&o.output, "output", "o", "md", "output format: "+strings.Join(reportOutput.Formats, ", "))
	fl.StringVarP(&o.outFile, "out-file", "O", "", "write the report to `FILE` (atomically, creating its directory) instead of stdout")
	fl.StringVar(&o.lang, "lang", "", "language of the report: en or fr (default: the office's first language)")
}

func newReportCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "report NAME",
		Short:   "Named reports: oversight statistics, workload, overdue, trends",
		GroupID: "cases",
		Long: `Reports for management, partners and publication, rendered from the templates in
templates/reports (an office overrides any of them, and the words of each language in
messages.LANG.yaml, with a file of the same name under templates/reports/ in its records
repository).

The same commit and the same DOSSIER_NOW give byte-identical output, so a cron job can
commit its reports and a past report can be rebuilt.` + exitStatusHelp,
		Example: "  dossier report oversight --period 2025-Q1\n  dossier report workload -o csv\n  dossier report overdue --service ottawa-ps -O overdue.md",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErrorf("report: name a report: oversight, workload, overdue or trends")
		},
	}
	cmd.AddCommand(newReportOversightCmd(f), newReportWorkloadCmd(f), newReportOverdueCmd(f), newReportTrendsCmd(f))
	return cmd
}

func newReportOversightCmd(f *Factory) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "oversight --period P | --from DATE --to DATE [--service S] [-o md|html|json|csv] [-O FILE]",
		Short: "The oversight statistics of a period (received, screened, outcomes, reviews, durations)",
		Long: `The oversight statistics of a period: complaints received and carried in, screening by
type and ground, outcomes of the files closed by routing, files carried over, allegations
by category, reviews and time to close. Every code of the office's profile is listed,
with 0 when no case has it.

Definitions (all by the effective dates the records carry):
  received          received in the period
  carried in        received before the period and open at its start
  managed           received + carried in
  withdrawn before screening
                    withdrawn in the period with no screening decision
  per type
    screened        screening decision dated in the period (in or out, out by ground)
    screened earlier
                    screened in before the period and open at its start
    managed         screened + screened earlier
    outcomes        screened-in files closed in the period, by routing and outcome
    carried over    screened-in files still open at the end, by routing
                    (outcomes + carried over = screened in + screened earlier)
  allegations       categories of conduct complaints screened in during the period,
                    each category once per complaint
  reviews           managed: requested in the period or undecided at its start;
                    outcomes: decided in the period; carried over: undecided at its end
  durations         days from received to closed of the files closed in the period,
                    median and 90th percentile by nearest rank

Whether a file was open on a day is read from its history, so a file closed and later
reopened counts as closed on the days it was. -o json is a contract (README.md);
-o csv is one line per number (section, type, routing, code, count); -o html carries
its charts as inline SVG, with no script and nothing fetched.` + exitStatusHelp,
		Example: `  dossier report oversight --period 2025-Q1
  dossier report oversight --period 2025 --lang fr -o html -O rapport-2025.html
  dossier report oversight --from 2025-04-01 --to 2026-03-31 --service ottawa-ps -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runReportOversight(f, o) },
	}
	addReportFlags(cmd, o, true)
	return cmd
}

// reportPeriod reads --period or --from/--to; one of them is required.
func reportPeriod(o *reportOptions, required bool) (stats.Period, bool, error) {
	switch {
	case o.period != "" && (o.from != "" || o.to != ""):
		return stats.Period{}, false, usageErrorf("--period: give either --period or --from and --to, not both")
	case o.period != "":
		p, err := stats.ParsePeriod(o.period)
		if err != nil {
			return p, false, usageErrorf("--period: %v", err)
		}
		return p, true, nil
	case o.from != "" || o.to != "":
		if o.from == "" || o.to == "" {
			return stats.Period{}, false, usageErrorf("--from and --to go together: give both dates of the period")
		}
		from, err := records.ParseDate(o.from)
		if err != nil {
			return stats.Period{}, false, usageErrorf("--from: %v", err)
		}
		to, err := records.ParseDate(o.to)
		if err != nil {
			return stats.Period{}, false, usageErrorf("--to: %v", err)
		}
		p, err := stats.Range(from, to)
		if err != nil {
			return p, false, usageErrorf("--to: %v", err)
		}
		return p, true, nil
	}
	if required {
		return stats.Period{}, false, usageErrorf("--period: required: a year (2025), a quarter (2025-Q1), a month (2025-03), or --from DATE --to DATE")
	}
	return stats.Period{}, false, nil
}

// reportContext is what every report needs once the flags are checked.
type reportContext struct {
	store   *records.Store
	profile *records.Profile
	cases   []*records.Case
	today   records.Date
	lang    string
	texts   *reportTexts
}

func (f *Factory) reportContext(o *reportOptions) (*reportContext, error) {
	if _, err := reportOutput.Choose(o.output, true, false); err != nil {
		return nil, err
	}
	store, err := f.Store()
	if err != nil {
		return nil, err
	}
	p := store.Profile
	if o.service != "" {
		if err := p.Partners.Check("service", o.service); err != nil {
			return nil, usageErrorf("--service: %v", err)
		}
	}
	lang := o.lang
	if lang == "" {
		lang = "en"
		if len(p.Languages) > 0 {
			lang = p.Languages[0].Code
		}
	}
	if lang != "en" && lang != "fr" {
		return nil, usageErrorf("--lang: reports exist in en and fr, not %q", lang)
	}
	today, err := f.Today()
	if err != nil {
		return nil, err
	}
	texts, err := loadReportTexts(store, lang)
	if err != nil {
		return nil, err
	}
	prog := newProgress(f, "cases read")
	prog.update(0, 1)
	cases, err := f.loadSummaries(store)
	prog.update(1, 1)
	prog.done()
	if err != nil {
		return nil, err
	}
	cases = f.countable(cases)
	return &reportContext{store: store, profile: p, cases: cases, today: today, lang: lang, texts: texts}, nil
}

// reportData is what the report templates see.
type reportData struct {
	Lang       string
	Office     string
	Period     stats.Period
	PeriodName string
	Service    string
	AsOf       records.Date
	Oversight  *stats.Oversight
	Workload   *stats.Workload
	Overdue    []dueRow
	Trends     *stats.TrendReport
	Charts     []reportChart
}

type reportChart struct {
	Title string
	SVG   htmltemplate.HTML
}

func runReportOversight(f *Factory, o *reportOptions) error {
	period, _, err := reportPeriod(o, true)
	if err != nil {
		return err
	}
	rc, err := f.reportContext(o)
	if err != nil {
		return err
	}
	rep := stats.ComputeOversight(rc.cases, rc.profile, period, o.service)
	data := rc.data(f, period, o.service)
	data.Oversight = rep
	table := func() render.Table { return oversightTable(rep) }
	charts := func() []reportChart {
		f.completeWithheld(rc.store, rc.cases, hasIncident) // the chart of locations
		return oversightCharts(rc, rep, period, o.service)
	}
	return f.renderReport(o, rc, "oversight", data, rep, table, charts)
}

func (rc *reportContext) data(f *Factory, period stats.Period, service string) *reportData {
	office := f.office(rc.lang).Name
	d := &reportData{Lang: rc.lang, Office: office, Period: period, Service: service, AsOf: rc.today}
	if !period.From.IsZero() {
		d.PeriodName = stats.PeriodName(rc.lang, period)
	}
	return d
}

// oversightTable flattens the report, one number a line, codes not labels (for spreadsheets).
func oversightTable(r *stats.Oversight) render.Table {
	t := render.Table{Header: []string{"section", "type", "routing", "code", "count"}}
	add := func(section, typ, routing, code string, n int) {
		t.Rows = append(t.Rows, []string{section, typ, routing, code, fmt.Sprint(n)})
	}
	add("complaints", "", "", "received", r.Complaints.Received)
	add("complaints", "", "", "carried_in", r.Complaints.CarriedIn)
	add("complaints", "", "", "managed", r.Complaints.Managed)
	add("complaints", "", "", "withdrawn_before_screening", r.Complaints.WithdrawnBeforeScreening)
	for _, ty := range r.Types {
		tc := ty.Value
		add("types", ty.Key, "", "managed", tc.Managed)
		add("types", ty.Key, "", "screened", tc.Screened)
		add("types", ty.Key, "", "screened_earlier", tc.ScreenedEarlier)
		add("types", ty.Key, "", "screened_in", tc.ScreenedIn)
		add("types", ty.Key, "", "screened_out", tc.ScreenedOut)
		for _, g := range tc.ScreenedOutByGround {
			add("screened_out_by_ground", ty.Key, "", g.Key, g.Value)
		}
		for _, rt := range tc.Outcomes {
			for _, oc := range rt.Value {
				add("outcomes", ty.Key, rt.Key, oc.Key, oc.Value)
			}
		}
		for _, co := range tc.CarriedOver {
			add("carried_over", ty.Key, co.Key, "", co.Value)
		}
	}
	for _, a := range r.Allegations {
		add("allegations", "conduct", "", a.Key, a.Value)
	}
	add("reviews", "", "", "managed", r.Reviews.Managed)
	for _, ro := range r.Reviews.Outcomes {
		add("review_outcomes", "", "", ro.Key, ro.Value)
	}
	add("reviews", "", "", "carried_over", r.Reviews.CarriedOver)
	for _, d := range r.Durations {
		add("durations", d.Key, "", "closed", d.Value.Closed)
		add("durations", d.Key, "", "median_days", d.Value.MedianDays)
		add("durations", d.Key, "", "p90_days", d.Value.P90Days)
	}
	return t
}

// oversightCharts are the HTML report's charts: managed by type, received by area (a public
// code that purge keeps, so a past report stays the same), and received per quarter over the
// two years ending with the period.
func oversightCharts(rc *reportContext, r *stats.Oversight, period stats.Period, service string) []reportChart {
	var types []stats.Bar
	for _, ty := range r.Types {
		types = append(types, stats.Bar{Label: rc.label("type", ty.Key), Value: ty.Value.Managed})
	}
	none := rc.texts.get("area.none")
	areas := stats.ReceivedBy(rc.cases, period, service, func(c *records.Case) string {
		if a := c.Area(); a != "" {
			return rc.label("area", a)
		}
		return none
	}, 12, "…")
	trend := stats.QuarterlyReceived(rc.cases, service, period.To, 8)
	mk := func(key string, svg string) reportChart {
		return reportChart{Title: rc.texts.get(key), SVG: htmltemplate.HTML(svg)}
	}
	return []reportChart{
		mk("chart.types", stats.BarChart(rc.texts.get("chart.types"), types, rc.lang)),
		mk("chart.areas", stats.BarChart(rc.texts.get("chart.areas"), areas, rc.lang)),
		mk("chart.trend", stats.LineChart(rc.texts.get("chart.trend"), trend, rc.lang)),
	}
}

// reportTexts are the words of the reports in one language: the embedded catalog, with the
// repository's messages.LANG.yaml over it and the English catalog under it.
type reportTexts struct {
	lang  string
	texts map[string]string
}

func loadReportTexts(store *records.Store, lang string) (*reportTexts, error) {
	t := &reportTexts{lang: lang, texts: map[string]string{}}
	for _, l := range []string{"en", lang} {
		name := "reports/messages." + l + ".yaml"
		data, err := templates.FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if err := mergeTexts(t.texts, "(embedded) templates/"+name, data); err != nil {
			return nil, err
		}
		local := "templates/" + name
		data, err = store.ReadFile(local)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", local, err)
		}
		if err := mergeTexts(t.texts, local, data); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func mergeTexts(into map[string]string, name string, data []byte) error {
	var m map[string]string
	if err := yaml.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%s: %v: write one key: text a line", name, err)
	}
	for k, v := range m {
		into[k] = v
	}
	return nil
}

func (t *reportTexts) get(key string) string {
	if v, ok := t.texts[key]; ok {
		return v
	}
	return key
}

// label is a code's label in the report's language: the profile's, else the catalog's
// KIND.CODE, else the code itself.
func (rc *reportContext) label(kind, code string) string {
	cs, _ := rc.profile.Taxonomy(kind)
	if c := cs.Find(code); c != nil {
		return c.Label(rc.lang)
	}
	if v, ok := rc.texts.texts[kind+"."+code]; ok {
		return v
	}
	return code
}

func (rc *reportContext) funcs() map[string]any {
	return map[string]any{
		"t": func(key string, args ...any) string {
			if len(args) == 0 {
				return rc.texts.get(key)
			}
			return fmt.Sprintf(rc.texts.get(key), args...)
		},
		"label": rc.label,
		"outcome": func(typ, code string) string {
			if c := rc.profile.OutcomesFor(typ).Find(code); c != nil {
				return c.Label(rc.lang)
			}
			return rc.label("outcome", code)
		},
		"n":    func(n int) string { return stats.Number(rc.lang, n) },
		"date": func(d records.Date) string { return stats.LongDate(rc.lang, d) },
		"get": func(m stats.Counts, key string) int {
			v, _ := m.Get(key)
			return v
		},
		"total": stats.Total,
		"outcomeCodes": func(tc *stats.TypeCounts) []string {
			var out []string
			for _, r := range tc.Outcomes {
				for _, k := range r.Value.Keys() {
					if !contains(out, k) {
						out = append(out, k)
					}
				}
			}
			return out
		},
		"outcomeTotal": func(tc *stats.TypeCounts, code string) int {
			n := 0
			for _, r := range tc.Outcomes {
				v, _ := r.Value.Get(code)
				n += v
			}
			return n
		},
		"groundCodes": func(r *stats.Oversight) []string {
			var out []string
			for _, ty := range r.Types {
				for _, k := range ty.Value.ScreenedOutByGround.Keys() {
					if !contains(out, k) {
						out = append(out, k)
					}
				}
			}
			return out
		},
		"days": func(d records.Date) int { return d.DaysUntil(rc.today) },
		"dec":  func(x float64) string { return stats.Decimal(rc.lang, x) },
		"neg":  func(n int) int { return -n },
		"flagged": func(r *stats.TrendReport) int {
			n := 0
			for _, t := range r.Trends {
				if t.Flagged {
					n++
				}
			}
			return n
		},
		"iso": func(d records.Date) string { return d.String() },
		"ints": func(ns []int) string {
			s := make([]string, len(ns))
			for i, n := range ns {
				s[i] = stats.Number(rc.lang, n)
			}
			return strings.Join(s, " ")
		},
		// cell makes text safe in a Markdown table cell.
		"cell": render.MarkdownCell,
		// dueWhat is what an overdue item is owed for: the partner of a referral, the
		// document and who was asked for it of a request.
		"dueWhat": func(it records.DueItem) string {
			switch it.Kind {
			case records.DueReferralReport, records.DueStatusUpdate:
				if it.Purpose != "" && it.Purpose != records.PurposeInvestigation {
					return rc.label("partner", it.Partner) + " (" + rc.label("purpose", it.Purpose) + ")"
				}
				return rc.label("partner", it.Partner)
			case records.DueReview:
				return rc.texts.get("due.what.review")
			case records.DueForwarding:
				return rc.label("partner", it.Partner)
			case records.DueInformation:
				return fmt.Sprintf(rc.texts.get("due.what.request"), it.Item, rc.label("partner", it.From))
			}
			return it.What
		},
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// execute renders report name in format (md or html) from the repository's template when it
// has one (NAME.LANG.FORMAT.tmpl, then NAME.FORMAT.tmpl), else the embedded one.
func (rc *reportContext) execute(out io.Writer, name, format string, data *reportData) error {
	var src []byte
	var file string
	for _, base := range []string{name + "." + rc.lang + "." + format + ".tmpl", name + "." + format + ".tmpl"} {
		local := "templates/reports/" + base
		b, err := rc.store.ReadFile(local)
		if err == nil {
			src, file = b, local
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", local, err)
		}
		if b, err := templates.FS.ReadFile("reports/" + base); err == nil {
			src, file = b, "(embedded) templates/reports/"+base
			break
		}
	}
	if src == nil {
		return fmt.Errorf("no template for the %s report in %s", name, format)
	}
	if format == "html" {
		t, err := htmltemplate.New(file).Option("missingkey=error").Funcs(rc.funcs()).Parse(string(src))
		if err != nil {
			return templateError(file, err)
		}
		if err := t.Execute(out, data); err != nil {
			return templateError(file, err)
		}
		return nil
	}
	t, err := texttemplate.New(file).Option("missingkey=error").Funcs(rc.funcs()).Parse(string(src))
	if err != nil {
		return templateError(file, err)
	}
	if err := t.Execute(out, data); err != nil {
		return templateError(file, err)
	}
	return nil
}

// templateError says what is wrong in a report template as FILE:LINE: problem, the way check
// and letter do, without the "template: " prefix repeating the file's name.
func templateError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	if !strings.HasPrefix(msg, file) {
		msg = file + ": " + msg
	}
	return errors.New(msg)
}

// writeReport writes data to stdout, or to file atomically (a temp file in the same
// directory, synced, then renamed): a cron job never leaves half a report. A missing
// directory is created, so that `-O reports/2026-Q1.html` works in a fresh clone (git keeps
// no empty directory).
func (f *Factory) writeReport(file string, data []byte) error {
	if file == "" || file == "-" {
		_, err := f.Out.Write(data)
		return err
	}
	dir, base := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(filepath.Clean(dir), 0o755); err != nil {
		return fmt.Errorf("-O %s: cannot create its directory: %w", file, err)
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return err
	}
	tmp := filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(rnd[:]))
	fh, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("-O %s: %w", file, err)
	}
	_, werr := fh.Write(data)
	if werr == nil {
		werr = fh.Sync()
	}
	if cerr := fh.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, file)
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("-O %s: %w", file, werr)
	}
	f.Talk("wrote %s", file)
	return nil
}

// renderReport writes a report in the format asked: JSON is v itself (a contract: its keys
// only ever grow), CSV is its one table with codes rather than labels (for spreadsheets), md
// and html come from the report's templates, html with its charts.
func (f *Factory) renderReport(o *reportOptions, rc *reportContext, name string, data *reportData, v any, table func() render.Table, charts func() []reportChart) error {
	var out bytes.Buffer
	pr, err := render.NewPrinter(&out, reportOutput, o.output, true, false)
	if err != nil {
		return err
	}
	doc := func(w io.Writer) error {
		if pr.Format == render.FormatHTML && charts != nil {
			data.Charts = charts()
		}
		return rc.execute(w, name, pr.Format, data)
	}
	if err := pr.Print(render.Output{Object: v, Table: table(), Text: doc}); err != nil {
		return err
	}
	return f.writeReport(o.outFile, out.Bytes())
}

func countsTable(head string, m stats.Counts, label func(string) string) render.Table {
	t := render.Table{Header: []string{head, "N"}}
	for _, kv := range m {
		t.Rows = append(t.Rows, []string{label(kv.Key), fmt.Sprint(kv.Value)})
	}
	return t
}

// chart draws a bar chart titled with the catalog's key.
func (rc *reportContext) chart(key string, bars []stats.Bar) reportChart {
	title := rc.texts.get(key)
	return reportChart{Title: title, SVG: htmltemplate.HTML(stats.BarChart(title, bars, rc.lang))}
}

func newReportWorkloadCmd(f *Factory) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "workload [--service S] [-o md|html|json|csv] [--lang en|fr] [-O FILE]",
		Short: "Open cases today: per status, per actor, by age",
		Long: `The cases open today (DOSSIER_NOW), counted per status, per actor (whoever recorded
the case's latest history entry) and by age since received: 0-30, 31-90, 91-180 and
181+ days.

-o md and -o html are rendered from the templates workload.md.tmpl and workload.html.tmpl
(an office overrides them under templates/reports/ in its records repository); -o html
carries bar charts by status and by age as inline SVG, with no script and nothing fetched.
-o json is a contract whose keys only grow; -o csv is one table with one header, in
long format: table (status, actor or days), key (a code, an actor, an age bucket) and
count.` + exitStatusHelp,
		Example: "  dossier report workload\n  dossier report workload --lang fr -o html -O charge.html\n  dossier report workload --service toronto-ps -o json",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runReportWorkload(f, o) },
	}
	addReportFlags(cmd, o, false)
	return cmd
}

func runReportWorkload(f *Factory, o *reportOptions) error {
	rc, err := f.reportContext(o)
	if err != nil {
		return err
	}
	w := stats.ComputeWorkload(rc.cases, rc.profile, rc.today, o.service)
	data := rc.data(f, stats.Period{}, o.service)
	data.Workload = w
	table := func() render.Table {
		id := func(s string) string { return s }
		actor := func(s string) string {
			if s == "" {
				return "-"
			}
			return s
		}
		return render.Long(countsTable("status", w.ByStatus, id), countsTable("actor", w.ByActor, actor), countsTable("days", w.ByAge, id))
	}
	charts := func() []reportChart {
		var byStatus, byAge []stats.Bar
		for _, kv := range w.ByStatus {
			byStatus = append(byStatus, stats.Bar{Label: rc.label("status", kv.Key), Value: kv.Value})
		}
		for _, kv := range w.ByAge {
			byAge = append(byAge, stats.Bar{Label: rc.label("age", kv.Key), Value: kv.Value})
		}
		return []reportChart{rc.chart("chart.workload_status", byStatus), rc.chart("chart.workload_age", byAge)}
	}
	return f.renderReport(o, rc, "workload", data, w, table, charts)
}

func newReportOverdueCmd(f *Factory) *cobra.Command {
	o := &reportOptions{}
	var partner, as string
	cmd := &cobra.Command{
		Use:   "overdue [--partner P] [--service S] [--as AUDIENCE] [-o md|html|json|csv] [--lang en|fr] [-O FILE]",
		Short: "What is past due, as a report for a partner or a manager",
		Long: `Everything past due today (as 'dossier due --overdue'): referral reports, status
updates, information requests, review decisions and late forwardings, earliest first.
--partner P keeps what P owes (the partner of a referral, the party a request is asked
of): the list to send to that partner. --service S keeps the cases against the police
service S.

A report meant for a party shows only what that party may see: --as AUDIENCE applies the
audience's disclosure policy (dossier.yaml disclosure:) to every case before its items are
listed, and an item whose facts the audience may not see is left out (the respondent does
not see information requests, so none is listed). With --partner the default audience is
the partner's (its audience: in dossier.yaml, else respondent for a police service and
public for any other body); with --service alone, that service's; otherwise internal.

-o md and -o html are rendered from the templates overdue.md.tmpl and overdue.html.tmpl
(an office overrides them under templates/reports/ in its records repository); without
--service or --partner, -o html carries a bar chart of the items past due by service as
inline SVG. -o json is a contract whose keys only grow; -o csv has codes rather than labels.` + exitStatusHelp,
		Example: "  dossier report overdue\n  dossier report overdue --partner siu -o csv -O siu-overdue.csv\n  dossier report overdue --service ottawa-ps --lang fr -o html -O retards.html\n  dossier report overdue --service ottawa-ps --as internal",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runReportOverdue(f, o, partner, as) },
	}
	addReportFlags(cmd, o, false)
	cmd.Flags().StringVar(&partner, "partner", "", "only what this partner or party owes")
	cmd.Flags().StringVar(&as, "as", "", "show only what this audience may see (default: the partner's or service's audience, else internal)")
	return cmd
}

func runReportOverdue(f *Factory, o *reportOptions, partner, as string) error {
	rc, err := f.reportContext(o)
	if err != nil {
		return err
	}
	if err := checkPartnerFlag(rc.profile, "--partner", partner); err != nil {
		return err
	}
	audience := overdueAudience(rc.profile, partner, o.service, as)
	policy, err := f.disclosurePolicy()
	if err != nil {
		return err
	}
	var mine []*records.Case
	for _, c := range rc.cases {
		if o.service == "" || c.Service() == o.service {
			mine = append(mine, c)
		}
	}
	f.completeWithheld(rc.store, mine, hasOpenRequest)
	var cases []*records.Case
	for _, c := range mine {
		seen, err := records.Redact(c, policy, audience)
		if err != nil {
			return usageErrorf("--as: %v", err)
		}
		// The status and id say which case and whether it is open; an audience that may not
		// see them sees no item of it.
		if seen.ID == "" || seen.Status == "" {
			continue
		}
		cases = append(cases, seen)
	}
	rows := disclosedDue(filterDue(dueRows(cases, rc.profile, rc.today, rc.today, true), partner, ""))
	if rows == nil {
		rows = []dueRow{}
	}
	data := rc.data(f, stats.Period{}, o.service)
	data.Overdue = rows
	table := func() render.Table {
		t := render.Table{Header: []string{"id", "kind", "due", "days_late", "what", "service", "status"}}
		for _, r := range rows {
			t.Rows = append(t.Rows, []string{r.ID, r.Kind, r.Due.String(), fmt.Sprint(-r.Days), r.What, r.Service, r.Status})
		}
		return t
	}
	charts := func() []reportChart {
		if o.service != "" || partner != "" || len(rows) == 0 {
			return nil
		}
		return []reportChart{rc.chart("chart.overdue_services", rc.overdueByService(rows))}
	}
	return f.renderReport(o, rc, "overdue", data, rows, table, charts)
}

// overdueAudience is who a report overdue is for: --as, else the partner's audience, else the
// service's, else internal.
func overdueAudience(p *records.Profile, partner, service, as string) string {
	switch {
	case as != "":
		return as
	case partner != "" && p.Partners.Has(partner):
		return p.PartnerAudience(partner)
	case partner != "":
		return records.AudiencePublic // a party that is not a partner (a witness...): nothing personal
	case service != "":
		return p.PartnerAudience(service)
	}
	return records.AudienceInternal
}

// disclosedDue drops the rows computed from facts the audience does not see: a request whose
// item or party was withheld.
func disclosedDue(rows []dueRow) []dueRow {
	var out []dueRow
	for _, r := range rows {
		if r.Kind == records.DueInformation && (r.Partner == "" || strings.HasPrefix(r.What, " from ")) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// overdueByService counts the items past due per service, most first, then by label.
func (rc *reportContext) overdueByService(rows []dueRow) []stats.Bar {
	var bars []stats.Bar
	for _, r := range rows {
		label := rc.texts.get("service.none")
		if r.Service != "" {
			label = rc.label("partner", r.Service)
		}
		i := slices.IndexFunc(bars, func(b stats.Bar) bool { return b.Label == label })
		if i < 0 {
			bars = append(bars, stats.Bar{Label: label})
			i = len(bars) - 1
		}
		bars[i].Value++
	}
	slices.SortStableFunc(bars, func(a, b stats.Bar) int {
		if a.Value != b.Value {
			return b.Value - a.Value
		}
		return strings.Compare(a.Label, b.Label)
	})
	return bars
}
