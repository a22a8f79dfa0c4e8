// Package templates embeds dossier's defaults: the configuration profiles, letters and reports.
// An office overrides any of them with a file of the same name under templates/ in its
// records repository.
package templates

import "embed"

//go:embed profiles reports letters
var FS embed.FS

// DefaultProfile is the embedded dossier.yaml that `dossier init` writes.
func DefaultProfile() []byte {
	b, err := FS.ReadFile("profiles/ontario-oversight.yaml")
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	return b
}
