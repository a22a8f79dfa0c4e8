package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/demo"
	"github.com/dossier-dev/dossier/internal/iostreams"
	"github.com/dossier-dev/dossier/templates"
	"github.com/spf13/cobra"
)

func newDemoCmd(f *Factory) *cobra.Command {
	var cases int
	var seed uint64
	var profile string
	cmd := &cobra.Command{
		Use:     "demo [DIR] [--cases N] [--profile NAME]",
		Short:   "Build a realistic demo repository and show its quarterly report",
		GroupID: "repo",
		Long: `Build a records repository in DIR (default: a new temporary directory) with N cases
(default 500): English and French complainants, several police services, every stage
of the lifecycle, two years of dates up to today (DOSSIER_NOW). Every case goes
through the real workflow and store. Then print the oversight report of the last
complete quarter, and say where the repository is so you can try the other commands.

--profile quebec-alternative-measures builds an alternative-measures desk instead:
people referred by a prosecutor to the programs (PMRG, PMRA, PAJ-SM, PTTCQ and
non-judiciarisation) in every judicial district, with the themes and the Indigenous
flag, each file through the profile's declared actions (admit or refuse, refer to
the organisation, sign, complete or fail, withdraw, reopen); its report is the
profile's quarterly report.` + exitStatusHelp,
		Example: "  go run ./cmd/dossier demo\n  dossier demo office --cases 1000\n  dossier demo desk --profile quebec-alternative-measures --cases 300",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cases < 1 {
				return usageErrorf("--cases: %d: give a positive number", cases)
			}
			if !slices.Contains(demo.Profiles(), profile) {
				return usageErrorf("--profile: no demo for %q: use %s", profile, strings.Join(demo.Profiles(), ", "))
			}
			dir := ""
			if len(args) == 1 {
				dir = args[0]
				if fi, err := os.Stat(f.path(dir)); err == nil && !fi.IsDir() {
					return fmt.Errorf("%s is a file: give a new or empty directory for the demo", dir)
				}
				if entries, err := os.ReadDir(f.path(dir)); err == nil && len(entries) > 0 {
					return fmt.Errorf("%s is not empty: give a new or empty directory for the demo", dir)
				}
			} else {
				d, err := os.MkdirTemp(f.tempDir(), "dossier-demo-")
				if err != nil {
					return err
				}
				dir = d
			}
			return runDemo(f, dir, cases, seed, profile)
		},
	}
	cmd.Flags().IntVar(&cases, "cases", 500, "how many cases to generate")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed (the same seed and DOSSIER_NOW give the same cases)")
	cmd.Flags().StringVar(&profile, "profile", templates.DefaultProfileName, "the embedded `profile` of the repository ("+strings.Join(demo.Profiles(), ", ")+")")
	completeFlag(f, cmd, "profile", cobra.FixedCompletions(demo.Profiles(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runDemo(f *Factory, dir string, cases int, seed uint64, profile string) error {
	if err := runInit(f, dir, profile); err != nil {
		return err
	}
	f = f.ForRepo(dir)
	defer f.Close()
	store, err := f.Store()
	if err != nil {
		return err
	}
	store.NoSync = true // a throwaway repository: atomic writes, no fsync
	today, err := f.Today()
	if err != nil {
		return err
	}
	f.Talk("generating %d cases...", cases)
	progress := newProgress(f, "cases")
	if err := demo.Build(store, demo.Options{Cases: cases, Today: today, Seed: seed, Actor: "demo", Progress: progress.update}); err != nil {
		return err
	}
	progress.done()
	abs := f.abs(dir)
	args := demoReportArgs(abs, today, profile)
	f.Talk("\n$ dossier %s\n", joinArgs(args))
	report := &Factory{IOStreams: iostreams.System(f.In, f.Out, f.Err), Getenv: f.Getenv, Version: f.Version, Dir: f.Dir, Environ: f.Environ, settingsCache: f.settingsCache}
	if code := report.run(args); code != 0 {
		return fmt.Errorf("the demo report failed (exit status %d)", code)
	}
	f.Talk("\nThe demo repository is %s. Try (after go install ./cmd/dossier, from a checkout):\n  cd %s\n  dossier list --status open\n  dossier due --overdue\n  dossier show <ID>", abs, abs)
	return nil
}
