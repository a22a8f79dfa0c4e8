package report

import (
	"fmt"
	"strconv"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/stats"
)

// The tables below are the reports' CSV form: codes, not labels, for spreadsheets.

// OversightTable flattens the oversight report, one number a line.
func OversightTable(r *stats.Oversight) render.Table {
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

// WorkloadTable is the workload in long form: table (status, actor or days), key, count.
func WorkloadTable(w *stats.Workload) render.Table {
	id := func(s string) string { return s }
	actor := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	return render.Long(countsTable("status", w.ByStatus, id), countsTable("actor", w.ByActor, actor), countsTable("days", w.ByAge, id))
}

func countsTable(head string, m stats.Counts, label func(string) string) render.Table {
	t := render.Table{Header: []string{head, "N"}}
	for _, kv := range m {
		t.Rows = append(t.Rows, []string{label(kv.Key), fmt.Sprint(kv.Value)})
	}
	return t
}

// OverdueTable is one line per item past due.
func OverdueTable(rows []DueRow) render.Table {
	t := render.Table{Header: []string{"id", "kind", "due", "days_late", "what", "service", "status"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []string{r.ID, r.Kind, r.Due.String(), fmt.Sprint(-r.Days), r.What, r.Service, r.Status})
	}
	return t
}

// TrendsTable is one line per service × category.
func TrendsTable(r *stats.TrendReport) render.Table {
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
		t.Rows = append(t.Rows, []string{tr.Service, tr.Category, fmt.Sprint(tr.Count), strconv.FormatFloat(tr.Baseline, 'f', 2, 64), prev, flag})
	}
	return t
}
