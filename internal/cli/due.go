package cli

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/report"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

// dueRow is one line of due, in its JSON form.
type dueRow = report.DueRow

func newDueCmd(f *Factory) *cobra.Command {
	var within, output, lang, partner, service, clock string
	var overdue bool
	cmd := &cobra.Command{
		Use:     "due [--within DURATION] [--overdue] [--partner P] [--service S] [--clock NAME] [-o FORMAT]",
		Short:   "What is overdue or coming due",
		GroupID: "cases",
		Long: `List every obligation that is overdue or comes due within the window (default 14d; a
duration such as 30d, 6w, 2m, or a date), across all open cases, earliest first, one row
each: the report of each open referral (referral-report) and its next status update
(status-update), each open information request (information-request), an undecided review
(review-decision), and a police service's late forwarding of a complaint still waiting for
screening (forwarding: forward_business_days after the police service received it,
skipping weekends and the holidays: list of dossier.yaml; DAYS is then how late the office
received it). DAYS is negative when overdue. --overdue lists only what is past due. A
table (on a terminal, or -o table) says KIND and WHAT in words in the --lang language, as
the overdue report does; tsv, csv and json keep the codes, for scripts.

The clocks the profile declares (clocks: in dossier.yaml, docs/profiles.md) are listed
beside them, KIND being the clock's name (Deadline, Délai in a table) and WHAT its label
in the --lang language: each
running clock's deadline (a repeating clock: its next occurrence; a clock with warn: N is
listed from N days before its deadline, whatever --within says). --clock NAME keeps that
clock's deadlines only.

--partner P keeps what P owes (the partner of a referral, the party a request is asked of,
the police service that forwards a complaint); --service S keeps the cases against the
police service S. Run it every morning.` + exitStatusHelp,
		Example: "  dossier due\n  dossier due --overdue -o csv > overdue.csv\n  dossier due --within 30d --partner siu\n  dossier due --service ottawa-ps\n  dossier due --within 60d --lang fr",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			pr, err := f.printer(dueOutput, output, outputGiven(cmd))
			if err != nil {
				return err
			}
			store, err := f.Store()
			if err != nil {
				return err
			}
			lb, err := f.tableLabels(lang, store.Profile, pr.Format) // a table is read by people: labels; tsv, csv and json keep codes
			if err != nil {
				return err
			}
			today, err := f.Today()
			if err != nil {
				return err
			}
			horizon, err := parseDue("--within", within, today)
			if err != nil {
				return err
			}
			// only the cases with something due, or whose full record may have (dueFacts)
			need := dueFacts(store.Profile)
			cases, err := f.loadSummariesKept(store, func(c *records.Case) bool {
				return need(c) || len(records.DueItemsOn(c, store.Profile, today)) > 0
			})
			if err != nil {
				return err
			}
			if err := checkPartnerFlag(store.Profile, "--partner", partner); err != nil {
				return err
			}
			if err := checkPartnerFlag(store.Profile, "--service", service); err != nil {
				return err
			}
			if err := checkClockFlag(store.Profile, clock); err != nil {
				return err
			}
			f.completeWithheld(store, cases, dueFacts(store.Profile))
			all := dueRows(cases, store.Profile, today, horizon, overdue)
			warnUnknownParty(f, store.Profile, partner, func() []dueRow { return all })
			rows := filterClock(filterDue(all, partner, service), clock)
			var labels *report.Engine // a table is read by people: the kinds and what is owed in words
			if lb != nil {
				if labels, err = report.New(store, store.Profile, lb.lang, today); err != nil {
					return err
				}
			}
			return writeDue(pr, rows, lb, labels)
		},
	}
	cmd.Flags().StringVar(&within, "within", "14d", "how far ahead to look: a duration (30d, 6w, 2m) or a DATE")
	cmd.Flags().BoolVar(&overdue, "overdue", false, "only what is past due")
	cmd.Flags().StringVar(&partner, "partner", "", "only what this partner or party owes")
	cmd.Flags().StringVar(&service, "service", "", "only the cases against this police service")
	cmd.Flags().StringVar(&clock, "clock", "", "only the deadlines of this declared clock")
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: "+strings.Join(dueOutput.Formats, ", "))
	addLangFlag(cmd, &lang)
	return cmd
}

func dueRows(cases []*records.Case, p *records.Profile, today, horizon records.Date, overdueOnly bool) []dueRow {
	var rows []dueRow
	for _, c := range cases {
		for _, it := range records.DueItemsOn(c, p, today) {
			late := it.Late(today)
			if overdueOnly && !late {
				continue
			}
			if it.Due.After(horizon) && (it.Warn <= 0 || today.Before(it.Due.AddDays(-it.Warn))) {
				continue
			}
			days := today.DaysUntil(it.Due)
			if !it.Met.IsZero() {
				days = it.Met.DaysUntil(it.Due)
			}
			rows = append(rows, dueRow{DueItem: it, Status: c.Status, Service: c.Service(), Days: days, Overdue: late})
		}
	}
	slices.SortStableFunc(rows, func(a, b dueRow) int {
		if d := a.Days - b.Days; d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
	return rows
}

// writeDue prints the rows; with labels (a table for people), the KIND and WHAT columns
// in words, as the overdue report prints them.
func writeDue(pr *render.Printer, rows []dueRow, lb *labeler, labels *report.Engine) error {
	if rows == nil {
		rows = []dueRow{}
	}
	t := render.Table{Header: lb.headers([]string{"DUE", "DAYS", "ID", "KIND", "WHAT", "STATUS"})}
	for _, r := range rows {
		kind, what := r.Kind, r.What
		if labels != nil {
			kind, what = labels.DueKind(r.DueItem), labels.DueWhat(r.DueItem)
		}
		t.Rows = append(t.Rows, []string{r.Due.String(), strconv.Itoa(r.Days), r.ID, kind, what, lb.of("status", r.Status)})
	}
	return pr.Print(render.Output{Table: t, Object: rows})
}

// filterDue keeps the rows owed by partner and on cases against service ("": any).
func filterDue(rows []dueRow, partner, service string) []dueRow {
	var out []dueRow
	for _, r := range rows {
		if (partner == "" || r.Partner == partner) && (service == "" || r.Service == service) {
			out = append(out, r)
		}
	}
	return out
}

// checkPartnerFlag accepts a partner code of the profile, or a party such as complainant for
// --partner (requests are asked of parties that are not partners).
func checkPartnerFlag(p *records.Profile, flag, v string) error {
	if v == "" || p.Partners.Has(v) || (flag == "--partner" && !strings.ContainsAny(v, " \t")) {
		return nil
	}
	if err := p.Partners.Check("partner", v); err != nil {
		return usageErrorf("%s: %v", flag, err)
	}
	return nil
}

// warnUnknownParty says so when --partner names no partner of the profile and nothing in
// the list is owed by a party of that name: an empty list from a typo is never silent. (A
// party with nothing due is not an error: cron may ask every day.) rows are the items before
// any audience's redaction, computed only when the name is no partner code.
func warnUnknownParty(f *Factory, p *records.Profile, party string, rows func() []dueRow) {
	if party == "" || p.Partners.Has(party) || slices.ContainsFunc(rows(), func(r dueRow) bool { return r.Partner == party }) {
		return
	}
	codes := p.Partners.List()
	f.Warn("--partner %s: no partner has that code%s, and nothing listed is owed by a party of that name (partners: %s)",
		records.Quote(party), records.Suggest(party, codes), strings.Join(codes, ", "))
}
