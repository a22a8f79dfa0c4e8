package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeFirstBlock returns the commands of README.md's first fenced code block, without
// their trailing comments.
func readmeFirstBlock(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```")
	if !ok {
		t.Fatal("README.md has no fenced code block")
	}
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("README.md: the first fenced code block is not closed")
	}
	lines := strings.Split(block, "\n")[1:] // the first line is the fence's info string (sh)
	var cmds []string
	for _, l := range lines {
		if i := strings.Index(l, " #"); i >= 0 {
			l = l[:i]
		}
		if l = strings.TrimSpace(l); l != "" {
			cmds = append(cmds, l)
		}
	}
	return cmds
}

// TestReadmeFirstCommands: the README opens with two commands, the demo and the tests, and
// the first works as its comment says: it builds a 500-case repository in a new temporary
// directory, says where, and prints the report. The demo runs through this test binary,
// which is dossier (testscript.Main dispatches on the name): the same main package `go run
// ./cmd/dossier` builds, without compiling it a second time. `go test ./...` is what is
// running this test, so it is not run again from here.
func TestReadmeFirstCommands(t *testing.T) {
	t.Parallel()
	cmds := readmeFirstBlock(t)
	want := []string{"go run ./cmd/dossier demo", "go test ./..."}
	if strings.Join(cmds, "\n") != strings.Join(want, "\n") {
		t.Fatalf("README.md's first block holds %q, want exactly %q", cmds, want)
	}
	if _, err := os.Stat(filepath.Join("..", "..", "cmd", "dossier", "main.go")); err != nil {
		t.Fatalf("the README runs ./cmd/dossier: %v", err)
	}
	args := strings.Fields(strings.TrimPrefix(cmds[0], "go run ./cmd/dossier"))

	tmp := t.TempDir()
	cmd := dossier(t, t.TempDir(), []string{"TMPDIR=" + tmp, "NO_COLOR=1"}, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("dossier %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	for _, w := range []string{"# Oversight statistics: Q4 2025\n", "| Received in the period |", "| Managed |", "## Complaints by type\n"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("the demo's report lacks %q:\n%s", w, out.String())
		}
	}
	m := regexp.MustCompile(`The demo repository is (\S+)\.`).FindStringSubmatch(errb.String())
	if m == nil {
		t.Fatalf("the demo does not say where its repository is:\n%s", errb.String())
	}
	if filepath.Dir(m[1]) != tmp {
		t.Errorf("the demo repository %s is not a new directory in the temporary directory %s", m[1], tmp)
	}
	if _, err := os.Stat(filepath.Join(m[1], "dossier.yaml")); err != nil {
		t.Errorf("the demo repository has no dossier.yaml: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(m[1], "records", "*", "*.yaml"))
	if len(files) != 500 {
		t.Errorf("the demo repository holds %d record files, the README says 500", len(files))
	}
}

// TestReadmeGoVersion: the README's "Both need only Go (X)" names go.mod's Go version.
func TestReadmeGoVersion(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	need := regexp.MustCompile(`need only Go \((\d+\.\d+)\)`).FindSubmatch(readme)
	if goLine == nil || need == nil {
		t.Fatalf("go.mod's go line or the README's \"need only Go (X)\" is missing")
	}
	if string(goLine[1]) != string(need[1]) {
		t.Errorf("the README says Go %s, go.mod says go %s", need[1], goLine[1])
	}
}
