package cli

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/report"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
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
	o := &reportOptions{}
	var as string
	cmd := &cobra.Command{
		Use:     "report NAME",
		Short:   "Named reports: oversight statistics, workload, overdue, trends, and the profile's own",
		GroupID: "cases",
		Long: `Reports for management, partners and publication, rendered from the templates in
templates/reports (an office overrides any of them, and the words of each language in
messages.LANG.yaml, with a file of the same name under templates/reports/ in its records
repository).

A profile declares its own reports (reports: in dossier.yaml): count tables of cases by
status, type, outcome, partner or a groupable declared field, with counts, sums of money
or integer fields, rates of one step over another and median days between two steps.
'dossier report NAME' runs one, for the cases of --period (or --from/--to) by the date the
report declares (received, or the day of an action), or every case without a period.
They share the templates declared.md.tmpl and declared.html.tmpl (NAME.md.tmpl in the
repository overrides one report's); -o json is a contract of codes whose keys only grow
(money as exact decimal strings); -o csv is one line per number (dimension, row, column,
measure, value; * for a total); -o html carries a bar chart of the cases per dimension.
A declared report groups and sums only public or internal fields; --as AUDIENCE refuses
one that reads a field the audience may not see.

The same commit and the same DOSSIER_NOW give byte-identical output, so a cron job can
commit its reports and a past report can be rebuilt.%s` + exitStatusHelp,
		Example:           "  dossier report oversight --period 2025-Q1\n  dossier report workload -o csv\n  dossier report overdue --service ottawa-ps -O overdue.md",
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeDeclaredReports(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				p, err := f.Profile()
				if err != nil || len(p.Reports) == 0 {
					return usageErrorf("report: name a report: oversight, workload, overdue or trends")
				}
				return usageErrorf("report: name a report: oversight, workload, overdue, trends or one of the profile's: %s", strings.Join(declaredNames(p), ", "))
			}
			return runDeclaredReport(f, o, args[0], as)
		},
	}
	long := cmd.Long
	cmd.Long = fmt.Sprintf(long, "")
	help := cmd.HelpFunc()
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		if c == cmd {
			c.Long = fmt.Sprintf(long, f.declaredReportsHelp())
			defer func() { c.Long = fmt.Sprintf(long, "") }()
		}
		help(c, args)
	})
	fl := cmd.Flags()
	fl.StringVar(&o.period, "period", "", "the period of a declared report: a year (2025), a quarter (2025-Q1) or a month (2025-03)")
	fl.StringVar(&o.from, "from", "", "first day of an explicit period (`DATE`, with --to)")
	fl.StringVar(&o.to, "to", "", "last day of an explicit period (`DATE`, with --from)")
	fl.StringVarP(&o.output, "output", "o", "md", "output format: "+strings.Join(reportOutput.Formats, ", "))
	fl.StringVarP(&o.outFile, "out-file", "O", "", "write the report to `FILE` (atomically, creating its directory) instead of stdout")
	fl.StringVar(&o.lang, "lang", "", "language of the report: en or fr (default: the office's first language)")
	fl.StringVar(&as, "as", "", "refuse a declared report that reads a field this audience may not see (default: internal)")
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
	store   *recstore.Store
	profile *records.Profile
	cases   []*records.Case
	today   records.Date
	engine  *report.Engine
}

// reportContextKept is what a report reads: only the cases keep keeps (nil: all), and those
// not counted (countable warns of them); keep is a pure predicate (Store.SummariesKept) that
// keeps every case the report reads, given the profile and today.
func (f *Factory) reportContextKept(o *reportOptions, keep func(c *records.Case, p *records.Profile, today records.Date) bool) (*reportContext, error) {
	rc, err := f.reportSetup(o)
	if err != nil {
		return nil, err
	}
	var kept func(*records.Case) bool
	if keep != nil {
		kept = func(c *records.Case) bool { return keep(c, rc.profile, rc.today) || uncountable(c) != "" }
	}
	prog := newProgress(f, "cases read")
	prog.update(0, 1)
	cases, err := f.loadSummariesKept(rc.store, kept)
	prog.update(1, 1)
	prog.done()
	if err != nil {
		return nil, err
	}
	rc.cases = f.countable(cases)
	return rc, nil
}

// reportSetup is reportContext without the cases.
func (f *Factory) reportSetup(o *reportOptions) (*reportContext, error) {
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
	engine, err := report.New(store, p, lang, today)
	if err != nil {
		return nil, err
	}
	return &reportContext{store: store, profile: p, today: today, engine: engine}, nil
}

func runReportOversight(f *Factory, o *reportOptions) error {
	period, _, err := reportPeriod(o, true)
	if err != nil {
		return err
	}
	if err := f.requireRoles("oversight", oversightRoles); err != nil {
		return err
	}
	return f.reportOversightCounted(o, period)
}

func (rc *reportContext) data(f *Factory, period stats.Period, service string) *report.Data {
	return rc.engine.NewData(f.office(rc.engine.Lang()).Name, period, service)
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
	dir, base := filepath.Split(f.path(file))
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(filepath.Clean(dir), 0o755); err != nil {
		return fmt.Errorf("-O %s: cannot create its directory: %w", file, f.relErr(file, err))
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return err
	}
	tmp := filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(rnd[:]))
	fh, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("-O %s: %w", file, f.relErr(file, err))
	}
	_, werr := fh.Write(data)
	if werr == nil {
		werr = fh.Sync()
	}
	if cerr := fh.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, f.path(file))
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("-O %s: %w", file, f.relErr(file, werr))
	}
	f.Talk("wrote %s", file)
	return nil
}

// renderReport writes a report in the format asked: JSON is v itself (a contract: its keys
// only ever grow), CSV is its one table with codes rather than labels (for spreadsheets), md
// and html come from the report's templates, html with its charts.
func (f *Factory) renderReport(o *reportOptions, rc *reportContext, name string, data *report.Data, v any, table func() render.Table, charts func() []report.Chart) error {
	var out bytes.Buffer
	pr, err := render.NewPrinter(&out, reportOutput, o.output, true, false)
	if err != nil {
		return err
	}
	doc := func(w io.Writer) error {
		if pr.Format == render.FormatHTML && charts != nil {
			data.Charts = charts()
		}
		return rc.engine.Execute(w, name, pr.Format, data)
	}
	if err := pr.Print(render.Output{Object: v, Table: table(), Text: doc}); err != nil {
		return err
	}
	return f.writeReport(o.outFile, out.Bytes())
}
