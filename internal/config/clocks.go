package config

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"go.yaml.in/yaml/v3"
)

// The clocks: setting is a mapping of clock declarations by name. Layers merge it clock by
// clock and, within a clock, key by key: a dossier.yaml that writes `referral_report: 90` (a
// whole number is the clock's days) keeps the labels the profile gives it and every other clock.
var (
	clockDefsType = reflect.TypeFor[records.ClockDefs]()
	clockDefType  = reflect.TypeFor[records.ClockDef]()
)

// checkClocks checks the clocks of a layer: each a whole number of days or a declaration.
func checkClocks(name string, n *yaml.Node, path string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: %s: expected a mapping of clocks by name", name, n.Line, path)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			return fmt.Errorf("%s:%d: %s.%s: set twice", name, k.Line, path, k.Value)
		}
		seen[k.Value] = true
		var err error
		switch {
		case v.Kind == yaml.ScalarNode:
			err = checkNode(name, v, reflect.TypeFor[int](), path+"."+k.Value)
		case v.Kind == yaml.MappingNode:
			err = checkStruct(name, v, clockDefType, path+"."+k.Value)
		default:
			err = fmt.Errorf("%s:%d: %s.%s: expected a whole number of days or a mapping (%s)", name, v.Line, path, k.Value, strings.Join(tags(clockDefType), ", "))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// checkClockShorthand refuses a whole number for a clock no layer below declares: it can only
// set the length of a clock the profile declares (the merge sets that clock's days and keeps
// the rest); any other name is a typo, or a clock of one's own that needs at least a start.
func checkClockShorthand(name string, layer, below *yaml.Node) error {
	if layer == nil || layer.Kind != yaml.MappingNode {
		return nil
	}
	j := mapIndex(layer, "clocks")
	if j < 0 || layer.Content[j+1].Kind != yaml.MappingNode {
		return nil
	}
	var declared []string
	if below != nil {
		if b := mapIndex(below, "clocks"); b >= 0 {
			for i := 0; i+1 < len(below.Content[b+1].Content); i += 2 {
				declared = append(declared, below.Content[b+1].Content[i].Value)
			}
		}
	}
	clocks := layer.Content[j+1]
	for i := 0; i+1 < len(clocks.Content); i += 2 {
		k, v := clocks.Content[i], clocks.Content[i+1]
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || slices.Contains(declared, k.Value) {
			continue
		}
		return fmt.Errorf("%s:%d: clocks.%s: unknown setting%s; settings are %s (a clock of your own is a mapping with a start: docs/profiles.md)", name, k.Line, k.Value, records.Suggest(k.Value, declared), strings.Join(declared, ", "))
	}
	return nil
}

// setKey sets key in a mapping node to v.
func setKey(n *yaml.Node, key string, v *yaml.Node) {
	if i := mapIndex(n, key); i >= 0 {
		n.Content[i+1] = v
		return
	}
	n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}
