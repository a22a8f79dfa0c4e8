package cli_test

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// recordHead is the start of a valid record; the hostile part follows it.
func recordHead(id string) string {
	return fmt.Sprintf("id: %s\nstatus: received\nlanguage: en\nreceived: 2026-01-15\nchannel: email\nhistory:\n  - at: 2026-01-15T14:02:11Z\n    by: jdoe\n    do: create\n", id)
}

// aliasBomb is a "billion laughs" of the given depth: each level lists the previous one nine
// times, so a parser that expanded aliases would build 9^depth values.
func aliasBomb(depth int) string {
	var b strings.Builder
	b.WriteString("categories: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	b.WriteString("summary: &top\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "  - &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]\n", i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	return b.String()
}

// treeOf digests every file under dir but .git and .dossier.
func treeOf(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == ".dossier" {
				return filepath.SkipDir
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%x %s", sha256.Sum256(data), rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// runSplit runs dossier in dir with the environment env, in this process (cli.Runner.RunIn),
// and returns stdout, stderr and the exit status.
func runSplit(t *testing.T, env []string, dir string, args ...string) (string, string, int) {
	t.Helper()
	return runStdin(t, env, dir, "", args...)
}

// TestHostileAliasBombAndNesting: an alias bomb of depth 40, a document nested 100,000 deep,
// one nested 5,000 deep inside a field, and a file over the size limit are refused by show,
// a workflow verb and check, with an error naming the file, line and field; nothing on disk
// changes. (Parsing stops at the first anchor; no test times it: see BENCHMARKS.md for speed.)
func TestHostileAliasBombAndNesting(t *testing.T) {
	t.Parallel()
	env := dossierEnv(t)
	repo := filepath.Join(t.TempDir(), "repo")
	mustDossier(t, env, "init", "-q", repo)
	cases := []struct {
		id, body, want string
	}{
		{"2026-AAAAA", aliasBomb(40), "records/2026/2026-AAAAA.yaml:10:13: categories: anchors (&l0) are not allowed in a record: remove the anchor"},
		{"2026-AAAAB", "related: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n", "records/2026/2026-AAAAB.yaml:10: YAML syntax: exceeded max depth of 10000"},
		{"2026-AAAAC", "related: " + strings.Repeat("[", 5_000) + strings.Repeat("]", 5_000) + "\n", "records/2026/2026-AAAAC.yaml:10:11: related[0]: expected text, found a list"},
		{"2026-AAAAD", "summary: " + strings.Repeat("x", records.MaxRecordSize) + "\n", "records/2026/2026-AAAAD.yaml: file is over the 1048576-byte (1 MiB) limit for a record: keep attachments out of the record"},
	}
	for _, c := range cases {
		p := filepath.Join(repo, "records", "2026", c.id+".yaml")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(recordHead(c.id)+c.body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := treeOf(t, repo)
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			data := []byte(recordHead(c.id) + c.body)
			_, err := codec.Parse(records.RecordPath(c.id), data)
			if err == nil || err.Error() != c.want {
				t.Errorf("Parse: %v\nwant %s", err, c.want)
			}
			for _, args := range [][]string{{"show", c.id}, {"classify", c.id, "--type", "conduct"}, {"note", c.id, "x"}} {
				out, stderr, code := runSplit(t, env, repo, args...)
				if code != 1 || out != "" || stderr != "dossier: "+c.want+"\n" {
					t.Errorf("dossier %s: exit %d, stdout %q, stderr %q; want exit 1 and %s", strings.Join(args, " "), code, out, stderr, c.want)
				}
			}
		})
	}
	out, _, code := runSplit(t, env, repo, "check")
	if code != 3 {
		t.Errorf("check: exit %d", code)
	}
	for _, c := range cases {
		if !strings.Contains(out, c.want+"\n") {
			t.Errorf("check does not report %s:\n%s", c.id, out)
		}
	}
	if after := treeOf(t, repo); after != before {
		t.Errorf("the repository changed:\n%s\n---\n%s", before, after)
	}
}
