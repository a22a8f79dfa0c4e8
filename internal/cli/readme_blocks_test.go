package cli_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's quick start, cron lines and team workflow are run here as written, through
// /bin/sh, in fresh directories, by a user with no git configuration, with this test binary
// as the dossier on PATH (testscript.Main put it there). The only changes are the places the
// README names that cannot exist here: the forge's clone URL, /srv/oversight and /srv/share
// are replaced by directories of the test, and `date` is pinned to the cron job's day.

// readmeBlock returns the first fenced block with the info string info in the README's
// section titled heading ("## Quick start").
func readmeBlock(t *testing.T, heading, info string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README.md has no section %q", heading)
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	_, block, ok := strings.Cut(section, "\n```"+info+"\n")
	if !ok {
		t.Fatalf("README.md's section %q has no ```%s block", heading, info)
	}
	block, _, ok = strings.Cut(block, "\n```")
	if !ok {
		t.Fatalf("README.md's section %q: the ```%s block is not closed", heading, info)
	}
	return block + "\n"
}

// replaceOnce replaces old, which the README block must hold, by new.
func replaceOnce(t *testing.T, block, old, new string) string {
	t.Helper()
	if !strings.Contains(block, old) {
		t.Fatalf("the README block no longer names %s:\n%s", old, block)
	}
	return strings.ReplaceAll(block, old, new)
}

// failure is a line of stderr by which git or dossier says something went wrong.
var failure = regexp.MustCompile(`(?m)^(fatal|error|warning|dossier):`)

// shell runs script with /bin/sh -e in dir and returns what it printed. The script fails the
// test when a command stops it, and when git or dossier says something failed, since a user
// typing the lines one by one would see it (sh -e goes on after a failure that is not the
// last command of an && list).
func shell(t *testing.T, dir string, env []string, script string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command("/bin/sh", "-e", "-c", script)
	cmd.Dir = dir
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err == nil && failure.MatchString(errb.String()) {
		err = errors.New("a command failed")
	}
	if err != nil {
		t.Fatalf("the README's commands fail: %v\n--- script\n%s--- stdout\n%s--- stderr\n%s", err, script, out.String(), errb.String())
	}
	return out.String(), errb.String()
}

// readmeUserEnv is a new user's environment: a home of their own and no git configuration
// but their identity, the scripts' fixed clock at now, and no DOSSIER_ACTOR.
func readmeUserEnv(t *testing.T, now string) []string {
	var env []string
	for _, kv := range dossierEnv(t) {
		if !strings.HasPrefix(kv, "DOSSIER_ACTOR=") {
			env = append(env, kv)
		}
	}
	return append(env, "DOSSIER_NOW="+now)
}

// sharedRemote makes a bare repository holding one commit of a dossier repository, whose
// default branch is trunk: a README that assumes main or master fails here.
func sharedRemote(t *testing.T, env []string) string {
	t.Helper()
	dir := t.TempDir()
	seed, remote := filepath.Join(dir, "seed"), filepath.Join(dir, "records.git")
	mustDossier(t, env, "init", "-q", seed)
	mustGit(t, dir, env, "init", "-q", "--bare", remote)
	mustGit(t, remote, env, "symbolic-ref", "HEAD", "refs/heads/trunk")
	mustGit(t, seed, env, "add", "-A")
	mustGit(t, seed, env, "commit", "-qm", "the office's records")
	mustGit(t, seed, env, "branch", "-m", "trunk")
	mustGit(t, seed, env, "remote", "add", "origin", remote)
	mustGit(t, seed, env, "push", "-q", "-u", "origin", "trunk")
	return remote
}

var cronFields = regexp.MustCompile(`^(?:\S+\s+){5}(\S.*)$`)

