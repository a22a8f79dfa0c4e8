package codec

import (
	"slices"
	"strconv"

	"github.com/dossier-dev/dossier/records"
	"go.yaml.in/yaml/v3"
)

// The record's fields: key holds the profile's declared fields by name. A value is a scalar,
// a list of codes, or a list of records of scalar sub-fields; what each must be is the
// profile's business (records.Validate), not the codec's.

// encodeFields writes the declared fields in name order (canonical), nil when there are none.
func encodeFields(fs records.Fields) *yaml.Node {
	names := make([]string, 0, len(fs))
	for name, v := range fs {
		if !v.IsZero() {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, name := range names {
		m.Content = append(m.Content, stringNode(name), encodeFieldValue(fs[name]))
	}
	return m
}

func encodeFieldValue(v records.FieldValue) *yaml.Node {
	switch {
	case len(v.Items) > 0:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, item := range v.Items {
			keys := make([]string, 0, len(item))
			for k, s := range item {
				if s != "" {
					keys = append(keys, k)
				}
			}
			slices.Sort(keys)
			m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			if len(keys) == 0 {
				m.Style = yaml.FlowStyle
			}
			for _, k := range keys {
				m.Content = append(m.Content, stringNode(k), stringNode(item[k]))
			}
			seq.Content = append(seq.Content, m)
		}
		return seq
	case len(v.Codes) > 0:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, c := range v.Codes {
			seq.Content = append(seq.Content, stringNode(c))
		}
		if allScalars(seq) {
			seq.Style = yaml.FlowStyle
		}
		return seq
	}
	return stringNode(v.Scalar)
}

// decodeFields reads the fields: mapping strictly: text keys, no duplicates, each value a
// scalar, a list of scalars or a list of mappings of scalars.
func decodeFields(n *yaml.Node, fs *records.Fields, path string) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return nodeError(n, path, "expected a mapping of declared fields (name: value), found %s", kindName(n, path))
	}
	out := records.Fields{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if err := refuseYAMLFeatures(k, path); err != nil {
			return err
		}
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			return nodeError(k, path, "a field name must be plain text")
		}
		kpath := records.JoinPath(path, k.Value)
		if _, dup := out[k.Value]; dup {
			return nodeError(k, kpath, "duplicate field: keep one")
		}
		v, err := decodeFieldValue(val, kpath)
		if err != nil {
			return err
		}
		out[k.Value] = v
	}
	*fs = out
	return nil
}

func decodeFieldValue(n *yaml.Node, path string) (records.FieldValue, error) {
	var v records.FieldValue
	if err := refuseYAMLFeatures(n, path); err != nil {
		return v, err
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if !isNull(n) {
			v.Scalar = n.Value
		}
		return v, nil
	case yaml.SequenceNode:
		for i, item := range n.Content {
			ipath := path + "[" + strconv.Itoa(i) + "]"
			if err := refuseYAMLFeatures(item, ipath); err != nil {
				return v, err
			}
			switch {
			case item.Kind == yaml.ScalarNode && len(v.Items) == 0:
				v.Codes = append(v.Codes, item.Value)
			case item.Kind == yaml.MappingNode && len(v.Codes) == 0:
				rec := map[string]string{}
				for j := 0; j+1 < len(item.Content); j += 2 {
					k, s := item.Content[j], item.Content[j+1]
					if err := refuseYAMLFeatures(k, ipath); err != nil {
						return v, err
					}
					if err := refuseYAMLFeatures(s, ipath); err != nil {
						return v, err
					}
					if k.Kind != yaml.ScalarNode || s.Kind != yaml.ScalarNode {
						return v, nodeError(k, ipath, "a list item's fields must be plain values (name: value)")
					}
					if _, dup := rec[k.Value]; dup {
						return v, nodeError(k, records.JoinPath(ipath, k.Value), "duplicate field: keep one")
					}
					if !isNull(s) {
						rec[k.Value] = s.Value
					} else {
						rec[k.Value] = ""
					}
				}
				v.Items = append(v.Items, rec)
			default:
				return v, nodeError(item, ipath, "expected the same kind of item as the first (a code, or a mapping of fields), found %s", kindName(item, ipath))
			}
		}
		return v, nil
	}
	return v, nodeError(n, path, "expected a value, a list of codes or a list of records, found %s", kindName(n, path))
}
