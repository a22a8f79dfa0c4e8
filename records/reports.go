package records

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file gives the declared reports (ReportDef) their meaning: the dimensions they group
// by, the measures they compute, the date that puts a case in their period, and the checks of
// a declaration (CheckReports). internal/stats computes them, internal/report renders them.

// Dims is one dimension or a list of them (rows: program, or rows: [program, district]).
type Dims []string

func (d *Dims) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*d = nil
		if n.Tag != "!!null" && n.Value != "" {
			*d = Dims{n.Value}
		}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return fmt.Errorf("line %d: write a dimension or a list of dimensions", n.Line)
	}
	*d = list
	return nil
}

// Built-in dimensions of a declared report; any groupable declared field is one too.
const (
	DimStatus  = "status"
	DimType    = "type"
	DimOutcome = "outcome"
	DimPartner = "partner" // the partners the case was referred to
)

// PeriodReceived puts a case in a report's period by the day it was received.
const PeriodReceived = "received"

// BuiltinReports are the reports written in code (report oversight...); a declared report may
// not take their names.
var BuiltinReports = []string{"oversight", "workload", "overdue", "trends"}

// Measure kinds of a declared report.
const (
	MeasureCount  = "count"  // the cases
	MeasureSum    = "sum"    // sum:FIELD, a money or integer field summed
	MeasureRate   = "rate"   // rate:A/B, cases that took A over cases that took B, in percent
	MeasureMedian = "median" // median:A..B, median days from the first A to the first B after it
)

// Measure is one parsed measure of a report: its kind, the field summed, or the two events
// (an action, or received) of a rate or a median.
type Measure struct {
	Spec  string // as declared: the key of its value in JSON and CSV
	Kind  string
	Field string
	// A, B: rate:A/B counts the cases that took A over those that took B; median:A..B the
	// days from the first A to the first B on or after it.
	A, B string
}

// ParseMeasure reads count, sum:FIELD, rate:A/B or median:A..B.
func ParseMeasure(spec string) (Measure, error) {
	m := Measure{Spec: spec}
	kind, arg, _ := strings.Cut(spec, ":")
	m.Kind = kind
	bad := func(form string) (Measure, error) {
		return m, fmt.Errorf("measure %q: write %s", spec, form)
	}
	switch kind {
	case MeasureCount:
		if arg != "" || strings.Contains(spec, ":") {
			return bad("count")
		}
	case MeasureSum:
		if arg == "" || strings.ContainsAny(arg, " /.") {
			return bad("sum:FIELD (a money or integer field)")
		}
		m.Field = arg
	case MeasureRate:
		a, b, ok := strings.Cut(arg, "/")
		if !ok || a == "" || b == "" {
			return bad("rate:A/B (cases that took action A over cases that took action B)")
		}
		m.A, m.B = a, b
	case MeasureMedian:
		a, b, ok := strings.Cut(arg, "..")
		if !ok || a == "" || b == "" {
			return bad("median:A..B (days from the first action A to the first action B after it)")
		}
		m.A, m.B = a, b
	default:
		return m, fmt.Errorf("unknown measure %q%s: use count, sum:FIELD, rate:A/B or median:A..B", spec, Suggest(kind, []string{MeasureCount, MeasureSum, MeasureRate, MeasureMedian}))
	}
	return m, nil
}

// Label is the report's title in lang, falling back to English, then its name.
func (r ReportDef) Label(lang string) string {
	return Code{Code: r.Name, En: r.En, Fr: r.Fr}.Label(lang)
}

// PeriodBy is the date that puts a case in the report's period: received, or an action.
func (r ReportDef) PeriodBy() string {
	if r.Period == "" {
		return PeriodReceived
	}
	return r.Period
}

// ParsedMeasures are the report's measures (count when it declares none); the ones that do
// not parse are left out (CheckReports reports them).
func (r ReportDef) ParsedMeasures() []Measure {
	if len(r.Measures) == 0 {
		return []Measure{{Spec: MeasureCount, Kind: MeasureCount}}
	}
	var out []Measure
	for _, s := range r.Measures {
		if m, err := ParseMeasure(s); err == nil {
			out = append(out, m)
		}
	}
	return out
}

