package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/locale"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
)

// funcs are the helpers a report template may call.
func (e *Engine) funcs() map[string]any {
	return map[string]any{
		"t": func(key string, args ...any) string {
			if len(args) == 0 {
				return e.texts.get(key)
			}
			return fmt.Sprintf(e.texts.get(key), args...)
		},
		"label": e.Label,
		"outcome": func(typ, code string) string {
			if c := e.profile.OutcomesFor(typ).Find(code); c != nil {
				return c.Label(e.lang)
			}
			return e.Label("outcome", code)
		},
		"n":    func(n int) string { return locale.Number(e.lang, n) },
		"date": func(d records.Date) string { return stats.LongDate(e.lang, d) },
		"get": func(m stats.Counts, key string) int {
			v, _ := m.Get(key)
			return v
		},
		"total":        stats.Total,
		"outcomeCodes": outcomeCodes,
		"outcomeTotal": func(tc *stats.TypeCounts, code string) int {
			n := 0
			for _, r := range tc.Outcomes {
				v, _ := r.Value.Get(code)
				n += v
			}
			return n
		},
		"groundCodes": groundCodes,
		"days":        func(d records.Date) int { return d.DaysUntil(e.today) },
		"dec":         func(x float64) string { return locale.Decimal(e.lang, x) },
		"neg":         func(n int) int { return -n },
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
				s[i] = locale.Number(e.lang, n)
			}
			return strings.Join(s, " ")
		},
		// cell makes text safe in a Markdown table cell.
		"cell":    render.MarkdownCell,
		"dueWhat": e.DueWhat,
		"dueKind": e.DueKind,
	}
}

// outcomeCodes are the outcome codes of a type over all its routings, in first-seen order.
func outcomeCodes(tc *stats.TypeCounts) []string {
	var out []string
	for _, r := range tc.Outcomes {
		for _, k := range r.Value.Keys() {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// groundCodes are the screening-out grounds of every type, in first-seen order.
func groundCodes(r *stats.Oversight) []string {
	var out []string
	for _, ty := range r.Types {
		for _, k := range ty.Value.ScreenedOutByGround.Keys() {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// DueKind is the label of the kind of an obligation (due.KIND in the catalog: "Report on
// the referral"); a deadline of a clock the profile declares is a "Deadline" (due.clock), its
// own label being what is owed (DueWhat).
func (e *Engine) DueKind(it records.DueItem) string {
	key := "due." + it.Kind
	if it.Clock != "" {
		key = "due.clock"
	}
	if v, ok := e.texts.texts[key]; ok {
		return v
	}
	return it.Kind
}

// DueWhat is what an overdue item is owed for: the partner of a referral, the document and
// who was asked for it of a request.
func (e *Engine) DueWhat(it records.DueItem) string {
	if it.Clock != "" {
		return it.Label.Label(e.lang) // a declared clock: its label
	}
	switch it.Kind {
	case records.DueReferralReport, records.DueStatusUpdate:
		if it.Purpose != "" && it.Purpose != records.PurposeInvestigation {
			return e.Label("partner", it.Partner) + " (" + e.Label("purpose", it.Purpose) + ")"
		}
		return e.Label("partner", it.Partner)
	case records.DueReview:
		return e.texts.get("due.what.review")
	case records.DueForwarding:
		return e.Label("partner", it.Partner)
	case records.DueInformation:
		return fmt.Sprintf(e.texts.get("due.what.request"), it.Item, e.Label("partner", it.From))
	}
	return it.What
}
