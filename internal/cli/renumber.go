package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/records"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
)

func newRenumberCmd(f *Factory) *cobra.Command {
	var against string
	cmd := &cobra.Command{
		Use:     "renumber [ID...] [--against REF]",
		Short:   "Give a case a new id (after an id collision between branches)",
		GroupID: "cases",
		Long: `Give each case named a new id in the same year and move its file. The old id stays in
the case's aliases, so that show, letters and every command still find the case by the
id quoted in letters already sent; the history records the change; cases that list it
under related are updated.

--against REF makes the new ids free on the commit REF too (with sequential ids, numbers
after the highest of both branches). Without IDs, it renumbers every case that
check --against REF reports as an id collision. Prints 'OLD NEW' per case.

A renumber interrupted between writing the new file and removing the old one leaves both
(check reports them; list, stats and reports count the case once, under its new id):
renumber OLD again completes it, removing the old file, and prints 'OLD NEW'.` + exitStatusHelp,
		Example: "  dossier renumber 2026-0042\n  dossier renumber --against origin/main --commit   # every collision with main",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && against == "" {
				return usageErrorf("renumber needs case ids, or --against REF to renumber every case that collides with REF")
			}
			return runRenumber(f, args, against)
		},
	}
	cmd.Flags().StringVar(&against, "against", "", "choose ids free on the commit `REF` too; with no IDs, renumber every case colliding with REF")
	return cmd
}

func runRenumber(f *Factory, args []string, against string) error {
	store, err := f.Store()
	if err != nil {
		return err
	}
	a, err := f.act("")
	if err != nil {
		return err
	}
	avoid := map[string]bool{}
	reason := ""
	var ids []string
	if against != "" {
		cmp, err := compareWith(f, store, against)
		if err != nil {
			return err
		}
		avoid = cmp.refIDs
		reason = "the id names another case on " + against
		if len(args) == 0 {
			for _, c := range cmp.collisions {
				ids = append(ids, c.id)
			}
			sort.Strings(ids)
			if len(ids) == 0 {
				f.Talk("no id collides with %s: nothing to renumber", against)
				return nil
			}
		}
	}
	for _, arg := range args {
		id, err := store.Resolve(arg)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	unlock, err := f.commitLock()
	if err != nil {
		return err
	}
	defer unlock()
	renamed := map[string]string{}
	var paths []string
	for _, old := range ids {
		if _, done := renamed[old]; done {
			continue
		}
		id, err := store.Renumber(old, avoid, a, reason)
		if err != nil {
			return err
		}
		renamed[old] = id
		avoid[id] = true
		paths = append(paths, records.RecordPath(old), records.RecordPath(id))
		fmt.Fprintf(f.Out, "%s %s\n", old, id)
		f.Talk("renumbered %s → %s (%s keeps %s as an alias)", records.RecordPath(old), records.RecordPath(id), id, old)
	}
	touched, err := store.ReplaceReferences(renamed, a)
	for _, p := range touched {
		f.Talk("updated related cases in %s", p)
	}
	if err != nil {
		return err
	}
	if !f.CommitWrites() {
		return nil
	}
	paths = append(paths, touched...)
	var tracked []string
	for _, p := range paths {
		// a renumbered file never committed is not for git add: it is simply gone
		if f.Git().Tracked(p) || fileExists(store, p) {
			tracked = append(tracked, p)
		}
	}
	subject := fmt.Sprintf("renumber %s", plural(len(renamed), "case", "cases"))
	if len(renamed) == 1 {
		for o, n := range renamed {
			subject = fmt.Sprintf("renumber %s as %s", o, n)
		}
	}
	var lines []string
	for _, o := range ids {
		if n, ok := renamed[o]; ok {
			lines = append(lines, fmt.Sprintf("Case: %s (was %s)", n, o))
		}
	}
	msg := subject + "\n\n" + strings.Join(uniqLines(lines), "\n") + "\nAction: renumber\n"
	if err := f.commit(tracked, msg); err != nil {
		return fmt.Errorf("the cases are renumbered but not committed: %w", err)
	}
	return nil
}

func fileExists(store *recstore.Store, p string) bool {
	_, err := store.ReadFile(p)
	return err == nil
}

func uniqLines(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range s {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}
