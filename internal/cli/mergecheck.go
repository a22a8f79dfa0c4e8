package cli

import (
	"errors"
	"fmt"
	"sort"

	"github.com/dossier-dev/dossier/internal/gitx"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/merge"
	recstore "github.com/dossier-dev/dossier/records/store"
)

// driverProblem says why git cannot run dossier's merge driver in this clone, or "". A
// driver that cannot run makes git report a conflict while the file holds only this side's
// version, with no conflict block: the other side's history would be lost on commit.
func driverProblem(g gitx.Git) string {
	driver, err := g.MergeDriver("dossier")
	if driver == "" {
		if g.CheckAttr("merge", "records/2000/2000-0001.yaml") != "dossier" {
			return "" // not a records repository under git, or records are not routed to the driver
		}
		return "the merge driver is not registered in this clone (.gitattributes routes records/**/*.yaml to it): git merges case records line by line: run dossier hooks install"
	}
	return missingDriverProblem(err)
}

// missingDriverProblem says why the merge driver's program cannot run (gitx.CheckDriver's
// error), or "".
func missingDriverProblem(err error) string {
	var missing *gitx.ErrDriverMissing
	if !errors.As(err, &missing) {
		return ""
	}
	if missing.OnPath {
		return fmt.Sprintf("the merge driver cannot run: merge.dossier.driver runs %s, which is not on PATH: a merge would keep only this side of each case changed on both; put dossier on PATH, or set the full path (git config merge.dossier.driver '/path/to/dossier merge-driver %%O %%A %%B %%P')", missing.Program)
	}
	return fmt.Sprintf("the merge driver cannot run: merge.dossier.driver runs %s, which is not an executable file: a merge would keep only this side of each case changed on both; point it at dossier (git config merge.dossier.driver %s)", missing.Program, shellQuote(mergeDriverCommand))
}

// warnDriver warns when the merge driver cannot run.
func warnDriver(f *Factory, g gitx.Git) {
	if msg := driverProblem(g); msg != "" {
		f.Warn("%s", msg)
	}
}

