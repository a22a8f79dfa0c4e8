package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/iostreams"
	"github.com/dossier-dev/dossier/internal/termtext"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Main runs dossier with the process's streams and returns the exit status.
func Main() int {
	debug.SetMemoryLimit(memoryFloor) // raised with the repository's size: memory.go
	f := &Factory{IOStreams: iostreams.System(os.Stdin, os.Stdout, os.Stderr), Getenv: os.Getenv, Version: version(), ownsProcess: true}
	return f.run(os.Args[1:])
}

// Run runs dossier with the given arguments and streams (tests call it directly).
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	return (&Runner{}).Run(args, stdin, stdout, stderr, getenv)
}

// RunIn runs dossier as a process started in dir with exactly the environment env
// (KEY=VALUE; the last value of a name wins) would, without reading this process's working
// directory or environment: relative paths are read against dir, and git and the editor
// run there with env. Tests run many commands in one process with it.
func RunIn(dir string, env []string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return (&Runner{}).RunIn(dir, env, args, stdin, stdout, stderr)
}

// Runner runs many commands in one process (the tests, a program embedding dossier) and
// keeps between them what every run would read the same: the settings files of a
// repository, parsed, checked and merged over its profile once for each content
// (config.Cache). Each run still reads the files, and decodes its own settings with its own
// environment and flags. The zero Runner keeps nothing. Safe for concurrent use.
type Runner struct {
	settings *config.Cache
}

// NewRunner is a Runner that keeps the settings files it has read.
func NewRunner() *Runner { return &Runner{settings: config.NewCache()} }

// Run is the package's Run through r.
func (r *Runner) Run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	f := &Factory{IOStreams: iostreams.System(stdin, stdout, stderr), Getenv: getenv, Version: version(), settingsCache: r.settings}
	return f.run(args)
}

// RunIn is the package's RunIn through r.
func (r *Runner) RunIn(dir string, env []string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	vars := make(map[string]string, len(env))
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	getenv := func(k string) string { return vars[k] }
	f := &Factory{IOStreams: iostreams.System(stdin, stdout, stderr), Getenv: getenv, Version: version(), Dir: dir, Environ: env, settingsCache: r.settings}
	return f.run(args)
}

// run runs the command line args with the factory's streams and terminal settings (tests
// set InTerminal and ErrTerminal to drive the prompts with piped input).
func (f *Factory) run(args []string) (code int) {
	stdin, stdout, stderr := f.In, f.Out, f.Err
	defer func() {
		f.Close()
		// cobra keeps every flag completion function, and with it this factory, in a
		// package map for the life of the process: a process that runs many commands
		// (tests, RunIn) must not keep each run's settings, store and streams.
		*f = Factory{}
	}()
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "dossier: internal error: %v\n", r)
			if f.Debug() {
				fmt.Fprintf(stderr, "%s\n", debug.Stack())
			} else {
				fmt.Fprintln(stderr, "run again with --debug for details, and report it")
			}
			code = ExitError
		}
	}()
	f.completing = len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
	root := newRootCmd(f, args)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	strictCompletionCmd(root) // after SetOut: cobra's completion command keeps the writer it finds
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	code = exitCode(err)
	var pf *problemsFound
	if !errors.As(err, &pf) {
		fmt.Fprintln(stderr, "dossier:", termtext.Printable(errorMessage(err))) // a file name or value cannot drive the terminal
		if code == ExitUsage && isCobraUsage(err) {
			fmt.Fprintln(stderr, "run 'dossier --help' or 'dossier COMMAND --help' for usage")
		}
	}
	return code
}

// strictCompletionCmd makes `completion` without a shell, or with one cobra does not know,
// a usage error (exit 2) instead of help on stdout with exit 0, which a script redirecting
// the output into a file would not notice.
func strictCompletionCmd(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Long += exitStatusHelp
			c.Example = `  dossier completion bash > ~/.local/share/bash-completion/completions/dossier
  dossier completion zsh > "${fpath[1]}/_dossier"
  dossier completion fish > ~/.config/fish/completions/dossier.fish`
			for _, sub := range c.Commands() {
				sub.Long += exitStatusHelp
			}
			c.Args = cobra.ArbitraryArgs
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if len(args) == 0 {
					return usageErrorf("completion needs a shell: bash, zsh, fish or powershell (e.g. dossier completion bash)")
				}
				return usageErrorf("completion: unknown shell %q: use bash, zsh, fish or powershell", args[0])
			}
		}
	}
}

func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return versionOf(info)
}

// versionOf is the module version, then the commit and its date when the binary was built
// from a git checkout: "v1.2.0", "(devel), commit 0123456789ab+dirty, built from a commit of
// 2026-03-01T10:00:00Z".
func versionOf(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	parts := []string{v}
	if rev != "" {
		parts = append(parts, "commit "+rev[:min(12, len(rev))]+dirty)
	}
	if when != "" {
		parts = append(parts, "built from a commit of "+when)
	}
	return strings.Join(parts, ", ")
}

// NewRootCmd builds the command tree.
func NewRootCmd(f *Factory) *cobra.Command { return newRootCmd(f, nil) }

