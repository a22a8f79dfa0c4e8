package cli

import (
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	"github.com/spf13/cobra"
)

func newRetentionCmd(f *Factory) *cobra.Command {
	var output string
	var schedule bool
	cmd := &cobra.Command{
		Use:     "retention [-o FORMAT] [--schedule]",
		Short:   "List the files due for disposal under the retention schedule",
		GroupID: "repo",
		Long: `List the closed files whose retention period has run out on today's date (DOSSIER_NOW
fixes it), with the day each became due, oldest first. A file is due the day it was
closed, the schedule's number of years later (a file closed on 29 February is due on
1 March). Files on hold ('dossier hold') are listed with HOLD set: purge keeps them.
Files already disposed of are not listed.

The schedule is retention: in dossier.yaml, in years after closing, by outcome:

  retention:
    default: 5            # every outcome not listed below
    by_outcome:
      screened-out: 2

Anything left out keeps these defaults. --schedule prints the schedule in force for
every outcome. 'dossier purge' disposes of the files listed.` + exitStatusHelp,
		Example: "  dossier retention\n  dossier retention -o json\n  DOSSIER_NOW=2026-12-31 dossier retention   # what will be due by the end of the year",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			pr, err := f.printer(retentionOutput, output, outputGiven(cmd))
			if err != nil {
				return err
			}
			ret, err := f.retention()
			if err != nil {
				return err
			}
			if schedule {
				return writeSchedule(f, pr, ret)
			}
			due, err := f.dueForDisposal(ret)
			if err != nil {
				return err
			}
			held := 0
			for _, d := range due {
				if d.Held {
					held++
				}
			}
			f.Talk("%s due for disposal, %d on hold", plural(len(due), "file", "files"), held)
			return writeDisposals(pr, due)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: "+strings.Join(retentionOutput.Formats, ", "))
	cmd.Flags().BoolVar(&schedule, "schedule", false, "print the retention schedule in force, by outcome")
	return cmd
}

// dueForDisposal lists the files due today, warning about files that cannot be read.
func (f *Factory) dueForDisposal(ret privacy.Retention) ([]privacy.Disposal, error) {
	store, err := f.Store()
	if err != nil {
		return nil, err
	}
	today, err := f.Today()
	if err != nil {
		return nil, err
	}
	due, problems, err := store.DueForDisposal(ret, today, f.UseCache())
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		f.Warn("skipped %v", p)
	}
	return due, nil
}

func holdText(d privacy.Disposal) string {
	if !d.Held {
		return ""
	}
	return "since " + d.HeldSince.String()
}

func writeDisposals(pr *render.Printer, due []privacy.Disposal) error {
	if due == nil {
		due = []privacy.Disposal{}
	}
	t := render.Table{Header: []string{"DUE", "ID", "OUTCOME", "CLOSED", "YEARS", "HOLD"}}
	for _, d := range due {
		t.Rows = append(t.Rows, []string{d.Due.String(), d.ID, d.Outcome, d.Closed.String(), strconv.Itoa(d.Years), holdText(d)})
	}
	return pr.Print(render.Output{Table: t, Object: due})
}

// writeSchedule prints the years after closing for every outcome the profile knows.
func writeSchedule(f *Factory, pr *render.Printer, ret privacy.Retention) error {
	p, err := f.Profile()
	if err != nil {
		return err
	}
	type row struct {
		Outcome string `json:"outcome"`
		Years   int    `json:"years"`
	}
	var rows []row
	seen := map[string]bool{}
	for _, o := range append(p.AllOutcomes().List(), records.OutcomeWithdrawn) {
		if !seen[o] {
			seen[o] = true
			rows = append(rows, row{o, ret.Years(o)})
		}
	}
	t := render.Table{Header: []string{"OUTCOME", "YEARS"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []string{r.Outcome, strconv.Itoa(r.Years)})
	}
	return pr.Print(render.Output{Table: t, Object: rows})
}
