package report

import (
	"fmt"
	htmltemplate "html/template"
	"maps"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/locale"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
)

// DeclaredTemplate is the template pair (declared.md.tmpl, declared.html.tmpl) every declared
// report is rendered from; an office overrides it, or one report's (NAME.md.tmpl), in its
// records repository.
const DeclaredTemplate = "declared"

// DeclaredView is a declared report as its templates read it: the profile's labels in the
// report's language and the figures written for people.
type DeclaredView struct {
	Title    string
	Scope    string // which cases: those of the period, and the filter
	Sections []DeclaredSectionView
	Notes    []string
}

// DeclaredSectionView is the part of one rows dimension: one table, or one per measure when
// the report has columns.
type DeclaredSectionView struct {
	Title  string
	Tables []DeclaredTableView
}

// DeclaredTableView is one table: its caption (the measure, when the report has columns), its
// header and its rows, the last of which is the total.
type DeclaredTableView struct {
	Caption string
	Header  []string
	Rows    [][]string
}

// Declared is the view of the declared report r of def; whole is true when it covers every
// case rather than a period.
func (e *Engine) Declared(def *records.ReportDef, r *stats.Declared, periodName string) *DeclaredView {
	v := &DeclaredView{Title: def.Label(e.lang)}
	if periodName != "" {
		v.Title = fmt.Sprintf(e.texts.get("declared.title"), v.Title, periodName)
	}
	n := locale.Number(e.lang, r.Cases)
	switch {
	case r.From.IsZero():
		v.Scope = fmt.Sprintf(e.texts.get("declared.scope.all"), n)
	case r.PeriodBy == records.PeriodReceived:
		v.Scope = fmt.Sprintf(e.texts.get("declared.scope.received"), n)
	default:
		v.Scope = fmt.Sprintf(e.texts.get("declared.scope.action"), locale.Quote(e.lang, e.actionLabel(r.PeriodBy)), n)
	}
	if len(r.Filter) > 0 {
		var parts []string
		for _, dim := range slices.Sorted(maps.Keys(r.Filter)) {
			var labels []string
			for _, code := range r.Filter[dim] {
				labels = append(labels, e.dimValue(dim, code))
			}
			parts = append(parts, e.dimLabel(dim)+locale.Colon(e.lang)+strings.Join(labels, ", "))
		}
		v.Scope += " " + fmt.Sprintf(e.texts.get("declared.filter"), strings.Join(parts, "; "))
	}
	measures := def.ParsedMeasures()
	for _, s := range r.Sections {
		sv := DeclaredSectionView{Title: e.dimLabel(s.Rows)}
		lines := append(slices.Clone(s.Lines), &stats.DeclaredLine{Value: "\x00total", DeclaredTotals: s.Total})
		label := func(l *stats.DeclaredLine) string {
			if l.Value == "\x00total" {
				return e.texts.get("total")
			}
			return e.dimValue(s.Rows, l.Value)
		}
		if r.Columns == "" {
			t := DeclaredTableView{Header: []string{sv.Title}}
			for _, m := range measures {
				t.Header = append(t.Header, e.measureLabel(def, m))
			}
			for _, l := range lines {
				row := []string{label(l)}
				for _, val := range l.Total {
					row = append(row, e.figure(val))
				}
				t.Rows = append(t.Rows, row)
			}
			sv.Tables = append(sv.Tables, t)
		} else {
			for i, m := range measures {
				t := DeclaredTableView{Caption: e.measureLabel(def, m), Header: []string{sv.Title}}
				for _, col := range r.ColumnValues {
					t.Header = append(t.Header, e.dimValue(r.Columns, col))
				}
				t.Header = append(t.Header, e.texts.get("total"))
				for _, l := range lines {
					row := []string{label(l)}
					for _, kv := range l.Columns {
						row = append(row, e.figure(kv.Value[i]))
					}
					t.Rows = append(t.Rows, append(row, e.figure(l.Total[i])))
				}
				sv.Tables = append(sv.Tables, t)
			}
		}
		v.Sections = append(v.Sections, sv)
	}
	if slices.ContainsFunc(append(slices.Clone(def.Rows), def.Columns), e.manyValued) {
		v.Notes = append(v.Notes, e.texts.get("declared.note.many"))
	}
	if slices.ContainsFunc(measures, func(m records.Measure) bool { return m.Kind == records.MeasureRate }) {
		v.Notes = append(v.Notes, fmt.Sprintf(e.texts.get("declared.note.rate"), stats.LongDate(e.lang, e.today)))
	}
	if slices.ContainsFunc(measures, func(m records.Measure) bool { return m.Kind == records.MeasureMedian }) {
		v.Notes = append(v.Notes, e.texts.get("declared.note.median"))
	}
	return v
}

