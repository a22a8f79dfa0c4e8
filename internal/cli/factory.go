// Package cli is dossier's command line: one file per verb, each parsing flags, calling the
// records domain and printing. Nothing here holds package-level state.
package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/gitx"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/viper"
)

// Factory carries what every command needs: streams, settings, clock, repository, git.
type Factory struct {
	In          io.Reader
	Out, Err    io.Writer
	InTerminal  bool // stdin is a terminal: with ErrTerminal, dossier may ask questions
	OutTerminal bool
	ErrTerminal bool
	Getenv      func(string) string
	Viper       *viper.Viper
	Version     string

	root    string
	profile *records.Profile
	store   *records.Store
}

// Root finds the records repository: -C/--dir, DOSSIER_DIR, else the nearest ancestor of the
// working directory holding dossier.yaml. It loads the repository's configuration once.
func (f *Factory) Root() (string, error) {
	if f.root != "" {
		return f.root, nil
	}
	start := f.Viper.GetString("dir")
	if start == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		start = wd
	} else if _, err := os.Stat(start); err != nil {
		return "", fmt.Errorf("-C %s: no such directory", start)
	}
	root, err := config.FindRoot(start)
	if err != nil {
		return "", err
	}
	if err := config.LoadRepo(f.Viper, root); err != nil {
		return "", err
	}
	f.root = root
	return root, nil
}

// Profile is the office's taxonomy and clocks.
func (f *Factory) Profile() (*records.Profile, error) {
	if f.profile != nil {
		return f.profile, nil
	}
	if _, err := f.Root(); err != nil {
		return nil, err
	}
	p, err := config.Profile(f.Viper)
	if err != nil {
		return nil, err
	}
	f.profile = p
	return p, nil
}

// Store opens the records repository.
func (f *Factory) Store() (*records.Store, error) {
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
	ids, err := config.IDScheme(f.Viper)
	if err != nil {
		return nil, err
	}
	s, err := records.OpenStore(root, p, ids)
	if err != nil {
		return nil, err
	}
	if f.ErrTerminal && !f.Quiet() {
		bar := newProgress(f, "records read")
		s.Progress = func(done, total int) {
			bar.update(done, total)
			if done == total {
				bar.done()
			}
		}
	}
	f.store = s
	return s, nil
}

// Close releases the store.
func (f *Factory) Close() {
	if f.store != nil {
		f.store.Close()
	}
}

// Now is the clock: DOSSIER_NOW when set, else the system time.
func (f *Factory) Now() (time.Time, error) {
	if s := f.Viper.GetString("now"); s != "" {
		return config.ParseNow(s)
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
	if a := strings.TrimSpace(f.Viper.GetString("actor")); a != "" {
		return a
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
	return gitx.Git{Dir: f.root}
}

// Quiet reports whether talk on stderr is silenced.
func (f *Factory) Quiet() bool { return f.Viper.GetBool("quiet") }

// Talk writes a message for people on stderr unless --quiet.
func (f *Factory) Talk(format string, args ...any) {
	if !f.Quiet() {
		fmt.Fprintf(f.Err, format+"\n", args...)
	}
}

// Warn writes a warning on stderr; --quiet does not silence warnings.
func (f *Factory) Warn(format string, args ...any) {
	fmt.Fprintf(f.Err, "warning: "+format+"\n", args...)
}
