package letters

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/templates"
)

// One term per concept in French, the statute's (docs/terminology.md): the words set aside
// there never come back in a French letter, a report label or the profile's French labels.
func TestFrenchTerminology(t *testing.T) {
	setAside := regexp.MustCompile(`(?i)rapport d’étape|rapport d'étape|examen préalable|\bfutile\b|\bstatut\b|écartée|plaignant ou plaignante|conseiller juridique|tiendrons informé\b|\(e\)`)
	var files []string
	for _, glob := range []string{"letters/*.fr.md.tmpl", "reports/messages.fr.yaml"} {
		m, err := fs.Glob(templates.FS, glob)
		if err != nil || len(m) == 0 {
			t.Fatalf("%s: %v", glob, err)
		}
		files = append(files, m...)
	}
	check := func(file string, n int, text string) {
		if m := setAside.FindString(text); m != "" {
			t.Errorf("%s:%d: %q is not the term docs/terminology.md chose", file, n, m)
		}
	}
	for _, f := range files {
		data, err := fs.ReadFile(templates.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "#") {
				check(f, i+1, line)
			}
		}
	}
	profile := string(templates.DefaultProfile())
	frLabel := regexp.MustCompile(`fr: ([^,}]+)`)
	for i, line := range strings.Split(profile, "\n") {
		for _, m := range frLabel.FindAllStringSubmatch(line, -1) {
			check("profiles/ontario-oversight.yaml", i+1, m[1])
		}
	}
}
