package cli

import (
	"os"
	"testing"

	"github.com/dossier-dev/dossier/internal/testrun"
)

// TestMain runs the tests as every test binary of the repository does (internal/testrun):
// hundreds of short commands run in this process, each allocating its settings and dropping
// them.
func TestMain(m *testing.M) { os.Exit(testrun.Main(m)) }

// testRunner runs the commands of the hostile-corpus, export and parquet tests in this
// process, keeping each dossier.yaml's layers read once (Runner); the other tests' Run reads
// every file each time, as a process does.
var testRunner = NewRunner()
