package store

import (
	"os"
	"testing"

	"github.com/dossier-dev/dossier/internal/scratch"
)

// TestMain runs the tests with their temporary files in memory (internal/scratch).
func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	defer scratch.InMemory()()
	return m.Run()
}
