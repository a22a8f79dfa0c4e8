package report

import (
	"fmt"
	htmltemplate "html/template"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/locale"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
)

// chart draws a bar chart titled with the catalog's key.
func (e *Engine) chart(key string, bars []stats.Bar) Chart {
	title := e.texts.get(key)
	return Chart{Title: title, SVG: htmltemplate.HTML(stats.BarChart(title, bars, e.lang))}
}

// An OversightChartCounter counts, a case at a time (Add), what the HTML oversight report's
// charts draw: managed by type, received by area (a public code that purge keeps, so a past
// report stays the same), and received per quarter over the two years ending with the period.
type OversightChartCounter struct {
	e     *Engine
	areas *stats.ReceivedCounter
	trend *stats.QuarterlyCounter
}

func (e *Engine) NewOversightChartCounter(period stats.Period, service string) *OversightChartCounter {
	none := e.texts.get("area.none")
	areas := stats.NewReceivedCounter(period, service, func(c *records.Case) string {
		if a := c.Area(); a != "" {
			return e.Label("area", a)
		}
		return none
	})
	return &OversightChartCounter{e: e, areas: areas, trend: stats.NewQuarterlyCounter(service, period.To, 8)}
}

// Add counts c.
func (oc *OversightChartCounter) Add(c *records.Case) {
	oc.areas.Add(c)
	oc.trend.Add(c)
}

// Charts are the charts of the cases added, with r their report.
func (oc *OversightChartCounter) Charts(r *stats.Oversight) []Chart {
	e := oc.e
	var types []stats.Bar
	for _, ty := range r.Types {
		types = append(types, stats.Bar{Label: e.Label("type", ty.Key), Value: ty.Value.Managed})
	}
	mk := func(key string, svg string) Chart {
		return Chart{Title: e.texts.get(key), SVG: htmltemplate.HTML(svg)}
	}
	return []Chart{
		mk("chart.types", stats.BarChart(e.texts.get("chart.types"), types, e.lang)),
		mk("chart.areas", stats.BarChart(e.texts.get("chart.areas"), oc.areas.Bars(12, "…"), e.lang)),
		mk("chart.trend", stats.LineChart(e.texts.get("chart.trend"), oc.trend.Bars(), e.lang)),
	}
}

// WorkloadCharts are bar charts of the open cases by status and by age.
func (e *Engine) WorkloadCharts(w *stats.Workload) []Chart {
	var byStatus, byAge []stats.Bar
	for _, kv := range w.ByStatus {
		byStatus = append(byStatus, stats.Bar{Label: e.Label("status", kv.Key), Value: kv.Value})
	}
	for _, kv := range w.ByAge {
		byAge = append(byAge, stats.Bar{Label: e.Label("age", kv.Key), Value: kv.Value})
	}
	return []Chart{e.chart("chart.workload_status", byStatus), e.chart("chart.workload_age", byAge)}
}

// OverdueCharts is a bar chart of the items past due by service.
func (e *Engine) OverdueCharts(rows []DueRow) []Chart {
	return []Chart{e.chart("chart.overdue_services", e.overdueByService(rows))}
}

// overdueByService counts the items past due per service, most first, then by label.
func (e *Engine) overdueByService(rows []DueRow) []stats.Bar {
	var bars []stats.Bar
	for _, r := range rows {
		label := e.texts.get("service.none")
		if r.Service != "" {
			label = e.Label("partner", r.Service)
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

// TrendsCharts is a chart of the flagged counts against their baselines; none when nothing
// is flagged.
func (e *Engine) TrendsCharts(r *stats.TrendReport) []Chart {
	var bars []stats.BaselineBar
	for _, tr := range r.Trends {
		if !tr.Flagged {
			continue
		}
		svc := e.texts.get("service.none")
		if tr.Service != "" {
			svc = e.Label("partner", tr.Service)
		}
		bars = append(bars, stats.BaselineBar{
			Label:    svc + " × " + e.Label("category", tr.Category),
			Value:    tr.Count,
			Baseline: tr.Baseline,
			Text:     fmt.Sprintf(e.texts.get("chart.baseline_text"), locale.Number(e.lang, tr.Count), locale.Decimal(e.lang, tr.Baseline)),
		})
	}
	if len(bars) == 0 {
		return nil
	}
	title := e.texts.get("chart.trends")
	return []Chart{{Title: title, SVG: htmltemplate.HTML(stats.BaselineChart(title, bars))}}
}
