package cli

import (
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newCloseCmd(f *Factory) *cobra.Command {
	var outcome, reason, date string
	cmd := &cobra.Command{
		Use:     "close ID --outcome O [--reason TEXT]",
		Short:   "Close a screened-in case with its outcome",
		GroupID: "cases",
		Long: verbHelp(`Close a case once it is screened in, with an outcome of its type (conduct:
unsubstantiated, substantiated, section-72, withdrawn, early-resolution,
informal-resolution; service and policy: action-taken, no-action, early-resolution,
withdrawn). A finding is not needed first: early resolution or a section-72 closure may
happen while a referral is open. Before screening, only screen --out and withdraw close
a case.`),
		Example: "  dossier close 2026-K7M2Q --outcome unsubstantiated",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := f.runStep(step{arg: args[0], date: date, action: "close", detail: lastDetail,
				apply: func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.Close(c, p, a, outcome, reason)
				}})
			return err
		},
	}
	cmd.Flags().StringVar(&outcome, "outcome", "", "the outcome code (required)")
	cmd.Flags().StringVar(&reason, "reason", "", "why, in a few words (internal)")
	dateFlag(cmd, &date)
	return cmd
}

func newWithdrawCmd(f *Factory) *cobra.Command {
	var reason, date string
	cmd := &cobra.Command{
		Use:     "withdraw ID [--reason TEXT]",
		Short:   "Close a case the complainant withdrew",
		GroupID: "cases",
		Long: verbHelp(`Close the case with outcome withdrawn, at any stage before it is closed. Reports count
it as "withdrawn before screening" when it had no screening decision.`),
		Example: "  dossier withdraw 2026-K7M2Q --reason 'resolved with the officer directly'",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := f.runStep(step{arg: args[0], date: date, action: "withdraw",
				apply: func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.Withdraw(c, p, a, reason)
				}})
			return err
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why, in a few words (internal)")
	dateFlag(cmd, &date)
	return cmd
}

func newReopenCmd(f *Factory) *cobra.Command {
	var reason, date string
	cmd := &cobra.Command{
		Use:     "reopen ID --reason TEXT",
		Short:   "Reopen a closed case",
		GroupID: "cases",
		Long: verbHelp(`Reopen a closed case in the status it had when it was closed. A screened-out case
cannot be reopened: a screen-out is final within the office.`),
		Example: "  dossier reopen 2026-K7M2Q --reason 'new evidence received'",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := f.runStep(step{arg: args[0], date: date, action: "reopen",
				apply: func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.Reopen(c, p, a, reason)
				}})
			return err
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why the file is reopened (required; internal)")
	dateFlag(cmd, &date)
	return cmd
}
