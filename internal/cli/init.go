package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/templates"
	"github.com/spf13/cobra"
)

const gitignoreText = `# dossier: local caches and locks, rebuildable; temp files of interrupted writes
.dossier/
.*.dossier-tmp-*
`

func newInitCmd(f *Factory) *cobra.Command {
	var profile string
	cmd := &cobra.Command{
		Use:     "init [DIR] [--profile NAME]",
		Short:   "Create a records repository",
		GroupID: "repo",
		Long: `Create a records repository in DIR (default: the current directory): dossier.yaml
for one of the embedded profiles (--profile, default ontario-oversight: Ontario police
oversight, English and French; dossier profiles lists them), a .gitignore for dossier's
local files, and a git repository when DIR is not already inside one. Like dossier hooks
install (which does the same in each clone), it registers the dossier merge driver, makes
.gitattributes route records to it, and installs the pre-commit hook (a pre-commit hook
that dossier did not write is left alone, with a warning). An existing dossier.yaml is
never overwritten.

For ontario-oversight, dossier.yaml repeats the profile's office, codes, partners, clocks,
disclosure and retention for the office to edit. For any other profile it holds
profile: NAME and the office section only: what the office changes goes there, and the
rest stays the embedded profile's (docs/profiles.md).` + exitStatusHelp,
		Example: "  dossier init oversight-records\n  cd oversight-records && dossier create --channel phone --type conduct --summary 'Rude language at a traffic stop'\n  dossier init --profile ontario-oversight other-office",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			} else if s, err := f.runSettings(); err != nil {
				return err
			} else if s.Dir != "" {
				dir = s.Dir
			}
			if err := runInit(f, dir, profile); err != nil {
				return err
			}
			// not for demo: its repository is thrown away. init has just registered the
			// driver: only whether its program runs is to be known (no git config to read back)
			if msg := missingDriverProblem(f.Git().In(f.path(dir)).CheckDriver(mergeDriverCommand)); msg != "" {
				f.Warn("%s", msg)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&profile, "profile", templates.DefaultProfileName, "the embedded `profile` the repository starts on (dossier profiles lists them)")
	completeFlag(f, cmd, "profile", completeProfiles)
	return cmd
}

func runInit(f *Factory, dir, profile string) error {
	settings, err := config.InitFile(profile)
	if err != nil {
		return usageErrorf("--profile: %v", err)
	}
	given := dir
	dir = f.path(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return asGiven(err, given)
	}
	cfg := filepath.Join(dir, config.FileName)
	if _, err := os.Stat(cfg); err == nil {
		return fmt.Errorf("%s already exists: this is a dossier repository already (nothing changed)", filepath.Join(given, config.FileName))
	}
	g := f.Git().In(dir)
	registered := false
	if !g.IsRepo() {
		// a new repository, the merge driver registered in it as it is made (hooks.go)
		if err := g.Init(driverConfig()); err != nil {
			return err
		}
		registered = true
	}
	if err := writeNew(cfg, settings); err != nil {
		return err
	}
	if err := appendMissing(filepath.Join(dir, ".gitignore"), gitignoreText); err != nil {
		return err
	}
	if registered {
		if err := appendMissing(filepath.Join(dir, ".gitattributes"), gitattributesText); err != nil {
			return err
		}
	} else if err := registerGit(g, dir); err != nil { // .gitattributes and the merge driver (hooks.go)
		return err
	}
	abs, _ := filepath.Abs(dir)
	f.Talk("initialized dossier repository in %s", abs)
	var foreign *errForeignHook
	if _, err := installHook(g, false); errors.As(err, &foreign) {
		f.Warn("%v", err)
	} else if err != nil {
		return err
	}
	return nil
}

// writeNew writes a file that must not exist yet.
func writeNew(name string, data []byte) error {
	fh, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := fh.Write(data); err != nil {
		fh.Close()
		os.Remove(name)
		return err
	}
	return fh.Close()
}

// appendMissing appends text to name unless name already contains it.
func appendMissing(name, text string) error {
	old, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if strings.Contains(string(old), text) {
		return nil
	}
	if len(old) > 0 && old[len(old)-1] != '\n' {
		text = "\n" + text
	}
	fh, err := os.OpenFile(name, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := fh.WriteString(text); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}
