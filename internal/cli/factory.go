// Package cli is dossier's command line: one file per verb, each parsing flags, calling the
// records domain and printing. Nothing here holds package-level state.
package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/gitx"
	"github.com/dossier-dev/dossier/internal/iostreams"
	"github.com/dossier-dev/dossier/internal/letters"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/pflag"
)

// Factory carries what every command needs: streams, settings, clock, repository, git.
type Factory struct {
	// IOStreams are the streams, which of them are terminals, talk and the progress bar.
	*iostreams.IOStreams
	Getenv  func(string) string
	Version string
	// Dir is the working directory relative paths are read against, and Environ the
	// environment of the processes dossier starts (git, the editor): "" and nil are this
	// process's. Tests set both to run many commands in one process (RunIn).
	Dir     string
	Environ []string
	// GlobalFlags are the root command's persistent flags (-C, -q, --commit, --actor,
	// --debug, --no-cache), read by the settings after parsing.
	GlobalFlags *pflag.FlagSet

	// ownsProcess is set by Main: the run is the whole process, so it may set the process's
	// soft heap ceiling for a phase (export). Runs sharing a process (Run, RunIn: tests)
	// leave it alone: one run's ceiling would be every other's.
	ownsProcess bool
	// completing is set when the run is a shell's completion request (__complete): only
	// then are flag completion functions registered (completeFlag).
	completing bool
	// settingsCache keeps the settings files read by earlier runs of the same Runner.
	settingsCache *config.Cache
	repoDir       string           // ForRepo: the repository, whatever -C says
	runS          *config.Settings // flags, environment, user file, defaults
	settings      *config.Settings // the same and the repository's dossier.yaml
	store         *recstore.Store
	// wrote holds the blob id of each record the store wrote validated, by path, when the
	// run commits its writes: the commit passes them to the pre-commit hook (gitx.Git.Commit).
	wroteMu sync.Mutex
	wrote   map[string]string
}

// ForRepo is a factory on the same streams and flags for the repository in dir (demo makes
// one, then works in it).
func (f *Factory) ForRepo(dir string) *Factory {
	return &Factory{IOStreams: f.IOStreams, Getenv: f.Getenv, Version: f.Version, Dir: f.Dir, Environ: f.Environ, GlobalFlags: f.GlobalFlags, settingsCache: f.settingsCache, repoDir: dir}
}

// runSettings are the settings that do not depend on a repository: flags, environment, the
// user's file and the defaults (quiet, debug, actor, clock...). A repository cannot set them.
// They are read without a profile (config.LoadRun): only those fields are set.
func (f *Factory) runSettings() (*config.Settings, error) {
	if f.runS != nil {
		return f.runS, nil
	}
	s, err := config.LoadRun(config.Input{Getenv: f.Getenv, Flags: f.GlobalFlags, Cache: f.settingsCache})
	if err != nil {
		return nil, err
	}
	f.runS = s
	f.SetQuiet(s.Quiet)
	return s, nil
}

// Settings are every setting, read once: with the repository's dossier.yaml when there is a
// repository (-C/--dir, DOSSIER_DIR, else the nearest ancestor holding dossier.yaml), without
// it otherwise (Root is then empty). Settings the repository may not set are reported once,
// as warnings. A profile with problems is an error (*config.ProfileError): no command runs on
// a workflow that is not what it declares; check and config read it with profileSettings.
func (f *Factory) Settings() (*config.Settings, error) {
	s, err := f.profileSettings()
	if err != nil {
		return nil, err
	}
	if len(s.Problems) > 0 {
		return nil, &config.ProfileError{Problems: s.Problems}
	}
	return s, nil
}

