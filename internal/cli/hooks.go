package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-dev/dossier/internal/gitx"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/merge"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
)

// gitattributesText routes record files to the dossier merge driver.
const gitattributesText = `# dossier: merge case records field by field (dossier hooks install registers the driver)
records/**/*.yaml merge=dossier
`

// mergeDriverCommand is what git runs: %O base, %A ours (and the result), %B theirs, %P path.
const mergeDriverCommand = "dossier merge-driver %O %A %B %P"

// hookMarker identifies the pre-commit hook dossier wrote, so that reinstalling replaces it
// and a hook of the user's own is never overwritten.
const hookMarker = "installed by `dossier hooks install`"

func newHooksCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "hooks",
		Short:   "Set up git for a records repository: merge driver and pre-commit hook",
		GroupID: "repo",
		Long: `Git integration for a records repository shared by a team. hooks install registers
dossier's merge driver and installs the pre-commit hook in this clone.` + exitStatusHelp,
		Example: "  dossier hooks install",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErrorf("hooks needs a subcommand: dossier hooks install")
		},
	}
	var force bool
	install := &cobra.Command{
		Use:   "install",
		Short: "Register the merge driver and install the pre-commit hook (after a clone)",
		Long: `Set up this clone of the records repository for team work. git keeps neither its
configuration nor its hooks in the repository, so every clone needs this once (init does
it for the repository it creates):

  - registers the merge driver in .git/config:
      merge.dossier.name   = dossier: field-by-field merge of case records
      merge.dossier.driver = ` + mergeDriverCommand + `
  - makes sure .gitattributes sends records/**/*.yaml to it;
  - installs a pre-commit hook that runs the equivalent of dossier fmt --check and
    dossier check on the staged records, and refuses the commit when they fail; while
    a merge is in progress it also refuses a staged result that lacks a history entry
    of either parent (HEAD, MERGE_HEAD). The hook lists what git commits under
    records/ (one git process) and starts dossier only when there is something to
    check: not for a commit with nothing under records/ outside a merge, nor for a
    commit dossier makes itself (--commit) of records it has just written, validated
    and in canonical form, whose blob ids it names (DOSSIER_WROTE) when git commits
    exactly those.

It warns when the merge driver cannot run (dossier not on PATH, or not executable): git
would then report a conflict and leave each case changed on both sides holding one side.

Running it again changes nothing. A pre-commit hook that dossier did not write is left
alone (--force replaces it).` + exitStatusHelp,
		Example: "  git clone git@forge.example.org:office/records.git && cd records && dossier hooks install",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHooksInstall(f, force)
		},
	}
	install.Flags().BoolVar(&force, "force", false, "replace a pre-commit hook that dossier did not write")
	preCommit := &cobra.Command{
		Use:    "pre-commit",
		Short:  "Check the staged records (run by the pre-commit hook)",
		Hidden: true,
		Long: `Check the records staged for commit, as they are in the index: canonical form (what
dossier fmt --check looks for) and validity (what dossier check looks for). Prints one
line per problem and exits 3 when there is any, which makes git refuse the commit.` + exitStatusHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPreCommit(f)
		},
	}
	cmd.AddCommand(install, preCommit)
	return cmd
}

// registerGit registers the merge driver in the git configuration of the repository holding
// dir and makes sure dir/.gitattributes routes records to it.
func registerGit(g gitx.Git, dir string) error {
	if err := g.SetConfig(driverConfig()); err != nil {
		return err
	}
	return appendMissing(filepath.Join(dir, ".gitattributes"), gitattributesText)
}

// driverConfig is the merge driver's registration in git's configuration.
func driverConfig() []gitx.ConfigValue {
	return []gitx.ConfigValue{
		{Key: "merge.dossier.name", Value: "dossier: field-by-field merge of case records"},
		{Key: "merge.dossier.driver", Value: mergeDriverCommand},
	}
}

func runHooksInstall(f *Factory, force bool) error {
	root, err := f.Root()
	if err != nil {
		return err
	}
	g := f.Git()
	if !g.IsRepo() {
		return fmt.Errorf("%s is not in a git repository: run git init (or clone the records repository) first", root)
	}
	if err := registerGit(g, root); err != nil {
		return err
	}
	hook, err := installHook(g, force)
	if err != nil {
		return err
	}
	f.Talk("merge driver registered (merge.dossier.driver), .gitattributes routes records/**/*.yaml to it")
	f.Talk("pre-commit hook installed: %s", hook)
	warnDriver(f, g)
	return nil
}

// errForeignHook is a pre-commit hook that dossier did not write.
type errForeignHook struct{ hook string }

func (e *errForeignHook) Error() string {
	return fmt.Sprintf("%s exists and dossier did not write it: add the line `dossier hooks pre-commit || exit 1` to it, or replace it with dossier hooks install --force", e.hook)
}