// newRootCmd builds the command tree for the command line args: only the verb it runs, when
// calledVerb can tell it; the whole tree otherwise (and for nil).
func newRootCmd(f *Factory, args []string) *cobra.Command {
	root := &cobra.Command{
		Use:   "dossier",
		Short: "Complaint files in a git repository, for justice-sector oversight offices",
		Long: `dossier keeps every complaint case as one YAML file in a git repository and gives
coordinators the verbs of their day: take complaints in, classify and screen them,
refer them and chase the referrals, write letters, close files, and count.

The records repository is found with -C DIR, else DOSSIER_DIR, else the nearest
directory above the working one that holds dossier.yaml. Settings: flag > environment >
the repository's dossier.yaml > your ~/.config/dossier/config.yaml > the defaults
(dossier config shows each one and where it came from).

ENVIRONMENT
  DOSSIER_DIR     the records repository (like -C)
  DOSSIER_ACTOR   who acts (like --actor; default: git's user.name)
  DOSSIER_NOW     fixed clock, RFC 3339 or YYYY-MM-DD: tests, back-dated entry, re-runs
  DOSSIER_IDS     id scheme, random or sequential (like ids: in dossier.yaml)
  DOSSIER_NO_CACHE=1  read every record file, not the index in .dossier/ (like --no-cache)
  DOSSIER_GIT_COMMIT=1  commit every write (like --commit and git.commit: in dossier.yaml)
  DOSSIER_QUIET=1, DOSSIER_DEBUG=1  like -q and --debug
  DOSSIER_EDITOR  the editor of dossier edit, after VISUAL and EDITOR
  NO_COLOR        no colour in any output
` + exitStatusHelp,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       f.Version,
		// the settings are read once, after the flags are parsed: a bad environment value
		// or user file fails every command before it does anything
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			_, err := f.runSettings()
			return err
		},
	}
	root.SetVersionTemplate("dossier {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &usageError{msg: err.Error()} })
	pf := root.PersistentFlags()
	pf.StringP("dir", "C", "", "the records repository (default: nearest parent holding dossier.yaml; env DOSSIER_DIR)")
	pf.BoolP("quiet", "q", false, "no talk on stderr (results and errors still print)")
	pf.Bool("commit", false, "git-commit the change, with a message naming the case and the action")
	pf.String("actor", "", "who acts, recorded in the history (env DOSSIER_ACTOR; default: git's user.name)")
	pf.Bool("debug", false, "show internal details: of errors, and how a read command used the index")
	pf.Bool("no-cache", false, "read every record file, bypassing the local index in .dossier/")
	f.GlobalFlags = pf
	root.CompletionOptions.HiddenDefaultCmd = false
	root.AddGroup(&cobra.Group{ID: "cases", Title: "Cases:"}, &cobra.Group{ID: "repo", Title: "Repository:"})
	only := calledVerb(pf, args)
	for _, v := range verbs() {
		if only == "" || v.name == only {
			root.AddCommand(v.new(f))
		}
	}
	registerCompletions(f, root)
	return root
}

// verb is a command under the root: its name (held to the command's by a test) and how it
// is built.
type verb struct {
	name string
	new  func(*Factory) *cobra.Command
}

// verbs are the commands under the root, in the order help lists them.
func verbs() []verb {
	return []verb{
		{"init", newInitCmd}, {"create", newCreateCmd}, {"show", newShowCmd}, {"list", newListCmd}, {"check", newCheckCmd}, {"fmt", newFmtCmd}, {"version", newVersionCmd},
		{"classify", newClassifyCmd}, {"screen", newScreenCmd}, {"refer", newReferCmd}, {"retain", newRetainCmd}, {"decide", newDecideCmd}, {"request", newRequestCmd},
		{"note", newNoteCmd}, {"review", newReviewCmd}, {"close", newCloseCmd}, {"redirect", newRedirectCmd}, {"withdraw", newWithdrawCmd}, {"reopen", newReopenCmd}, {"due", newDueCmd}, {"history", newHistoryCmd}, {"demo", newDemoCmd}, {"edit", newEditCmd},
		{"report", newReportCmd}, {"stats", newStatsCmd}, {"export", newExportCmd}, {"import", newImportCmd}, {"merge-driver", newMergeDriverCmd}, {"hooks", newHooksCmd}, {"renumber", newRenumberCmd}, {"migrate", newMigrateCmd}, {"trends", newTrendsCmd}, {"letter", newLetterCmd},
		{"hold", newHoldCmd}, {"do", newDoCmd}, {"retention", newRetentionCmd}, {"purge", newPurgeCmd}, {"config", newConfigCmd}, {"profiles", newProfilesCmd},
	}
}

// calledVerb is the verb a command line runs when it can be told for sure before cobra
// parses it (its first word after the global flags names a verb), else "": a command line
// builds only the verb it runs (the whole tree costs 0.2 ms and 250 KB), and help, completion,
// a mistyped verb or any flag before the verb that is not a global one get the whole tree.
func calledVerb(global *pflag.FlagSet, args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		var fl *pflag.Flag
		switch {
		case strings.HasPrefix(a, "--"):
			name, _, hasValue := strings.Cut(a[2:], "=")
			if fl = global.Lookup(name); fl == nil {
				return ""
			}
			if !hasValue && fl.NoOptDefVal == "" {
				i++ // its value is the next word
			}
		case strings.HasPrefix(a, "-"):
			if len(a) != 2 {
				return "" // shorthands run together, or a value attached
			}
			if fl = global.ShorthandLookup(a[1:]); fl == nil {
				return ""
			}
			if fl.NoOptDefVal == "" {
				i++
			}
		default:
			for _, v := range verbs() {
				if v.name == a {
					return a
				}
			}
			return ""
		}
	}
	return ""
}

// NewRootForDocs builds the command tree with no repository and no streams, for generating
// completions and man pages.
func NewRootForDocs() (*cobra.Command, error) {
	f := &Factory{IOStreams: &iostreams.IOStreams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, Getenv: func(string) string { return "" }, Version: "(docs)"}
	return NewRootCmd(f), nil
}