// profileSettings are the settings even when the profile has problems (s.Problems).
func (f *Factory) profileSettings() (*config.Settings, error) {
	if f.settings != nil {
		return f.settings, nil
	}
	run, err := f.runSettings()
	if err != nil {
		return nil, err
	}
	start := f.repoDir
	if start == "" {
		start = run.Dir
	}
	if start == "" {
		wd, err := f.workDir()
		if err != nil {
			return nil, err
		}
		start = wd
	} else if _, err := os.Stat(f.path(start)); err != nil {
		return nil, fmt.Errorf("-C %s: no such directory", start)
	}
	in := config.Input{Getenv: f.Getenv, Flags: f.GlobalFlags, Cache: f.settingsCache}
	if root, err := config.FindRoot(f.path(start)); err == nil {
		in.Root = root
	} // else no repository: the settings of the default profile (Root stays empty)
	s, err := config.Load(in)
	if err != nil {
		return nil, err
	}
	for _, ig := range s.Ignored {
		f.Warn("%v", ig)
	}
	f.settings = s
	return s, nil
}

// Root finds the records repository and loads its configuration once.
func (f *Factory) Root() (string, error) {
	s, err := f.Settings()
	if err != nil {
		return "", err
	}
	if s.Root == "" {
		start := f.repoDir
		if start == "" {
			start = s.Dir
		}
		if start == "" {
			start = "."
		}
		_, err := config.FindRoot(f.path(start))
		return "", err
	}
	return s.Root, nil
}

// Profile is the office's taxonomy and clocks.
func (f *Factory) Profile() (*records.Profile, error) {
	if _, err := f.Root(); err != nil {
		return nil, err
	}
	return f.settings.Profile, nil
}

// Store opens the records repository.
func (f *Factory) Store() (*recstore.Store, error) {
	if f.store != nil {
		return f.store, nil
	}
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	p, err := f.Profile()
	if err != nil {
		return nil, err
	}
	s, err := recstore.OpenStore(root, p, f.settings.IDs)
	if err != nil {
		return nil, err
	}
	{
		bar := newProgress(f, "records read")
		s.Progress = func(done, total int) {
			bar.update(done, total)
			if done == total {
				bar.done()
			}
		}
	}
	s.Sized = raiseMemoryLimit // memory.go
	// the blob ids of git's index, so that a fresh clone with a restored .dossier/ reads no file
	s.GitBlobs = func() (map[string]string, error) { return f.Git().Blobs("records") }
	s.GitIndex = func() ([]recstore.GitStat, error) { return gitIndex(f.Git()) }
	if f.CommitWrites() {
		s.Wrote = f.noteWrote
	}
	f.store = s
	return s, nil
}

// noteWrote keeps the blob id of a record the store wrote (Store.Wrote).
func (f *Factory) noteWrote(path, blob string) {
	f.wroteMu.Lock()
	defer f.wroteMu.Unlock()
	if f.wrote == nil {
		f.wrote = map[string]string{}
	}
	f.wrote[path] = blob
}

// commit commits exactly paths with message, telling git's pre-commit hook which of them this
// run wrote validated (noteWrote).
func (f *Factory) commit(paths []string, message string) error {
	f.wroteMu.Lock()
	wrote := maps.Clone(f.wrote)
	f.wroteMu.Unlock()
	return f.Git().Commit(paths, message, wrote)
}

// Close releases the store.
func (f *Factory) Close() {
	if f.store != nil {
		f.store.Close()
	}
}

// Now is the clock: DOSSIER_NOW when set, else the system time.
func (f *Factory) Now() (time.Time, error) {
	s, err := f.runSettings()
	if err != nil {
		return time.Time{}, err
	}
	if !s.Now.IsZero() {
		return s.Now, nil
	}
	return time.Now(), nil
}

// Today is the calendar date of Now.
func (f *Factory) Today() (records.Date, error) {
	now, err := f.Now()
	if err != nil {
		return records.Date{}, err
	}
	return records.DateOf(now), nil
}