// manyValued reports whether a case may have several values of dim (codes, the partners of
// its referrals): it then counts in several lines.
func (e *Engine) manyValued(dim string) bool {
	if dim == records.DimPartner {
		return true
	}
	f := e.profile.Fields.Find(dim)
	return f != nil && f.Kind == records.KindCodes
}

// dimLabel is the label of a dimension: a declared field's, else the catalog's col.DIM.
func (e *Engine) dimLabel(dim string) string {
	if f := e.profile.Fields.Find(dim); f != nil {
		return f.Label(e.lang)
	}
	return e.texts.get("col." + dim)
}

// dimValue is the label of one value of a dimension: its code's label, "(none)" for the
// cases without one, else the value as written (a date, a number).
func (e *Engine) dimValue(dim, value string) string {
	if value == "" {
		return e.texts.get("declared.none")
	}
	if cs, ok := e.profile.DimensionCodes(dim); ok {
		if c := cs.Find(value); c != nil {
			return c.Label(e.lang)
		}
	}
	return value
}

// actionLabel is the label of an action the report names: the workflow's, else the catalog's
// action.NAME, else the engine's ActionLabel, else the name.
func (e *Engine) actionLabel(name string) string {
	if a := e.profile.Workflow.Actions.Find(name); a != nil {
		return records.Code{Code: a.Name, En: a.En, Fr: a.Fr}.Label(e.lang)
	}
	if v, ok := e.texts.texts["action."+name]; ok {
		return v
	}
	if e.ActionLabel != nil {
		return e.ActionLabel(name, e.lang)
	}
	return name
}

// measureLabel is the heading of a measure: the report's label for it, else one made of what
// it counts.
func (e *Engine) measureLabel(def *records.ReportDef, m records.Measure) string {
	if c, ok := def.Labels[m.Spec]; ok {
		return c.Label(e.lang)
	}
	switch m.Kind {
	case records.MeasureSum:
		label := m.Field
		if f := e.profile.Fields.Find(m.Field); f != nil {
			label = f.Label(e.lang)
		}
		return fmt.Sprintf(e.texts.get("declared.sum"), label)
	case records.MeasureRate:
		return fmt.Sprintf(e.texts.get("declared.rate"), e.actionLabel(m.A), e.actionLabel(m.B))
	case records.MeasureMedian:
		return fmt.Sprintf(e.texts.get("declared.median"), e.actionLabel(m.A), e.actionLabel(m.B))
	}
	return e.texts.get("declared.count")
}

// figure writes one value for people: a count, an amount, a percentage, a number of days;
// a dash when there is none.
func (e *Engine) figure(v *stats.Value) string {
	switch {
	case v.None:
		return e.texts.get("declared.nothing")
	case v.Measure.Kind == records.MeasureSum && v.Money:
		return locale.Money(e.lang, v.N)
	case v.Measure.Kind == records.MeasureRate:
		return locale.Percent(e.lang, v.Tenths)
	case v.Measure.Kind == records.MeasureMedian:
		return locale.Tenths(e.lang, v.Tenths, false)
	}
	return locale.Number(e.lang, int(v.N))
}

// DeclaredTable is a declared report's CSV form, one number a line, with codes: the rows
// dimension, its value, the column's value, the measure and the value. "*" is the total of a
// line or a column; an empty value is the cases with none; without columns the column is "*".
func DeclaredTable(r *stats.Declared) render.Table {
	t := render.Table{Header: []string{"dimension", "row", "column", "measure", "value"}}
	add := func(dim, row string, tot stats.DeclaredTotals) {
		for _, kv := range tot.Columns {
			for _, v := range kv.Value {
				t.Rows = append(t.Rows, []string{dim, row, kv.Key, v.Measure.Spec, v.Plain()})
			}
		}
		for _, v := range tot.Total {
			t.Rows = append(t.Rows, []string{dim, row, "*", v.Measure.Spec, v.Plain()})
		}
	}
	for _, s := range r.Sections {
		for _, l := range s.Lines {
			add(s.Rows, l.Value, l.DeclaredTotals)
		}
		add(s.Rows, "*", s.Total)
	}
	return t
}

// DeclaredCharts are the HTML report's charts: the cases of each line, one bar chart per rows
// dimension, when the report counts cases.
func (e *Engine) DeclaredCharts(def *records.ReportDef, r *stats.Declared) []Chart {
	i := slices.IndexFunc(def.ParsedMeasures(), func(m records.Measure) bool { return m.Kind == records.MeasureCount })
	if i < 0 {
		return nil
	}
	var out []Chart
	for _, s := range r.Sections {
		var bars []stats.Bar
		for _, l := range s.Lines {
			bars = append(bars, stats.Bar{Label: e.dimValue(s.Rows, l.Value), Value: int(l.Total[i].N)})
		}
		title := fmt.Sprintf(e.texts.get("declared.chart"), e.dimLabel(s.Rows))
		out = append(out, Chart{Title: title, SVG: htmltemplate.HTML(stats.BarChart(title, bars, e.lang))})
	}
	return out
}
