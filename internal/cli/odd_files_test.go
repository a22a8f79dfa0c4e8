//go:build unix

package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOddFilesAndTerminals: a FIFO under records/ or templates/ is skipped with a warning by
// every reader (never a hang); a file name holding an escape sequence and bidi controls in a
// value reach no output raw (escaped as \xNN, \uNNNN); fmt reports a directory, a FIFO or a
// symlink out of the repository and goes on; a .dossier symlink is refused.
func TestOddFilesAndTerminals(t *testing.T) {
	t.Parallel()
	env := append(dossierEnv(t), "DOSSIER_IDS=sequential")
	work := t.TempDir()
	repo := filepath.Join(work, "repo")
	mustDossier(t, env, "init", "-q", repo)
	mustDossier(t, env, "-C", repo, "create", "-q", "--received", "2026-02-27", "--channel", "email", "--summary", "x", "--location", "Ottawa\u202eliam.exe")
	mustDossier(t, env, "-C", repo, "create", "-q", "--received", "2026-02-27", "--channel", "email", "--summary", "Pushed\u2067 at a\u202a protest")
	mustDossier(t, env, "-C", repo, "note", "2026-0001", "called\u202e back")
	mustDossier(t, env, "-C", repo, "request", "2026-0001", "--item", "photos\u202e", "--from", "complainant")
	mustDossier(t, env, "-C", repo, "fmt")
	for _, p := range []string{"records/2026/2026-0003.yaml", "templates/letters/acknowledgement.en.md.tmpl", "templates/reports/workload.en.md.tmpl"} {
		os.MkdirAll(filepath.Dir(filepath.Join(repo, p)), 0o755)
		if err := syscall.Mkfifo(filepath.Join(repo, p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	forged := filepath.Join(repo, "records", "2026", "x\x1b[2K\r2026-0001.yaml: ok\x1b]0;pwn\x07.yaml")
	if err := os.WriteFile(forged, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	raw := func(name, s string) {
		t.Helper()
		if strings.ContainsAny(s, "\x1b\x07\r\u202e\u2067\u202a") {
			t.Errorf("%s: raw control or bidi character reaches the output:\n%q", name, s)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{[]string{"list"}, 0, "records/2026/2026-0003.yaml: not a regular file"},
		{[]string{"list", "-o", "table"}, 0, `Ottawa\u202eliam.exe`},
		{[]string{"list", "--location", "ottawa"}, 0, "2026-0001"},
		{[]string{"show", "2026-0001"}, 0, `Ottawa\u202eliam.exe`},
		{[]string{"show", "2026-0002"}, 0, `Pushed\u2067 at a\u202a protest`},
		{[]string{"show", "2026-0003"}, 1, "not a regular file"},
		{[]string{"history", "2026-0001"}, 0, `called\u202e back`},
		{[]string{"due", "--within", "60d"}, 0, `photos\u202e`},
		{[]string{"stats", "--by", "type"}, 0, "not a regular file"},
		{[]string{"check"}, 3, `x\x1b[2K\x0d2026-0001.yaml: ok\x1b]0;pwn\x07.yaml: not a record file name`},
		{[]string{"check"}, 3, "templates/letters/acknowledgement.en.md.tmpl: not a regular file"},
		{[]string{"letter", "2026-0001", "closing", "--lang", "en"}, -1, ""},
		{[]string{"report", "workload", "-o", "md"}, 1, "not a regular file"},
		{[]string{"fmt", "--check"}, 3, "records/2026/2026-0003.yaml: not a regular file"},
	} {
		out, stderr, code := runSplit(t, env, repo, tc.args...)
		if code != tc.code && !(tc.code == -1) {
			t.Errorf("dossier %s: exit %d, want %d\n%s%s", strings.Join(tc.args, " "), code, tc.code, out, stderr)
		}
		if !strings.Contains(out+stderr, tc.want) {
			t.Errorf("dossier %s: %q not in output:\n%s%s", strings.Join(tc.args, " "), tc.want, out, stderr)
		}
		raw(strings.Join(tc.args, " "), out+stderr)
	}

	// fmt goes on past a directory, a FIFO and a symlink out of the repository.
	os.Remove(forged)
	os.Mkdir(filepath.Join(repo, "records", "2026", "2026-0004.yaml"), 0o755)
	os.WriteFile(filepath.Join(work, "outside.yaml"), []byte("id: 2026-0005\n"), 0o644)
	os.Symlink(filepath.Join(work, "outside.yaml"), filepath.Join(repo, "records", "2026", "2026-0005.yaml"))
	rec := filepath.Join(repo, "records", "2026", "2026-0002.yaml")
	data, _ := os.ReadFile(rec)
	os.WriteFile(rec, []byte(strings.Replace(string(data), "status: received", "status:   received", 1)), 0o644)
	out, stderr, code := runSplit(t, env, repo, "fmt")
	if code != 1 {
		t.Errorf("fmt: exit %d\n%s%s", code, out, stderr)
	}
	for _, want := range []string{"records/2026/2026-0003.yaml: not a regular file", "records/2026/2026-0004.yaml: not a regular file", "records/2026/2026-0005.yaml: ", "formatted records/2026/2026-0002.yaml", "3 files could not be read"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("fmt: %q not in stderr:\n%s", want, stderr)
		}
	}
	if now, _ := os.ReadFile(rec); string(now) != string(data) {
		t.Errorf("fmt stopped before formatting 2026-0002:\n%s", now)
	}

	// A .dossier symlink is refused.
	os.RemoveAll(filepath.Join(repo, ".dossier"))
	os.Mkdir(filepath.Join(work, "elsewhere"), 0o755)
	os.Symlink(filepath.Join(work, "elsewhere"), filepath.Join(repo, ".dossier"))
	out, stderr, code = runSplit(t, env, repo, "list")
	if code != 1 || !strings.Contains(stderr, ".dossier: a symbolic link, not a directory") {
		t.Errorf("list with a .dossier symlink: exit %d\n%s%s", code, out, stderr)
	}
	if entries, _ := os.ReadDir(filepath.Join(work, "elsewhere")); len(entries) != 0 {
		t.Errorf("dossier wrote through the .dossier symlink: %v", entries)
	}
}
