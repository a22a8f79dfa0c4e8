package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// promptRun runs dossier as if stdin and stderr were a terminal (interactive) or not, with
// stdin holding the person's answers. Prompting is driven through the factory's terminal
// switches rather than a pseudo-terminal: no new dependency, and the same code path.
func promptRun(t *testing.T, interactive bool, answers string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	f := testFactory(strings.NewReader(answers), &out, &errb, promptEnv(t))
	f.InTerminal, f.ErrTerminal = interactive, interactive
	code = f.run(args)
	return code, out.String(), errb.String()
}

// promptEnv is the environment of the prompt tests: a fixed clock, actor and id scheme.
func promptEnv(t *testing.T) map[string]string {
	return map[string]string{"HOME": t.TempDir(), "DOSSIER_NOW": "2026-03-02T10:00:00Z", "DOSSIER_ACTOR": "tester", "DOSSIER_IDS": "sequential"}
}

func promptRepo(t *testing.T) string {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "repo")
	if code, _, stderr := promptRun(t, false, "", "init", "-q", repo); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	return repo
}

func wantIn(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

// On a terminal, create asks for the channel (numbered codes; a number or a code, asked
// again until it is one) and the summary (asked again while empty), shows the record and
// saves it on yes (the default).
func TestCreatePromptsOnATerminal(t *testing.T) {
	t.Parallel()
	repo := promptRepo(t)
	code, stdout, stderr := promptRun(t, true, "9\nfax\nemail\n\nPushed at a protest\n\n", "-C", repo, "create", "--service", "ottawa-ps")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "2026-0001\n" {
		t.Errorf("stdout = %q, want the id alone", stdout)
	}
	wantIn(t, "stderr", stderr,
		"   2  email              Email\n",
		"Channel (number or code): ",
		`"9" is not one of the choices`,
		`"fax" is not one of the choices`,
		"Summary (what the complaint is about): Summary (what the complaint is about): ",
		"channel: email\n", "summary: Pushed at a protest\n", "service: ottawa-ps\n",
		"Save this case? [Y/n] ",
		"created records/2026/2026-0001.yaml")
	data, err := os.ReadFile(filepath.Join(repo, "records", "2026", "2026-0001.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	wantIn(t, "the record", string(data), "channel: email\n", "summary: Pushed at a protest\n")
}

// Only what is missing is asked; a channel may be given by its number.
func TestCreatePromptsOnlyForMissing(t *testing.T) {
	t.Parallel()
	repo := promptRepo(t)
	code, _, stderr := promptRun(t, true, "Rude on the phone\ny\n", "-C", repo, "create", "--channel", "phone")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "Channel") {
		t.Errorf("asked for the channel given by --channel:\n%s", stderr)
	}
	code, _, stderr = promptRun(t, true, "3\ny\n", "-C", repo, "create", "--summary", "Letter about a search")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(repo, "records", "2026", "2026-0002.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	wantIn(t, "the record", string(data), "channel: phone\n")
}

// Answering no, or running out of input, creates nothing and exits 1.
func TestCreatePromptDeclinedOrEndOfInput(t *testing.T) {
	t.Parallel()
	repo := promptRepo(t)
	for _, tc := range []struct{ answers, msg string }{
		{"email\nA summary\nn\n", "dossier: not saved: nothing created\n"},
		{"email\n", "dossier: no answer (end of input): nothing created\n"},
		{"", "dossier: no answer (end of input): nothing created\n"},
	} {
		code, stdout, stderr := promptRun(t, true, tc.answers, "-C", repo, "create")
		if code != ExitError || stdout != "" || !strings.HasSuffix(stderr, tc.msg) {
			t.Errorf("answers %q: exit %d, stdout %q, stderr %q; want exit 1, no stdout, %q", tc.answers, code, stdout, stderr, tc.msg)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(repo, "records", "2026")); len(entries) != 0 {
		t.Errorf("%d record files written, want none", len(entries))
	}
}

// Without a terminal (stdin or stderr redirected) create never asks: exit 2 with the list
// of missing fields, whatever stdin holds.
func TestCreateNeverPromptsWithoutATerminal(t *testing.T) {
	t.Parallel()
	repo := promptRepo(t)
	for _, f := range []struct{ in, err bool }{{false, false}, {true, false}, {false, true}} {
		var out, errb bytes.Buffer
		fac := testFactory(strings.NewReader("email\nA summary\ny\n"), &out, &errb, promptEnv(t))
		fac.InTerminal, fac.ErrTerminal = f.in, f.err
		code := fac.run([]string{"-C", repo, "create"})
		want := "dossier: create needs --channel and --summary (or --from FILE with those fields); nothing created\n"
		if code != ExitUsage || out.Len() != 0 || errb.String() != want {
			t.Errorf("stdin terminal %v, stderr terminal %v: exit %d, stdout %q, stderr %q; want exit 2 and %q", f.in, f.err, code, out.String(), errb.String(), want)
		}
	}
}
