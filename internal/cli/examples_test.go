package cli_test

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/cli"
	"github.com/spf13/cobra"
)

// TestHelpExamplesRun runs every example of every command's help (the dossier parts of each
// line: a pipe, && and $(...) are followed; git, cd, jq, xargs and go are not dossier's) in a
// repository holding the cases the examples name, with the state each command needs set up
// first. Every one exits 0; a usage error (exit 2) is named as such.
func TestHelpExamplesRun(t *testing.T) {
	t.Parallel()
	root, err := cli.NewRootForDocs()
	if err != nil {
		t.Fatal(err)
	}
	examples := map[string][]string{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Example != "" {
			examples[c.CommandPath()] = exampleLines(c.Example)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if len(examples) < 30 {
		t.Fatalf("found examples for %d commands only", len(examples))
	}
	fixture := t.TempDir()
	env := exampleFixture(t, fixture)
	for path, lines := range examples {
		t.Run(strings.ReplaceAll(path, " ", "_"), func(t *testing.T) {
			t.Parallel()
			for _, line := range lines {
				// each line runs on its own copy: the examples of a command are alternatives
				work := t.TempDir()
				copyFixture(t, work, fixture)
				repo := filepath.Join(work, "repo")
				for _, setup := range append(exampleSetup[path], exampleBefore[line]...) {
					if setup[0] == "init" {
						inProcess(t, env, "init", "-q", filepath.Join(repo, setup[1]))
						continue
					}
					inProcess(t, env, append([]string{"-C", repo, "-q"}, setup...)...)
				}
				dir := repo
				var stdin []byte
				for _, seg := range shellSegments(line) {
					if seg.cd != "" {
						dir = filepath.Join(dir, seg.cd)
						continue
					}
					if seg.args == nil {
						stdin = nil
						continue
					}
					out, code := runSegment(t, env, dir, seg, stdin)
					stdin = nil
					if seg.piped {
						stdin = out
					}
					if code == 2 {
						t.Errorf("example %q: usage error (exit 2):\n%s", line, out)
					} else if code != 0 {
						t.Errorf("example %q: exit %d, want 0:\n%s", line, code, out)
					}
				}
			}
		})
	}
}

// exampleSetup brings the cases the examples of a command name into the state they need.
var exampleSetup = map[string][][]string{
	"dossier close":    {{"classify", "2026-K7M2Q", "--type", "conduct"}, {"screen", "2026-K7M2Q", "--in"}, {"retain", "2026-K7M2Q"}, {"decide", "2026-K7M2Q", "--finding", "unsubstantiated"}},
	"dossier decide":   {{"classify", "2026-K7M2Q", "--type", "conduct"}, {"screen", "2026-K7M2Q", "--in"}, {"retain", "2026-K7M2Q"}},
	"dossier retain":   {{"classify", "2026-K7M2Q", "--type", "conduct"}, {"screen", "2026-K7M2Q", "--in"}},
	"dossier refer":    {{"classify", "2026-K7M2Q", "--type", "conduct"}, {"screen", "2026-K7M2Q", "--in"}},
	"dossier reopen":   {{"classify", "2026-K7M2Q", "--type", "conduct"}, {"screen", "2026-K7M2Q", "--in"}, {"close", "2026-K7M2Q", "--outcome", "early-resolution"}},
	"dossier review":   {{"classify", "2026-K7M2Q", "--type", "conduct"}, {"screen", "2026-K7M2Q", "--in"}, {"refer", "2026-K7M2Q", "--to", "ottawa-ps"}, {"refer", "2026-K7M2Q", "--returned", "--finding", "unsubstantiated"}},
	"dossier screen":   {{"classify", "2026-K7M2Q", "--type", "conduct"}},
	"dossier withdraw": {{"classify", "2026-K7M2Q", "--type", "conduct"}},
	"dossier letter":   {{"classify", "2026-K7M2Q", "--type", "conduct", "--date", "2026-02-27"}},
	"dossier import":   {{"init", "../new-repo"}},
	"dossier purge":    {{"classify", "2023-K7M2Q", "--type", "conduct", "--date", "2023-01-11"}, {"screen", "2023-K7M2Q", "--out", "--ground", "frivolous", "--date", "2023-01-12"}},
}

// exampleBefore are the steps one example line needs before it (the case in a state the
// other examples of its command do not want).
var exampleBefore = map[string][][]string{
	"dossier letter 2026-K7 screened-out --lang en --format pdf -O decision.pdf":                                        {{"screen", "2026-K7M2Q", "--out", "--ground", "frivolous"}},
	"dossier letter 2026-K7M2Q referral-notice --to respondent --format html -O referral.html":                          {{"screen", "2026-K7M2Q", "--in"}, {"refer", "2026-K7M2Q", "--to", "ottawa-ps"}},
	"dossier refer 2026-K7M2Q --update --to ottawa-ps":                                                                  {{"refer", "2026-K7M2Q", "--to", "ottawa-ps"}},
	"dossier refer 2026-K7M2Q --returned --to siu --purpose information":                                                {{"refer", "2026-K7M2Q", "--to", "siu", "--purpose", "information"}},
	"dossier refer 2026-K7M2Q --returned --to ottawa-ps --finding unsubstantiated":                                      {{"refer", "2026-K7M2Q", "--to", "ottawa-ps"}},
	`dossier refer 2026-K7M2Q --cancel --to siu --reason "the complainant sent the report"`:                             {{"refer", "2026-K7M2Q", "--to", "siu", "--purpose", "information"}},
	`dossier request 2026-K7M2Q --cancel statement --from witness --reason "the witness moved away"`:                    {{"request", "2026-K7M2Q", "--item", "statement", "--from", "witness"}},
	"dossier request 2026-K7M2Q --received medical-records":                                                             {{"request", "2026-K7M2Q", "--item", "medical-records", "--from", "complainant"}},
	"dossier review 2026-K7M2Q --decide --outcome confirmed":                                                            {{"review", "2026-K7M2Q", "--request"}},
	"cd oversight-records && dossier create --channel phone --type conduct --summary 'Rude language at a traffic stop'": {{"init", "oversight-records"}},
	"dossier letter 2026-K7M2Q overdue-reminder --referral siu":                                                         {{"screen", "2026-K7M2Q", "--in", "--date", "2026-02-28"}, {"refer", "2026-K7M2Q", "--to", "siu", "--date", "2026-02-28", "--due", "2026-03-01"}},
	"dossier letter 2026-K7M2Q information-request --request photos":                                                    {{"request", "2026-K7M2Q", "--item", "photos", "--from", "complainant"}},
	"dossier hold 2024-K7M2Q --lift --reason 'access request answered'":                                                 {{"hold", "2024-K7M2Q", "--reason", "access request received"}},
}

// exampleFixture makes work/repo (a git repository holding the cases the examples name) and
// the files they read, and returns the environment to run them in.
func exampleFixture(t *testing.T, work string) []string {
	t.Helper()
	home := filepath.Join(work, "home")
	env := cleanEnv("HOME="+home, "DOSSIER_NOW=2026-03-02T10:00:00Z", "DOSSIER_ACTOR=tester", "VISUAL=true",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=t@example.org")
	repo := filepath.Join(work, "repo")
	inProcess(t, env, "init", "-q", repo)
	var cases bytes.Buffer
	for _, c := range []struct{ id, received string }{{"2026-K7M2Q", "2026-02-27"}, {"2024-K7M2Q", "2024-02-27"}, {"2023-K7M2Q", "2023-01-10"}, {"2026-0042", "2026-02-20"}} {
		cases.WriteString(`{"id":"` + c.id + `","status":"received","language":"en","received":"` + c.received + `","channel":"email","complainant":{"name":"Marie Tremblay"},"respondent":{"service":"ottawa-ps"},"incident":{"location":"Ottawa"},"summary":"Rude language","history":[{"at":"` + c.received + `T10:00:00Z","by":"tester","do":"create"}]}` + "\n")
	}
	files := map[string]string{
		"cases.jsonl":     cases.String(),
		"intake.yaml":     "channel: phone\nsummary: A call about a search\n",
		"call-notes.txt":  "Complainant called back.\n",
		"areas.yaml":      "Ottawa: ottawa\nScarborough: toronto\n",
		"legacy.csv":      "Case no.,Date received,Kind,Summary\nE-2024-0001,2024-05-01,Misconduct,Rude language\n",
		"legacy-map.yaml": "columns:\n  Date received: received\n  Kind: type\n  Summary: summary\nvalues:\n  type: {Misconduct: conduct}\ndefaults:\n  language: en\n  channel: mail\n",
		"../home/.keep":   "",
	}
	for name, body := range files {
		p := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Declared fields the examples of list --field and stats --by name.
	if err := appendFile(filepath.Join(repo, "dossier.yaml"), exampleFields); err != nil {
		t.Fatal(err)
	}
	inProcess(t, env, "-C", repo, "-q", "import", filepath.Join(repo, "cases.jsonl"))
	// origin/main, for the examples run in CI against the branch a pull request goes into
	// packed (git gc would): every example line copies the fixture, one pack instead of a
	// directory and a file for each object
	for _, args := range [][]string{{"add", "-A"}, {"commit", "-q", "-m", "fixture"}, {"update-ref", "refs/remotes/origin/main", "HEAD"}, {"repack", "-a", "-d", "-q"}, {"prune-packed"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = repo, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return env
}

// copyFixture copies the fixture into work for one example line, but for the sample hooks
// git init puts in .git/hooks (inert: git runs no *.sample), each a file to create on every
// copy.
func copyFixture(t *testing.T, work, fixture string) {
	t.Helper()
	err := filepath.WalkDir(fixture, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(fixture, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(work, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case strings.HasSuffix(p, ".sample") && filepath.Base(filepath.Dir(p)) == "hooks":
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// segment is one dossier command of an example line.
type segment struct {
	env    []string // VAR=value before the command
	args   []string // after "dossier" (nil: not a dossier command)
	cd     string   // a "cd DIR" step
	stdin  string   // < FILE
	stdout string   // > FILE
	piped  bool     // its stdout goes to the next command
}

func runSegment(t *testing.T, env []string, dir string, seg segment, stdin []byte) ([]byte, int) {
	t.Helper()
	var in io.Reader = bytes.NewReader(stdin)
	if seg.stdin != "" {
		f, err := os.Open(filepath.Join(dir, seg.stdin))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		in = f
	}
	// in this process, as the command would run in dir with that environment
	var out, errb bytes.Buffer
	code := runner.RunIn(dir, append(append([]string(nil), env...), seg.env...), seg.args, in, &out, &errb)
	if seg.stdout != "" {
		if err := os.WriteFile(filepath.Join(dir, seg.stdout), out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if seg.piped {
		return out.Bytes(), code
	}
	return append(out.Bytes(), errb.Bytes()...), code
}

// exampleLines splits an Example block into its command lines (a trailing backslash joins
// the next line).
func exampleLines(example string) []string {
	var lines []string
	var cur string
	for _, l := range strings.Split(example, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasSuffix(l, `\`) {
			cur += strings.TrimSuffix(l, `\`)
			continue
		}
		if l = cur + l; l != "" {
			lines = append(lines, l)
		}
		cur = ""
	}
	return lines
}

// shellSegments reads an example line as the shell would, as far as examples go: words with
// quotes, a trailing comment, VAR=value prefixes, $(...), &&, ||, |, < and >.
func shellSegments(line string) []segment {
	words := shellWords(line)
	var segs []segment
	var cur []string
	flush := func(piped bool) {
		seg := segment{piped: piped}
		for len(cur) > 0 && strings.Contains(cur[0], "=") && !strings.HasPrefix(cur[0], "-") {
			w := cur[0]
			if strings.HasPrefix(w, "id=$(") {
				cur[0] = strings.TrimPrefix(w, "id=$(")
				break
			}
			seg.env = append(seg.env, w)
			cur = cur[1:]
		}
		var args []string
		for i := 0; i < len(cur); i++ {
			switch cur[i] {
			case "<":
				i++
				seg.stdin = cur[i]
			case ">":
				i++
				seg.stdout = cur[i]
			default:
				args = append(args, strings.TrimSuffix(cur[i], ")"))
			}
		}
		switch {
		case len(args) == 2 && args[0] == "cd":
			seg.cd = args[1]
		case len(args) > 0 && args[0] == "dossier":
			seg.args = args[1:]
		}
		segs = append(segs, seg)
		cur = nil
	}
	for _, w := range words {
		switch w {
		case "&&", "||", ";":
			flush(false)
		case "|":
			flush(true)
		default:
			cur = append(cur, w)
		}
	}
	flush(false)
	return segs
}

func shellWords(line string) []string {
	var words []string
	var b strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '#' && !inWord:
			return words
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, b.String())
				b.Reset()
				inWord = false
			}
		case c == '\'':
			inWord = true
			j := strings.IndexByte(line[i+1:], '\'')
			b.WriteString(line[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			inWord = true
			j := strings.IndexByte(line[i+1:], '"')
			b.WriteString(line[i+1 : i+1+j])
			i += j + 1
		default:
			inWord = true
			b.WriteByte(c)
		}
	}
	if inWord {
		words = append(words, b.String())
	}
	return words
}

// exampleFields are the declared fields of the examples' repository.
const exampleFields = `
fields:
  district:
    kind: code
    class: public
    group: true
    en: Judicial district
    fr: District judiciaire
    codes: [{code: montreal, en: Montreal, fr: Montréal}, {code: quebec, en: Quebec City, fr: Québec}]
`

func appendFile(name, text string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
