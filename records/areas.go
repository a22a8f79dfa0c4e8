package records

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// AreaMap is the mapping of dossier migrate areas: from the text of incident.location, as
// offices wrote it before areas existed, to a code of the profile's areas. Texts are compared
// without regard to case and runs of spaces.
type AreaMap map[string]string

func normLocation(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// ParseAreaMap reads a mapping file (one "location text: area code" a line, YAML) and refuses
// a code the profile does not list, an empty text and two spellings of one text mapped to
// different codes, naming the line.
func ParseAreaMap(name string, data []byte, p *Profile) (AreaMap, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v: write one \"location text: area code\" a line", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty: write one \"location text: area code\" a line", name)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: not a mapping: write one \"location text: area code\" a line", name, root.Line)
	}
	m := AreaMap{}
	line := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s:%d: write one \"location text: area code\" a line", name, k.Line)
		}
		text := normLocation(k.Value)
		if text == "" {
			return nil, fmt.Errorf("%s:%d: empty location text", name, k.Line)
		}
		if !p.Areas.Has(v.Value) {
			return nil, fmt.Errorf("%s:%d: unknown area %s%s: use one of %s (dossier.yaml codes.areas)", name, v.Line, Quote(v.Value), Suggest(v.Value, p.Areas.List()), strings.Join(p.Areas.List(), ", "))
		}
		if prev, ok := m[text]; ok && prev != v.Value {
			return nil, fmt.Errorf("%s:%d: this location is mapped to %s on line %d and to %s here: keep one", name, k.Line, prev, line[text], v.Value)
		}
		m[text], line[text] = v.Value, k.Line
	}
	return m, nil
}

// AreaFor is the area the mapping gives a case: ok only for a case with a location, no area,
// and a location the mapping lists.
func (m AreaMap) AreaFor(c *Case) (code string, ok bool) {
	if c.Incident == nil || c.Incident.Area != "" {
		return "", false
	}
	code, ok = m[normLocation(c.Incident.Location)]
	return code, ok
}

// SetArea records the area of a case that has none (dossier migrate areas): incident.area is
// set and an edit entry says so. A case with an area keeps it.
func SetArea(c *Case, p *Profile, a Act, code string) error {
	if err := checkCode(p.Areas, "incident.area", "area", code); err != nil {
		return err
	}
	if c.Area() != "" {
		return InputErr("incident.area", "the case has an area already (%s): migrate areas never replaces one", c.Area())
	}
	return Apply(c, p, a, "set the area", ActEdit, "incident.area: "+code+" (migrate areas)", func() error {
		if c.Incident == nil {
			c.Incident = &Incident{}
		}
		c.Incident.Area = code
		return nil
	})
}
