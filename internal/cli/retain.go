package cli

import (
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newRetainCmd(f *Factory) *cobra.Command {
	var date string
	cmd := &cobra.Command{
		Use:     "retain ID",
		Short:   "Keep a screened-in complaint for the office to investigate",
		GroupID: "cases",
		Long: verbHelp(`Set the routing to "retained": the office investigates the complaint itself.
Record its finding with decide.`),
		Example: "  dossier retain 2026-K7M2Q",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := f.runStep(step{arg: args[0], date: date, action: "retain", apply: records.Retain})
			return err
		},
	}
	dateFlag(cmd, &date)
	return cmd
}

func newDecideCmd(f *Factory) *cobra.Command {
	var finding, date string
	cmd := &cobra.Command{
		Use:     "decide ID [--finding F]",
		Short:   "Record the finding of an investigation",
		GroupID: "cases",
		Long: verbHelp(`Record the finding of the office's own investigation (a retained case), or of the
partner's (a referred case: the same as refer --returned). The case becomes "decided";
close it with its outcome, or it may go to review.`),
		Example: "  dossier decide 2026-K7M2Q --finding substantiated",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := f.runStep(step{arg: args[0], date: date, action: "decide", detail: lastDetail,
				apply: func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.Decide(c, p, a, finding)
				}})
			return err
		},
	}
	cmd.Flags().StringVar(&finding, "finding", "", "the outcome the investigation reached, e.g. unsubstantiated")
	dateFlag(cmd, &date)
	return cmd
}
