package cli

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

// dueRow is one line of due, in its JSON form.
type dueRow struct {
	records.DueItem
	Status  string `json:"status"`
	Service string `json:"service,omitempty"`
	Days    int    `json:"days"` // days until due; negative when overdue
	Overdue bool   `json:"overdue"`
}

func newDueCmd(f *Factory) *cobra.Command {
	var within, output, lang string
	var overdue bool
	cmd := &cobra.Command{
		Use:     "due [--within DURATION] [--overdue] [-o FORMAT]",
		Short:   "What is overdue or coming due",
		GroupID: "cases",
		Long: `List every referral report, status update, information request and review decision that
is overdue or comes due within the window (default 14d; a duration such as 30d, 6w, 2m,
or a date), across all open cases, earliest first. DAYS is negative when overdue.
--overdue lists only what is past due. Run it every morning.` + exitStatusHelp,
		Example: "  dossier due\n  dossier due --overdue -o csv > overdue.csv\n  dossier due --within 30d",
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
			today, err := f.Today()
			if err != nil {
				return err
			}
			horizon, err := parseDue("--within", within, today)
			if err != nil {
				return err
			}
			cases, err := f.loadSummaries(store)
			if err != nil {
				return err
			}
			f.completeWithheld(store, cases, hasOpenRequest)
			rows := dueRows(cases, store.Profile, today, horizon, overdue)
			var lb *labeler // a table is read by people: labels; tsv, csv and json keep codes
			if pr.Format == render.FormatTable {
				if lb, err = f.labels(lang, store.Profile, true); err != nil {
					return err
				}
			}
			return writeDue(pr, rows, lb)
		},
	}
	cmd.Flags().StringVar(&within, "within", "14d", "how far ahead to look: a duration (30d, 6w, 2m) or a DATE")
	cmd.Flags().BoolVar(&overdue, "overdue", false, "only what is past due")
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: "+strings.Join(dueOutput.Formats, ", "))
	addLangFlag(cmd, &lang)
	return cmd
}

func dueRows(cases []*records.Case, p *records.Profile, today, horizon records.Date, overdueOnly bool) []dueRow {
	var rows []dueRow
	for _, c := range cases {
		for _, it := range records.DueItems(c, p) {
			late := it.Due.Before(today)
			if overdueOnly && !late {
				continue
			}
			if it.Due.After(horizon) {
				continue
			}
			rows = append(rows, dueRow{DueItem: it, Status: c.Status, Service: c.Service(), Days: today.DaysUntil(it.Due), Overdue: late})
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

func writeDue(pr *render.Printer, rows []dueRow, lb *labeler) error {
	if rows == nil {
		rows = []dueRow{}
	}
	t := render.Table{Header: []string{"DUE", "DAYS", "ID", "KIND", "WHAT", "STATUS"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []string{r.Due.String(), strconv.Itoa(r.Days), r.ID, r.Kind, dueWhatLabel(lb, r.DueItem), lb.of("status", r.Status)})
	}
	return pr.Print(render.Output{Table: t, Object: rows})
}

// dueWhatLabel is the WHAT of a due row with the partner's label (a table for people).
func dueWhatLabel(lb *labeler, it records.DueItem) string {
	if lb != nil && it.Partner != "" && it.What == it.Partner {
		return lb.of("partner", it.Partner)
	}
	return it.What
}
