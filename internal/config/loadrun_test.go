package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// LoadRun gives the run's settings, the same as Load gives them, without a profile; a bad
// value of the environment or a user file that Load refuses is refused by LoadRun too.
func TestLoadRun(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home, "DOSSIER_ACTOR": " Ann ", "DOSSIER_NOW": "2026-03-02T10:00:00Z", "DOSSIER_QUIET": "1"}
	getenv := func(k string) string { return env[k] }
	run, err := LoadRun(Input{Getenv: getenv})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Load(Input{Getenv: getenv})
	if err != nil {
		t.Fatal(err)
	}
	if run.Profile != nil {
		t.Errorf("LoadRun read a profile")
	}
	want := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	if run.Actor != "Ann" || !run.Now.Equal(want) || !run.Quiet || run.Debug ||
		run.Actor != full.Actor || !run.Now.Equal(full.Now) || run.Quiet != full.Quiet || run.Editor != full.Editor || run.Dir != full.Dir {
		t.Errorf("LoadRun %+v, Load actor %q now %v quiet %v", run, full.Actor, full.Now, full.Quiet)
	}

	for _, tc := range []struct {
		name, key, value, user, want string
	}{
		{"bad clock", "DOSSIER_NOW", "yesterday", "", "DOSSIER_NOW"},
		{"bad id scheme", "DOSSIER_IDS", "counter", "", `DOSSIER_IDS: "counter" is not an id scheme`},
		{"unknown key in the user file", "", "", "edtor: vim\n", `unknown setting "edtor" (did you mean editor?)`},
		{"profile in the user file", "", "", "profile: x\n", "profile: only a repository's dossier.yaml names its profile"},
	} {
		env := map[string]string{"HOME": t.TempDir()}
		if tc.key != "" {
			env[tc.key] = tc.value
		}
		if tc.user != "" {
			p := filepath.Join(env["HOME"], ".config", "dossier", "config.yaml")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(tc.user), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		getenv := func(k string) string { return env[k] }
		_, runErr := LoadRun(Input{Getenv: getenv})
		_, fullErr := Load(Input{Getenv: getenv})
		if runErr == nil || fullErr == nil || !strings.Contains(runErr.Error(), tc.want) || runErr.Error() != fullErr.Error() {
			t.Errorf("%s: LoadRun %v, Load %v, want both the same, with %q", tc.name, runErr, fullErr, tc.want)
		}
	}
}
