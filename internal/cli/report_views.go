package cli

// The workload and overdue reports; oversight is in report.go, trends in trends.go.

import (
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/report"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newReportWorkloadCmd(f *Factory) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "workload [--service S] [-o md|html|json|csv] [--lang en|fr] [-O FILE]",
		Short: "Open cases today: per status, per actor, by age",
		Long: `The cases open today (DOSSIER_NOW), counted per status, per actor (whoever recorded
the case's latest history entry) and by age since received: 0-30, 31-90, 91-180 and
181+ days.

-o md and -o html are rendered from the templates workload.md.tmpl and workload.html.tmpl
(an office overrides them under templates/reports/ in its records repository); -o html
carries bar charts by status and by age as inline SVG, with no script and nothing fetched.
-o json is a contract whose keys only grow; -o csv is one table with one header, in
long format: table (status, actor or days), key (a code, an actor, an age bucket) and
count.` + exitStatusHelp,
		Example: "  dossier report workload\n  dossier report workload --lang fr -o html -O charge.html\n  dossier report workload --service toronto-ps -o json",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runReportWorkload(f, o) },
	}
	addReportFlags(cmd, o, false)
	return cmd
}

func runReportWorkload(f *Factory, o *reportOptions) error {
	// the open cases, all ComputeWorkload counts
	rc, err := f.reportContextKept(o, func(c *records.Case, _ *records.Profile, today records.Date) bool {
		return (o.service == "" || c.Service() == o.service) && stats.OpenAt(c, today)
	})
	if err != nil {
		return err
	}
	w := stats.ComputeWorkload(rc.cases, rc.profile, rc.today, o.service)
	data := rc.data(f, stats.Period{}, o.service)
	data.Workload = w
	table := func() render.Table { return report.WorkloadTable(w) }
	charts := func() []report.Chart { return rc.engine.WorkloadCharts(w) }
	return f.renderReport(o, rc, "workload", data, w, table, charts)
}

func newReportOverdueCmd(f *Factory) *cobra.Command {
	o := &reportOptions{}
	var partner, as string
	cmd := &cobra.Command{
		Use:   "overdue [--partner P] [--service S] [--as AUDIENCE] [-o md|html|json|csv] [--lang en|fr] [-O FILE]",
		Short: "What is past due, as a report for a partner or a manager",
		Long: `Everything past due today (as 'dossier due --overdue'): referral reports, status
updates, information requests, review decisions, late forwardings and the deadlines of the
clocks the profile declares, earliest first.
--partner P keeps what P owes (the partner of a referral, the party a request is asked
of): the list to send to that partner. --service S keeps the cases against the police
service S.

A report meant for a party shows only what that party may see: --as AUDIENCE applies the
audience's disclosure policy (dossier.yaml disclosure:) to every case before its items are
listed, and an item whose facts the audience may not see is left out (the respondent does
not see information requests, so none is listed). With --partner the default audience is
the partner's (its audience: in dossier.yaml, else respondent for a police service and
public for any other body); with --service alone, that service's; otherwise internal.

-o md and -o html are rendered from the templates overdue.md.tmpl and overdue.html.tmpl
(an office overrides them under templates/reports/ in its records repository); without
--service or --partner, -o html carries a bar chart of the items past due by service as
inline SVG. -o json is a contract whose keys only grow; -o csv has codes rather than
labels.` + exitStatusHelp,
		Example: "  dossier report overdue\n  dossier report overdue --partner siu -o csv -O siu-overdue.csv\n  dossier report overdue --service ottawa-ps --lang fr -o html -O retards.html\n  dossier report overdue --service ottawa-ps --as internal",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runReportOverdue(f, o, partner, as) },
	}
	addReportFlags(cmd, o, false)
	cmd.Flags().StringVar(&partner, "partner", "", "only what this partner or party owes")
	cmd.Flags().StringVar(&as, "as", "", "show only what this audience may see (default: the partner's or service's audience, else internal)")
	return cmd
}

func runReportOverdue(f *Factory, o *reportOptions, partner, as string) error {
	// the cases with something due, or whose full record may have, as due keeps
	rc, err := f.reportContextKept(o, func(c *records.Case, p *records.Profile, today records.Date) bool {
		return (o.service == "" || c.Service() == o.service) && (dueFacts(p)(c) || len(records.DueItemsOn(c, p, today)) > 0)
	})
	if err != nil {
		return err
	}
	if err := checkPartnerFlag(rc.profile, "--partner", partner); err != nil {
		return err
	}
	audience := overdueAudience(rc.profile, partner, o.service, as)
	policy, err := f.disclosurePolicy()
	if err != nil {
		return err
	}
	var mine []*records.Case
	for _, c := range rc.cases {
		if o.service == "" || c.Service() == o.service {
			mine = append(mine, c)
		}
	}
	f.completeWithheld(rc.store, mine, dueFacts(rc.profile))
	redactor, rerr := f.redactor(policy, audience) // compiled once; its error counts with a case to redact
	var cases []*records.Case
	for _, c := range mine {
		if rerr != nil {
			return usageErrorf("--as: %v", rerr)
		}
		seen := redactor.Redact(c)
		// The status and id say which case and whether it is open; an audience that may not
		// see them sees no item of it.
		if seen.ID == "" || seen.Status == "" {
			continue
		}
		cases = append(cases, seen)
	}
	warnUnknownParty(f, rc.profile, partner, func() []dueRow { return dueRows(mine, rc.profile, rc.today, rc.today, true) })
	rows := disclosedDue(filterDue(dueRows(cases, rc.profile, rc.today, rc.today, true), partner, ""))
	if rows == nil {
		rows = []dueRow{}
	}
	data := rc.data(f, stats.Period{}, o.service)
	data.Overdue = rows
	table := func() render.Table { return report.OverdueTable(rows) }
	charts := func() []report.Chart {
		if o.service != "" || partner != "" || len(rows) == 0 {
			return nil
		}
		return rc.engine.OverdueCharts(rows)
	}
	return f.renderReport(o, rc, "overdue", data, rows, table, charts)
}

// overdueAudience is who a report overdue is for: --as, else the partner's audience, else the
// service's, else internal.
func overdueAudience(p *records.Profile, partner, service, as string) string {
	switch {
	case as != "":
		return as
	case partner != "" && p.Partners.Has(partner):
		return p.PartnerAudience(partner)
	case partner != "":
		return records.AudiencePublic // a party that is not a partner (a witness...): nothing personal
	case service != "":
		return p.PartnerAudience(service)
	}
	return records.AudienceInternal
}

// disclosedDue drops the rows computed from facts the audience does not see: a request whose
// item or party was withheld.
func disclosedDue(rows []dueRow) []dueRow {
	var out []dueRow
	for _, r := range rows {
		if r.Kind == records.DueInformation && (r.Partner == "" || strings.HasPrefix(r.What, " from ")) {
			continue
		}
		out = append(out, r)
	}
	return out
}
