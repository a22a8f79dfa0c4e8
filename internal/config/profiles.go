package config

import (
	"fmt"

	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// ProfileInfo is what `dossier profiles` lists of an embedded profile.
type ProfileInfo struct {
	Name      string
	Title     Text
	Languages []string // its codes.languages, the office's languages
}

// EmbeddedProfiles lists the profiles dossier embeds (templates/profiles/NAME.yaml), by name.
func EmbeddedProfiles() ([]ProfileInfo, error) {
	var out []ProfileInfo
	for _, name := range templates.ProfileNames() {
		data, _ := templates.Profile(name)
		var head struct {
			Title Text `yaml:"title"`
			Codes struct {
				Languages []codeFile `yaml:"languages"`
			} `yaml:"codes"`
		}
		if err := yaml.Unmarshal(data, &head); err != nil {
			return nil, fmt.Errorf("%s: %v", embeddedName(name), err)
		}
		info := ProfileInfo{Name: name, Title: head.Title}
		for _, l := range head.Codes.Languages {
			info.Languages = append(info.Languages, l.Code)
		}
		out = append(out, info)
	}
	return out, nil
}
