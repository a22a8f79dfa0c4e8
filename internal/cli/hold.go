package cli

import (
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newHoldCmd(f *Factory) *cobra.Command {
	var reason, date string
	var lift bool
	cmd := &cobra.Command{
		Use:     "hold ID --reason TEXT | --lift [--reason TEXT]",
		Short:   "Keep a file from disposal (legal hold, access request, appeal), or lift the hold",
		GroupID: "cases",
		Long: verbHelp(`Put the case on hold: a legal hold, a pending access request or an appeal keeps the
file from disposal under the retention schedule ('dossier retention', 'dossier purge')
for as long as the hold lasts. --lift ends the hold. A hold may be placed on an open or
a closed case, screened out or not. The reason is confidential: it is kept in the record
and its history, never in a commit message or a public export.`),
		Example: "  dossier hold 2024-K7M2Q --reason 'access request received 2026-02-27'\n  dossier hold 2024-K7M2Q --lift --reason 'access request answered'",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !lift && !cmd.Flags().Changed("reason") {
				return usageErrorf("hold needs --reason (why the file is held) or --lift")
			}
			s := step{arg: args[0], date: date, action: "hold",
				apply: func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.PlaceHold(c, p, a, reason)
				},
				detail: func(c *records.Case) string { return "placed" }}
			if lift {
				s.label = "hold lift"
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.LiftHold(c, p, a, reason)
				}
				s.detail = func(c *records.Case) string { return "lifted" }
			}
			_, err := f.runStep(s)
			return err
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why the file is held, or why the hold is lifted (confidential)")
	cmd.Flags().BoolVar(&lift, "lift", false, "lift the hold")
	dateFlag(cmd, &date)
	return cmd
}
