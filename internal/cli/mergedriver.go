package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/merge"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
)

func newMergeDriverCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:    "merge-driver BASE OURS THEIRS [PATH]",
		Short:  "Merge three versions of a case record (run by git)",
		Hidden: true,
		Long: `The git merge driver for case records, registered by init and hooks install as
  merge.dossier.driver = dossier merge-driver %O %A %B %P
and used for records/**/*.yaml through .gitattributes.

It merges the case field by field: a field changed on one side takes that side; history
entries of both sides are kept once each, in order of effective date, recorded time and
entry id; referrals, requests, officers, categories and flags merge item by item; the
status is derived again from the merged history. When one side disposed of the case
(purge) and the other did not, the other side is first scrubbed as the disposal would
have scrubbed it: its new history entries stay, with their free text replaced by
[disposed], and its personal data and comments are dropped. The result, in canonical
form, replaces OURS (written through .dossier/tmp/), and the exit status is 0.

A field changed differently on both sides is a conflict: OURS then holds the merged case
with a conflict block (<<<<<<< ours ... ======= ... >>>>>>> theirs) around each such
field, each conflict is listed on stderr, and the exit status is 1 (git stops the merge;
dossier check names each field and both values). Two different cases added under one id
on both sides (an id collision) are not merged: exit 1; renumber one of them.` + exitStatusHelp,
		Args: cobra.RangeArgs(3, 4),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[1]
			if len(args) == 4 {
				name = args[3]
			}
			return runMergeDriver(f, args[0], args[1], args[2], name)
		},
	}
}

// mergeConflicts is a merge left for a person (exit 1, which tells git so).
type mergeConflicts struct{ msg string }

func (e *mergeConflicts) Error() string { return e.msg }

func runMergeDriver(f *Factory, basePath, oursPath, theirsPath, name string) error {
	read := func(p string) ([]byte, error) {
		fh, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer fh.Close()
		return io.ReadAll(io.LimitReader(fh, records.MaxRecordSize+1))
	}
	base, err := read(basePath)
	if err != nil {
		return err
	}
	ours, err := read(oursPath)
	if err != nil {
		return err
	}
	theirs, err := read(theirsPath)
	if err != nil {
		return err
	}
	repo := "." // the records repository, relative to the top of the work tree where git runs us
	if i := strings.LastIndex(name, "records/"); i > 0 && strings.HasSuffix(name[:i], "/") {
		repo = name[:i]
		name = name[i:] // the records repository is a directory of the git repository
	}
	tmpDir := filepath.Join(repo, recstore.CacheDir, "tmp")
	sweepMergeTemps(repo, tmpDir)
	settings, err := f.ForRepo(repo).Settings()
	if err != nil {
		return err
	}
	res, err := merge.MergeFiles(name, base, ours, theirs, settings.Profile)
	if err != nil {
		// Not a record on one side: leave git's usual line merge, so nothing is lost.
		f.Warn("%v: merging %s line by line instead", err, name)
		n, gerr := f.Git().In(filepath.Dir(oursPath)).MergeFile(oursPath, basePath, theirsPath)
		if gerr == nil && n > 0 {
			return &mergeConflicts{msg: fmt.Sprintf("%s: %d conflicts left by the line merge: resolve them, then run dossier check", name, n)}
		}
		return gerr
	}
	if err := replaceFile(oursPath, tmpDir, res.Data); err != nil {
		return err
	}
	if res.Collision {
		return &mergeConflicts{msg: fmt.Sprintf("%s: id collision: both branches created a different case as %s: "+
			"abort the merge (git merge --abort), give one of them a new id on its branch (dossier renumber %s, or dossier renumber --against OTHER-BRANCH for all of them), and merge again",
			name, records.IDFromPath(name), records.IDFromPath(name))}
	}
	if len(res.Conflicts) > 0 {
		for _, c := range res.Conflicts {
			fmt.Fprintf(f.Err, "%s: %s\n", name, c.Withheld()) // git's stderr reaches CI logs
		}
		return &mergeConflicts{msg: fmt.Sprintf("%s: %s changed differently on both sides: keep one value in each conflict block, then run dossier check", name, plural(len(res.Conflicts), "field", "fields"))}
	}
	return validateMerged(f, name, res.Data)
}

// validateMerged checks a clean merge against the office's rules when the repository's
// configuration can be read: two valid sides can still make an invalid case together.
func validateMerged(f *Factory, name string, data []byte) error {
	store, err := f.Store()
	if err != nil {
		return nil // not run inside the records repository: nothing to check against
	}
	rec, err := codec.Parse(name, data)
	if err != nil {
		return err
	}
	probs := records.Validate(rec, store.Profile)
	if !records.HasErrors(probs) {
		return nil
	}
	for _, e := range records.Located(rec, probs) {
		if !e.IsWarning() {
			fmt.Fprintln(f.Err, e.Error())
		}
	}
	return &mergeConflicts{msg: fmt.Sprintf("%s: the two sides merge into a case that breaks the rules (above): fix it, then run dossier check", name)}
}

// mergeTempMarker is in the name of the merge driver's temp files.
const mergeTempMarker = ".dossier-merge-"

// sweepMergeTemps removes what a killed merge driver left: its temp files under tmpDir (git
// runs one merge at a time in a work tree, so none is live), and those that earlier versions
// wrote in the repository's top directory (a full record, outside .dossier/).
func sweepMergeTemps(repo, tmpDir string) {
	for _, dir := range []string{tmpDir, repo} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() && strings.Contains(e.Name(), mergeTempMarker) {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// replaceFile writes data over name through a temp file in tmpDir (created 0700 when
// missing), which must be on name's file system; "" is name's directory.
func replaceFile(name, tmpDir string, data []byte) error {
	if tmpDir == "" {
		tmpDir = filepath.Dir(name)
	} else if err := os.MkdirAll(tmpDir, 0o700); err != nil {
		return fmt.Errorf("writing the merge result to %s: %w", name, err)
	}
	tmp, err := os.CreateTemp(tmpDir, filepath.Base(name)+mergeTempMarker+"*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		if info, err := os.Stat(name); err == nil {
			werr = os.Chmod(tmp.Name(), info.Mode().Perm())
		}
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), name)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", name, werr)
	}
	return nil
}
