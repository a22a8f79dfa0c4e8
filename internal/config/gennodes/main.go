// Command gennodes writes, beside each embedded profile DIR/NAME.yaml, its parsed node tree
// DIR/NAME.nodes (config.EncodeNodes), which dossier decodes at start instead of parsing the
// YAML; with -init, beside each init file DIR/NAME.yaml, its file layers read and merged
// over its profile, DIR/NAME.layers (config.EncodeInitLayers). Run by `go generate ./...`;
// TestEmbeddedNodesUpToDate and TestInitLayersUpToDate fail when one is stale.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dossier-dev/dossier/internal/config"
)

func main() {
	args := os.Args[1:]
	ext, encode := ".nodes", func(name string, data []byte) ([]byte, error) {
		return config.EncodeNodes(filepath.Base(name), data)
	}
	if len(args) == 2 && args[0] == "-init" {
		args = args[1:]
		ext, encode = ".layers", func(_ string, data []byte) ([]byte, error) {
			return config.EncodeInitLayers(data)
		}
	}
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: gennodes [-init] DIR")
		os.Exit(2)
	}
	names, err := filepath.Glob(filepath.Join(args[0], "*.yaml"))
	if err != nil || len(names) == 0 {
		fmt.Fprintf(os.Stderr, "gennodes: no YAML file in %s\n", args[0])
		os.Exit(1)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err == nil {
			var out []byte
			if out, err = encode(name, data); err == nil {
				err = os.WriteFile(name[:len(name)-len(".yaml")]+ext, out, 0o644)
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "gennodes: %s: %v\n", name, err)
			os.Exit(1)
		}
	}
}
