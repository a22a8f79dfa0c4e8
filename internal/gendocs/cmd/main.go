// Command gendocs regenerates completions/ and docs/man/ (run by `go generate ./...`).
package main

import (
	"fmt"
	"os"

	"github.com/dossier-dev/dossier/internal/gendocs"
)

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := gendocs.Write(dir); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
