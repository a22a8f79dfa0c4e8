package cli

import (
	"fmt"
	"slices"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"

	"github.com/spf13/cobra"
)

func newCheckCmd(f *Factory) *cobra.Command {
	var (
		against    string
		showValues bool
	)
	cmd := &cobra.Command{
		Use:     "check",
		Short:   "Validate every record (for CI and pre-commit hooks)",
		GroupID: "repo",
		Long: `Read every record file strictly and validate it against the rules and the codes of
dossier.yaml. Prints nothing and exits 0 when all is well. Otherwise prints one line
per problem, 'path:line:col: field: message', and exits 3. Warnings (such as a
complaint received over six months after the incident) are printed but do not fail.
A file left with merge conflict blocks is reported block by block: each field the two
sides disagree on, with both values. In a git repository, check also reports a record
file git's index holds unmerged, and, while a merge is in progress or when HEAD is a
merge commit, a history entry of a parent missing from the file (the history only grows;
a disposal explains an entry whose free text it removed); it warns when the merge driver
cannot run.

--against REF also compares the cases with those of the commit REF (the branch a pull
request goes into): an id that names a different case there is an id collision (an error:
dossier renumber fixes it); a history entry of REF missing here is an error (only entries
of the merge base of HEAD and REF count, which is REF itself once merged); a case changed
on both sides is a warning (merge it locally, where the merge driver works).

A merge conflict is explained field by field; the value of a personal or confidential
field (and of a history entry) is withheld, because check's output reaches CI logs.
--show-values prints those values for the person resolving the conflict, on a terminal
only.` + exitStatusHelp,
		Example: "  dossier check\n  dossier check || echo 'fix the records above'\n  dossier check --against origin/main   # in CI, for a pull request",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(f, against, showValues)
		},
	}
	cmd.Flags().BoolVar(&showValues, "show-values", false, "in merge conflict explanations, print personal and confidential values too (on a terminal only)")
	cmd.Flags().StringVar(&against, "against", "", "also report id collisions with the commit `REF` (e.g. origin/main) and history entries of it lost here")
	return cmd
}

func runCheck(f *Factory, against string, showValues bool) error {
	if n, err := checkProfile(f); err != nil || n > 0 {
		return err
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	if showValues && !f.OutTerminal {
		f.Warn("--show-values: ignored: stdout is not a terminal (conflict values never go to a file, pipe or CI log)")
	}
	store.ShowConflictValues = showValues && f.OutTerminal
	checked, stray, err := store.CheckFiles()
	if err != nil {
		return err
	}
	errs := 0
	report := func(msg string) {
		fmt.Fprintln(f.Out, render.Printable(msg)) // a file name can hold escape sequences
	}
	// What statistics group by must survive a purge (a past report never changes).
	for _, p := range stats.CheckGroupable(stats.DimensionFields, records.ClassOf) {
		report(p.Error())
		errs++
	}
	for _, p := range stray {
		report(fmt.Sprintf("%s: not a record file name: a case file is records/YYYY/ID.yaml (move or remove it)", p))
		errs++
	}
	for _, fc := range checked {
		for _, e := range fc.Problems {
			report(e.Error())
		}
		errs += fc.Errors()
	}
	warnDriver(f, f.Git())
	merging, err := mergeProblems(f, store)
	if err != nil {
		return err
	}
	for _, p := range merging {
		report(p)
		errs++
	}
	if against != "" {
		n, err := checkAgainst(f, store, against, report)
		if err != nil {
			return err
		}
		errs += n
	}
	letterProbs, err := letterProblems(f)
	if err != nil {
		return err
	}
	for _, p := range letterProbs {
		report(p.Error())
		errs++
	}
	if s, err := f.Settings(); err == nil {
		for _, ig := range s.Ignored {
			report(ig.Problem())
			errs++
		}
	}
	if errs > 0 {
		f.Talk("%s in %s", plural(errs, "problem", "problems"), plural(len(checked)+len(stray), "file", "files"))
		return &problemsFound{n: errs}
	}
	return nil
}

// checkProfile reports the problems of the profile as dossier.yaml extends it. The records are
// checked against the profile, so they are not checked until it has none.
func checkProfile(f *Factory) (int, error) {
	s, err := f.profileSettings()
	if err != nil {
		return 0, err
	}
	// A groupable declared field must not hide a dimension stats already has.
	problems := append(slices.Clip(s.Problems), stats.CheckFieldDimensions(s.Profile)...)
	for _, p := range problems {
		fmt.Fprintln(f.Out, render.Printable(p.Error()))
	}
	if n := len(problems); n > 0 {
		f.Talk("%s in the profile (the records are checked once it has none)", plural(n, "problem", "problems"))
		return n, &problemsFound{n: n}
	}
	return 0, nil
}
