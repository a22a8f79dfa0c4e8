package gitx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newGit is a runner in a fresh directory (no repository yet) that ignores the caller's git
// configuration, with extra environment.
func newGit(t *testing.T, env ...string) Git {
	t.Helper()
	dir := t.TempDir()
	return Git{Dir: dir, Env: append([]string{
		"GIT_CONFIG_NOSYSTEM=1", "HOME=" + dir, "GIT_CONFIG_GLOBAL=" + filepath.Join(dir, "no-config"),
	}, env...)}
}

// TestInitConfigAsGitReadsIt: the values Init writes into a new repository's configuration
// are what git config reads back, whatever characters they hold, and git config can replace
// them afterwards (each key has one value).
func TestInitConfigAsGitReadsIt(t *testing.T) {
	odd := `a "quoted" word, a \back\slash, # not a comment ; nor this,` + "\ta tab, " + `trailing space `
	values := []ConfigValue{
		{Key: "merge.dossier.name", Value: "dossier: field-by-field merge"},
		{Key: "merge.dossier.driver", Value: odd},
		{Key: "merge.Other Driver.driver", Value: "x %O %A"},
	}
	g := newGit(t)
	if err := g.Init(values); err != nil {
		t.Fatal(err)
	}
	config, err := os.ReadFile(filepath.Join(g.Dir, ".git", "config"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(config), `[merge "dossier"]`) {
		t.Fatalf("the values were not written into .git/config:\n%s", config)
	}
	for _, v := range values {
		if got, err := g.Output(nil, "config", "--get-all", v.Key); err != nil || string(got) != v.Value+"\n" {
			t.Errorf("git config --get-all %s = %q, %v; want %q", v.Key, got, err, v.Value)
		}
	}
	if _, err := g.Run("config", "merge.dossier.driver", "replaced"); err != nil {
		t.Errorf("git config cannot replace the value written: %v", err)
	}
	if _, err := os.Stat(filepath.Join(g.Dir, ".git", "config.lock")); !os.IsNotExist(err) {
		t.Errorf("config.lock left behind: %v", err)
	}
}

// TestInitLeavesToGitWhatItDoesNotWrite: a template whose configuration already has the
// section, a repository the environment moves, a held lock and a key this does not write
// are each left to git config (which replaces the template's value, writes where git
// writes, and reports the lock).
func TestInitLeavesToGitWhatItDoesNotWrite(t *testing.T) {
	values := []ConfigValue{{Key: "merge.dossier.driver", Value: "dossier merge-driver %O %A %B %P"}}

	template := t.TempDir()
	if err := os.WriteFile(filepath.Join(template, "config"), []byte("[merge \"dossier\"]\n\tdriver = old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g := newGit(t, "GIT_TEMPLATE_DIR="+template)
	if err := g.Init(values); err != nil {
		t.Fatal(err)
	}
	if got, err := g.Run("config", "--get-all", "merge.dossier.driver"); err != nil || got != values[0].Value {
		t.Errorf("over a template's value: %q, %v", got, err)
	}

	g = newGit(t)
	g.Env = append(g.Env, "GIT_DIR="+filepath.Join(g.Dir, "elsewhere.git"))
	if err := g.Init(values); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(g.Dir, "elsewhere.git", "config")); err != nil || !strings.Contains(string(data), "merge-driver") {
		t.Errorf("GIT_DIR: the value is not in the repository git made: %q, %v", data, err)
	}

	if _, err := configText([]ConfigValue{{Key: "merge.driver", Value: "x"}}); err == nil {
		t.Error("configText wrote a key with no subsection")
	}
	if _, err := configText([]ConfigValue{{Key: "merge.a\"b.driver", Value: "x"}}); err == nil {
		t.Error("configText wrote a subsection with a quote")
	}
	if _, err := configText([]ConfigValue{{Key: "merge.dossier.driver", Value: "two\nlines"}}); err == nil {
		t.Error("configText wrote a value with a newline")
	}
}

// TestAddConfigHeldLock: a config.lock another git process holds is left alone and the
// values are not written (git config then reports the lock).
func TestAddConfigHeldLock(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "config")
	if err := os.WriteFile(name, []byte("[core]\n\tbare = false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name+".lock", []byte("another git's\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := addConfig(name, []ConfigValue{{Key: "merge.dossier.driver", Value: "x"}}); err == nil {
		t.Fatal("addConfig wrote under a held lock")
	}
	if data, _ := os.ReadFile(name + ".lock"); string(data) != "another git's\n" {
		t.Errorf("the held lock was changed: %q", data)
	}
	if data, _ := os.ReadFile(name); strings.Contains(string(data), "dossier") {
		t.Errorf("config written under a held lock: %q", data)
	}
}
