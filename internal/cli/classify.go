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
		Long: verbHelp(`Set a case's type (a code of codes.types: in Ontario conduct, service or
policy), its categories and its flags. Only the types codes.category_types names take
categories (in Ontario, conduct complaints: the Code of Conduct's categories). A case can
be classified again until it is screened; each classification is kept in the history.
Categories given replace the earlier ones; flags are added.`),
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
	cmd.Flags().StringVar(&typ, "type", "", "a code of codes.types (Ontario: conduct, service or policy)")
	cmd.Flags().StringSliceVar(&categories, "category", nil, "a code of codes.categories, for the types that have categories (repeat or comma-separate)")
	cmd.Flags().StringSliceVar(&flags, "flag", nil, "a flag such as litigious or vulnerable-person (repeat or comma-separate)")
	dateFlag(cmd, &date)
	return cmd
}
