package cli_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The canary: a name no other text in dossier contains, planted in every complainant field, in
// the notes, reasons and documents requested, the incident location (confidential: statistics
// group by the coded area instead), and in broken files and a bad import row.
const (
	canary      = "Zorblax Quintavius"
	canaryEmail = "zorblax.quintavius@example.org"
	canaryPhone = "+1 613 555 0199"
)

// leaks reports which canary spellings s holds.
func leaks(s string) []string {
	var out []string
	for _, c := range []string{"Zorblax", "zorblax", "Quintavius", "555 0199"} {
		if strings.Contains(s, c) {
			out = append(out, c)
		}
	}
	return out
}

// TestCanary runs a scenario through the commands (create, classify, request, note, screen,
// refer, letter, show, export --as public, report, stats, check with errors, import with bad
// rows, close, hold, retention, purge) with a unique name planted in the complainant's fields,
// and fails if the name appears in any commit message, branch or file name, stderr line, or
// output meant for the public.
func TestCanary(t *testing.T) {
	t.Parallel()
	env := dossierEnv(t)
	env = append(env, "DOSSIER_IDS=sequential", "DOSSIER_NOW=2020-01-20T10:00:00Z")
	work := t.TempDir()
	repo := filepath.Join(work, "repo")
	mustDossier(t, env, "init", "-q", repo)
	at := func(day string) []string { return append(append([]string{}, env...), "DOSSIER_NOW="+day+"T10:00:00Z") }

	type step struct {
		env    []string
		args   []string
		code   int  // the exit status; -1: any failure
		public bool // stdout is for the public (or for CI logs): it must not hold the canary either
	}
	write := func(name, text string) string {
		p := filepath.Join(work, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	headerless := write("headerless.csv", canary+","+canaryEmail+",2020-01-11\n")
	badRow := write("bad-row.csv", "received,channel,complainant.name,complainant.email,summary\n2020-13-45,email,"+canary+","+canaryEmail+","+canary+" complains\n2020-01-12,fax,"+canary+",x,"+canary+"\n")
	badJSON := write("bad.jsonl", `{"id":"2020-AAAAB","status":"received","language":"en","received":"2020-01-11","channel":"email","complainant":"`+canary+`","history":[{"at":"2020-01-11T10:00:00Z","by":"x","do":"create"}]}`+"\n")
	brokenRecords := map[string]string{
		"2020-AAAA1": "complainant: " + canary + "\n",
		"2020-AAAA2": "complainant:\n  name: \"" + canary + "\\a\"\n",
		"2020-AAAA3": "summary: [" + canary + "]\n",
		"2020-AAAA4": "complainant:\n  email: {x: " + canary + "}\n",
		"2020-AAAA5": "respondent:\n  officers: " + canary + "\n",
		"2020-AAAA6": "channel: " + canary + "\n",
	}

	steps := []step{
		{args: []string{"--commit", "create", "-q", "--received", "2020-01-10", "--channel", "email", "--complainant-name", canary, "--complainant-email", canaryEmail, "--complainant-phone", canaryPhone, "--representative-name", canary + " Sr.", "--service", "ottawa-ps", "--officer", "Cst. " + canary + " #0199", "--location", "12 " + canary + " Street", "--area", "ottawa", "--summary", canary + " says the officer swore at " + canary}},
		{args: []string{"--commit", "classify", "2020-0001", "--type", "conduct", "--category", "discreditable-conduct", "--flag", "vulnerable-person"}},
		{args: []string{"--commit", "request", "2020-0001", "--item", canary + "'s medical records", "--from", canary}},
		{args: []string{"--commit", "note", "2020-0001", canary + " called about " + canaryEmail}},
		{args: []string{"--commit", "screen", "2020-0001", "--in"}},
		{args: []string{"--commit", "refer", "2020-0001", "--to", "ottawa-ps"}},
		{args: []string{"--commit", "request", "2020-0001", "--received", canary + "'s medical records"}},
		{args: []string{"--commit", "request", "2020-0001", "--received", "no such item"}, code: 2},
		{args: []string{"letter", "2020-0001", "status-update", "--lang", "en"}},
		{args: []string{"letter", "2020-0001", "status-update", "--lang", "en", "--to", "public"}, public: true},
		{args: []string{"show", "2020-0001", "--as", "public"}, public: true},
		{args: []string{"show", "2020-0001", "--as", "public", "-o", "json"}, public: true},
		{args: []string{"export", "--as", "public"}, public: true},
		{args: []string{"export", "--as", "public", "-o", "csv"}, public: true},
		{args: []string{"list"}},
		{args: []string{"show", "2020-0001"}},
		{args: []string{"due", "--within", "200d"}, public: true},
		{args: []string{"history", "2020-0001"}},
		{env: at("2020-06-01"), args: []string{"--commit", "refer", "2020-0001", "--returned", "--finding", "substantiated"}},
		{env: at("2020-06-01"), args: []string{"--commit", "close", "2020-0001", "--outcome", "substantiated", "--reason", canary + " is satisfied"}},
		{env: at("2020-06-02"), args: []string{"--commit", "create", "-q", "--received", "2020-06-01", "--channel", "phone", "--complainant-name", canary, "--summary", canary}},
		{env: at("2020-06-02"), args: []string{"--commit", "withdraw", "2020-0002", "--reason", canary + " moved"}},
		{env: at("2021-01-05"), args: []string{"report", "oversight", "--period", "2020", "-o", "md"}, public: true},
		{env: at("2021-01-05"), args: []string{"report", "oversight", "--period", "2020", "-o", "html"}, public: true},
		{env: at("2021-01-05"), args: []string{"report", "oversight", "--period", "2020", "-o", "json"}, public: true},
		{env: at("2021-01-05"), args: []string{"stats", "--by", "type,outcome,area", "--period", "2020"}, public: true},
		{args: []string{"import", headerless, "--format", "csv"}, code: 1},
		{args: []string{"import", badRow, "--format", "csv"}, code: 1},
		{args: []string{"import", badJSON}, code: 1},
		{env: at("2020-06-02"), args: []string{"--commit", "hold", "2020-0002", "--reason", "access request by " + canary}},
		{env: at("2026-03-02"), args: []string{"retention"}},
		{env: at("2026-03-02"), args: []string{"purge", "--dry-run"}},
		{env: at("2026-03-02"), args: []string{"--commit", "purge", "--authorized-by", "J. Registrar"}},
		{env: at("2026-03-02"), args: []string{"--commit", "hold", "2020-0002", "--lift", "--reason", canary + " answered"}},
		{env: at("2026-03-02"), args: []string{"--commit", "purge", "--authorized-by", "J. Registrar", "2020-0002"}},
		{env: at("2026-03-02"), args: []string{"export"}},
	}
	run := func(s step) string {
		t.Helper()
		e := s.env
		if e == nil {
			e = env
		}
		out, stderr, code := runSplit(t, e, repo, s.args...)
		if code != s.code && !(s.code == -1 && code > 0) {
			t.Fatalf("dossier %s: exit %d, want %d\n%s%s", strings.Join(s.args, " "), code, s.code, out, stderr)
		}
		if l := leaks(stderr); l != nil {
			t.Errorf("dossier %s: stderr holds %v:\n%s", strings.Join(s.args, " "), l, stderr)
		}
		if l := leaks(out); s.public && l != nil {
			t.Errorf("dossier %s: public output holds %v:\n%s", strings.Join(s.args, " "), l, out)
		}
		return out
	}
	for _, s := range steps {
		out := run(s)
		switch strings.Join(s.args, " ") {
		case "letter 2020-0001 status-update --lang en", "show 2020-0001":
			// The complainant's own letter and the office's list name them: the canary works.
			if leaks(out) == nil {
				t.Errorf("dossier %s: the canary is not in its output: the test would see no leak", strings.Join(s.args, " "))
			}
		case "export":
			if leaks(out) != nil {
				t.Errorf("after purge, the export still holds personal information:\n%s", out)
			}
		}
	}

	// check with errors: broken files holding the canary are reported by file and field only.
	for id, body := range brokenRecords {
		p := filepath.Join(repo, "records", "2020", id+".yaml")
		if err := os.WriteFile(p, []byte(recordHead(id)[:len("id: 2020-AAAA1\n")]+"status: received\nlanguage: en\nreceived: 2020-01-15\n"+body+"history:\n  - at: 2020-01-15T10:00:00Z\n    by: jdoe\n    do: create\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := run(step{args: []string{"check"}, code: 3, public: true})
	if n := strings.Count(out, "records/2020/2020-AAAA"); n != len(brokenRecords) {
		t.Errorf("check reported %d of the %d broken files:\n%s", n, len(brokenRecords), out)
	}
	for id := range brokenRecords {
		run(step{args: []string{"note", id, "x"}, code: -1})
		if err := os.Remove(filepath.Join(repo, "records", "2020", id+".yaml")); err != nil {
			t.Fatal(err)
		}
	}

	// Commit messages, branch and tag names, file names.
	if log := gitOut(t, repo, env, "log", "--all", "--format=%B%n%an%n%cn"); leaks(log) != nil {
		t.Errorf("a commit message holds the canary:\n%s", log)
	}
	if n := gitOut(t, repo, env, "rev-list", "--count", "HEAD"); n == "0" || n == "1" {
		t.Errorf("the scenario made %s commits: --commit is not exercised", n)
	}
	if refs := gitOut(t, repo, env, "for-each-ref", "--format=%(refname)"); leaks(refs) != nil {
		t.Errorf("a ref name holds the canary: %s", refs)
	}
	err := filepath.WalkDir(work, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if l := leaks(d.Name()); l != nil {
			t.Errorf("a file name holds the canary: %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The current files hold nothing of the purged cases.
	for _, id := range []string{"2020-0001", "2020-0002"} {
		data, err := os.ReadFile(filepath.Join(repo, "records", "2020", id+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if l := leaks(string(data)); l != nil {
			t.Errorf("%s after purge holds %v:\n%s", id, l, data)
		}
	}
}
