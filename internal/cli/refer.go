package cli

import (
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newReferCmd(f *Factory) *cobra.Command {
	var to, purpose, due, finding, date string
	var update, returned bool
	cmd := &cobra.Command{
		Use:     "refer ID --to PARTNER [--purpose P] [--due DATE|DURATION] | --update | --returned [--finding F]",
		Short:   "Refer a complaint to a partner and follow the referral",
		GroupID: "cases",
		Long: verbHelp(`Refer a screened-in complaint to a partner (a police service, another body, a program).
The routing becomes "referred" when the partner is the service complained about, and
"other-service" otherwise. The report is due after the referral_report clock of
dossier.yaml (120 days) unless --due gives a date or a duration (30d, 6w, 4m).

--update logs a status update received from the partner (the next is due after the
status_update clock, 45 days). --returned logs the partner's decision, with --finding
the outcome code it reached.`),
		Example: `  dossier refer 2026-K7M2Q --to ottawa-ps
  dossier refer 2026-K7M2Q --to siu --purpose information --due 30d
  dossier refer 2026-K7M2Q --update
  dossier refer 2026-K7M2Q --returned --finding unsubstantiated`,
		Args: exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requireOne(cmd, "to", "update", "returned"); err != nil {
				return err
			}
			if !returned && finding != "" {
				return usageErrorf("--finding goes with --returned")
			}
			if to == "" && (purpose != "" || due != "") {
				return usageErrorf("--purpose and --due go with --to")
			}
			s := step{arg: args[0], date: date, action: "refer", detail: lastDetail}
			switch {
			case update:
				s.label = "update"
				s.detail = func(c *records.Case) string { return "update from " + lastDetail(c) }
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.ReferralUpdate(c, p, a)
				}
			case returned:
				s.label = "return"
				s.detail = func(c *records.Case) string {
					to, finding, _ := strings.Cut(lastDetail(c), " ")
					if finding != "" {
						return "returned by " + to + " (" + finding + ")"
					}
					return "returned by " + to
				}
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.ReferralReturned(c, p, a, finding)
				}
			default:
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					d, err := parseDue("--due", due, a.Date)
					if err != nil {
						return err
					}
					return records.Refer(c, p, a, to, purpose, d)
				}
			}
			_, err := f.runStep(s)
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&to, "to", "", "the partner code (see partners in dossier.yaml)")
	fl.StringVar(&purpose, "purpose", "", "investigation (default), information or program")
	fl.StringVar(&due, "due", "", "when the report is due: a DATE or a duration such as 90d")
	fl.BoolVar(&update, "update", false, "log a status update received from the partner")
	fl.BoolVar(&returned, "returned", false, "log the partner's decision")
	fl.StringVar(&finding, "finding", "", "with --returned: the outcome the partner reached, e.g. unsubstantiated")
	dateFlag(cmd, &date)
	return cmd
}
