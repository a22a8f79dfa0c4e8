package cli

import (
	"fmt"
	"strconv"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/spf13/cobra"
)

const trendsHelp = `Conduct complaints received per service × category in the period, against the mean
of the four periods of the same kind before it (the baseline). A pair is flagged as a
possible systemic issue when its count is at least twice the baseline and at least
--min (default 3): the list a team lead can act on. Flagged pairs come first.
A complaint with several categories counts once in each.`

func newTrendsCmd(f *Factory) *cobra.Command {
	cmd := trendsCmd(f, "trends --period P [--min N] [-o md|json|csv] [-O FILE]")
	cmd.GroupID = "cases"
	return cmd
}

func newReportTrendsCmd(f *Factory) *cobra.Command {
	return trendsCmd(f, "trends --period P [--min N] [-o md|json|csv] [-O FILE]")
}

func trendsCmd(f *Factory, use string) *cobra.Command {
	o := &reportOptions{}
	var minCount int
	cmd := &cobra.Command{
		Use:     use,
		Short:   "Systemic trends: service × category against the four periods before",
		Long:    trendsHelp + exitStatusHelp,
		Example: "  dossier trends --period 2025-Q3\n  dossier trends --period 2025-Q3 --min 5 -o csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if minCount < 1 {
				return usageErrorf("--min: %d: give a count of at least 1", minCount)
			}
			period, _, err := reportPeriod(o, true)
			if err != nil {
				return err
			}
			rc, err := f.reportContext(o)
			if err != nil {
				return err
			}
			var cases = rc.cases
			if o.service != "" {
				cases = nil
				for _, c := range rc.cases {
					if c.Service() == o.service {
						cases = append(cases, c)
					}
				}
			}
			r := stats.ComputeTrends(cases, period, minCount)
			t := render.Table{Header: []string{"service", "category", "count", "baseline", "previous", "flagged"}}
			for _, tr := range r.Trends {
				prev := ""
				for i, n := range tr.Previous {
					if i > 0 {
						prev += " "
					}
					prev += strconv.Itoa(n)
				}
				flag := ""
				if tr.Flagged {
					flag = "yes"
				}
				svc, cat := tr.Service, tr.Category
				if o.output == "md" {
					svc, cat = rc.label("partner", svc), rc.label("category", cat)
				}
				t.Rows = append(t.Rows, []string{svc, cat, fmt.Sprint(tr.Count), strconv.FormatFloat(tr.Baseline, 'f', 2, 64), prev, flag})
			}
			title := fmt.Sprintf(rc.texts.get("trends.title"), stats.PeriodName(rc.lang, period))
			return f.simpleReport(o, rc, title, []titledTable{{rc.texts.get("trends.items"), t, 2}}, r)
		},
	}
	addReportFlags(cmd, o, true)
	cmd.Flags().IntVar(&minCount, "min", 3, "the smallest count that can be flagged")
	return cmd
}
