package cli

import (
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newNoteCmd(f *Factory) *cobra.Command {
	var date string
	cmd := &cobra.Command{
		Use:     "note ID TEXT|-",
		Short:   "Add a note to a case's history",
		GroupID: "cases",
		Long: verbHelp(`Append a note to the case's history (- reads it from stdin). Notes are internal: they are
never disclosed outside the office. A note is allowed on closed cases too, e.g. to
record a judicial review of a screen-out.`),
		Example: "  dossier note 2026-K7M2Q 'Complainant called, will send photos'\n  dossier note 2026-K7M2Q - < call-notes.txt",
		Args:    exactArgs(2, "ID and TEXT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			text := args[1]
			if text == "-" {
				data, err := f.readInput("-")
				if err != nil {
					return err
				}
				text = trimLineEnd(string(data))
			}
			_, err := f.runStep(step{arg: args[0], date: date, action: "note",
				apply: func(c *records.Case, p *records.Profile, a records.Act) error {
					return records.Note(c, p, a, text)
				}})
			return err
		},
	}
	dateFlag(cmd, &date)
	return cmd
}

// trimLineEnd removes the one newline that ends text read from stdin (the line terminator a
// shell, echo or an editor adds); every other character, further newlines included, is kept.
func trimLineEnd(s string) string {
	return strings.TrimSuffix(s, "\n")
}
