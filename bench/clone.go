package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// measureClone times what a CI job does on a fresh checkout with the cache restored (issue 16,
// "a cache that survives a fresh clone"): the repository is committed to git (once), the
// oversight report is run warm in it, then in a `git clone` of it (file://, so that git copies
// objects as a remote would; once, kept as REPO-clone) with the repository's
// .dossier/index-v9.bin copied in before each timed run. Every file of the clone has a new
// identity: the index finds it by content (git's blob ids). Target: at most 2× warm.
func measureClone(bin, repo string, runs int) {
	env := []string{"DOSSIER_NOW=" + now, "DOSSIER_ACTOR=bench", "GIT_AUTHOR_NAME=bench", "GIT_AUTHOR_EMAIL=bench@dossier.invalid",
		"GIT_COMMITTER_NAME=bench", "GIT_COMMITTER_EMAIL=bench@dossier.invalid"}
	if _, err := os.Stat(filepath.Join(repo, ".git")); err != nil {
		run(repo, env, "git", "init", "-q")
	}
	if run(repo, env, "git", "status", "--porcelain") != "" {
		run(repo, env, "git", "add", "-A")
		run(repo, env, "git", "commit", "-q", "--no-verify", "-m", "bench: the demo cases")
	}
	clone := repo + "-clone"
	if _, err := os.Stat(filepath.Join(clone, ".git")); err != nil {
		os.RemoveAll(clone)
		run("", env, "git", "clone", "-q", "file://"+repo, clone)
	}
	report := []string{"report", "oversight", "--period", "2026-Q3", "-q", "-o", "md"}
	run(repo, env, bin, report...) // the index is up to date
	warm := timeIt(runs, repo, env, bin, report...)
	index := filepath.Join(repo, ".dossier", "index-v9.bin")
	restored := timeItPrep(runs, func() {
		data, err := os.ReadFile(index)
		if err != nil {
			fail(err)
		}
		os.MkdirAll(filepath.Join(clone, ".dossier"), 0o755)
		if err := os.WriteFile(filepath.Join(clone, ".dossier", "index-v9.bin"), data, 0o644); err != nil {
			fail(err)
		}
	}, clone, env, bin, report...)
	fmt.Printf("\n| report oversight --period 2026-Q3 | wall | peak RSS |\n|---|---|---|\n")
	fmt.Printf("| warm | %s | %d MB |\n", ms(warm.wall), warm.rss/1024)
	fmt.Printf("| fresh clone + restored .dossier/ | %s (%.2f× warm; target ≤ 2) | %d MB |\n", ms(restored.wall), ratio(restored.wall, warm.wall), restored.rss/1024)
}