// TestReadmeQuickStart: the quick start runs as typed in an empty directory; it talks only
// to say what init and create did, its show prints the case it created, and check is silent.
func TestReadmeQuickStart(t *testing.T) {
	t.Parallel()
	block := readmeBlock(t, "## Quick start", "sh")
	env := readmeUserEnv(t, "2026-03-02T10:00:00Z")
	dir := t.TempDir()
	stdout, stderr := shell(t, dir, env, block)

	m := regexp.MustCompile(`^initialized dossier repository in \S*oversight\ncreated records/2026/(2026-[0-9A-Z]{5})\.yaml\n$`).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("the quick start says more or less than what init and create did (a warning of check?):\n%s", stderr)
	}
	id, repo := m[1], filepath.Join(dir, "oversight")
	list := mustDossier(t, append(env, "DOSSIER_DIR="+repo), "list")
	show := mustDossier(t, append(env, "DOSSIER_DIR="+repo), "show", id)
	if stdout != list+show {
		t.Errorf("the quick start prints more than list and show (check is not silent?):\n%s\nwant:\n%s", stdout, list+show)
	}
	for _, w := range []string{"Marie Tremblay", "ottawa-ps", "rue Rideau"} {
		if !strings.Contains(show, w) {
			t.Errorf("show %s lacks %q:\n%s", id, w, show)
		}
	}
	if out := mustDossier(t, append(env, "DOSSIER_DIR="+repo), "check"); out != "" {
		t.Errorf("check is not silent on the quick start's case:\n%s", out)
	}
}

// TestReadmeCron: the quarterly report line, run as cron runs it on 1 July 2026 in a clone
// with no reports/ folder, writes the report of 2026-Q2, commits it and pushes it to the
// clone's upstream (whatever its branch), printing nothing (cron mails any output). The
// weekday line then writes the overdue referral to the shared CSV file.
func TestReadmeCron(t *testing.T) {
	t.Parallel()
	if out, err := exec.Command("date", "-d", "2026-07-01 yesterday", "+%F").Output(); err != nil || string(out) != "2026-06-30\n" {
		t.Skip("the README's cron line needs GNU date")
	}
	cron := readmeBlock(t, "## Cron", "cron")
	var lines []string
	for l := range strings.SplitSeq(cron, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("the cron block holds %d lines, this test runs 2:\n%s", len(lines), cron)
	}

	env := readmeUserEnv(t, "2026-03-02T10:00:00Z")
	remote := sharedRemote(t, env)
	dir := t.TempDir()
	repo, share := filepath.Join(dir, "oversight"), filepath.Join(dir, "share")
	mustGit(t, dir, env, "clone", "-q", remote, repo)
	if err := os.Mkdir(share, 0o755); err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(mustDossier(t, append(env, "DOSSIER_DIR="+repo), "create", "-q", "--channel", "phone", "--service", "toronto-ps", "--summary", "Refused to take a report"))
	for _, args := range [][]string{
		{"classify", id, "--type", "conduct", "--category", "neglect-of-duty"},
		{"screen", id, "--in"},
		{"refer", id, "--to", "toronto-ps"}, // the report is due on 30 June
	} {
		mustDossier(t, append(env, "DOSSIER_DIR="+repo), args...)
	}
	mustGit(t, repo, env, "add", "records")
	mustGit(t, repo, env, "commit", "-qm", "a referral")
	mustGit(t, repo, env, "push", "-q")

	// cron's date: 1 July 2026, 06:00; `date -d 'yesterday'` is 30 June.
	bin := t.TempDir()
	realDate, err := exec.LookPath("date")
	if err != nil {
		t.Fatal(err)
	}
	stub := "#!/bin/sh\nif [ \"$1\" = -d ]; then d=$2; shift 2; exec " + realDate + " -d \"2026-07-01 $d\" \"$@\"; fi\nexec " + realDate + " -d 2026-07-01T06:00 \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "date"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	cronEnv := append(readmeUserEnv(t, "2026-07-01T06:00:00Z"), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	for i, line := range lines {
		// The command is what follows the five time fields; cron turns \% into % and an
		// unescaped % into a newline (the rest is the command's input), which no line wants.
		m := cronFields.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("cron line %d is not five time fields and a command: %s", i+1, line)
		}
		command := m[1]
		if strings.Contains(strings.ReplaceAll(command, `\%`, ""), "%") {
			t.Fatalf("cron line %d has a %% without a backslash: cron would cut the command there", i+1)
		}
		command = strings.ReplaceAll(command, `\%`, "%")
		command = replaceOnce(t, command, "/srv/oversight", repo)
		if i == 1 {
			command = replaceOnce(t, command, "/srv/share", share)
		}
		if stdout, stderr := shell(t, dir, cronEnv, command); stdout+stderr != "" {
			t.Errorf("cron line %d prints (cron mails it):\n%s%s", i+1, stdout, stderr)
		}
	}

	report, err := os.ReadFile(filepath.Join(repo, "reports", "2026-Q2.html"))
	if err != nil {
		t.Fatalf("the quarterly line wrote no reports/2026-Q2.html: %v", err)
	}
	if !bytes.Contains(report, []byte("Q2 2026")) {
		t.Errorf("reports/2026-Q2.html is not the report of Q2 2026:\n%s", report)
	}
	if got := gitOut(t, repo, env, "log", "-1", "--format=%s", "--name-only"); got != "report oversight 2026-Q2\n\nreports/2026-Q2.html" {
		t.Errorf("the last commit is not the report's:\n%s", got)
	}
	if head, pushed := gitOut(t, repo, env, "rev-parse", "HEAD"), gitOut(t, remote, env, "rev-parse", "trunk"); head != pushed {
		t.Errorf("the report's commit %s was not pushed (trunk is %s)", head, pushed)
	}
	csv, err := os.ReadFile(filepath.Join(share, "overdue.csv"))
	if err != nil {
		t.Fatalf("the weekday line wrote no overdue.csv: %v", err)
	}
	if !bytes.Contains(csv, []byte(id)) || !bytes.Contains(csv, []byte("referral-report")) {
		t.Errorf("overdue.csv lacks the overdue referral report of %s:\n%s", id, csv)
	}
}

