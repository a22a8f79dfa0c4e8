package cli

import (
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newRequestCmd(f *Factory) *cobra.Command {
	var item, from, due, received, cancel, reason, date string
	cmd := &cobra.Command{
		Use:     "request ID --item ITEM --from PARTY [--due DATE|DURATION] | --received ITEM [--from PARTY] | --cancel ITEM --reason R [--from PARTY]",
		Short:   "Ask a party for a document, log that it came in, or cancel the request",
		GroupID: "cases",
		Long: verbHelp(`Ask a party (the complainant, a witness, a partner) for a document: statements, photos,
medical records, affidavits. Each request is an obligation of its own, due after the
information_request clock of dossier.yaml (30 days) unless --due gives a date or a
duration, with its own row in due. --received ITEM marks the open request for ITEM as
received; --cancel ITEM --reason R records that it is no longer needed (it leaves due).
When ITEM was asked of two parties, --from names the one meant (otherwise the command
lists them and exits 2); of one party twice, the oldest request is meant.`),
		Example: "  dossier request 2026-K7M2Q --item medical-records --from complainant\n  dossier request 2026-K7M2Q --received medical-records\n  dossier request 2026-K7M2Q --cancel statement --from witness --reason \"the witness moved away\"",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requireOne(cmd, "item", "received", "cancel"); err != nil {
				return err
			}
			if item == "" && due != "" {
				return usageErrorf("--due goes with --item, not --received or --cancel")
			}
			if cancel == "" && reason != "" {
				return usageErrorf("--reason goes with --cancel")
			}
			s := step{arg: args[0], date: date, action: "request"}
			switch {
			case received != "":
				s.label = "receive"
				s.detail = func(c *records.Case) string { return commitItem(received) + " received" }
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.RequestReceived(c, p, a, received, from)
				}
			case cancel != "":
				s.label = "cancel"
				s.detail = func(c *records.Case) string { return commitItem(cancel) + " cancelled" }
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.RequestCancel(c, p, a, cancel, from, reason)
				}
			default:
				s.detail = func(c *records.Case) string {
					return commitItem(item) + ", due " + c.Requests[len(c.Requests)-1].Due.String()
				}
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					d, err := parseDue("--due", due, a.Date)
					if err != nil {
						return err
					}
					return records.RequestItem(c, p, a, item, from, d)
				}
			}
			_, err := f.runStep(s)
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&item, "item", "", "what is asked for, e.g. medical-records, statement, photos")
	fl.StringVar(&from, "from", "", "who is asked: complainant, a witness, a partner code; with --received or --cancel, narrows ITEM")
	fl.StringVar(&due, "due", "", "when it is due: a DATE or a duration such as 30d")
	fl.StringVar(&received, "received", "", "mark the open request for `ITEM` as received")
	fl.StringVar(&cancel, "cancel", "", "cancel the open request for `ITEM` (with --reason)")
	fl.StringVar(&reason, "reason", "", "with --cancel: why the document is no longer needed")
	dateFlag(cmd, &date)
	return cmd
}

// commitItem is how a commit subject names a requested item: the item when it is a code such
// as medical-records, else "document". Who was asked and free-text items may name people, and
// no personal information goes into commit messages.
func commitItem(item string) string {
	if item == "" || len(item) > 40 {
		return "document"
	}
	for _, r := range item {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return "document"
		}
	}
	return item
}
