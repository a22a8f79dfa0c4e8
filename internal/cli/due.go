package cli

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

var dueFormats = []string{"table", "tsv", "csv", "json"}

// dueRow is one line of due, in its JSON form.
type dueRow struct {
	records.DueItem
	Status  string `json:"status"`
	Service string `json:"service,omitempty"`
	Days    int    `json:"days"` // days until due; negative when overdue
	Overdue bool   `json:"overdue"`
}

func newDueCmd(f *Factory) *cobra.Command {
	var within, output string
	var overdue bool
	cmd := &cobra.Command{
		Use:     "due [--within DURATION] [--overdue] [-o FORMAT]",
		Short:   "What is overdue or coming due",
		GroupID: "cases",
		Long: `List every referral report, status update, information request and review decision that
is overdue or comes due within the window (default 14d; a duration such as 30d, 6w, 2m,
or a date), across all open cases, earliest first. DAYS is negative when overdue.
--overdue lists only what is past due. Run it every morning.` + exitStatusHelp,
		Example: "  dossier due\n  dossier due --overdue -o csv > overdue.csv\n  dossier due --within 30d --service ottawa-ps",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("output") && !f.OutTerminal {
				output = "tsv"
			}
			if err := render.CheckFormat(output, dueFormats); err != nil {
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
			return writeDue(f, output, rows)
		},
	}
	cmd.Flags().StringVar(&within, "within", "14d", "how far ahead to look: a duration (30d, 6w, 2m) or a DATE")
	cmd.Flags().BoolVar(&overdue, "overdue", false, "only what is past due")
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: "+strings.Join(dueFormats, ", "))
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

func writeDue(f *Factory, output string, rows []dueRow) error {
	if output == "json" {
		if rows == nil {
			rows = []dueRow{}
		}
		return render.WriteJSON(f.Out, rows)
	}
	t := render.Table{Header: []string{"DUE", "DAYS", "ID", "KIND", "WHAT", "STATUS"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []string{r.Due.String(), strconv.Itoa(r.Days), r.ID, r.Kind, r.What, r.Status})
	}
	switch output {
	case "csv":
		return render.WriteCSV(f.Out, t)
	case "tsv":
		return render.WriteTSV(f.Out, t)
	}
	return render.WriteTable(f.Out, t, true)
}
