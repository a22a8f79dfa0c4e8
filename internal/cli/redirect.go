package cli

import (
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newRedirectCmd(f *Factory) *cobra.Command {
	var to, reason, date string
	cmd := &cobra.Command{
		Use:     "redirect ID --to ORGANISATION --reason TEXT",
		Short:   "Close a complaint sent to another organisation before screening",
		GroupID: "cases",
		Long: verbHelp(`Record that the complaint is not one for the office (no jurisdiction: a municipal by-law
officer, a private security guard, a matter for another tribunal) and that the
complainant was sent to the organisation that can deal with it, with advice. The case
closes with outcome "redirected", disposition.redirected_to naming the organisation and
disposition.reason saying why; the redirected letter tells the complainant. Only a case
not yet screened is redirected (after screening, screen --out or close apply); reopen
undoes it. Reports count it as received and closed, never as screened.`),
		Example: `  dossier redirect 2026-K7M2Q --to "Ontario Ombudsman" --reason "no jurisdiction: a municipal by-law officer"`,
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := f.runStep(step{arg: args[0], date: date, action: "redirect",
				detail: func(*records.Case) string { return "redirected" },
				apply: func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.Redirect(c, p, a, to, reason)
				}})
			return err
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "the organisation the complainant is sent to (required)")
	cmd.Flags().StringVar(&reason, "reason", "", "why the complaint goes there (required)")
	dateFlag(cmd, &date)
	return cmd
}