// ReportActions are the actions a history may hold under the profile: the workflow's and the
// built-in ones; Ontario's when the workflow declares none.
func (p *Profile) ReportActions() []string {
	if len(p.Workflow.Actions) == 0 {
		return DetailActions()
	}
	var out []string
	for _, a := range p.Workflow.Actions {
		out = append(out, a.Name)
	}
	for _, a := range BuiltinActions() {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// ReportedActions are the actions the declared reports date: their periods, rates and
// medians (received aside), each once, in the order first named. The index keeps the history
// entries of these actions so that the reports run from it.
func (p *Profile) ReportedActions() []string {
	var out []string
	add := func(a string) {
		if a != PeriodReceived && a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	for _, r := range p.Reports {
		add(r.Period)
		for _, s := range r.Measures {
			if m, err := ParseMeasure(s); err == nil && (m.Kind == MeasureRate || m.Kind == MeasureMedian) {
				add(m.A)
				add(m.B)
			}
		}
	}
	return out
}

// MissingRoles are the roles of roles that no action of the workflow declares: a report
// written in code that reads them cannot run on the profile. A workflow that declares no
// action is Ontario's, which has them all.
func (p *Profile) MissingRoles(roles ...string) []string {
	if len(p.Workflow.Actions) == 0 {
		return nil
	}
	var out []string
	for _, r := range roles {
		if !slices.ContainsFunc(p.Workflow.Actions, func(a ActionDef) bool { return a.Role == r }) {
			out = append(out, r)
		}
	}
	return out
}

// ReportDimensions are what a declared report may group by: the built-in dimensions and the
// groupable declared fields (FieldDef.Groupable).
func (p *Profile) ReportDimensions() []string {
	out := []string{DimStatus, DimType, DimOutcome, DimPartner}
	for _, f := range p.GroupFields() {
		if codedKind(f.Kind) {
			out = append(out, f.Name)
		}
	}
	return out
}

// DimensionCodes are the codes of a dimension, in report order, and whether it has a code
// list (a text, date or integer field does not: its rows are the values found).
func (p *Profile) DimensionCodes(dim string) (Codes, bool) {
	switch dim {
	case DimStatus:
		if len(p.Workflow.Statuses) > 0 {
			cs := make(Codes, len(p.Workflow.Statuses))
			for i, s := range p.Workflow.Statuses {
				cs[i] = Code{Code: s.Code, En: s.En, Fr: s.Fr}
			}
			return cs, true
		}
		return p.Statuses, true
	case DimType:
		return p.Types, true
	case DimOutcome:
		return p.AllOutcomes(), true
	case DimPartner:
		return p.Partners, true
	}
	f := p.Fields.Find(dim)
	if f == nil {
		return nil, false
	}
	switch f.Kind {
	case KindCode, KindCodes:
		return f.Codes, true
	case KindPartner:
		return p.Partners, true
	}
	return nil, false
}

// DimensionValues are the values of a dimension for a case: one, several (codes, the partners
// of its referrals), or none.
func DimensionValues(c *Case, dim string) []string {
	switch dim {
	case DimStatus:
		return nonEmpty(c.Status)
	case DimType:
		return nonEmpty(c.Type)
	case DimOutcome:
		return nonEmpty(c.Outcome())
	case DimPartner:
		var out []string
		for _, r := range c.Referrals {
			if r.To != "" && !slices.Contains(out, r.To) {
				out = append(out, r.To)
			}
		}
		return out
	}
	return c.Field(dim).Values()
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// CheckReports reports what is wrong with the declared reports: a missing title, rows,
// columns or a filter naming an unknown or non-groupable field or one whose class a report
// may not show, a sum over a field that is not money or an integer, a rate or a median
// naming an unknown action, an unknown period.
func (p *Profile) CheckReports() []Problem {
	var probs []Problem
	for _, r := range p.Reports {
		add := func(key, format string, args ...any) {
			probs = append(probs, Problem{File: "dossier.yaml", Line: r.Line, Field: "reports." + r.Name + key, Msg: fmt.Sprintf(format, args...)})
		}
		if slices.Contains(BuiltinReports, r.Name) {
			add("", "%s is a report of dossier's own (report %s): give the declared report another name", r.Name, r.Name)
		}
		if r.En == "" {
			add(".en", "no English title: write en: TITLE")
		}
		if r.Fr == "" {
			add(".fr", "no French title: write fr: TITRE")
		}
		if len(r.Rows) == 0 {
			add(".rows", "no rows: name what the report counts by (%s)", strings.Join(p.ReportDimensions(), ", "))
		}
		for _, d := range r.Rows {
			if msg := p.checkDimension(d); msg != "" {
				add(".rows", "%s", msg)
			}
		}
		if r.Columns != "" {
			if msg := p.checkDimension(r.Columns); msg != "" {
				add(".columns", "%s", msg)
			} else if slices.Contains(r.Rows, r.Columns) {
				add(".columns", "%s is also a row: choose another dimension for the columns, or none", r.Columns)
			}
		}
		for _, d := range sortedKeys(r.Filter) {
			if msg := p.checkDimension(d); msg != "" {
				add(".filter", "%s", msg)
				continue
			}
			if len(r.Filter[d]) == 0 {
				add(".filter."+d, "no code: list the codes the report keeps")
			}
			if cs, ok := p.DimensionCodes(d); ok {
				for _, code := range r.Filter[d] {
					if err := cs.Check(d, code); err != nil {
						add(".filter."+d, "%v", err)
					}
				}
			}
		}
		actions := p.ReportActions()
		event := func(key, name string) {
			if name != PeriodReceived && !slices.Contains(actions, name) {
				add(key, "unknown action %q%s: use received or one of %s", name, Suggest(name, append([]string{PeriodReceived}, actions...)), strings.Join(actions, ", "))
			}
		}
		if r.Period != "" {
			event(".period", r.Period)
		}
		for _, k := range sortedKeys(r.Labels) {
			if !slices.Contains(r.Measures, k) && !(len(r.Measures) == 0 && k == MeasureCount) {
				add(".labels", "%q is not a measure of the report: label one of %s", k, strings.Join(r.Measures, ", "))
			}
		}
		seen := map[string]bool{}
		for _, s := range r.Measures {
			m, err := ParseMeasure(s)
			if err != nil {
				add(".measures", "%v", err)
				continue
			}
			if seen[s] {
				add(".measures", "%s is listed twice", s)
			}
			seen[s] = true
			switch m.Kind {
			case MeasureSum:
				if msg := p.checkSum(m.Field); msg != "" {
					add(".measures", "%s: %s", s, msg)
				}
			case MeasureRate, MeasureMedian:
				event(".measures", m.A)
				event(".measures", m.B)
			}
		}
	}
	return probs
}

// checkDimension says why a report cannot group by dim ("" when it can).
func (p *Profile) checkDimension(dim string) string {
	switch dim {
	case DimStatus, DimType, DimOutcome, DimPartner:
		return ""
	}
	f := p.Fields.Find(dim)
	if f == nil {
		return fmt.Sprintf("unknown field %q%s: group by %s", dim, Suggest(dim, p.ReportDimensions()), strings.Join(p.ReportDimensions(), ", "))
	}
	if msg := reportClass(f); msg != "" {
		return msg
	}
	if !f.Groupable() {
		return fmt.Sprintf("%s cannot be grouped by (%s): a report groups by a code, codes or partner field declared group: true", dim, f.whyNotGroupable())
	}
	if !codedKind(f.Kind) {
		return fmt.Sprintf("%s cannot be grouped by (a %s field: only code, codes and partner fields are grouped): a report groups by a code, codes or partner field declared group: true", dim, f.Kind)
	}
	return ""
}

// codedKind reports whether a field of this kind has a list of codes a report's rows follow.
func codedKind(kind string) bool {
	return kind == KindCode || kind == KindCodes || kind == KindPartner
}

// checkSum says why a report cannot sum field ("" when it can).
func (p *Profile) checkSum(field string) string {
	f := p.Fields.Find(field)
	switch {
	case f == nil:
		var numeric []string
		for _, f := range p.Fields {
			if f.Kind == KindMoney || f.Kind == KindInteger {
				numeric = append(numeric, f.Name)
			}
		}
		return fmt.Sprintf("unknown field %q%s: sum a money or integer field (%s)", field, Suggest(field, numeric), strings.Join(numeric, ", "))
	case f.Kind != KindMoney && f.Kind != KindInteger:
		return fmt.Sprintf("%s is a %s field: sum a money or integer field", field, f.Kind)
	}
	return reportClass(f)
}

// reportClass refuses a field a public-facing report may not show: a declared report is read
// outside the office and its past periods must not change when files are purged, so it groups
// and sums only public or internal fields.
func reportClass(f *FieldDef) string {
	switch {
	case f.Class == "":
		return fmt.Sprintf("%s has no class: a report shows only public or internal fields", f.Name)
	case f.Class.Removable():
		return fmt.Sprintf("%s is %s: a report shows only public or internal fields (purge removes %s ones)", f.Name, f.Class, f.Class)
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
