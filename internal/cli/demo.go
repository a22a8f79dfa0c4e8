package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dossier-dev/dossier/internal/demo"
	"github.com/dossier-dev/dossier/templates"
	"github.com/spf13/cobra"
)

func newDemoCmd(f *Factory) *cobra.Command {
	var cases int
	var seed uint64
	cmd := &cobra.Command{
		Use:     "demo [DIR] [--cases N]",
		Short:   "Build a realistic demo repository and show its quarterly report",
		GroupID: "repo",
		Long: `Build a records repository in DIR (default: a new temporary directory) with N cases
(default 500): English and French complainants, several police services, every stage
of the lifecycle, two years of dates up to today (DOSSIER_NOW). Every case goes
through the real workflow and store. Then print the oversight report of the last
complete quarter, and say where the repository is so you can try the other commands.` + exitStatusHelp,
		Example: "  go run ./cmd/dossier demo\n  dossier demo office --cases 1000",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cases < 1 {
				return usageErrorf("--cases: %d: give a positive number", cases)
			}
			dir := ""
			if len(args) == 1 {
				dir = args[0]
				if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
					return fmt.Errorf("%s is a file: give a new or empty directory for the demo", dir)
				}
				if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
					return fmt.Errorf("%s is not empty: give a new or empty directory for the demo", dir)
				}
			} else {
				d, err := os.MkdirTemp("", "dossier-demo-")
				if err != nil {
					return err
				}
				dir = d
			}
			return runDemo(f, dir, cases, seed)
		},
	}
	cmd.Flags().IntVar(&cases, "cases", 500, "how many cases to generate")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed (the same seed and DOSSIER_NOW give the same cases)")
	return cmd
}

func runDemo(f *Factory, dir string, cases int, seed uint64) error {
	if err := runInit(f, dir, templates.DefaultProfileName); err != nil {
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
	abs, _ := filepath.Abs(dir)
	args := demoReportArgs(abs, today)
	f.Talk("\n$ dossier %s\n", joinArgs(args))
	if code := Run(args, f.In, f.Out, f.Err, f.Getenv); code != 0 {
		return fmt.Errorf("the demo report failed (exit status %d)", code)
	}
	f.Talk("\nThe demo repository is %s. Try (after go install ./cmd/dossier, from a checkout):\n  cd %s\n  dossier list --status open\n  dossier due --overdue\n  dossier show <ID>", abs, abs)
	return nil
}
