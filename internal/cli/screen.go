package cli

import (
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newScreenCmd(f *Factory) *cobra.Command {
	var in, out bool
	var grounds []string
	var date string
	cmd := &cobra.Command{
		Use:     "screen ID --in | --out --ground G [--ground G]...",
		Short:   "Screen a classified complaint in or out",
		GroupID: "cases",
		Long: verbHelp(`Record the screening decision. --in: the office deals with the complaint (next: refer
or retain). --out: it does not, on one or more grounds; the case is closed with outcome
screened-out, and that is final within the office: no later command may reopen,
reclassify or refer it (only a court's judicial review can; record that with note).`),
		Example: "  dossier screen 2026-K7M2Q --in\n  dossier screen 2026-K7M2Q --out --ground frivolous --ground over-six-months",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requireOne(cmd, "in", "out"); err != nil {
				return err
			}
			if in && len(grounds) > 0 {
				return usageErrorf("--ground goes with --out, not --in")
			}
			_, err := f.runStep(step{arg: args[0], date: date, action: "screen",
				apply: func(c *records.Case, p *records.Profile, a records.Act) error {
					if in {
						return records.ScreenIn(c, p, a)
					}
					return records.ScreenOut(c, p, a, splitList(grounds))
				},
				detail: func(c *records.Case) string {
					if in {
						return "in"
					}
					return "out (" + strings.Join(c.Screening.Grounds, ", ") + ")"
				}})
			return err
		},
	}
	cmd.Flags().BoolVar(&in, "in", false, "screen the complaint in")
	cmd.Flags().BoolVar(&out, "out", false, "screen the complaint out (final; needs --ground)")
	cmd.Flags().StringSliceVar(&grounds, "ground", nil, "a screen-out ground, e.g. frivolous (repeat or comma-separate)")
	dateFlag(cmd, &date)
	return cmd
}
