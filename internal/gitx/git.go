// Package gitx runs the user's git binary. dossier never links a git implementation: the
// user's git, hooks and configuration apply. Every git command dossier runs goes through a
// Git value (the cli's Factory hands out one); this file runs git, plumbing.go holds the
// plumbing the commands share. A few things are read from git's own files where their format
// is plain, and left to git everywhere else: index.go reads the index (the blob ids and stat
// data a fresh clone's read compares with its own, unmerged entries), head.go HEAD's parents
// from a loose commit, config_read.go a key the repository's .git/config sets, MergeHeads
// .git/MERGE_HEAD. One thing is written without git: init.go adds values to the configuration
// file of a repository git has just made, as git config writes it (under its lock).
package gitx

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Git runs git in Dir.
type Git struct {
	Dir string
	// Environ is git's whole environment (KEY=VALUE); nil is this process's.
	Environ []string
	Env     []string // extra environment (KEY=VALUE) over Environ, e.g. for tests
}

// environ is git's environment: Environ (or this process's) and Env over it.
func (g Git) environ() []string {
	env := g.Environ
	if env == nil {
		env = os.Environ()
	}
	return append(env[:len(env):len(env)], g.Env...)
}

// In is the same runner working in dir.
func (g Git) In(dir string) Git {
	g.Dir = dir
	return g
}

// Output runs git with args, stdin (when not nil) on its standard input, and returns its
// stdout exactly.
func (g Git) Output(stdin []byte, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = g.Dir
	switch {
	case g.Environ != nil:
		cmd.Env = append(append([]string{}, g.Environ...), g.Env...)
	case len(g.Env) > 0:
		cmd.Env = append(cmd.Environ(), g.Env...)
	}
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return out.Bytes(), &Error{Args: args, Stderr: strings.TrimSpace(errb.String()), Code: ee.ExitCode()}
		}
		return nil, fmt.Errorf("running git: %w (is git installed and on PATH?)", err)
	}
	return out.Bytes(), nil
}

// Run runs git with args and returns its stdout without the trailing newlines.
func (g Git) Run(args ...string) (string, error) {
	out, err := g.Output(nil, args...)
	if err != nil {
		return string(out), err
	}
	return strings.TrimRight(string(out), "\n"), nil
}

// Error is a git command that failed.
type Error struct {
	Args   []string
	Stderr string
	Code   int
}

func (e *Error) Error() string {
	return fmt.Sprintf("git %s: %s", strings.Join(e.Args, " "), e.Stderr)
}

// IsRepo reports whether Dir is inside a git work tree. When no .git is found in Dir or any
// directory above it and the environment does not move the repository (GIT_DIR,
// GIT_WORK_TREE…), it is not, and git is not asked.
func (g Git) IsRepo() bool {
	if !g.movesRepository(false) && !dotGitAbove(g.Dir) {
		return false
	}
	out, err := g.Run("rev-parse", "--is-inside-work-tree")
	return err == nil && out == "true"
}

// dotGitAbove reports whether dir or a directory above it holds a .git entry (a repository, a
// linked work tree's or a submodule's file), or whether that cannot be told.
func dotGitAbove(dir string) bool {
	d, err := filepath.Abs(dir)
	if err != nil {
		return true
	}
	for {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return true
		}
		up := filepath.Dir(d)
		if up == d {
			return false
		}
		d = up
	}
}

// UserName is git's user.name, or "".
func (g Git) UserName() string {
	out, _ := g.Run("config", "user.name")
	return out
}

// WroteEnv is the DOSSIER_WROTE=... variable of a commit of paths whose blob ids wrote gives
// (false when it misses one): a line "100644 BLOB PATH" per file in path order, byte by byte,
// as the pre-commit hook lists what git commits (git diff-index --cached HEAD -- records/).
func WroteEnv(paths []string, wrote map[string]string) (string, bool) {
	if len(paths) == 0 {
		return "", false
	}
	sorted := slices.Clone(paths)
	slices.Sort(sorted)
	lines := make([]string, 0, len(sorted))
	for _, p := range slices.Compact(sorted) {
		blob, ok := wrote[p]
		if !ok || !strings.HasPrefix(p, "records/") || strings.ContainsAny(p, " \t\n\\\"") {
			return "", false
		}
		lines = append(lines, "100644 "+blob+" "+p)
	}
	return "DOSSIER_WROTE=" + strings.Join(lines, "\n"), true
}

// lockBusy reports whether a git error comes from another process holding a lock.
func lockBusy(err error) bool {
	var ge *Error
	return errors.As(err, &ge) && (strings.Contains(ge.Stderr, ".lock") || strings.Contains(ge.Stderr, "cannot lock ref"))
}

// Commit commits exactly paths (staging them first when the index does not hold them all)
// with the message. When another git process holds the index or a ref lock it retries for
// about 20 seconds, then says how to clear a stale lock.
//
// wrote holds the blob id of each record file this process wrote validated and in canonical
// form (records/store's Wrote), by path. When it names every path, the commit's environment
// says so (WroteEnv): dossier's pre-commit hook then compares them with what git is about to
// commit, and checks the records again only when they differ.
func (g Git) Commit(paths []string, message string, wrote map[string]string) error {
	if env, ok := WroteEnv(paths, wrote); ok {
		g.Env = append(slices.Clip(g.Env), env)
	}
	// git commit -- PATHS takes their contents from the work tree and updates the index, but
	// only for paths git knows: a new file is added first
	add := !g.allIndexed(paths)
	try := func() error {
		if add {
			if _, err := g.Run(append([]string{"add", "--"}, paths...)...); err != nil {
				return err
			}
		}
		_, err := g.Run(append([]string{"commit", "--quiet", "-m", message, "--"}, paths...)...)
		return err
	}
	delay := 10 * time.Millisecond
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := try()
		if err == nil || !lockBusy(err) {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("git is locked (%v): if no other git command is running, a crashed one left a stale lock: remove .git/index.lock and retry", err)
		}
		time.Sleep(delay)
		delay = min(delay*2, 500*time.Millisecond)
	}
}