// installHook writes dossier's pre-commit hook in the repository of g (g.Dir is the records
// repository) and returns its path. A hook dossier did not write is replaced only with force.
func installHook(g gitx.Git, force bool) (string, error) {
	hooks, prefix, err := g.GitPathAndPrefix("hooks")
	if err != nil {
		return "", err
	}
	hook := filepath.Join(hooks, "pre-commit")
	old, err := os.ReadFile(hook)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err == nil && !bytes.Contains(old, []byte(hookMarker)) && !force {
		return "", &errForeignHook{hook: hook}
	}
	script := preCommitScript(prefix)
	if !bytes.Equal(old, []byte(script)) {
		if err := os.MkdirAll(hooks, 0o755); err != nil {
			return "", err
		}
		if err := replaceFile(hook, "", []byte(script)); err != nil {
			return "", err
		}
	}
	if err := os.Chmod(hook, 0o755); err != nil {
		return "", err
	}
	return hook, nil
}

// preCommitScript is the hook; dir is the records repository relative to the top of the git
// work tree (where git runs hooks), "" when they are the same.
func preCommitScript(dir string) string {
	cmd := "dossier hooks pre-commit"
	diff := "git diff-index --cached --no-renames"
	records := "records/"
	if dir != "" {
		cmd = "dossier -C " + shellQuote(dir) + " hooks pre-commit"
		diff += " --relative=" + shellQuote(dir+"/")
		records = shellQuote(dir + "/records/")
	}
	// against HEAD, or the empty tree for the first commit (HEAD does not name one yet)
	diff = "{ " + diff + " HEAD -- " + records + " || " + diff + " " + emptyTree + " -- " + records + "; }"
	return `#!/bin/sh
# dossier pre-commit hook, ` + hookMarker + `.
# Refuses a commit whose staged case records are not in canonical form (dossier fmt) or not
# valid (dossier check). Skip it once with git commit --no-verify.
# What git is about to commit under records/, against HEAD:
changes=$(` + diff + ` 2>/dev/null) || changes=unknown
# nothing, and no merge in progress (whose result may drop a parent's history): nothing to check
if [ -z "$changes" ] && [ -z "${GIT_DIR-}" ] && [ -d .git ] && [ ! -e .git/MERGE_HEAD ]; then
	exit 0
fi
# A commit dossier makes of records it has just written, validated and in canonical form, names
# each one's blob id in DOSSIER_WROTE: when git is committing exactly those records, with exactly
# those contents, they are not read again.
if [ -n "${DOSSIER_WROTE-}" ] && [ "$(printf '%s\n' "$changes" |
	while read -r _ mode _ blob _ path; do printf '%s %s %s\n' "$mode" "$blob" "$path"; done)" = "$DOSSIER_WROTE" ]; then
	exit 0
fi
if ! command -v dossier >/dev/null 2>&1; then
	echo "pre-commit: dossier is not on PATH: install it, or commit with --no-verify" >&2
	exit 1
fi
exec ` + cmd + `
`
}

// emptyTree is git's empty tree (SHA-1): what a repository's first commit is compared with.
const emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func runPreCommit(f *Factory) error {
	store, err := f.Store()
	if err != nil {
		return err
	}
	g := f.Git()
	list, err := g.Staged("records/")
	if err != nil {
		return err
	}
	var named []string // the record files, read from the index with one git process
	for _, p := range list {
		if records.IDFromPath(p) != "" {
			named = append(named, p)
		}
	}
	staged, err := g.FilesAt("", named) // "" : the index (stage 0)
	if err != nil {
		return err
	}
	problems := 0
	for _, p := range list {
		if records.IDFromPath(p) == "" {
			fmt.Fprintf(f.Out, "%s: not a record file name: a case file is records/YYYY/ID.yaml (move or remove it)\n", p)
			problems++
			continue
		}
		data, ok := staged[p]
		if !ok {
			return fmt.Errorf("%s: staged, but git cat-file cannot read it from the index", p)
		}
		problems += reportRecord(f, store, p, data, true)
	}
	lost, err := indexLostHistory(g)
	if err != nil {
		return err
	}
	for _, l := range lost {
		fmt.Fprintln(f.Out, l)
		problems++
	}
	if problems > 0 {
		f.Talk("pre-commit: %s in the staged records: fix them (dossier fmt, dossier check), git add them and commit again (git commit --no-verify skips this check)", plural(problems, "problem", "problems"))
		return &problemsFound{n: problems}
	}
	return nil
}

// reportRecord prints the problems of one record file on stdout, like check: conflict blocks
// explained field by field, syntax and validation errors, warnings; with canonical, also a
// file that is not in canonical form. It returns the number of problems that fail.
func reportRecord(f *Factory, store *recstore.Store, p string, data []byte, canonical bool) int {
	rec, err := codec.Parse(p, data)
	if err != nil {
		if explained := merge.ExplainConflicts(p, data, false); len(explained) > 0 {
			for _, e := range explained {
				fmt.Fprintln(f.Out, e)
			}
			return len(explained)
		}
		fmt.Fprintln(f.Out, err)
		return 1
	}
	n := 0
	if canonical {
		if out, err := codec.EncodeRecord(rec); err == nil && !bytes.Equal(out, data) {
			fmt.Fprintf(f.Out, "%s: not in canonical form: run dossier fmt %s, then git add it\n", p, records.IDFromPath(p))
			n++
		}
	}
	probs := records.Validate(rec, store.Profile)
	for _, e := range records.Located(rec, probs) {
		fmt.Fprintln(f.Out, e.Error())
		if !e.IsWarning() {
			n++
		}
	}
	return n
}
