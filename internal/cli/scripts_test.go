package cli_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/cli"
	"github.com/dossier-dev/dossier/internal/testrun"
	"github.com/rogpeppe/go-internal/testscript"
)

// runner runs the commands of the tests in this process. It keeps each repository's
// settings files parsed and merged over the profile (cli.Runner, config.Cache) instead of
// every command doing it again: the first command on a dossier.yaml of a given content reads
// it as a process does, the next ones decode their own settings from the same layers. The
// commands that start a real process, and TestCanary's and the concurrency tests' cli.Run,
// read every file each time.
var runner = cli.NewRunner()

// TestMain is either the test binary or, run under the name dossier, the command itself:
// testDossierOnPath puts this binary on PATH as dossier for what must start a real process
// (git's merge driver and hooks, sh -c, commands run in the background, the tests of
// processes and signals). The tests run as every test binary of the repository does
// (internal/testrun: temporary files in memory, no git template, GOGC 400: thousands of
// short commands run in this process, each allocating its settings and dropping them).
//
// The command's tests (the scripts, and the tests of processes, merges, concurrency and the
// README) live here, beside the package's own, so that one test binary holding the whole
// program is linked, not two.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "dossier" {
		os.Exit(cli.Main())
	}
	os.Exit(testDossierOnPath(m))
}

func testDossierOnPath(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "dossier-test-bin-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	exe, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	bin := filepath.Join(tmp, "dossier")
	if err := os.Link(exe, bin); err != nil {
		data, err := os.ReadFile(exe)
		if err == nil {
			err = os.WriteFile(bin, data, 0o755)
		}
		if err != nil {
			log.Fatalf("putting dossier on PATH: %v", err)
		}
	}
	os.Setenv("PATH", tmp+string(filepath.ListSeparator)+os.Getenv("PATH"))
	return testrun.Main(m)
}

// TestScripts runs testdata/script/*.txtar: one script per user-visible behaviour.
// UPDATE_SCRIPTS=1 go test ./internal/cli -run TestScripts rewrites the expected output in the scripts.
//
// A script's `exec dossier` lines run in this process (dossier, below: the same command
// line, working directory, environment and streams, and no process to start); lines that
// end in & (in the background) start the real command, as do sh -c, git hooks and the
// merge driver. UPDATE_SCRIPTS, and DOSSIER_SCRIPTS_EXEC=1 (to compare), run the scripts as
// written, every exec dossier a process.
func TestScripts(t *testing.T) {
	t.Parallel()
	p := scriptParams("testdata/script")
	if !p.UpdateScripts && os.Getenv("DOSSIER_SCRIPTS_EXEC") == "" {
		p.Files = inProcessScripts(t, p.Dir)
		p.Dir = ""
		strayFiles(t)
	}
	testscript.Run(t, p)
}

// strayFiles fails the test when the scripts leave a file in this package's directory: a
// command that opened a path the user gave as os.Open(arg), not through the Factory
// (f.path), reads and writes beside the test instead of in the script's $WORK.
func strayFiles(t *testing.T) {
	list := func() map[string]bool {
		names := map[string]bool{}
		entries, err := os.ReadDir(".")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			names[e.Name()] = true
		}
		return names
	}
	before := list()
	t.Cleanup(func() {
		for name := range list() {
			if !before[name] {
				t.Errorf("a script left %s in internal/cli: a command opens a relative path without f.path (internal/cli/factory.go)", name)
			}
		}
	})
}

// examplesDir holds the example profiles of docs/profiles.md; the scripts read them from there
// ($EXAMPLES), so that the documentation and the tests cannot drift apart.
const examplesDir = "../../docs/examples"

func scriptParams(dir string) testscript.Params {
	return testscript.Params{
		Dir:                 dir,
		UpdateScripts:       os.Getenv("UPDATE_SCRIPTS") != "",
		RequireExplicitExec: false,
		Setup: func(env *testscript.Env) error {
			// the example profiles of docs/examples, which example_*.txtar copy from
			examples, err := filepath.Abs(examplesDir)
			if err != nil {
				return err
			}
			env.Setenv("EXAMPLES", examples)
			home := filepath.Join(env.WorkDir, ".home")
			env.Setenv("HOME", home)
			env.Setenv("DOSSIER_NOW", "2026-03-02T10:00:00Z")
			env.Setenv("DOSSIER_ACTOR", "tester")
			env.Setenv("GIT_AUTHOR_NAME", "Test Coordinator")
			env.Setenv("GIT_AUTHOR_EMAIL", "coordinator@example.org")
			env.Setenv("GIT_COMMITTER_NAME", "Test Coordinator")
			env.Setenv("GIT_COMMITTER_EMAIL", "coordinator@example.org")
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("GIT_TEMPLATE_DIR", os.Getenv("GIT_TEMPLATE_DIR")) // testDossierOnPath
			// no automatic housekeeping after each commit (a git process each, doing nothing
			// in a repository this small), as git -c maintenance.auto=false would
			env.Setenv("GIT_CONFIG_COUNT", "1")
			env.Setenv("GIT_CONFIG_KEY_0", "maintenance.auto")
			env.Setenv("GIT_CONFIG_VALUE_0", "false")
			env.Setenv("NO_COLOR", "1")
			// the directory of git alone, for a PATH on which git is and dossier is not
			git, err := exec.LookPath("git")
			if err != nil {
				return err
			}
			env.Setenv("GITPATH", filepath.Dir(git))
			env.Setenv("ORIGPATH", env.Getenv("PATH"))
			return os.MkdirAll(home, 0o755)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"treesnap": treeSnap,
			"treecmp":  treeCmp,
			"exits":    exits,
			"dossier":  dossierInProcess,
		},
	}
}

// treeSnap NAME DIR records a digest of every file under DIR (but .git and .dossier) in $NAME.
func treeSnap(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: treesnap NAME DIR")
	}
	ts.Setenv("TREE_"+args[0], treeDigest(ts, ts.MkAbs(args[1])))
}

// treeCmp NAME DIR fails when DIR differs from the snapshot NAME (the repository changed).
func treeCmp(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: treecmp NAME DIR")
	}
	got, want := treeDigest(ts, ts.MkAbs(args[1])), ts.Getenv("TREE_"+args[0])
	if (got == want) == neg {
		if neg {
			ts.Fatalf("%s did not change", args[1])
		}
		ts.Fatalf("%s changed:\nbefore:\n%s\nafter:\n%s", args[1], want, got)
	}
}

func treeDigest(ts *testscript.TestScript, dir string) string {
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == ".dossier") {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %s", hex.EncodeToString(sum[:6]), rel))
		return nil
	})
	if err != nil {
		ts.Fatalf("%v", err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
