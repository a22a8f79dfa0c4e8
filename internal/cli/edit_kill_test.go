//go:build unix

package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEditKilledLeavesNothingOutside: an edit killed while the editor is open leaves its
// working copy under .dossier/editing (mode 0600) and nothing in the temp directory; the next
// edit sweeps the copy.
func TestEditKilledLeavesNothingOutside(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	env := append(dossierEnv(t), "DOSSIER_IDS=sequential", "TMPDIR="+tmp)
	repo := filepath.Join(t.TempDir(), "repo")
	mustDossier(t, env, "init", "-q", repo)
	mustDossier(t, env, "-C", repo, "create", "-q", "--received", "2026-02-27", "--channel", "email", "--complainant-name", "Zorblax Quintavius", "--summary", "x")
	started := filepath.Join(t.TempDir(), "started")
	editor := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\necho \"$1\" > "+started+".new && mv "+started+".new "+started+"\nexec sleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("dossier", "-C", repo, "edit", "2026-0001")
	cmd.Env = append(env, "EDITOR="+editor)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var copyPath []byte
	for range 3000 { // the editor says when it runs; give up after a minute
		if data, err := os.ReadFile(started); err == nil {
			copyPath = data
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	cmd.Wait()
	p := strings.TrimSpace(string(copyPath))
	if p == "" {
		t.Fatal("the editor never ran")
	}
	if !strings.HasPrefix(p, filepath.Join(repo, ".dossier", "editing")+string(filepath.Separator)) {
		t.Errorf("the working copy is %s, not under .dossier/editing", p)
	}
	info, err := os.Stat(p)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the working copy after the kill: %v, mode %v", err, info)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("the killed edit left %v in the temp directory", entries)
	}
	mustDossier(t, append(env, "EDITOR=true"), "-C", repo, "edit", "2026-0001")
	if entries, _ := os.ReadDir(filepath.Join(repo, ".dossier", "editing")); len(entries) != 0 {
		t.Errorf("the next edit did not sweep the copy: %v", entries)
	}
}
