package gitx

import (
	"os"
	"testing"

	"github.com/dossier-dev/dossier/internal/testrun"
)

// TestMain runs the tests as every test binary of the repository does (internal/testrun).
func TestMain(m *testing.M) { os.Exit(testrun.Main(m)) }
