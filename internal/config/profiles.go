package config

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

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

// InitFile is the dossier.yaml `dossier init --profile name` writes: the profile's own
// (templates/init/NAME.yaml) when it has one, as ontario-oversight does so that a new
// Ontario repository is what it always was; otherwise `profile: NAME` and the profile's
// office section, for the office to edit. A repository holds only what the office changes:
// the rest stays the embedded profile's, and follows it from one version of dossier to the
// next.
func InitFile(name string) ([]byte, error) {
	if err := CheckProfileName(name); err != nil {
		return nil, err
	}
	if data, ok := templates.InitFile(name); ok {
		return data, nil
	}
	profile, _ := templates.Profile(name)
	var b bytes.Buffer
	fmt.Fprintf(&b, generatedInitStart+`
# %s profile dossier embeds. A setting written here replaces the profile's; a field,
# status, action, clock, report, audience or letter declared here is added to the profile's,
# or replaces the one of the same name (docs/profiles.md). dossier config prints every
# setting in force and where it comes from; dossier check checks them.
profile: %s
`, name, name)
	if office := topLevelSection(profile, "office"); office != "" {
		b.WriteString("\n" + office)
	}
	return b.Bytes(), nil
}

// generatedInitStart is the first line of the dossier.yaml InitFile makes.
const generatedInitStart = "# dossier configuration of this records repository: the office's own settings over the"

// topLevelSection is the text of a top-level key of a YAML file, from its line to the next
// line that starts at the first column (comments inside it kept, blank lines at its end not).
func topLevelSection(data []byte, key string) string {
	lines := strings.SplitAfter(string(data), "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, key+":") })
	if start < 0 {
		return ""
	}
	end := start + 1
	for end < len(lines) && (strings.TrimSpace(lines[end]) == "" || lines[end][0] == ' ') {
		end++
	}
	for end > start+1 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	return strings.Join(lines[start:end], "")
}
