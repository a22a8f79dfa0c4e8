package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/cli"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// dossier returns a command running this test binary as dossier (testscript.Main dispatches
// on argv[0]) in dir, with the fixed clock and actor of the scripts.
func dossier(t *testing.T, dir string, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Args[0] = "dossier"
	cmd.Dir = dir
	cmd.Env = cleanEnv("HOME="+t.TempDir(), "DOSSIER_NOW=2026-03-02T10:00:00Z", "DOSSIER_ACTOR=tester", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.org")
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

func run(t *testing.T, cmd *exec.Cmd) (stdout string) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, errb.String())
	}
	return out.String()
}

// TestFiftyCreateProcesses: 50 `dossier create` processes started at once on one repository
// get 50 distinct ids and write 50 files that parse; check is clean afterwards.
func TestFiftyCreateProcesses(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts 50 processes")
	}
	for _, scheme := range []string{records.IDsRandom, records.IDsSequential} {
		t.Run(scheme, func(t *testing.T) {
			dir := t.TempDir()
			run(t, dossier(t, dir, nil, "init", "-q", "repo"))
			repo := filepath.Join(dir, "repo")
			env := []string{"DOSSIER_IDS=" + scheme}
			cmds := make([]*exec.Cmd, 50)
			outs := make([]bytes.Buffer, 50)
			errs := make([]bytes.Buffer, 50)
			for i := range cmds {
				cmds[i] = dossier(t, repo, env, "create", "-q", "--channel", "phone", "--summary", fmt.Sprintf("case %d", i))
				cmds[i].Stdout, cmds[i].Stderr = &outs[i], &errs[i]
			}
			var wg sync.WaitGroup
			for i, cmd := range cmds {
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				wg.Go(func() {
					if err := cmd.Wait(); err != nil {
						t.Errorf("create %d: %v\n%s", i, err, errs[i].String())
					}
				})
			}
			wg.Wait()
			ids := map[string]bool{}
			for i := range outs {
				id := strings.TrimSpace(outs[i].String())
				if !records.ValidID(id) {
					t.Fatalf("create %d printed %q", i, outs[i].String())
				}
				ids[id] = true
			}
			if len(ids) != 50 {
				t.Fatalf("%d distinct ids from 50 creates", len(ids))
			}
			files, _ := filepath.Glob(filepath.Join(repo, "records", "2026", "*"))
			if len(files) != 50 {
				t.Fatalf("%d files in records/2026, want 50: %v", len(files), files)
			}
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := codec.Parse(f, data); err != nil {
					t.Error(err)
				}
			}
			if out := run(t, dossier(t, repo, nil, "check")); out != "" {
				t.Errorf("check after 50 creates:\n%s", out)
			}
			listed := strings.Fields(run(t, dossier(t, repo, nil, "list", "-o", "ids")))
			if len(listed) != 50 {
				t.Errorf("list shows %d cases", len(listed))
			}
			if scheme == records.IDsSequential {
				slices.Sort(listed)
				if listed[0] != "2026-0001" || listed[49] != "2026-0050" {
					t.Errorf("sequential ids run from %s to %s", listed[0], listed[49])
				}
			}
		})
	}
}

// TestRunRefusals covers what a script cannot pass through argv or write in a txtar file: a
// NUL byte in an id, and a record file over 1 MiB.
func TestRunRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	run(t, dossier(t, dir, nil, "init", "-q", "repo"))
	repo := filepath.Join(dir, "repo")
	big := filepath.Join(repo, "records", "2026", "2026-K7M2Q.yaml")
	if err := os.MkdirAll(filepath.Dir(big), 0o755); err != nil {
		t.Fatal(err)
	}
	data := "id: 2026-K7M2Q\nsummary: " + strings.Repeat("x", records.MaxRecordSize) + "\n"
	if err := os.WriteFile(big, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args         []string
		code         int
		stdout, want string
	}{
		{[]string{"show", "2026-K7\x00../../etc/passwd"}, 2, "",
			`dossier: "2026-K7\x00../../etc/passwd" is not a case id`},
		{[]string{"show", "\x00"}, 2, "", `dossier: "\x00" is not a case id`},
		{[]string{"check"}, 3, "records/2026/2026-K7M2Q.yaml: file is over the 1048576-byte (1 MiB) limit for a record: keep attachments out of the record\n", "1 problem in 1 file"},
		{[]string{"list", "-o", "ids"}, 0, "", "warning: skipped records/2026/2026-K7M2Q.yaml: file is over the 1048576-byte (1 MiB) limit"},
		{[]string{"show", "2026-K7", "-o", "yaml"}, 1, "", "dossier: records/2026/2026-K7M2Q.yaml: file is over the 1048576-byte (1 MiB) limit"},
	} {
		var out, errb bytes.Buffer
		code := cli.Run(append([]string{"-C", repo}, tc.args...), strings.NewReader(""), &out, &errb, func(string) string { return "" })
		if code != tc.code || out.String() != tc.stdout || !strings.HasPrefix(errb.String(), tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d, stdout %q, stderr starting %q",
				tc.args, code, out.String(), errb.String(), tc.code, tc.stdout, tc.want)
		}
		if strings.Contains(errb.String(), "\x00") {
			t.Errorf("%q: a NUL byte reached stderr", tc.args)
		}
	}
}
