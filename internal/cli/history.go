package cli

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/letters"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newHistoryCmd(f *Factory) *cobra.Command {
	var lang string
	cmd := &cobra.Command{
		Use:     "history ID",
		Short:   "A case's timeline: its history entries and the git commits of its file",
		GroupID: "cases",
		Long: `Print the case's timeline: every history entry (effective date, action, who, detail)
merged with the git commits that changed its file (when the repository is a git
repository), in the order things happened: by the day each step took effect (--date),
then by when it was recorded. The file keeps recording order: the history only grows.` + exitStatusHelp,
		Example: "  dossier history 2026-K7M2Q",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, id, err := f.resolve(args[0])
			if err != nil {
				return err
			}
			rec, err := store.LoadReadOnly(id)
			if err != nil {
				return err
			}
			lb, err := f.labels(lang, store.Profile, false)
			if err != nil {
				return err
			}
			action := func(do string) string {
				if lb == nil {
					return do
				}
				return letters.ProfileActionLabel(store.Profile, do, lb.lang)
			}
			type line struct{ when, text string }
			var lines []line
			// records.Timeline: by the day each step happened, then in recording order; the
			// commits fall in by their day and time.
			timeline := records.Timeline(&rec.Case)
			width := 16 // the actions in one column, however long a profile's labels are
			for _, e := range timeline {
				width = max(width, utf8.RuneCountInString(action(e.Do)))
			}
			for _, e := range timeline {
				text := fmt.Sprintf("%-*s %s", width, action(e.Do), e.By)
				if e.Detail != "" {
					text += "  " + oneLine(lb.detail(e.Do, e.Detail))
				}
				day := records.EntryDate(e)
				lines = append(lines, line{day.String() + " " + e.At.String(), fmt.Sprintf("%s  %s", day, text)})
			}
			if g := f.Git(); g.IsRepo() {
				commits, err := g.FileLog(records.RecordPath(id))
				if err == nil {
					// git log is newest first; commits of one instant keep their order
					slices.Reverse(commits)
					for _, c := range commits {
						when := c.When
						if t, err := time.Parse(time.RFC3339, when); err == nil {
							when = t.UTC().Format(time.RFC3339) // comparable with the entries' times
						}
						day := c.When[:min(10, len(c.When))]
						lines = append(lines, line{day + " " + when, fmt.Sprintf("%s  %-16s %s  %s", day, "commit "+c.Hash, c.Author, c.Subject)})
					}
				}
			}
			slices.SortStableFunc(lines, func(a, b line) int { return strings.Compare(a.when, b.when) })
			for _, l := range lines {
				if _, err := fmt.Fprintln(f.Out, render.Printable(l.text)); err != nil {
					return err
				}
			}
			return nil
		},
	}
	addLangFlag(cmd, &lang)
	return cmd
}