// TestReadmeTeam: the team workflow, run as typed against a forge whose default branch is
// neither main nor master, pushes a branch whose commit holds the new case, referred, and
// leaves nothing uncommitted.
func TestReadmeTeam(t *testing.T) {
	t.Parallel()
	env := readmeUserEnv(t, "2026-03-02T10:00:00Z")
	remote := sharedRemote(t, env)
	block := replaceOnce(t, readmeBlock(t, "## Working in a team", "sh"), "git@forge.example.org:office/records.git", remote)
	dir := t.TempDir()
	shell(t, dir, env, block)

	clone := filepath.Join(dir, "records")
	branch := gitOut(t, clone, env, "rev-parse", "--abbrev-ref", "HEAD")
	if branch == "trunk" {
		t.Fatalf("the workflow committed on the default branch, not a branch of its own")
	}
	if st := gitOut(t, clone, env, "status", "--porcelain"); st != "" {
		t.Errorf("the workflow leaves changes uncommitted (new case files not added?):\n%s", st)
	}
	files := strings.Fields(gitOut(t, remote, env, "diff", "--name-only", "trunk", branch))
	if len(files) != 1 || !strings.HasPrefix(files[0], "records/2026/2026-") {
		t.Fatalf("the pushed branch %s does not add one case to trunk: %q", branch, files)
	}
	committed := gitOut(t, remote, env, "show", branch+":"+files[0])
	if !strings.Contains(committed, "\nstatus: referred\n") {
		t.Errorf("the pushed case is not referred:\n%s", committed)
	}
	if upstream := gitOut(t, clone, env, "rev-parse", "--abbrev-ref", "@{upstream}"); upstream != "origin/"+branch {
		t.Errorf("the branch's upstream is %q, want origin/%s", upstream, branch)
	}
}
