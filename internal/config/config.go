// Package config decodes dossier's settings once into a typed Settings: flag > environment
// (DOSSIER_*, read through the caller's getenv) > the repository's dossier.yaml > the user's
// $XDG_CONFIG_HOME/dossier/config.yaml > the embedded default profile. Each layer is checked
// against one schema (an unknown key or a wrong type names the file, line and key), then
// merged key by key over the layers below it, so that a file setting one clock keeps the
// others. Lists (codes, partners, an audience's fields) and text by language replace the
// value below them whole.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
)

// FileName is the configuration file at the root of a records repository.
const FileName = "dossier.yaml"

// Source is where a setting's value came from.
type Source string

// The layers, lowest first.
const (
	FromDefault Source = "default"
	FromUser    Source = "user"
	FromRepo    Source = "repo"
	FromEnv     Source = "env"
	FromFlag    Source = "flag"
)

// Settings is every setting dossier reads, decoded and validated once.
type Settings struct {
	Office     Office
	IDs        string // records.IDsRandom or records.IDsSequential
	Git        Git
	Clocks     records.Clocks
	Partners   records.Codes
	Disclosure privacy.Policy
	Retention  privacy.Retention
	Templates  Templates
	// Profile is the office's codes, partners and clocks, validated.
	Profile *records.Profile
	// Problems are what is wrong with the profile as dossier.yaml extends it (unknown
	// references, missing labels...), each with its file, line and key; `check` reports them
	// and every other command that reads the repository refuses to run.
	Problems []records.Problem

	Actor   string    // who acts ("" : git's user.name, then the login name)
	Editor  string    // the editor command ("" : $VISUAL, $EDITOR, vi)
	Dir     string    // -C/--dir, DOSSIER_DIR
	Now     time.Time // DOSSIER_NOW; zero: the system clock
	Quiet   bool
	Debug   bool
	NoCache bool

	// Root is the records repository whose dossier.yaml was read ("" : none).
	Root string
	// Ignored lists what the repository's dossier.yaml set but may not (it names a command
	// or an identity); every command warns about them and `check` reports them.
	Ignored []Ignored
	// entries lists every setting with its value and where it came from (Entries), made
	// only when asked for: dossier config asks, other commands do not.
	entries func() []Entry
}

// Office is the office as letters and reports name it.
type Office struct {
	Name, Address, Phone, Email, Signature Text
}

// Templates holds the settings about the office's template overrides.
type Templates struct {
	// AllowWider names the letter templates whose override may be written for a reader who
	// sees more than the embedded template's reader.
	AllowWider []string
}

// Git holds the git settings.
type Git struct {
	Commit bool // every write commits the case file
}

// Languages are the office's languages, first is the default.
func (s *Settings) Languages() []string { return s.Profile.Languages.List() }

// Entry is one effective setting.
type Entry struct {
	Key    string `json:"key" yaml:"key"`
	Value  any    `json:"value" yaml:"value"`
	Source Source `json:"source" yaml:"source"`
}

// Ignored is a setting of the repository's dossier.yaml that only the user may set.
type Ignored struct {
	File string
	Line int
	Key  string
}

// Error is the warning every command prints.
func (i Ignored) Error() string {
	return fmt.Sprintf("%s:%d: %s: ignored: a repository may not name a command or an identity; set it in your own config.yaml, the environment (%s) or a flag", i.File, i.Line, i.Key, envName(i.Key))
}

// Problem is the error `check` reports.
func (i Ignored) Problem() string {
	return fmt.Sprintf("%s:%d: %s: a repository may not name a command or an identity: remove it (set it in your own config.yaml, the environment (%s) or a flag)", i.File, i.Line, i.Key, envName(i.Key))
}

// UserFile is the user's config file, from XDG_CONFIG_HOME, else HOME ("" : neither set).
func UserFile(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "dossier", "config.yaml")
}

// FindRoot returns the nearest ancestor of start (start included) holding dossier.yaml.
func FindRoot(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, FileName)); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("not in a dossier repository (no %s here or in any parent): run `dossier init`, or give -C DIR", FileName)
		}
		dir = parent
	}
}

// ParseNow reads DOSSIER_NOW: RFC 3339 or YYYY-MM-DD (taken as noon UTC, so that the calendar
// date is the same in every zone of the Americas and Europe).
func ParseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if d, err := records.ParseDate(s); err == nil {
		return d.Time().Add(12 * time.Hour), nil
	}
	return time.Time{}, fmt.Errorf("DOSSIER_NOW=%q: write RFC 3339 (2026-01-15T14:02:11Z) or a date (2026-01-15)", s)
}

func readOptional(p string) ([]byte, error) {
	if p == "" {
		return nil, nil
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// Defaults are the settings of the embedded default profile alone (no file, no environment).
func Defaults() (*Settings, error) {
	return Load(Input{Getenv: func(string) string { return "" }})
}

// Entries is every setting with its value and where it came from, sorted by key.
func (s *Settings) Entries() []Entry {
	if s.entries == nil {
		return nil
	}
	return s.entries()
}
