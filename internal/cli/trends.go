package cli

import (
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/report"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

const trendsHelp = `Conduct complaints received per service × category in the period, against the mean
of the four periods of the same kind before it (the baseline). A pair is flagged as a
possible systemic issue when its count is at least twice the baseline and at least
--min (default 3): the list a team lead can act on. Flagged pairs come first.
A complaint with several categories counts once in each.

-o md and -o html are rendered from the templates trends.md.tmpl and trends.html.tmpl (an
office overrides them under templates/reports/ in its records repository); -o html
carries a bar per flagged pair against its baseline as inline SVG, with no script and
nothing fetched. -o json is a contract whose keys only grow; -o csv has codes rather
than labels.`

func newTrendsCmd(f *Factory) *cobra.Command {
	cmd := trendsCmd(f, "trends --period P [--min N] [-o md|html|json|csv] [--lang en|fr] [-O FILE]")
	cmd.GroupID = "cases"
	return cmd
}

func newReportTrendsCmd(f *Factory) *cobra.Command {
	return trendsCmd(f, "trends --period P [--min N] [-o md|html|json|csv] [--lang en|fr] [-O FILE]")
}

func trendsCmd(f *Factory, use string) *cobra.Command {
	o := &reportOptions{}
	var minCount int
	cmd := &cobra.Command{
		Use:     use,
		Short:   "Systemic trends: service × category against the four periods before",
		Long:    trendsHelp + exitStatusHelp,
		Example: "  dossier trends --period 2025-Q3\n  dossier trends --period 2025-Q3 --min 5 -o csv\n  dossier trends --period 2025 --lang fr -o html -O tendances-2025.html",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if minCount < 1 {
				return usageErrorf("--min: %d: give a count of at least 1", minCount)
			}
			return runTrends(f, o, minCount)
		},
	}
	addReportFlags(cmd, o, true)
	cmd.Flags().IntVar(&minCount, "min", 3, "the smallest count that can be flagged")
	return cmd
}

func runTrends(f *Factory, o *reportOptions, minCount int) error {
	period, _, err := reportPeriod(o, true)
	if err != nil {
		return err
	}
	counted := stats.InTrends(period) // the cases ComputeTrends counts: the others are never held
	rc, err := f.reportContextKept(o, func(c *records.Case, _ *records.Profile, _ records.Date) bool {
		return (o.service == "" || c.Service() == o.service) && counted(c)
	})
	if err != nil {
		return err
	}
	cases := rc.cases
	if o.service != "" {
		cases = nil
		for _, c := range rc.cases {
			if c.Service() == o.service {
				cases = append(cases, c)
			}
		}
	}
	r := stats.ComputeTrends(cases, period, minCount)
	data := rc.data(f, period, o.service)
	data.Trends = r
	table := func() render.Table { return report.TrendsTable(r) }
	charts := func() []report.Chart { return rc.engine.TrendsCharts(r) }
	return f.renderReport(o, rc, "trends", data, r, table, charts)
}
