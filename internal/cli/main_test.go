package cli

import (
	"os"
	"runtime/debug"
	"testing"

	"github.com/dossier-dev/dossier/internal/scratch"
)

// TestMain runs the tests with their temporary files in memory (internal/scratch), and with
// a larger heap goal: hundreds of short commands run in this process, each allocating its
// settings and dropping them, and the test process holds little.
func TestMain(m *testing.M) {
	debug.SetGCPercent(400)
	os.Exit(run(m))
}

// testRunner runs the commands of the hostile-corpus, export and parquet tests in this
// process, keeping each dossier.yaml's layers read once (Runner); the other tests' Run reads
// every file each time, as a process does.
var testRunner = NewRunner()

func run(m *testing.M) int {
	defer scratch.InMemory()()
	return m.Run()
}
