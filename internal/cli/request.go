package cli

import (
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newRequestCmd(f *Factory) *cobra.Command {
	var item, from, due, received, date string
	cmd := &cobra.Command{
		Use:     "request ID --item ITEM --from PARTY [--due DATE|DURATION] | --received ITEM",
		Short:   "Ask a party for a document, or log that it came in",
		GroupID: "cases",
		Long: verbHelp(`Ask a party (the complainant, a witness, a partner) for a document: statements, photos,
medical records, affidavits. It is due after the information_request clock of
dossier.yaml (30 days) unless --due gives a date or a duration. --received ITEM marks
the oldest outstanding request for ITEM as received. Outstanding requests show in due.`),
		Example: "  dossier request 2026-K7M2Q --item medical-records --from complainant\n  dossier request 2026-K7M2Q --received medical-records",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requireOne(cmd, "item", "received"); err != nil {
				return err
			}
			if received != "" && (from != "" || due != "") {
				return usageErrorf("--from and --due go with --item, not --received")
			}
			s := step{arg: args[0], date: date, action: "request"}
			if received != "" {
				s.label = "receive"
				s.detail = func(c *records.Case) string { return commitItem(received) + " received" }
				s.apply = func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.RequestReceived(c, p, a, received)
				}
			} else {
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
	fl.StringVar(&from, "from", "", "who is asked: complainant, a witness, a partner code")
	fl.StringVar(&due, "due", "", "when it is due: a DATE or a duration such as 30d")
	fl.StringVar(&received, "received", "", "mark the outstanding request for `ITEM` as received")
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
