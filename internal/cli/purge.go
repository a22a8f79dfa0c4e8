package cli

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
)

type purgeOptions struct {
	dryRun       bool
	authorizedBy string
	output       string
	given        bool // -o was typed
	ids          []string
}

func newPurgeCmd(f *Factory) *cobra.Command {
	o := &purgeOptions{}
	cmd := &cobra.Command{
		Use:     "purge --dry-run | --authorized-by NAME [--commit] [ID...]",
		Short:   "Dispose of the personal information of files due under the retention schedule",
		GroupID: "repo",
		Long: `Dispose of the files 'dossier retention' lists as due (or only the IDs given, each of
which must be due): every personal and confidential field (names, contact details,
officers, the summary, the location, reasons, notes, the documents requested, the
comments of the file) is replaced by the marker [disposed]. The statistics fields
(type, dates, codes, outcome, the coded history) stay, so the reports of past periods
count the same. A dispose entry naming who authorised it is added to the history.
Files on hold are kept.

--dry-run changes nothing and lists, per file, the fields that would be removed.
--authorized-by NAME disposes, recording NAME (the person who authorised the disposal).
With --commit the disposed files are committed together, in a message naming the cases
and who authorised it, nothing else.

Git history still holds the earlier versions of every file: a purge makes the current
files clean, not the history. For true destruction the office must rewrite the history
and every clone (see "Retention and purge" in README.md: git filter-repo).` + exitStatusHelp,
		Example: "  dossier purge --dry-run\n  dossier purge --authorized-by 'J. Registrar' --commit\n  dossier purge --authorized-by 'J. Registrar' 2023-K7M2Q",
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ids = args
			o.given = outputGiven(cmd)
			if err := requireOne(cmd, "dry-run", "authorized-by"); err != nil {
				return err
			}
			if o.dryRun && cmd.Flags().Changed("commit") {
				return usageErrorf("--dry-run changes nothing: there is nothing to --commit")
			}
			return runPurge(f, o)
		},
	}
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "list what would be removed, change nothing")
	cmd.Flags().StringVar(&o.authorizedBy, "authorized-by", "", "who authorised the disposal (`NAME`, recorded in the history)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "table", "--dry-run output format: "+strings.Join(purgeOutput.Formats, ", "))
	return cmd
}

// purgeRow is one file of purge --dry-run.
type purgeRow struct {
	privacy.Disposal
	Fields []string `json:"fields"`
}

func runPurge(f *Factory, o *purgeOptions) error {
	pr, err := f.printer(purgeOutput, o.output, o.given)
	if err != nil {
		return err
	}
	ret, err := f.retention()
	if err != nil {
		return err
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	a, err := f.act("")
	if err != nil {
		return err
	}
	ids, err := purgeTargets(f, store, ret, o.ids)
	if err != nil {
		return err
	}
	if o.dryRun {
		return purgeDryRun(f, pr, store, ret, a.Date, ids)
	}
	unlock, err := f.commitLock()
	if err != nil {
		return err
	}
	defer unlock()
	var done []string
	for _, id := range ids {
		_, err := store.Update(id, func(r *records.Record) error {
			return privacy.DisposeRecord(r, store.Profile, a, ret, o.authorizedBy)
		})
		if err != nil {
			if cerr := f.commitDisposals(done, o.authorizedBy); cerr != nil {
				f.Warn("%v", cerr)
			}
			if len(done) > 0 {
				return fmt.Errorf("%w (%d of %d files disposed of before it)", err, len(done), len(ids))
			}
			return err
		}
		done = append(done, id)
		store.SweepEdits([]string{id}) // working copies and kept texts of its edits: full records
		fmt.Fprintln(f.Out, id)
	}
	if len(done) == 0 {
		f.Talk("nothing is due for disposal")
		return nil
	}
	f.Talk("disposed of %s (authorized by %s)", plural(len(done), "file", "files"), strings.TrimSpace(o.authorizedBy))
	return f.commitDisposals(done, o.authorizedBy)
}

// purgeTargets is what to dispose of: the ids given (resolved; DisposeRecord refuses those
// that are not due or are held), else every file due and not held (held ones are named).
func purgeTargets(f *Factory, store *recstore.Store, ret privacy.Retention, args []string) ([]string, error) {
	if len(args) > 0 {
		var ids []string
		for _, arg := range args {
			id, err := store.Resolve(arg)
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, nil
	}
	due, err := f.dueForDisposal(ret)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, d := range due {
		if d.Held {
			f.Talk("%s: on hold since %s: kept", d.ID, d.HeldSince)
			continue
		}
		ids = append(ids, d.ID)
	}
	return ids, nil
}

// purgeDryRun checks every target as purge would (a refusal is an error here too) and lists
// the fields that would be removed, without writing anything.
func purgeDryRun(f *Factory, pr *render.Printer, store *recstore.Store, ret privacy.Retention, today records.Date, ids []string) error {
	var rows []purgeRow
	for _, id := range ids {
		rec, err := store.Load(id)
		if err != nil {
			return err
		}
		fields, err := privacy.CheckDispose(rec, store.Profile, records.Act{Actor: "dry-run", Date: today}, ret)
		if err != nil {
			return err
		}
		d, _ := ret.DueFor(store.Profile, &rec.Case, today)
		rows = append(rows, purgeRow{Disposal: d, Fields: fields})
	}
	f.Talk("%s would be disposed of (dry run: nothing changed)", plural(len(rows), "file", "files"))
	if rows == nil {
		rows = []purgeRow{}
	}
	t := render.Table{Header: []string{"ID", "OUTCOME", "CLOSED", "DUE", "FIELDS"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []string{r.ID, r.Outcome, r.Closed.String(), r.Due.String(), strings.Join(r.Fields, ",")})
	}
	return pr.Print(render.Output{Table: t, Object: rows})
}

// commitDisposals commits the disposed files in one commit when --commit is given or
// git.commit is set; the message names the cases and who authorised it, nothing else.
func (f *Factory) commitDisposals(ids []string, authorizedBy string) error {
	if len(ids) == 0 || !f.CommitWrites() {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "dispose of %s due under the retention schedule\n\n", plural(len(ids), "file", "files"))
	fmt.Fprintf(&b, "Action: dispose\nAuthorized-by: %s\n", strings.TrimSpace(authorizedBy))
	paths := make([]string, len(ids))
	for i, id := range ids {
		fmt.Fprintf(&b, "Case: %s\n", id)
		paths[i] = records.RecordPath(id)
	}
	if err := f.commit(paths, b.String()); err != nil {
		return fmt.Errorf("the files are disposed of but not committed: %w", err)
	}
	return nil
}
