package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
)

// A fresh clone of a repository of a few hundred cases, with the .dossier/ of the original
// copied in, takes every blob id from git's index (read directly, no file read) and parses
// no file: the factory hands the store git's blob ids. Right after the checkout, the files
// git wrote in the second it wrote its index are racily clean: git would compare them by
// content, and dossier hashes them; still no file is parsed.
func TestFreshCloneTakesBlobIDsFromGit(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	runIn(t, "", "init", "-q", repo)
	runIn(t, "", "-C", repo, "create", "-q", "--received", "2026-02-01", "--channel", "email", "--lang", "en", "--summary", "first")
	first, err := os.ReadFile(filepath.Join(repo, records.RecordPath("2026-0001")))
	if err != nil {
		t.Fatal(err)
	}
	const n = 300 // more than the store's threshold for asking git
	for i := 2; i <= n; i++ {
		id := fmt.Sprintf("2026-%04d", i)
		text := strings.Replace(string(first), "2026-0001", id, 1)
		if err := os.WriteFile(filepath.Join(repo, records.RecordPath(id)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(dir, "no-config"),
			"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git(repo, "add", "-A")
	git(repo, "commit", "-q", "--no-verify", "-m", "cases")
	want := runIn(t, "", "-C", repo, "list")
	index, err := os.ReadFile(filepath.Join(repo, ".dossier", "index-v9.bin"))
	if err != nil {
		t.Fatal(err)
	}
	restore := func(clone string) {
		t.Helper()
		os.MkdirAll(filepath.Join(clone, ".dossier"), 0o755)
		if err := os.WriteFile(filepath.Join(clone, ".dossier", "index-v9.bin"), index, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list := func(clone string) string {
		t.Helper()
		env := map[string]string{"DOSSIER_NOW": "2026-03-02T10:00:00Z", "DOSSIER_ACTOR": "tester", "HOME": dir}
		var out, errb bytes.Buffer
		if code := Run([]string{"-C", clone, "--debug", "list"}, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] }); code != 0 {
			t.Fatalf("list in the clone: exit %d: %s", code, errb.String())
		}
		if out.String() != want {
			t.Fatalf("the clone lists\n%s\nwant\n%s", out.String(), want)
		}
		return errb.String()
	}
	// a checkout that ended well before git wrote its index: every entry's stat data holds
	clone := filepath.Join(dir, "clone")
	git(dir, "clone", "-q", repo, clone)
	past := time.Now().Add(-time.Hour)
	for i := 1; i <= n; i++ {
		if err := os.Chtimes(filepath.Join(clone, records.RecordPath(fmt.Sprintf("2026-%04d", i))), past, past); err != nil {
			t.Fatal(err)
		}
	}
	git(clone, "update-index", "-q", "--refresh")
	restore(clone)
	wantDebug := fmt.Sprintf("debug: index: %d entries read; %d record files: 0 unchanged, %d same content, 0 parsed; blob ids: %d from git, 0 hashed\n", n, n, n, n)
	if got := list(clone); got != wantDebug {
		t.Fatalf("stderr:\n%s\nwant\n%s", got, wantDebug)
	}
	// right after the checkout
	clone = filepath.Join(dir, "racy")
	git(dir, "clone", "-q", repo, clone)
	restore(clone)
	var fromGit, hashed int
	got := list(clone)
	prefix := fmt.Sprintf("debug: index: %d entries read; %d record files: 0 unchanged, %d same content, 0 parsed; blob ids: ", n, n, n)
	if _, err := fmt.Sscanf(strings.TrimPrefix(got, prefix), "%d from git, %d hashed\n", &fromGit, &hashed); err != nil || !strings.HasPrefix(got, prefix) || fromGit+hashed != n {
		t.Fatalf("stderr:\n%s\nwant\n%sN from git, M hashed (N+M = %d)", got, prefix, n)
	}
}
