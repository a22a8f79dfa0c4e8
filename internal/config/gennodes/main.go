// Command gennodes writes, beside each embedded profile DIR/NAME.yaml, its parsed node tree
// DIR/NAME.nodes (config.EncodeNodes), which dossier decodes at start instead of parsing the
// YAML. Run by `go generate ./...`; TestEmbeddedNodesUpToDate fails when one is stale.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dossier-dev/dossier/internal/config"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gennodes DIR")
		os.Exit(2)
	}
	names, err := filepath.Glob(filepath.Join(os.Args[1], "*.yaml"))
	if err != nil || len(names) == 0 {
		fmt.Fprintf(os.Stderr, "gennodes: no profile in %s\n", os.Args[1])
		os.Exit(1)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err == nil {
			var out []byte
			if out, err = config.EncodeNodes(filepath.Base(name), data); err == nil {
				err = os.WriteFile(name[:len(name)-len(".yaml")]+".nodes", out, 0o644)
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "gennodes: %v\n", err)
			os.Exit(1)
		}
	}
}
