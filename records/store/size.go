package store

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"go.yaml.in/yaml/v3"
)

// checkRecordSize refuses to write a record the reader would refuse (Parse: over
// MaxRecordSize), naming the field that makes it too long when it can be found.
func checkRecordSize(name string, data []byte) error {
	if len(data) <= records.MaxRecordSize {
		return nil
	}
	where := ""
	if f := longestField(data); f != "" {
		where = f + ": "
	}
	return fmt.Errorf("%s: %sthe record would be %d bytes, over the %d-byte (1 MiB) limit for a record: nothing written; keep attachments and long documents out of the record",
		name, where, len(data), records.MaxRecordSize)
}

// longestField is the path of the longest text value of an encoded record ("summary",
// "history[3].detail"), or "".
func longestField(data []byte) string {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return ""
	}
	best, bestLen := "", 0
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], records.JoinPath(path, n.Content[i].Value))
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		case yaml.ScalarNode:
			if l := len(n.Value); l > bestLen {
				best, bestLen = path, l
			}
		}
	}
	walk(doc.Content[0], "")
	return strings.TrimPrefix(best, ".")
}
