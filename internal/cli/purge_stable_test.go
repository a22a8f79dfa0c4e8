package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/stats"
)

// TestPurgeKeepsPastReports proves README's promise that a purge does not change the past:
// over a demo repository with a one-year retention schedule, every report (oversight, trends
// of every past year and quarter, workload, overdue) in every format, and stats grouped by
// every dimension, are byte-identical before and after disposing of every file due.
func TestPurgeKeepsPastReports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	repo := filepath.Join(dir, "office")
	env := map[string]string{
		"HOME": filepath.Join(dir, "home"), "DOSSIER_NOW": "2026-03-02T10:00:00Z", "DOSSIER_ACTOR": "tester",
		"NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1", "PATH": os.Getenv("PATH"),
		"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
	}
	getenv := func(k string) string { return env[k] }
	run := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := runner.Run(args, strings.NewReader(""), &out, &errb, getenv); code != 0 {
			t.Errorf("dossier %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
		}
		return out.String()
	}
	run("demo", repo, "--cases", "200")

	// A one-year schedule, so that files closed before March 2025 are due today.
	cfg := filepath.Join(repo, "dossier.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	short := regexp.MustCompile(`(?m)^retention:\n  default: \d+\n  by_outcome:\n    screened-out: \d+\n`)
	if !short.Match(data) {
		t.Fatalf("dossier.yaml of the demo has no retention block to shorten:\n%s", data)
	}
	data = short.ReplaceAll(data, []byte("retention:\n  default: 1\n  by_outcome:\n    screened-out: 1\n"))
	if err := os.WriteFile(cfg, data, 0o644); err != nil {
		t.Fatal(err)
	}

	var periods []string
	for _, y := range []string{"2024", "2025"} {
		periods = append(periods, y)
		for q := 1; q <= 4; q++ {
			periods = append(periods, fmt.Sprintf("%s-Q%d", y, q))
		}
	}
	periods = append(periods, "2026-01", "2026-02")
	var commands [][]string
	for _, p := range periods {
		for _, format := range []string{"md", "html", "json", "csv"} {
			for _, report := range []string{"oversight", "trends"} {
				commands = append(commands, []string{"report", report, "--period", p, "-o", format})
			}
		}
	}
	commands = append(commands, []string{"report", "oversight", "--period", "2025", "--lang", "fr", "-o", "html"})
	for _, format := range []string{"md", "html", "json", "csv"} {
		commands = append(commands, []string{"report", "workload", "-o", format}, []string{"report", "overdue", "-o", format})
	}
	for _, dim := range stats.Dimensions {
		for _, p := range []string{"2024", "2025", "2025-Q4"} {
			commands = append(commands, []string{"stats", "--period", p, "--by", dim, "-o", "json"})
		}
		by := dim + ",quarter"
		if _, coded := stats.DimensionFields[dim]; !coded {
			by = dim // year, quarter, month
		}
		commands = append(commands, []string{"stats", "--from", "2024-03-01", "--to", "2026-02-28", "--by", by, "-o", "csv"})
	}
	runAll := func() []string {
		outs := make([]string, len(commands))
		var wg sync.WaitGroup
		sem := make(chan struct{}, 4)
		for i, args := range commands {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				outs[i] = run(append([]string{"-C", repo}, args...)...)
			})
		}
		wg.Wait()
		return outs
	}
	run("-C", repo, "list", "-o", "ids") // builds the index before the parallel readers
	before := runAll()

	due := run("-C", repo, "retention", "-o", "tsv")
	if strings.Count(due, "\n") < 10 {
		t.Fatalf("the test needs files due for disposal; retention lists:\n%s", due)
	}
	purged := strings.Fields(run("-C", repo, "purge", "--authorized-by", "J. Registrar"))
	if len(purged) < 10 {
		t.Fatalf("only %d files disposed of", len(purged))
	}
	if shown := run("-C", repo, "show", purged[0], "-o", "yaml"); !strings.Contains(shown, "[disposed]") {
		t.Fatalf("%s was not disposed of:\n%s", purged[0], shown)
	}

	after := runAll()
	for i, args := range commands {
		if after[i] != before[i] {
			t.Errorf("dossier %s changed after purging %d files:\n%s", strings.Join(args, " "), len(purged), firstDiff(before[i], after[i]))
		}
	}
}

// firstDiff shows the first line that differs between a and b.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines before, %d after", len(la), len(lb))
}
