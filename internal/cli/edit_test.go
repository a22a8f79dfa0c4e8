package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// editRun runs dossier edit with a scripted editor, on a terminal (answers on stdin) or not.
func editRun(t *testing.T, interactive bool, editor, answers string, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"HOME": t.TempDir(), "EDITOR": editor}
	f := testFactory(strings.NewReader(answers), &out, &errb, env)
	f.InTerminal, f.ErrTerminal = interactive, interactive
	return f.run(args), errb.String()
}

// editorScript writes a shell editor that counts its runs in dir/runs and, on run N, replaces
// the file with dir/stepN.yaml when there is one.
func editorScript(t *testing.T, dir, body string) string {
	t.Helper()
	p := filepath.Join(dir, "editor.sh")
	script := "#!/bin/sh\nn=$(( $(cat \"" + dir + "/runs\" 2>/dev/null || echo 0) + 1 ))\necho $n > \"" + dir + "/runs\"\ncp \"$1\" \"" + dir + "/seen$n.yaml\"\n" + body
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func runs(t *testing.T, dir string) string {
	data, _ := os.ReadFile(filepath.Join(dir, "runs"))
	return strings.TrimSpace(string(data))
}

// On a terminal, an invalid save asks whether to edit again: yes reopens the editor on the
// text with the problems on top, no abandons and keeps the text; an editor that always
// writes an invalid file stops at the first no.
func TestEditAsksAgainOnATerminal(t *testing.T) {
	t.Parallel()
	repo := promptRepo(t)
	if code, _, stderr := promptRun(t, false, "", "-C", repo, "create", "-q", "--received", "2026-02-27", "--channel", "phone", "--summary", "x"); code != 0 {
		t.Fatal(stderr)
	}
	dir := t.TempDir()
	always := editorScript(t, dir, "sed 's/^channel: .*/channel: fax/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"; echo \"# run $n\" >> \"$1\"\n")
	code, stderr := editRun(t, true, always, "y\n\nn\n", "-C", repo, "edit", "2026-0001")
	if code != 1 || runs(t, dir) != "3" {
		t.Fatalf("exit %d after %s runs:\n%s", code, runs(t, dir), stderr)
	}
	wantIn(t, "stderr", stderr, "Edit again? [Y/n]", `channel: unknown channel "fax"`, "edit abandoned: the record has problems: nothing saved; your text, with the problems on top, is in ")
	seen2, _ := os.ReadFile(filepath.Join(dir, "seen2.yaml"))
	wantIn(t, "the second run", string(seen2), "# dossier: this record was NOT saved", "channel: fax")
	kept, err := os.ReadFile(filepath.Join(repo, ".dossier", "edits", "2026-0001.yaml"))
	if err != nil || !strings.Contains(string(kept), "channel: fax") {
		t.Errorf("the text was not kept: %v\n%s", err, kept)
	}

	// Fixed on the second run: saved.
	os.Remove(filepath.Join(dir, "runs"))
	fix := editorScript(t, dir, "if [ $n = 1 ]; then sed 's/^channel: .*/channel: fax/' \"$1\" > \"$1.new\"; else sed 's/^channel: .*/channel: mail/; /^# dossier: /d' \"$1\" > \"$1.new\"; fi; mv \"$1.new\" \"$1\"\n")
	code, stderr = editRun(t, true, fix, "\n", "-C", repo, "edit", "2026-0001")
	if code != 0 || runs(t, dir) != "2" || !strings.Contains(stderr, "2026-0001: saved") {
		t.Fatalf("exit %d after %s runs:\n%s", code, runs(t, dir), stderr)
	}

	// An editor that leaves the file empty abandons at once, on a terminal or not.
	for _, interactive := range []bool{true, false} {
		os.Remove(filepath.Join(dir, "runs"))
		empty := editorScript(t, dir, ": > \"$1\"\n")
		code, stderr = editRun(t, interactive, empty, "y\ny\n", "-C", repo, "edit", "2026-0001")
		if code != 1 || runs(t, dir) != "1" || !strings.Contains(stderr, "edit abandoned: the editor left the file empty: nothing saved") {
			t.Errorf("empty file (terminal %v): exit %d after %s runs:\n%s", interactive, code, runs(t, dir), stderr)
		}
	}
	// No copy is left behind, and none was made outside the repository.
	if entries, _ := os.ReadDir(filepath.Join(repo, ".dossier", "editing")); len(entries) != 0 {
		t.Errorf("working copies left: %v", entries)
	}
}
