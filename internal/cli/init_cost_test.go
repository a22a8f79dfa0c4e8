package cli_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every dossier process runs the package initialisers of the whole program before its
// command: a git hook, a merge driver or a script's loop of creates pays them each time. What
// only some commands need (regular expressions, templates, reflection plans) is built the first
// time it is asked for (sync.OnceValue), so that no package of dossier's allocates more than a
// little when the program starts. The measure is GODEBUG=inittrace's byte count, which does not
// depend on the machine's speed.
func TestPackageInitIsCheap(t *testing.T) {
	t.Parallel()
	const budget = 32 << 10 // bytes a package of dossier's may allocate at start
	cmd := exec.Command("dossier", "version")
	cmd.Env = append(dossierEnv(t), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dossier version: %v\n%s", err, stderr.String())
	}
	line := regexp.MustCompile(`^init (github\.com/dossier-dev/dossier/\S+) @.* ms clock, (\d+) bytes, (\d+) allocs$`)
	seen := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil || strings.HasSuffix(m[1], "_test") {
			continue // the tests' own package (internal/cli's is checked with its test files' variables)
		}
		seen++
		if n, _ := strconv.Atoi(m[2]); n > budget {
			t.Errorf("package %s allocates %d bytes (%s allocations) when dossier starts, over %d: build what it needs when first asked for (sync.OnceValue)", m[1], n, m[3], budget)
		}
	}
	if seen < 5 {
		t.Fatalf("GODEBUG=inittrace=1 reported %d of dossier's packages (the format changed?):\n%s", seen, stderr.String())
	}
}
