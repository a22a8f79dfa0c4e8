package cli_test

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/cli"
	"github.com/dossier-dev/dossier/internal/iostreams"
	"github.com/spf13/cobra"
)

// Markers planted in every personal and confidential field and in every free-text history
// detail of one case: "Qzxv" then the field, so a leak names what leaked.
var markerRE = regexp.MustCompile(`qzxv[a-z]+`)

// forbidden lists, per audience of the default policy, the markers it must never see (the
// classification and ontario-oversight.yaml's disclosure:); "" is stderr, which names nobody.
var forbidden = map[string][]string{
	"public":      {"*"},
	"":            {"*"},
	"complainant": {"Qzxvofficer", "Qzxvbadge", "Qzxvnote", "Qzxvhold", "Qzxvlift", "Qzxvreopen", "Qzxvclose", "Qzxvnickname", "Qzxvremarks", "Qzxvorder"},
	"respondent":  {"Qzxvemail", "Qzxvphone", "Qzxvaddress", "Qzxvrepemail", "Qzxvrepphone", "Qzxvrepaddress", "Qzxvitem", "Qzxvnote", "Qzxvhold", "Qzxvlift", "Qzxvreopen", "Qzxvnickname", "Qzxvremarks", "Qzxvorder"},
	"panel":       {"Qzxvemail", "Qzxvphone", "Qzxvaddress", "Qzxvrepemail", "Qzxvrepphone", "Qzxvrepaddress", "Qzxvnote", "Qzxvhold", "Qzxvlift", "Qzxvreopen", "Qzxvnickname", "Qzxvremarks", "Qzxvorder"},
	"internal":    nil,
	// the index and untracked files: no personal or confidential value at all
	"index": {"*"},
}

// canaryInvocation is one run of a command and the audience its stdout is for.
type canaryInvocation struct {
	args     []string
	audience string
}

func inv(audience string, args ...string) canaryInvocation {
	return canaryInvocation{args: args, audience: audience}
}

// canaryExempt are the commands the canary does not run, and why.
var canaryExempt = map[string]string{
	"version":       "prints the build, no case data",
	"help":          "cobra's help, no case data",
	"completion":    "shell scripts, no case data (completion of ids runs through __complete below)",
	"demo":          "writes its own repository of invented cases",
	"init":          "run to make the repository",
	"merge-driver":  "run by git during a merge; TestCanary and the merge tests cover it",
	"hooks":         "installs a git hook, no case data",
	"hooks install": "installs a git hook, no case data",
	"migrate":       "group of subcommands",
	"report":        "group of subcommands",
	"config":        "prints settings, no case data",
	"profiles":      "lists the embedded profiles, no case data",
	"import":        "reads a file given; TestCanary runs it on bad rows holding a canary",
	"renumber":      "changes an id; TestCanary-like renumber tests cover its messages",
}

