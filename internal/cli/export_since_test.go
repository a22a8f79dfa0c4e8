package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=t@example.org")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// export --since REV: after a commit, an edit, a deletion, a renumber, a disposal and a new
// file not yet added, the delta holds the edited, renumbered (under its new id), disposed and
// new cases and a tombstone for the deleted, renumbered and disposed ones; the unchanged case
// is not in it. Parquet and JSON Lines say the same.
func TestExportSince(t *testing.T) {
	t.Parallel()
	repo := filepath.Join(t.TempDir(), "repo")
	old := map[string]string{"DOSSIER_NOW": "2020-01-20T10:00:00Z"}
	now := map[string]string{"DOSSIER_NOW": "2026-03-02T10:00:00Z"}
	runWith(t, old, "-q", "init", repo)
	in := func(env map[string]string, args ...string) string {
		return runWith(t, env, append([]string{"-C", repo, "-q"}, args...)...)
	}
	in(old, "create", "--received", "2020-01-10", "--channel", "email", "--summary", "to edit")
	in(old, "create", "--received", "2020-01-11", "--channel", "email", "--summary", "to delete")
	in(old, "create", "--received", "2020-01-12", "--channel", "email", "--summary", "to renumber")
	in(old, "create", "--received", "2020-01-13", "--channel", "email", "--complainant-name", "Zorblax Quint", "--summary", "to dispose")
	in(old, "withdraw", "2020-0004")
	in(old, "create", "--received", "2020-01-14", "--channel", "email", "--summary", "unchanged")
	gitIn(t, repo, "add", "-A")
	gitIn(t, repo, "commit", "-q", "--no-verify", "-m", "base")
	base := gitIn(t, repo, "rev-parse", "HEAD")

	if out := in(now, "export", "--since", base); out != "" {
		t.Errorf("nothing changed since %s, export --since printed:\n%s", base, out)
	}

	in(now, "classify", "2020-0001", "--type", "conduct")
	gitIn(t, repo, "rm", "-q", "records/2020/2020-0002.yaml")
	renumbered := strings.Fields(runWith(t, now, "-C", repo, "renumber", "2020-0003"))
	if len(renumbered) != 2 {
		t.Fatalf("renumber printed %v", renumbered)
	}
	newID := renumbered[1]
	in(now, "purge", "--authorized-by", "J. Registrar", "2020-0004")
	gitIn(t, repo, "add", "-A")
	gitIn(t, repo, "commit", "-q", "--no-verify", "-m", "changes")
	in(now, "create", "--received", "2026-03-01", "--channel", "email", "--summary", "new, not added")

	lines := strings.Split(strings.TrimSpace(in(now, "export", "--since", base)), "\n")
	var ids, tombstones []string
	for _, c := range jsonCases(t, strings.Join(lines, "\n")) {
		if r, ok := c["tombstone"].(string); ok {
			to, _ := c["renumbered_to"].(string)
			tombstones = append(tombstones, c["id"].(string)+" "+r+" "+to)
			continue
		}
		ids = append(ids, c["id"].(string))
	}
	wantIDs := []string{"2020-0001", newID, "2020-0004", "2026-0001"}
	wantTombs := []string{"2020-0004 disposed ", "2020-0002 deleted ", "2020-0003 renumbered " + newID}
	if strings.Join(ids, ",") != strings.Join(wantIDs, ",") {
		t.Errorf("jsonl cases %v, want %v", ids, wantIDs)
	}
	if strings.Join(tombstones, ",") != strings.Join(wantTombs, ",") {
		t.Errorf("jsonl tombstones %v, want %v", tombstones, wantTombs)
	}

	name := filepath.Join(t.TempDir(), "delta.parquet")
	in(now, "export", "-o", "parquet", "--since", base, "-O", name)
	pf := readParquet(t, name)
	var got []string
	for _, row := range pf.rows {
		r, _ := row["tombstone"].(string)
		to, _ := row["renumbered_to"].(string)
		got = append(got, strings.TrimSpace(row["id"].(string)+" "+r+" "+to))
		if r == "disposed" {
			if name := row["complainant"].(map[string]any)["name"]; name != records.DisposedMarker {
				t.Errorf("disposed row holds complainant %v", name)
			}
		}
		if (r == "deleted" || r == "renumbered") && row["received"] != nil {
			t.Errorf("tombstone row %v holds data", row)
		}
	}
	want := []string{"2020-0001", newID, "2020-0004 disposed", "2026-0001", "2020-0002 deleted", "2020-0003 renumbered " + newID}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("parquet rows %v, want %v", got, want)
	}
	head := gitIn(t, repo, "rev-parse", "HEAD")
	if pf.meta["dossier.since"] != base || pf.meta["dossier.head"] != head {
		t.Errorf("metadata since=%q head=%q, want %s and %s", pf.meta["dossier.since"], pf.meta["dossier.head"], base, head)
	}

	// the child tables hold the changed cases' rows only
	hist := filepath.Join(t.TempDir(), "history.parquet")
	in(now, "export", "-o", "parquet", "--table", "history", "--since", base, "-O", hist)
	for _, row := range readParquet(t, hist).rows {
		if id := row["case_id"].(string); id == "2020-0005" || id == "2020-0002" {
			t.Errorf("history of %s, which did not change", id)
		}
	}
}
