package cli

import (
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/report"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
	recstore "github.com/dossier-dev/dossier/records/store"
)

// reportOversightCounted is report oversight in a format without charts: the cases are
// counted as they are read (store.EachSummary), never all held, with the same output and
// the same warnings as reportContext's read (BENCHMARKS.md "One million cases").
func (f *Factory) reportOversightCounted(o *reportOptions, period stats.Period) error {
	rc, err := f.reportSetup(o)
	if err != nil {
		return err
	}
	oc := stats.NewOversightCounter(rc.profile, period, o.service)
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
		},
		Restart: func() { oc.Reset(); warnings = nil },
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
	return f.renderReport(o, rc, "oversight", data, rep, table, nil)
}
