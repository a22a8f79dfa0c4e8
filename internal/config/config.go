// Package config loads dossier's settings into one *viper.Viper: embedded defaults < user
// config ($XDG_CONFIG_HOME/dossier/config.yaml) < the repository's dossier.yaml < DOSSIER_*
// environment < flags. The instance is created by the caller and passed around; there is no
// global.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/templates"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// FileName is the configuration file at the root of a records repository.
const FileName = "dossier.yaml"

// Keys lists every setting with its environment variable (DOSSIER_ + upper snake case).
var envKeys = []string{"dir", "actor", "now", "ids", "git.commit", "editor", "debug", "quiet", "no-cache"}

// topLevel is every key dossier.yaml may hold.
var topLevel = []string{"office", "ids", "git", "clocks", "codes", "partners", "disclosure", "retention", "templates", "actor", "editor"}

// New returns a viper instance holding the embedded defaults and the environment bindings.
func New() (*viper.Viper, error) {
	v := viper.New()
	defaults, err := decodeMap("(embedded default profile)", templates.DefaultProfile())
	if err != nil {
		return nil, err
	}
	for k, val := range defaults {
		v.SetDefault(k, val)
	}
	v.SetDefault("actor", "")
	v.SetDefault("now", "")
	v.SetDefault("dir", "")
	v.SetDefault("editor", "")
	v.SetDefault("debug", false)
	v.SetDefault("quiet", false)
	v.SetDefault("no-cache", false)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	for _, k := range envKeys {
		if err := v.BindEnv(k, "DOSSIER_"+strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(k))); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// LoadUser merges the user's config file, when there is one.
func LoadUser(v *viper.Viper, getenv func(string) string) error {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return nil
		}
		dir = filepath.Join(home, ".config")
	}
	p := filepath.Join(dir, "dossier", "config.yaml")
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	m, err := decodeMap(p, data)
	if err != nil {
		return err
	}
	return v.MergeConfigMap(m)
}

// LoadRepo merges the repository's dossier.yaml (which wins over the user's file).
func LoadRepo(v *viper.Viper, root string) error {
	p := filepath.Join(root, FileName)
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	m, err := decodeMap(p, data)
	if err != nil {
		return err
	}
	for k := range m {
		if !slices.Contains(topLevel, k) {
			return fmt.Errorf("%s: unknown setting %q%s; settings are %s", p, k, records.Suggest(k, topLevel), strings.Join(topLevel, ", "))
		}
	}
	return v.MergeConfigMap(m)
}

func decodeMap(name string, data []byte) (map[string]any, error) {
	var m map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&m); err != nil && !errors.Is(err, fs.ErrNotExist) {
		if err.Error() == "EOF" {
			return map[string]any{}, nil
		}
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return m, nil
}

// Profile builds the office's taxonomy and clocks from the settings.
func Profile(v *viper.Viper) (*records.Profile, error) {
	var p records.Profile
	if err := v.UnmarshalKey("codes", &p); err != nil {
		return nil, fmt.Errorf("dossier.yaml: codes: %v", err)
	}
	if err := v.UnmarshalKey("partners", &p.Partners); err != nil {
		return nil, fmt.Errorf("dossier.yaml: partners: %v", err)
	}
	if err := v.UnmarshalKey("clocks", &p.Clocks); err != nil {
		return nil, fmt.Errorf("dossier.yaml: clocks: %v", err)
	}
	if probs := p.Validate(); len(probs) > 0 {
		return nil, fmt.Errorf("dossier.yaml: %s", records.Joined(probs))
	}
	return &p, nil
}

// IDScheme is the configured id scheme, checked.
func IDScheme(v *viper.Viper) (string, error) {
	s := v.GetString("ids")
	if s != records.IDsRandom && s != records.IDsSequential {
		return "", fmt.Errorf("dossier.yaml: ids: %q is not an id scheme: use random or sequential", s)
	}
	return s, nil
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

// ParseNow reads DOSSIER_NOW: RFC 3339 or YYYY-MM-DD (midnight UTC... taken as noon UTC so the
// calendar date is the same in every zone of the Americas and Europe).
func ParseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if d, err := records.ParseDate(s); err == nil {
		return d.Time().Add(12 * time.Hour), nil
	}
	return time.Time{}, fmt.Errorf("DOSSIER_NOW=%q: write RFC 3339 (2026-01-15T14:02:11Z) or a date (2026-01-15)", s)
}