// unmergedProblems reports the record files git's index holds unmerged (a merge stopped on
// them) that hold no conflict block (those are reported block by block by the plain check):
// a file missing history entries of either side (the merge driver did not run, and the file
// holds this side only), else a file resolved but not marked so (git add).
func unmergedProblems(g gitx.Git, store *recstore.Store) ([]string, error) {
	stages, err := g.Stages("records/")
	if err != nil {
		return nil, nil // not a git repository: nothing is unmerged
	}
	paths := make([]string, 0, len(stages))
	for p := range stages {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var out []string
	for _, p := range paths {
		data, err := store.ReadFile(p)
		if err != nil {
			continue // deleted on one side: git's own conflict, git status shows it
		}
		now, err := codec.Parse(p, data)
		if err != nil {
			continue
		}
		var lost []string
		for i, label := range []string{2: "our side (HEAD)", 3: "their side (the merged commit)"} {
			if i < 2 || stages[p][i] == "" {
				continue
			}
			blob, err := g.Output(nil, "cat-file", "blob", stages[p][i])
			if err != nil {
				return nil, err
			}
			lost = append(lost, lostEntries(p, label, blob, now)...)
		}
		if len(lost) > 0 {
			out = append(out, fmt.Sprintf("%s: unmerged, with no conflict block, and it lacks history entries of a side (below): the merge driver did not run and the file holds one side only: git merge --abort, make the driver runnable (dossier hooks install, dossier on PATH), then merge again", p))
			out = append(out, lost...)
			continue
		}
		out = append(out, fmt.Sprintf("%s: unmerged in git's index: once it is resolved, git add it", p))
	}
	return out, nil
}

// lostEntries reports the history entries of was (a version of p, labelled label) that now
// lacks, one line each; nothing when was does not parse or is a different case.
func lostEntries(p, label string, was []byte, now *records.Record) []string {
	w, err := codec.Parse(p, was)
	if err != nil || merge.DifferentCases(&w.Case, &now.Case) {
		return nil
	}
	var out []string
	for _, e := range records.LostEntries(&w.Case, &now.Case) {
		out = append(out, fmt.Sprintf("%s: history: the %s entry of %s by %s (recorded %s) on %s is missing here: the history only grows (a merge without dossier's merge driver keeps one side only): restore it, e.g. redo the merge after dossier hooks install",
			p, e.Do, e.Date, e.By, e.At, label))
	}
	return out
}

// lostHistory reports the cases of current (path → blob id, the work tree or the index) that
// miss a history entry their version in the commit parent (labelled label) holds: the history
// only grows, so a merge result that dropped one lost data (typically a merge made without
// dossier's merge driver). An entry whose detail a disposal removed counts as held. Files
// that do not parse are the plain check's business; two different cases under one id are
// an id collision, reported elsewhere.
func lostHistory(g gitx.Git, parent, label string, current map[string]string, read func(p string) ([]byte, error)) ([]string, error) {
	there, err := g.Tree(parent, "records/")
	if err != nil {
		return nil, err
	}
	var paths, blobs []string
	for p, blob := range current {
		if b, ok := there[p]; ok && b != blob {
			paths = append(paths, p)
			blobs = append(blobs, b)
		}
	}
	sort.Strings(paths)
	contents, err := g.CatBlobs(blobs)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range paths {
		data, err := read(p)
		if err != nil {
			continue // gone since, or unreadable: the plain check's business
		}
		now, err := codec.Parse(p, data)
		if err != nil {
			continue
		}
		out = append(out, lostEntries(p, label, contents[there[p]], now)...)
	}
	return out, nil
}

// mergeParents are the commits a merge in progress joins (HEAD and MERGE_HEAD), or none.
func mergeParents(g gitx.Git) []string {
	heads, err := g.MergeHeads()
	if err != nil || len(heads) == 0 {
		return nil
	}
	return append([]string{"HEAD"}, heads...)
}

// workTreeBlobs is the blob id of each record file of the working tree.
func workTreeBlobs(g gitx.Git, store *recstore.Store) (map[string]string, error) {
	local, _, err := store.RecordFiles()
	if err != nil {
		return nil, err
	}
	hashes, err := g.HashFiles(local)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for i, h := range hashes {
		if i < len(local) {
			m[local[i]] = h
		}
	}
	return m, nil
}

// mergeProblems is what check adds in a git repository: unmerged record files and, while a
// merge is in progress or when HEAD is a merge commit, history entries of a parent that the
// working tree lost.
func mergeProblems(f *Factory, store *recstore.Store) ([]string, error) {
	g := f.Git()
	out, err := unmergedProblems(g, store)
	if err != nil || len(out) > 0 {
		return out, err
	}
	heads, headParents, err := g.MergeState()
	if err != nil {
		return nil, nil // not a git repository: no merge
	}
	if len(heads) == 0 {
		return mergeCommitProblems(g, store, headParents)
	}
	parents := append([]string{"HEAD"}, heads...)
	current, err := workTreeBlobs(g, store)
	if err != nil {
		return nil, err
	}
	read := store.ReadFile
	for _, parent := range parents {
		lost, err := lostHistory(g, parent, parentLabel(g, parent), current, read)
		if err != nil {
			return nil, err
		}
		out = append(out, lost...)
	}
	return out, nil
}

// mergeCommitProblems reports, when HEAD is a merge commit, the history entries of its parents
// that the working tree lacks in a file the merge changed: a merge committed without the
// driver (git commit --no-verify, or a clone without the hook) is caught by the next check.
func mergeCommitProblems(g gitx.Git, store *recstore.Store, parents []string) ([]string, error) {
	if len(parents) < 2 {
		return nil, nil // no commit yet, or not a merge
	}
	head, err := g.Tree("HEAD", "records/")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, parent := range parents {
		label := "HEAD's parent " + parent
		if short, err := g.Run("rev-parse", "--short", parent); err == nil {
			label = "HEAD's parent " + short
		}
		lost, err := lostHistory(g, parent, label, head, store.ReadFile)
		if err != nil {
			return nil, err
		}
		out = append(out, lost...)
	}
	return out, nil
}

// parentLabel names a parent commit for people: HEAD, or the short id of a merged commit.
func parentLabel(g gitx.Git, ref string) string {
	if ref == "HEAD" {
		return "HEAD"
	}
	if short, err := g.Run("rev-parse", "--short", ref); err == nil {
		return "the merged commit " + short
	}
	return ref
}

// indexLostHistory is what the pre-commit hook adds while a merge is in progress: history
// entries of either parent that the staged result lost.
func indexLostHistory(g gitx.Git) ([]string, error) {
	parents := mergeParents(g)
	if len(parents) == 0 {
		return nil, nil
	}
	current, err := g.Index("records/")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, parent := range parents {
		lost, err := lostHistory(g, parent, parentLabel(g, parent), current, g.IndexBlob)
		if err != nil {
			return nil, err
		}
		out = append(out, lost...)
	}
	return out, nil
}

// againstLostHistory reports history entries of ref that the working tree lost. Only the
// entries ref shares with HEAD count (those of the merge base of HEAD and ref, which is ref
// itself once ref is merged): entries ref added since are not merged yet, not lost.
func againstLostHistory(f *Factory, store *recstore.Store, ref string) ([]string, error) {
	g := f.Git()
	mb, err := g.MergeBase("HEAD", ref)
	if err != nil {
		return nil, nil // no common history (a shallow clone): nothing to compare
	}
	label := "the merge base of HEAD and " + ref
	if id, err := g.RevParse(ref); err == nil && id == mb {
		label = ref
	}
	current, err := workTreeBlobs(g, store)
	if err != nil {
		return nil, err
	}
	return lostHistory(g, mb, label, current, store.ReadFile)
}
