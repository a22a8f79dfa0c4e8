package cli

import (
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newReviewCmd(f *Factory) *cobra.Command {
	var request, decide bool
	var outcome, date string
	cmd := &cobra.Command{
		Use:     "review ID --request | --decide --outcome O",
		Short:   "Record a review of the police decision",
		GroupID: "cases",
		Long: verbHelp(`--request: the complainant asks for a review of the decision on their complaint (the
case becomes under-review; the decision is due after the review_decision clock). A
request outside the review_request window (30 days after the decision) is recorded with
a warning. --decide --outcome: confirmed, varied or other return the case to
"decided"; new-investigation refers it again to the same partner; taken-over makes the
office investigate (retained).`),
		Example: "  dossier review 2026-K7M2Q --request\n  dossier review 2026-K7M2Q --decide --outcome confirmed",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requireOne(cmd, "request", "decide"); err != nil {
				return err
			}
			if request && outcome != "" {
				return usageErrorf("--outcome goes with --decide")
			}
			if decide && outcome == "" {
				return usageErrorf("--decide needs --outcome")
			}
			s := step{arg: args[0], date: date, action: "review", detail: func(c *records.Case) string {
				if request {
					return "requested"
				}
				return outcome
			}}
			var warning string
			s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
				if request {
					var err error
					warning, err = records.ReviewRequest(c, p, a)
					return err
				}
				return records.ReviewDecide(c, p, a, outcome)
			}
			_, err := f.runStep(s)
			if err == nil && warning != "" {
				f.Warn("%s", warning)
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&request, "request", false, "the complainant requests a review")
	cmd.Flags().BoolVar(&decide, "decide", false, "record the review's decision (with --outcome)")
	cmd.Flags().StringVar(&outcome, "outcome", "", "confirmed, new-investigation, varied, taken-over or other")
	dateFlag(cmd, &date)
	return cmd
}
