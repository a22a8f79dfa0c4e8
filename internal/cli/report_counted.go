package cli

import (
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/report"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
	recstore "github.com/dossier-dev/dossier/records/store"
)

// reportOversightCounted is report oversight: the cases are counted as they are read
// (store.EachSummary), never all held, with the warnings of reportContext's read, and so are
// the HTML report's charts (BENCHMARKS.md "One million cases"). The charts count incident
// areas, which the summaries hold: no record file is read.
func (f *Factory) reportOversightCounted(o *reportOptions, period stats.Period) error {
	rc, err := f.reportSetup(o)
	if err != nil {
		return err
	}
	oc := stats.NewOversightCounter(rc.profile, period, o.service)
	var chartCounts *report.OversightChartCounter
	if format, err := reportOutput.Choose(o.output, true, false); err == nil && format == render.FormatHTML {
		chartCounts = rc.engine.NewOversightChartCounter(period, o.service)
	}
	type prepared struct {
		warning string
		facts   stats.CaseFacts
	}
	var warnings []string
	prog := newProgress(f, "cases read")
	prog.update(0, 1)
	problems, err := recstore.EachSummary(rc.store, f.UseCache(), recstore.Visitor[prepared]{
		Prepare: func(c *records.Case) prepared {
			if w := uncountable(c); w != "" {
				return prepared{warning: w}
			}
			return prepared{facts: stats.FactsOf(c)}
		},
		Consume: func(c *records.Case, p prepared) {
			if p.warning != "" {
				warnings = append(warnings, p.warning)
				return
			}
			oc.Add(c, p.facts)
			if chartCounts != nil {
				chartCounts.Add(c)
			}
		},
		Restart: func() {
			oc.Reset()
			warnings = nil
			if chartCounts != nil {
				chartCounts = rc.engine.NewOversightChartCounter(period, o.service)
			}
		},
	})
	prog.update(1, 1)
	prog.done()
	if err != nil {
		return err
	}
	f.readDone(rc.store, problems)
	for _, w := range warnings {
		f.Warn("%s", w)
	}
	rep := oc.Result()
	data := rc.data(f, period, o.service)
	data.Oversight = rep
	table := func() render.Table { return report.OversightTable(rep) }
	var charts func() []report.Chart
	if chartCounts != nil {
		charts = func() []report.Chart { return chartCounts.Charts(rep) }
	}
	return f.renderReport(o, rc, "oversight", data, rep, table, charts)
}
