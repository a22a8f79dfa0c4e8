package cli

import (
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newClassifyCmd(f *Factory) *cobra.Command {
	var typ, date string
	var categories, flags []string
	cmd := &cobra.Command{
		Use:     "classify ID --type TYPE [--category C]... [--flag F]...",
		Short:   "Set a case's type, conduct categories and flags",
		GroupID: "cases",
		Long: verbHelp(`Set the type of complaint (conduct, service, policy), the Code of Conduct categories
(conduct complaints only) and flags. A case can be classified again until it is screened;
each classification is kept in the history. Categories given replace the earlier ones;
flags are added.`),
		Example: "  dossier classify 2026-K7M2Q --type conduct --category discreditable-conduct --flag vulnerable-person",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := f.runStep(step{arg: args[0], date: date, action: "classify", detail: lastDetail,
				apply: func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.Classify(c, p, a, typ, splitList(categories), splitList(flags))
				}})
			return err
		},
	}
	cmd.Flags().StringVar(&typ, "type", "", "conduct, service or policy")
	cmd.Flags().StringSliceVar(&categories, "category", nil, "a conduct category (repeat or comma-separate)")
	cmd.Flags().StringSliceVar(&flags, "flag", nil, "a flag such as litigious or vulnerable-person (repeat or comma-separate)")
	dateFlag(cmd, &date)
	return cmd
}