// Actor is who acts: --actor, DOSSIER_ACTOR, git's user.name, else the login name.
func (f *Factory) Actor() string {
	if s, err := f.runSettings(); err == nil && s.Actor != "" {
		return s.Actor
	}
	if name := f.Git().UserName(); name != "" {
		return name
	}
	if u := f.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

// Git runs git in the repository (or the working directory before there is one).
func (f *Factory) Git() gitx.Git {
	dir := ""
	if f.settings != nil {
		dir = f.settings.Root
	}
	if dir == "" {
		dir = f.Dir
	}
	return gitx.Git{Dir: dir, Environ: f.Environ}
}

// workDir is the working directory: Dir, else this process's.
func (f *Factory) workDir() (string, error) {
	if f.Dir != "" {
		return f.Dir, nil
	}
	return os.Getwd()
}

// path is a path the user gave, as this process opens it: relative to Dir when Dir is set.
// Messages name the path as given, not this.
func (f *Factory) path(p string) string {
	if p == "" || f.Dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(f.Dir, p)
}

// abs is the absolute form of a path the user gave.
func (f *Factory) abs(p string) string {
	a, err := filepath.Abs(f.path(p))
	if err != nil {
		return p
	}
	return a
}

// tempDir is where throwaway directories go: $TMPDIR of the run, else the system's.
func (f *Factory) tempDir() string {
	if d := f.Getenv("TMPDIR"); d != "" {
		return d
	}
	return os.TempDir()
}

// readFile reads a file the user named; an error names it as given.
func (f *Factory) readFile(name string) ([]byte, error) {
	data, err := os.ReadFile(f.path(name))
	return data, asGiven(err, name)
}

// relErr makes an error about a file under the relative path given name that file relative
// to Dir, as it would be named had the path been opened from the working directory.
func (f *Factory) relErr(given string, err error) error {
	var pe *fs.PathError
	if f.Dir == "" || filepath.IsAbs(given) || !errors.As(err, &pe) {
		return err
	}
	rel, rerr := filepath.Rel(f.Dir, pe.Path)
	if rerr != nil || !filepath.IsAbs(pe.Path) || strings.HasPrefix(rel, "..") {
		return err
	}
	return &fs.PathError{Op: pe.Op, Path: rel, Err: pe.Err}
}

// asGiven makes a file error name the path the user gave rather than the one opened.
func asGiven(err error, given string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: given, Err: pe.Err}
	}
	return err
}

// Debug reports whether errors show internal details.
func (f *Factory) Debug() bool {
	s, err := f.runSettings()
	return err == nil && s.Debug
}

// UseCache reports whether reads may use the index in .dossier/ (not --no-cache).
func (f *Factory) UseCache() bool {
	s, err := f.runSettings()
	return err != nil || !s.NoCache
}

// CommitWrites reports whether writes are committed (--commit, DOSSIER_GIT_COMMIT, git.commit).
func (f *Factory) CommitWrites() bool {
	s, err := f.Settings()
	return err == nil && s.Git.Commit
}

// disclosurePolicy is the disclosure section of the settings.
func (f *Factory) disclosurePolicy() (privacy.Policy, error) {
	if _, err := f.Root(); err != nil {
		return nil, err
	}
	return f.settings.Disclosure, nil
}

// retention is the office's retention schedule: dossier.yaml retention: over the defaults.
func (f *Factory) retention() (privacy.Retention, error) {
	if _, err := f.Root(); err != nil {
		return privacy.Retention{}, err
	}
	return f.settings.Retention, nil
}

// office is the office as letters and reports name it, in lang.
func (f *Factory) office(lang string) letters.Office {
	s, err := f.Settings()
	if err != nil {
		return letters.Office{}
	}
	o := s.Office
	return letters.Office{Name: o.Name.In(lang), Address: o.Address.In(lang), Phone: o.Phone.In(lang), Email: o.Email.In(lang), Signature: o.Signature.In(lang)}
}

// gitIndex is the record files' entries of git's index, read without running git, in path
// order.
func gitIndex(g gitx.Git) ([]recstore.GitStat, error) {
	entries, err := g.IndexEntries("records")
	if err != nil {
		return nil, err
	}
	stats := make([]recstore.GitStat, len(entries))
	for i, e := range entries {
		stats[i] = recstore.GitStat{Path: e.Path, Blob: e.Blob, Mtime: e.Mtime, Ctime: e.Ctime, Ino: e.Ino, Size: e.Size}
	}
	return stats, nil
}