// TestCanaryEveryCommand plants a marker in every personal and confidential field and every
// free-text history detail of a case (with a hold), runs every command of the cobra tree for
// every audience it serves, and greps each stdout (against its audience), each stderr, the
// index under .dossier/ and the repository's untracked files. A command with neither an
// invocation nor an exemption fails the test.
func TestCanaryEveryCommand(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	repo := filepath.Join(t.TempDir(), "repo")
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, ".config"), "DOSSIER_NOW": "2026-03-02T10:00:00Z",
		"DOSSIER_ACTOR": "tester", "DOSSIER_IDS": "sequential", "EDITOR": "true", "NO_COLOR": "1"}
	run := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := cli.Run(append([]string{"-C", repo}, args...), strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
		return out.String(), errb.String(), code
	}
	var errb bytes.Buffer
	if code := cli.Run([]string{"init", "-q", repo}, strings.NewReader(""), io.Discard, &errb, func(k string) string { return env[k] }); code != 0 {
		t.Fatalf("init: %s", errb.String())
	}
	// Declared fields: a personal and a confidential one hold markers (and a personal
	// sub-field of an internal list); the default policy grants declared fields to no one.
	conf, err := os.OpenFile(filepath.Join(repo, "dossier.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conf.WriteString(canaryFields); err != nil {
		t.Fatal(err)
	}
	conf.Close()
	setup := [][]string{
		{"create", "-q", "--received", "2026-01-10", "--channel", "email", "--complainant-name", "Qzxvname", "--complainant-email", "qzxvemail@example.org",
			"--complainant-phone", "Qzxvphone", "--complainant-address", "Qzxvaddress", "--representative-name", "Qzxvrepname", "--representative-organization", "Qzxvreporg",
			"--representative-email", "Qzxvrepemail@example.org", "--representative-phone", "Qzxvrepphone", "--representative-address", "Qzxvrepaddress",
			"--service", "ottawa-ps", "--officer", "Qzxvofficer #Qzxvbadge", "--location", "Qzxvlocation", "--summary", "Qzxvsummary",
			"--field", "district=montreal", "--field", "value=12.50", "--field", "nickname=Qzxvnickname", "--field", "remarks=Qzxvremarks",
			"--field", "orders=number=1,judge=Qzxvorder"},
		{"classify", "2026-0001", "--type", "conduct", "--category", "discreditable-conduct"},
		{"request", "2026-0001", "--item", "Qzxvitem", "--from", "Qzxvfrom"},
		{"note", "2026-0001", "Qzxvnote"},
		{"screen", "2026-0001", "--in"},
		{"refer", "2026-0001", "--to", "ottawa-ps"},
		{"hold", "2026-0001", "--reason", "Qzxvhold"},
		{"hold", "2026-0001", "--lift", "--reason", "Qzxvlift"},
		{"hold", "2026-0001", "--reason", "Qzxvhold second"},
		{"create", "-q", "--received", "2026-01-11", "--channel", "phone", "--complainant-name", "Qzxvname", "--summary", "Qzxvsummary"},
		{"withdraw", "2026-0002", "--reason", "Qzxvclose"},
		{"reopen", "2026-0002", "--reason", "Qzxvreopen"},
		{"withdraw", "2026-0002", "--reason", "Qzxvclose"},
		{"create", "-q", "--received", "2026-01-11", "--channel", "phone", "--complainant-name", "Qzxvname", "--summary", "Qzxvsummary"},
	}
	for _, a := range setup {
		if out, stderr, code := run(a...); code != 0 {
			t.Fatalf("dossier %s: exit %d\n%s%s", strings.Join(a, " "), code, out, stderr)
		}
	}
	// The emails are lower case: the marker pattern finds them through their lower-case form.
	lower := func(s string) string { return strings.ToLower(s) }

	invocations := map[string][]canaryInvocation{
		"show":      {inv("internal", "show", "2026-0001"), inv("complainant", "show", "2026-0001", "--as", "complainant"), inv("respondent", "show", "2026-0001", "--as", "respondent", "-o", "json"), inv("panel", "show", "2026-0001", "--as", "panel"), inv("panel", "show", "2026-0001", "--as", "panel", "-o", "yaml"), inv("public", "show", "2026-0001", "--as", "public")},
		"export":    {inv("internal", "export"), inv("complainant", "export", "--as", "complainant"), inv("respondent", "export", "--as", "respondent", "-o", "csv"), inv("panel", "export", "--as", "panel"), inv("panel", "export", "--as", "panel", "-o", "csv"), inv("public", "export", "--as", "public"), inv("public", "export", "--as", "public", "-o", "csv")},
		"letter":    {inv("complainant", "letter", "2026-0001", "acknowledgement", "--lang", "en"), inv("public", "letter", "2026-0001", "acknowledgement", "--lang", "en", "--to", "public"), inv("panel", "letter", "2026-0001", "acknowledgement", "--lang", "fr", "--to", "panel")},
		"list":      {inv("internal", "list"), inv("internal", "list", "-o", "json")},
		"due":       {inv("internal", "due", "--within", "365d")},
		"stats":     {inv("public", "stats", "--by", "type,service")},
		"trends":    {inv("public", "trends")},
		"history":   {inv("internal", "history", "2026-0001")},
		"check":     {inv("public", "check")},
		"fmt":       {inv("public", "fmt", "--check")},
		"retention": {inv("internal", "retention")},
		"purge":     {inv("internal", "purge", "--dry-run")},
		"edit":      {inv("internal", "edit", "2026-0001")},
		"classify":  {inv("public", "classify", "2026-0001", "--type", "conduct")},
		"screen":    {inv("public", "screen", "2026-0001", "--in")},
		"refer":     {inv("public", "refer", "2026-0001", "--update")},
		"retain":    {inv("public", "retain", "2026-0001")},
		"decide":    {inv("public", "decide", "2026-0001", "--finding", "substantiated")},
		"request":   {inv("public", "request", "2026-0001", "--received", "Qzxvitem")},
		"note":      {inv("public", "note", "2026-0001", "a note")},
		"do":        {inv("public", "do", "2026-0001", "close", "--outcome", "substantiated", "--reason", "Qzxvclose"), inv("public", "do", "2026-0003", "screen-out")},
		"review":    {inv("public", "review", "2026-0001", "--request")},
		"close":     {inv("public", "close", "2026-0001", "--outcome", "substantiated", "--reason", "Qzxvclose")},
		"withdraw":  {inv("public", "withdraw", "2026-0001", "--reason", "Qzxvclose")},
		"reopen":    {inv("public", "reopen", "2026-0002", "--reason", "Qzxvreopen")},
		"redirect":  {inv("public", "redirect", "2026-0003", "--to", "the municipal by-law office", "--reason", "Qzxvredirect")},
		"hold":      {inv("public", "hold", "2026-0002", "--reason", "Qzxvhold")},
		"create": {inv("public", "create", "--received", "2026-01-12", "--channel", "email", "--complainant-name", "Qzxvname", "--summary", "Qzxvsummary"),
			// refused values of personal and confidential declared fields are not quoted back
			inv("public", "create", "--channel", "email", "--summary", "s", "--field", "birth=Qzxvbirth"),
			inv("public", "create", "--channel", "email", "--summary", "s", "--field", "nickname=Qzxvnick\x01"),
			inv("public", "create", "--channel", "email", "--summary", "s", "--field", "orders=number=1,judge=Qzxvorder\x01")},
		"report overdue":   {inv("public", "report", "overdue", "-o", "md"), inv("public", "report", "overdue", "--service", "ottawa-ps", "-o", "csv")},
		"report oversight": {inv("public", "report", "oversight", "--period", "2026", "-o", "html"), inv("public", "report", "oversight", "--period", "2026", "-o", "json")},
		"report trends":    {inv("public", "report", "trends", "-o", "md")},
		"report workload":  {inv("public", "report", "workload", "-o", "md")},
		"migrate areas":    {inv("public", "migrate", "areas", "--dry-run")},
		"hooks pre-commit": {inv("public", "hooks", "pre-commit")},
	}
	// Every command of the tree has a canary case or an exemption.
	root := cli.NewRootCmd(&cli.Factory{IOStreams: iostreams.System(strings.NewReader(""), io.Discard, io.Discard), Getenv: func(string) string { return "" }})
	var walk func(c *cobra.Command)
	var paths []string
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			p := strings.TrimPrefix(sub.CommandPath(), "dossier ")
			paths = append(paths, p)
			walk(sub)
		}
	}
	walk(root)
	sort.Strings(paths)
	for _, p := range paths {
		if _, ok := invocations[p]; ok {
			continue
		}
		if _, ok := canaryExempt[p]; !ok {
			t.Errorf("command %q has no canary invocation and no exemption: add one to TestCanaryEveryCommand", p)
		}
	}

	check := func(what, audience, text string) {
		t.Helper()
		bad := forbidden[audience]
		for _, m := range markerRE.FindAllString(lower(text), -1) {
			for _, b := range bad {
				if b == "*" || strings.HasPrefix(m, lower(b)) {
					t.Errorf("%s (for %s) holds %s", what, orStderr(audience), m)
				}
			}
		}
	}
	for _, p := range paths {
		for _, c := range invocations[p] {
			out, stderr, _ := run(c.args...)
			name := "dossier " + strings.Join(c.args, " ")
			check(name+" stdout", c.audience, out)
			check(name+" stderr", "", stderr)
		}
	}
	// The office's own view holds the markers: the test would see a leak.
	if out, _, _ := run("show", "2026-0001", "-o", "yaml"); !strings.Contains(out, "Qzxvhold") || !strings.Contains(out, "Qzxvlocation") {
		t.Fatalf("the markers are not in the record:\n%s", out)
	}
	if out, _, _ := run("show", "2026-0001", "--as", "panel", "-o", "yaml"); !strings.Contains(out, "Qzxvname") {
		t.Errorf("the panel no longer sees the complainant's name: the panel checks prove nothing:\n%s", out)
	}

	// The index holds no personal or confidential value.
	run("list")
	idx, _ := filepath.Glob(filepath.Join(repo, ".dossier", "index-*.bin"))
	if len(idx) == 0 {
		t.Fatal("no index written")
	}
	for _, p := range idx {
		data, _ := os.ReadFile(p)
		check(p, "index", string(data))
	}
	// Untracked files of the repository (what git add -A would commit).
	cmd := exec.Command("git", "ls-files", "--others", "--exclude-standard", "-z")
	cmd.Dir = repo
	outb, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range strings.Split(string(outb), "\x00") {
		if f == "" || strings.HasPrefix(f, "records/") {
			continue // the records themselves are the office's data
		}
		data, _ := os.ReadFile(filepath.Join(repo, f))
		check("untracked "+f, "index", string(data))
	}
	// Nothing outside .dossier/ and records/ was made by the commands.
	filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repo, p)
		if d.IsDir() && (rel == ".git" || rel == ".dossier" || rel == "records") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.Contains(rel, "dossier-") {
			t.Errorf("a temporary file in the repository: %s", rel)
		}
		return nil
	})
}

// canaryFields are the declared fields of the canary's repository (appended to dossier.yaml).
const canaryFields = `
fields:
  district: {kind: code, class: public, group: true, en: District, fr: District,
             codes: [{code: montreal, en: Montreal, fr: Montréal}]}
  value: {kind: money, class: internal, en: Value, fr: Valeur}
  nickname: {kind: text, class: personal, en: Nickname, fr: Surnom}
  birth: {kind: date, class: personal, en: Date of birth, fr: Date de naissance}
  remarks: {kind: text, class: confidential, en: Remarks, fr: Remarques}
  orders: {kind: list, class: internal, en: Orders, fr: Ordonnances,
           fields: {number: {kind: text, class: internal, en: Number, fr: Numéro},
                    date: {kind: date, class: internal, en: Date, fr: Date},
                    judge: {kind: text, class: personal, en: Judge, fr: Juge}}}
`

func orStderr(a string) string {
	if a == "" {
		return "stderr"
	}
	return a
}
