// Command dossier keeps complaint cases as YAML files in a git repository.
package main

import (
	"os"

	"github.com/dossier-dev/dossier/internal/cli"
)

func main() { os.Exit(cli.Main()) }
