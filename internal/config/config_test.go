package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func load(t *testing.T, repo, user string, env map[string]string, flags ...string) (*Settings, error) {
	t.Helper()
	root, home := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(root, FileName), []byte(repo), 0o644); err != nil {
		t.Fatal(err)
	}
	if user != "" {
		dir := filepath.Join(home, ".config", "dossier")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(user), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs := pflag.NewFlagSet("dossier", pflag.ContinueOnError)
	fs.String("dir", "", "")
	fs.String("actor", "", "")
	fs.Bool("commit", false, "")
	fs.Bool("quiet", false, "")
	fs.Bool("debug", false, "")
	fs.Bool("no-cache", false, "")
	if err := fs.Parse(flags); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		if k == "HOME" {
			return home
		}
		return env[k]
	}
	return Load(Input{Getenv: getenv, Flags: fs, Root: root})
}

func source(s *Settings, key string) Source {
	for _, e := range s.Entries() {
		if e.Key == key {
			return e.Source
		}
	}
	return "(none)"
}

// Every layer merges key by key; the higher wins; each value knows where it came from.
func TestLayers(t *testing.T) {
	t.Parallel()
	s, err := load(t, "clocks: {referral_report: 90}\nids: sequential\noffice: {name: {en: Ours}}\n",
		"clocks: {status_update: 40, referral_report: 100}\nactor: me\n",
		map[string]string{"DOSSIER_IDS": "random", "DOSSIER_GIT_COMMIT": "1"}, "--actor", "flagged", "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	if s.Clocks.ReferralReport != 90 || s.Clocks.StatusUpdate != 40 || s.Clocks.ReviewRequest != 30 {
		t.Errorf("clocks = %+v: want repo 90, user 40, default 30", s.Clocks)
	}
	if s.IDs != "random" || !s.Git.Commit || s.Actor != "flagged" || !s.Quiet {
		t.Errorf("env and flags lost: %+v", s)
	}
	if got := s.Office.Name.In("fr"); got != "Ours" {
		t.Errorf("office name by language replaces the default whole: fr = %q, want the English fallback", got)
	}
	for key, want := range map[string]Source{"clocks.referral_report": FromRepo, "clocks.status_update": FromUser,
		"clocks.review_request": FromDefault, "ids": FromEnv, "git.commit": FromEnv, "actor": FromFlag, "quiet": FromFlag,
		"office.name": FromRepo, "office.phone": FromDefault} {
		if got := source(s, key); got != want {
			t.Errorf("%s from %s, want %s", key, got, want)
		}
	}
}

func TestStrict(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ repo, user, want string }{
		{"clocks: {referal_report: 90}\n", "", "dossier.yaml:1: clocks.referal_report: unknown setting (did you mean referral_report?)"},
		{"retention: {default: five}\n", "", `dossier.yaml:1: retention.default: expected a whole number, not "five"`},
		{"disclosure: {public: id}\n", "", "dossier.yaml:1: disclosure.public: expected a list"},
		{"now: 2026-01-01\n", "", `dossier.yaml:1: unknown setting "now"`},
		{"", "dir: /tmp\n", `config.yaml:1: unknown setting "dir"`},
		{"", "clocks:\n  status_update: [1]\n", "config.yaml:2: clocks.status_update: expected a whole number"},
	} {
		_, err := load(t, tc.repo, tc.user, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("repo %q user %q: got %v, want %s", tc.repo, tc.user, err, tc.want)
		}
	}
}

func TestRepositoryCannotNameACommand(t *testing.T) {
	t.Parallel()
	s, err := load(t, "ids: random\neditor: evil\nactor: mallory\n", "editor: nano\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Editor != "nano" || s.Actor != "" || len(s.Ignored) != 2 || s.Ignored[0].Key != "editor" || s.Ignored[1].Line != 3 {
		t.Errorf("editor %q actor %q ignored %+v", s.Editor, s.Actor, s.Ignored)
	}
}

// A key set twice in one mapping is refused, naming both lines, in the repository's file and
// in the user's: merging would keep one of the two values without a word.
func TestDuplicateKeysRefused(t *testing.T) {
	for _, tc := range []struct{ repo, user, want string }{
		{repo: "ids: random\ngit:\n  commit: true\nids: sequential\n", want: "dossier.yaml:4: ids: set twice (first at line 1): keep one"},
		{repo: "git:\n  commit: true\n  commit: false\n", want: "dossier.yaml:3: git.commit: set twice (first at line 2): keep one"},
		{repo: "partners:\n  - {code: a, en: A, en: B}\n", want: "dossier.yaml:2: partners[0].en: set twice (first at line 2): keep one"},
		{repo: "ids: random\n", user: "actor: a\nactor: b\n", want: "config.yaml:2: actor: set twice (first at line 1): keep one"},
	} {
		_, err := load(t, tc.repo, tc.user, nil)
		if err == nil || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("repo %q, user %q: got %v, want an error ending in %q", tc.repo, tc.user, err, tc.want)
		}
	}
}
