package gitx

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// configCases are configuration files with the merge driver set in every way git allows, and
// in ways this reader leaves to git.
var configCases = []string{
	"[merge \"dossier\"]\n\tdriver = dossier merge-driver %O %A %B %P\n",
	"[merge \"dossier\"]\n\tname = x\n\tdriver = \"dossier merge-driver %O %A %B %P\"\n",
	"[core]\n\tbare = false\n[Merge \"dossier\"]\n\tDRIVER=a   b\t c  # comment\n",
	"[merge \"dossier\"]\n  driver = first\n[merge \"other\"]\n\tdriver = not this\n[merge \"dossier\"]\n\tdriver = second ; comment\n",
	"[merge \"dossier\"] # comment\n\tdriver = \"  quoted # not ; a comment  \" after\n",
	"[merge \"dossier\"]\n\tdriver = a\\\\b \\\"c\\\" \\t d\n",
	"[merge \"Dossier\"]\n\tdriver = another subsection\n",
	"[merge \"dossier\"]\n\tdriver\n",
	"[merge \"dossier\"]\n\tdriver = continued \\\n on the next line\n",
	"[merge.dossier]\n\tdriver = old form\n",
	"[merge \"dossier\"] driver = on the header line\n",
	"[merge \"dos\\\"sier\"]\n\tdriver = escaped\n",
	"[merge \"dossier\"]\n\tdriver = \"unterminated\n",
	"[merge \"dossier\"]\r\n\tdriver = crlf\r\n",
	"[merge \"dossier\"]\n\tdriver =\n",
	"",
}

// FuzzLocalValue: wherever localValue reads merge.dossier.driver from a file, git config --file
// reads the same (and the same absence). The seeds are configCases.
func FuzzLocalValue(f *testing.F) {
	for _, text := range configCases {
		f.Add(text)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, text string) {
		got, ok := localValue(text, "merge", "dossier", "driver")
		if !ok {
			return
		}
		file := filepath.Join(dir, "config")
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("git", "config", "--file", file, "merge.dossier.driver")
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.Output()
		want := strings.TrimSuffix(string(out), "\n")
		if err != nil {
			t.Errorf("localValue read %q where git reads nothing (%v):\n%s", got, err, text)
		} else if got != want {
			t.Errorf("localValue = %q, git config = %q:\n%s", got, want, text)
		}
	})
}

// TestLocalValueReadsTheCommonForms: the seeds FuzzLocalValue compares with git include the
// forms a registered driver has (so the comparison is not vacuous), and the forms this reader
// leaves to git are left (as is a file that does not set the key: the user's may).
func TestLocalValueReadsTheCommonForms(t *testing.T) {
	read := 0
	for i, text := range configCases {
		_, ok := localValue(text, "merge", "dossier", "driver")
		if ok {
			read++
		}
		if wantLeft := (i >= 6 && i <= 12) || i == 15; ok == wantLeft { // 6, 15: not set in the file
			t.Errorf("case %d: read = %v:\n%s", i, ok, text)
		}
	}
	if read < 8 {
		t.Errorf("localValue read only %d of the cases", read)
	}
}

// TestConfigLocalFirst: Config reads the repository's own file, and asks git when the file
// does not set the key, when the environment sets configuration of its section, and when the
// repository's file includes another.
func TestConfigLocalFirst(t *testing.T) {
	g := testGit(t)
	if got := g.Config("merge.dossier.driver"); got != "" {
		t.Fatalf("unset: %q", got)
	}
	global := filepath.Join(g.Dir, "no-config") // testGit's GIT_CONFIG_GLOBAL
	if err := os.WriteFile(global, []byte("[merge \"dossier\"]\n\tdriver = from the user's file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := g.Config("merge.dossier.driver"); got != "from the user's file" {
		t.Errorf("set in the user's file only: %q", got)
	}
	if _, err := g.Run("config", "merge.dossier.driver", "from the repository"); err != nil {
		t.Fatal(err)
	}
	if got := g.Config("merge.dossier.driver"); got != "from the repository" {
		t.Errorf("set in the repository: %q", got)
	}
	env := g
	env.Env = append(env.Env, "GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=merge.dossier.driver", "GIT_CONFIG_VALUE_0=from the environment")
	if got := env.Config("merge.dossier.driver"); got != "from the environment" {
		t.Errorf("set in the environment: %q", got)
	}
	if _, err := g.Run("config", "include.path", global); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("config", "--file", global, "merge.dossier.driver", "included after"); err != nil {
		t.Fatal(err)
	}
	if got := g.Config("merge.dossier.driver"); got != "included after" {
		t.Errorf("with an include after it: %q", got)
	}
}
