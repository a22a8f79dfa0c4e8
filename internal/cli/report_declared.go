package cli

// The profile's declared reports (reports: in the profile or dossier.yaml), run as
// `dossier report NAME`; the reports written in code are in report.go and report_views.go.

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/letters"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/report"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	"github.com/spf13/cobra"
)

// oversightRoles are the roles of the actions the oversight report reads: screening,
// routing, closing, withdrawals and reviews. A profile whose workflow declares none of them
// has no oversight statistics to give.
var oversightRoles = []string{records.RoleScreenIn, records.RoleScreenOut, records.RoleRefer, records.RoleRetain,
	records.RoleClose, records.RoleWithdraw, records.RoleReviewReq, records.RoleReviewDecide}

// requireRoles refuses a report written in code for Ontario's workflow when the profile does
// not declare the roles it reads.
func (f *Factory) requireRoles(name string, roles []string) error {
	p, err := f.Profile()
	if err != nil {
		return err
	}
	return missingRolesError(p, name, roles)
}

// missingRolesError says which roles report name reads that the profile's workflow does not
// declare, and which reports the profile has instead (nil when it declares them all).
func missingRolesError(p *records.Profile, name string, roles []string) error {
	missing := p.MissingRoles(roles...)
	if len(missing) == 0 {
		return nil
	}
	profile := "of this repository"
	if p.Name != "" {
		profile = p.Name
	}
	msg := fmt.Sprintf("report %s: the profile %s declares no action with the role %s, which this report reads", name, profile, strings.Join(missing, ", "))
	if names := declaredNames(p); len(names) > 0 {
		msg += "; its own reports are " + strings.Join(names, ", ") + " (dossier report NAME)"
	}
	return usageErrorf("%s", msg)
}

func declaredNames(p *records.Profile) []string {
	var out []string
	for _, r := range p.Reports {
		out = append(out, r.Name)
	}
	return out
}

// declaredReportsHelp lists the declared reports of the repository's profile with their
// titles (in the office's first language), for `report --help`; nothing outside a repository or when its settings do not load.
func (f *Factory) declaredReportsHelp() string {
	s, err := f.Settings()
	if err != nil || s.Root == "" || len(s.Profile.Reports) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n\nThe reports of this repository's profile (dossier report NAME):\n")
	width := 0
	for _, r := range s.Profile.Reports {
		width = max(width, len(r.Name))
	}
	for _, r := range s.Profile.Reports {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r.Name, r.Label(officeLang(s.Profile)))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// officeLang is the office's first language, in which help and completion title its reports.
func officeLang(p *records.Profile) string {
	if len(p.Languages) > 0 {
		return p.Languages[0].Code
	}
	return "en"
}

// completeDeclaredReports offers the declared reports of the repository's profile, with their
// titles.
func completeDeclaredReports(f *Factory) func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		p, err := f.Profile()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, r := range p.Reports {
			if strings.HasPrefix(r.Name, toComplete) {
				out = append(out, cobra.CompletionWithDesc(r.Name, r.Label(officeLang(p))))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// runDeclaredReport runs the declared report name: its cases (the period's, when one is
// given), its numbers, then the one template every declared report shares. The profile has
// passed CheckReports (a profile with problems is refused when it is loaded).
func runDeclaredReport(f *Factory, o *reportOptions, name, as string) error {
	p, err := f.Profile()
	if err != nil {
		return err
	}
	def := p.Reports.Find(name)
	if def == nil {
		names := append(slices.Clone(records.BuiltinReports), declaredNames(p)...)
		return usageErrorf("report: unknown report %q%s: use one of %s", records.Printable(name), records.Suggest(name, names), strings.Join(names, ", "))
	}
	if as == "" {
		as = records.AudienceInternal
	}
	policy, err := f.disclosurePolicy()
	if err != nil {
		return err
	}
	if err := checkReportAudience(p, def, policy, as); err != nil {
		return err
	}
	period, hasPeriod, err := reportPeriod(o, false)
	if err != nil {
		return err
	}
	counted := stats.InDeclared(def, period, !hasPeriod) // the others are never held
	rc, err := f.reportContextKept(o, func(c *records.Case, _ *records.Profile, _ records.Date) bool { return counted(c) })
	if err != nil {
		return err
	}
	// The summaries hold all a declared report reads: its fields are groupable or numeric public
	// or internal ones, which the index carries, and the index keeps the history entries of the
	// actions the profile's reports name (store.Summarize).
	r, err := stats.ComputeDeclared(rc.cases, p, def, period, !hasPeriod)
	if err != nil {
		return err
	}
	rc.engine.ActionLabel = letters.ActionLabel
	data := rc.data(f, period, "")
	data.Declared = rc.engine.Declared(def, r, data.PeriodName)
	table := func() render.Table { return report.DeclaredTable(r) }
	charts := func() []report.Chart { return rc.engine.DeclaredCharts(def, r) }
	return f.renderReport(o, rc, name, data, r, table, charts)
}

// checkReportAudience refuses a report for an audience that may not see a field it groups,
// filters or sums by (dossier.yaml disclosure:): --as public on a report by an internal field.
func checkReportAudience(p *records.Profile, def *records.ReportDef, policy privacy.Policy, audience string) error {
	if audience == records.AudienceInternal {
		return nil
	}
	leaves, err := policy.DisclosesFor(p, audience)
	if err != nil {
		return usageErrorf("--as: %v", err)
	}
	var used []string
	used = append(used, def.Rows...)
	if def.Columns != "" {
		used = append(used, def.Columns)
	}
	used = append(used, slices.Sorted(maps.Keys(def.Filter))...)
	for _, m := range def.ParsedMeasures() {
		if m.Kind == records.MeasureSum {
			used = append(used, m.Field)
		}
	}
	var hidden []string
	for _, d := range used {
		if slices.Contains(hidden, d) {
			continue
		}
		leaf, class := dimensionLeaf(p, d)
		if !slices.Contains(leaves, leaf) {
			hidden = append(hidden, fmt.Sprintf("%s (%s)", d, class))
		}
	}
	if len(hidden) > 0 {
		return usageErrorf("--as %s: the report %s reads %s, which %s may not see (disclosure: in dossier.yaml): run it for an audience that sees them", audience, def.Name, strings.Join(hidden, ", "), audience)
	}
	return nil
}

// dimensionLeaf is the record field behind a dimension and its class.
func dimensionLeaf(p *records.Profile, dim string) (string, records.Class) {
	leaf := map[string]string{records.DimStatus: "status", records.DimType: "type", records.DimOutcome: "disposition.outcome", records.DimPartner: "referrals.to"}[dim]
	if leaf != "" {
		c, _ := records.ClassOf(leaf)
		return leaf, c
	}
	var class records.Class
	if f := p.Fields.Find(dim); f != nil {
		class = f.Class
	}
	return "fields." + dim, class
}
