package cli

import (
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newReferCmd(f *Factory) *cobra.Command {
	var to, purpose, due, finding, date, reason string
	var update, returned, cancel bool
	cmd := &cobra.Command{
		Use:     "refer ID --to PARTNER [--purpose P] [--due DATE|DURATION] | --update | --returned [--finding F] | --cancel --reason R [--to PARTNER] [--purpose P]",
		Short:   "Refer a complaint to a partner and follow each referral",
		GroupID: "cases",
		Long: verbHelp(`Refer a screened-in complaint to a partner (a police service, another body, a program)
for a purpose (investigation by default; information, program, or any purpose of the
profile). Each referral is an obligation of its own, with its own due date and its own
row in due. The report is due after the referral_report clock of dossier.yaml (120 days)
unless --due gives a date or a duration (30d, 6w, 4m).

Only an investigation referral sets routing and status: the case becomes "referred", with
routing "referred" when the partner is the service complained about and "other-service"
otherwise. A referral for any other purpose changes neither (an information request to the
SIU on a retained case leaves it retained). The first investigation referral decides
routing: a second one is refused (exit 4); a new investigation after a review is ordered
with review --decide new-investigation, and a referral made by mistake is cancelled
(refer --cancel takes the case back to screened-in) before referring again.

--update logs a status update received from a partner (the next is due after the
status_update clock, 45 days); --returned logs its report, with --finding the outcome an
investigation reached (the case is then decided); --cancel --reason records that a
referral is no longer needed. These follow-ups name the referral with --to PARTNER (and
--purpose when the partner has two open referrals); --to may be left out only when exactly
one referral is open, otherwise the command lists the open ones and exits 2.`),
		Example: `  dossier refer 2026-K7M2Q --to ottawa-ps
  dossier refer 2026-K7M2Q --to siu --purpose information --due 30d
  dossier refer 2026-K7M2Q --update --to ottawa-ps
  dossier refer 2026-K7M2Q --returned --to siu --purpose information
  dossier refer 2026-K7M2Q --returned --to ottawa-ps --finding unsubstantiated
  dossier refer 2026-K7M2Q --cancel --to siu --reason "the complainant sent the report"`,
		Args: exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			follow := update || returned || cancel
			if n := btoi(update) + btoi(returned) + btoi(cancel); n > 1 || (n == 0 && to == "") {
				return usageErrorf("refer needs --to, or one of --update, --returned or --cancel")
			}
			if !returned && finding != "" {
				return usageErrorf("--finding goes with --returned")
			}
			if !cancel && reason != "" {
				return usageErrorf("--reason goes with --cancel")
			}
			if due != "" && follow {
				return usageErrorf("--due goes with a new referral (--to without --update, --returned or --cancel)")
			}
			choice := records.ReferralChoice{To: to, Purpose: purpose}
			s := step{arg: args[0], date: date, action: "refer", detail: lastDetail}
			switch {
			case update:
				s.label = "update"
				s.detail = func(c *records.Case) string { return "update from " + lastDetail(c) }
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.ReferralUpdate(c, p, a, choice)
				}
			case returned:
				s.label = "return"
				s.detail = func(c *records.Case) string {
					if finding != "" {
						return "returned by " + strings.TrimSuffix(lastDetail(c), " "+finding) + " (" + finding + ")"
					}
					return "returned by " + lastDetail(c)
				}
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.ReferralReturned(c, p, a, choice, finding)
				}
			case cancel:
				s.label = "cancel"
				s.detail = func(c *records.Case) string { return "cancelled referral to " + lastDetail(c) }
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.ReferralCancel(c, p, a, choice, reason)
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
	fl.StringVar(&to, "to", "", "the partner code (see partners in dossier.yaml); with a follow-up, the partner of the referral")
	fl.StringVar(&purpose, "purpose", "", "investigation (default), information or program; with a follow-up, narrows --to")
	fl.StringVar(&due, "due", "", "when the report is due: a DATE or a duration such as 90d")
	fl.BoolVar(&update, "update", false, "log a status update received from the partner")
	fl.BoolVar(&returned, "returned", false, "log the partner's report")
	fl.BoolVar(&cancel, "cancel", false, "record that the referral is no longer needed (with --reason)")
	fl.StringVar(&finding, "finding", "", "with --returned: the outcome the partner reached, e.g. unsubstantiated")
	fl.StringVar(&reason, "reason", "", "with --cancel: why the referral is no longer needed")
	dateFlag(cmd, &date)
	return cmd
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
