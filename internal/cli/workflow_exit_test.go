package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// workflowRun runs dossier in-process on the repository dir and returns the exit status and
// stderr.
func workflowRun(t *testing.T, env []string, dir string, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runner.Run(append([]string{"-C", dir}, args...), strings.NewReader(""), &stdout, &stderr, getenvOf(env))
	return code, stderr.String()
}

// Every refusal of the workflow exits 4, every bad value 2, and neither changes the record.
func TestWorkflowExitCodes(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	env := cleanEnv("HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"DOSSIER_NOW=2026-03-02T10:00:00Z", "DOSSIER_ACTOR=tester", "DOSSIER_IDS=sequential", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=t@example.org")
	const id = "2026-0001"
	classified := [][]string{{"classify", id, "--type", "conduct"}}
	screenedIn := slices.Concat(classified, [][]string{{"screen", id, "--in"}})
	referred := slices.Concat(screenedIn, [][]string{{"refer", id, "--to", "ottawa-ps"}})
	decided := slices.Concat(referred, [][]string{{"refer", id, "--returned", "--finding", "unsubstantiated"}})
	closed := slices.Concat(screenedIn, [][]string{{"close", id, "--outcome", "early-resolution"}})
	screenedOut := slices.Concat(classified, [][]string{{"screen", id, "--out", "--ground", "frivolous"}})

	for _, tc := range []struct {
		name  string
		setup [][]string
		step  []string
		want  int
		msg   string
	}{
		// refusals: exit 4
		{"screen in before classify", nil, []string{"screen", id, "--in"}, 4, "classify it first"},
		{"close before screening", classified, []string{"close", id, "--outcome", "unsubstantiated"}, 4, "not screened"},
		{"close twice", closed, []string{"close", id, "--outcome", "early-resolution"}, 4, "cannot close"},
		{"withdraw closed", closed, []string{"withdraw", id}, 4, "cannot withdraw"},
		{"reopen after screen-out", screenedOut, []string{"reopen", id, "--reason", "appeal"}, 4, "screened out"},
		{"classify after screen-out", screenedOut, []string{"classify", id, "--type", "service"}, 4, "screened out"},
		{"refer after screen-out", screenedOut, []string{"refer", id, "--to", "ottawa-ps"}, 4, "screened out"},
		{"refer before screening", classified, []string{"refer", id, "--to", "ottawa-ps"}, 4, "cannot refer"},
		{"update with no referral", screenedIn, []string{"refer", id, "--update"}, 4, "cannot refer --update"},
		{"returned with no referral", screenedIn, []string{"refer", id, "--returned"}, 4, "cannot refer --returned"},
		{"returned with finding before screening", nil, []string{"refer", id, "--returned", "--finding", "substantiated"}, 4, "cannot refer --returned"},
		{"retain before screening", nil, []string{"retain", id}, 4, "cannot retain"},
		{"decide before screening", classified, []string{"decide", id, "--finding", "substantiated"}, 4, "cannot decide"},
		{"review with no finding", referred, []string{"review", id, "--request"}, 4, "cannot review --request"},
		{"review of early resolution", closed, []string{"review", id, "--request"}, 4, "no decision to review"},
		{"review decide with no request", decided, []string{"review", id, "--decide", "--outcome", "confirmed"}, 4, "cannot review --decide"},
		{"reopen open case", screenedIn, []string{"reopen", id, "--reason", "x"}, 4, "cannot reopen"},
		{"request on closed case", closed, []string{"request", id, "--item", "photos", "--from", "complainant"}, 4, "cannot request"},

		// bad values: exit 2
		{"outcome of the wrong type", screenedIn, []string{"close", id, "--outcome", "action-taken"}, 2, "outcome for a conduct complaint"},
		{"unknown partner", screenedIn, []string{"refer", id, "--to", "otawa-ps"}, 2, "did you mean ottawa-ps"},
		{"bad --due", screenedIn, []string{"refer", id, "--to", "ottawa-ps", "--due", "soon"}, 2, "--due"},
		{"--due not after referral", screenedIn, []string{"refer", id, "--to", "ottawa-ps", "--due", "2026-03-01"}, 2, "--due"},
		{"bad request --due", nil, []string{"request", id, "--item", "photos", "--from", "complainant", "--due", "2026-02-30"}, 2, "--due"},
		{"--date in the future", nil, []string{"classify", id, "--type", "conduct", "--date", "2026-03-03"}, 2, "in the future"},
		{"--date before received", nil, []string{"classify", id, "--type", "conduct", "--date", "2026-02-26"}, 4, "before the complaint was received"},
		{"--date not a date", nil, []string{"note", id, "x", "--date", "yesterday"}, 2, "--date"},
		{"unknown type", nil, []string{"classify", id, "--type", "traffic"}, 2, "--type"},
		{"unknown ground", classified, []string{"screen", id, "--out", "--ground", "rude"}, 2, "--ground"},
		{"screen-out without ground", classified, []string{"screen", id, "--out"}, 2, "--ground"},
		{"screen in and out", classified, []string{"screen", id, "--in", "--out"}, 2, "exactly one"},
		{"unknown finding", referred, []string{"refer", id, "--returned", "--finding", "guilty"}, 2, "--finding"},
		{"unknown review outcome", slices.Concat(decided, [][]string{{"review", id, "--request"}}), []string{"review", id, "--decide", "--outcome", "maybe"}, 2, "--outcome"},
		{"empty note", nil, []string{"note", id, " "}, 2, "empty"},
		{"reopen without reason", closed, []string{"reopen", id}, 2, "--reason"},
		{"received nothing outstanding", nil, []string{"request", id, "--received", "photos"}, 2, "--received"},
		{"due bad format", nil, []string{"due", "-o", "yaml"}, 2, "yaml"},
		{"due bad window", nil, []string{"due", "--within", "soon"}, 2, "--within"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "repo")
			if code, stderr := workflowRun(t, env, dir, "init", dir); code != 0 {
				t.Fatalf("init: %d %s", code, stderr)
			}
			create := []string{"create", "-q", "--received", "2026-02-27", "--channel", "email", "--service", "ottawa-ps", "--summary", "Rude language"}
			for _, args := range append([][]string{create}, tc.setup...) {
				if code, stderr := workflowRun(t, env, dir, args...); code != 0 {
					t.Fatalf("dossier %s: exit %d: %s", strings.Join(args, " "), code, stderr)
				}
			}
			file := filepath.Join(dir, "records", "2026", id+".yaml")
			before, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			code, stderr := workflowRun(t, env, dir, tc.step...)
			if code != tc.want {
				t.Errorf("dossier %s: exit %d, want %d; stderr: %s", strings.Join(tc.step, " "), code, tc.want, stderr)
			}
			if !strings.Contains(stderr, tc.msg) {
				t.Errorf("stderr %q does not say %q", stderr, tc.msg)
			}
			if tc.want == 4 && !strings.Contains(stderr, id) {
				t.Errorf("a refusal must name the case: %q", stderr)
			}
			after, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Errorf("the record changed:\n%s", after)
			}
		})
	}
}
