// Package templates embeds dossier's defaults: the configuration profiles, letters and reports.
// An office overrides any of them with a file of the same name under templates/ in its
// records repository.
package templates

import (
	"embed"
	"io/fs"
	"path"
	"slices"
	"strings"
)

//go:embed profiles reports letters init
var FS embed.FS

// DefaultProfileName is the profile of a repository whose dossier.yaml names none, and the one
// `dossier init` starts a repository on unless told otherwise.
const DefaultProfileName = "ontario-oversight"

// ProfileNames lists the embedded profiles (profiles/NAME.yaml), sorted.
func ProfileNames() []string {
	entries, err := fs.ReadDir(FS, "profiles")
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// Profile is the embedded profile name (false when there is none of that name).
func Profile(name string) ([]byte, bool) {
	if !slices.Contains(ProfileNames(), name) {
		return nil, false
	}
	b, err := FS.ReadFile(path.Join("profiles", name+".yaml"))
	return b, err == nil
}

// ProfileNodes is the parsed node tree of the embedded profile name (profiles/NAME.nodes,
// written by go generate from profiles/NAME.yaml), false when there is none.
func ProfileNodes(name string) ([]byte, bool) {
	b, err := FS.ReadFile(path.Join("profiles", name+".nodes"))
	return b, err == nil
}

// InitFile is the dossier.yaml `dossier init --profile name` writes, when the profile has one
// of its own (init/NAME.yaml); false otherwise.
func InitFile(name string) ([]byte, bool) {
	b, err := FS.ReadFile(path.Join("init", name+".yaml"))
	return b, err == nil
}

// DefaultProfile is the embedded default profile.
func DefaultProfile() []byte {
	b, ok := Profile(DefaultProfileName)
	if !ok {
		panic("templates: the default profile is not embedded") // embedded at build time
	}
	return b
}

// InitLayers are the file layers of a repository whose dossier.yaml is the init file of
// profile name (init/NAME.layers, written by go generate from init/NAME.yaml and the
// profile), false when there are none.
func InitLayers(name string) ([]byte, bool) {
	b, err := FS.ReadFile(path.Join("init", name+".layers"))
	return b, err == nil
}
