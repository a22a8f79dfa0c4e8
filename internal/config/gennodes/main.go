// Command gennodes writes, beside each embedded profile DIR/NAME.yaml, its parsed node tree
// DIR/NAME.nodes (config.EncodeNodes), which dossier decodes at start instead of parsing the
// YAML; with -init, for each embedded profile, the file layers of the dossier.yaml
// `dossier init --profile NAME` writes (config.InitFile), read and merged over the profile,
// DIR/NAME.layers (config.EncodeInitLayers). Run by `go generate ./...`;
// TestEmbeddedNodesUpToDate and TestInitLayersUpToDate fail when one is stale.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/templates"
)

func main() {
	args := os.Args[1:]
	if len(args) == 2 && args[0] == "-init" {
		initLayers(args[1])
		return
	}
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: gennodes [-init] DIR")
		os.Exit(2)
	}
	names, err := filepath.Glob(filepath.Join(args[0], "*.yaml"))
	if err != nil || len(names) == 0 {
		fmt.Fprintf(os.Stderr, "gennodes: no profile in %s\n", args[0])
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
			fmt.Fprintf(os.Stderr, "gennodes: %s: %v\n", name, err)
			os.Exit(1)
		}
	}
}

// initLayers writes DIR/NAME.layers for each embedded profile.
func initLayers(dir string) {
	for _, name := range templates.ProfileNames() {
		data, err := config.InitFile(name)
		var out []byte
		if err == nil {
			out, err = config.EncodeInitLayers(data)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, name+".layers"), out, 0o644)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "gennodes: the init file of %s: %v\n", name, err)
			os.Exit(1)
		}
	}
}
