package config

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"

	"go.yaml.in/yaml/v3"
)

// The embedded profiles are YAML (what an office reads and copies), and parsing 20 KB of YAML
// was the largest part of starting a dossier process (about 3 ms of a 15 ms `create`). Each
// profile is also embedded as its parsed node tree (templates/profiles/NAME.nodes, written by
// `go generate ./...`), which a process decodes in a fraction of that. The tree carries the
// checksum of the YAML it was made from: a tree that does not match its YAML (a profile
// edited without regenerating) is not used, the YAML is parsed instead, and
// TestEmbeddedNodesUpToDate fails until the trees are regenerated.

//go:generate go run ./gennodes ../../templates/profiles

// nodesMagic starts an encoded node tree; the version changes with the format.
const nodesMagic = "dossier nodes 2\n"

// EncodeNodes is the node tree of the YAML document data (named name in errors), in the
// format decodeNodes reads: what `go generate` embeds beside each profile. Comments are not
// kept (nothing reads them); anchors and aliases are refused (a profile has none).
func EncodeNodes(name string, data []byte) ([]byte, error) {
	n, err := parse(name, data)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, fmt.Errorf("%s: empty", name)
	}
	out := []byte(nodesMagic)
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(data))
	out = binary.AppendUvarint(out, uint64(countNodes(n)))
	return encodeNode(out, name, n)
}

func encodeNode(out []byte, name string, n *yaml.Node) ([]byte, error) {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return nil, fmt.Errorf("%s:%d: an anchor or alias: write the value out", name, n.Line)
	}
	out = binary.AppendUvarint(out, uint64(n.Kind))
	out = binary.AppendUvarint(out, uint64(n.Style))
	out = appendString(out, n.Tag)
	out = appendString(out, n.Value)
	out = binary.AppendUvarint(out, uint64(n.Line))
	out = binary.AppendUvarint(out, uint64(n.Column))
	out = binary.AppendUvarint(out, uint64(len(n.Content)))
	for _, c := range n.Content {
		var err error
		if out, err = encodeNode(out, name, c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func appendString(out []byte, s string) []byte {
	out = binary.AppendUvarint(out, uint64(len(s)))
	return append(out, s...)
}

var errNodes = errors.New("not an encoded node tree")

// decodeNodes is the node tree encoded in data when it was made from the YAML yamlData, else
// an error (another format, a stale or damaged tree: the caller parses the YAML instead).
// Nodes are allocated in one block.
func decodeNodes(data, yamlData []byte) (*yaml.Node, error) {
	if len(data) < len(nodesMagic)+4 || string(data[:len(nodesMagic)]) != nodesMagic {
		return nil, errNodes
	}
	data = data[len(nodesMagic):]
	if binary.BigEndian.Uint32(data) != crc32.ChecksumIEEE(yamlData) {
		return nil, errors.New("the node tree was made from another version of the YAML")
	}
	d := nodeDecoder{data: data[4:], text: string(data[4:])}
	d.allocate()
	root := d.node(0)
	if d.err != nil || len(d.data) != d.at {
		return nil, errNodes
	}
	return root, nil
}

type nodeDecoder struct {
	data  []byte
	text  string // data as a string: values are cut from it, not copied one by one
	at    int
	nodes []yaml.Node
	err   error
}

// allocate reads how many nodes follow and allocates them in one block (a node takes at
// least 7 bytes: a larger count is not believed; a smaller one costs more blocks).
func (d *nodeDecoder) allocate() {
	n := d.uint()
	d.nodes = make([]yaml.Node, 0, min(n, (len(d.data)-d.at)/7))
}

func (d *nodeDecoder) uint() int {
	v, n := binary.Uvarint(d.data[d.at:])
	if n <= 0 || v > 1<<31 {
		d.err = errNodes
		return 0
	}
	d.at += n
	return int(v)
}

func (d *nodeDecoder) str() string {
	n := d.uint()
	if d.err != nil || n > len(d.data)-d.at {
		d.err = errNodes
		return ""
	}
	s := d.text[d.at : d.at+n]
	d.at += n
	return s
}

func (d *nodeDecoder) node(depth int) *yaml.Node {
	if d.err != nil || depth > 1000 {
		d.err = errNodes
		return nil
	}
	if len(d.nodes) == cap(d.nodes) { // never moved: the tree points into the block
		d.nodes = make([]yaml.Node, 0, 256)
	}
	d.nodes = append(d.nodes, yaml.Node{})
	n := &d.nodes[len(d.nodes)-1]
	n.Kind = yaml.Kind(d.uint())
	n.Style = yaml.Style(d.uint())
	n.Tag = d.str()
	n.Value = d.str()
	n.Line = d.uint()
	n.Column = d.uint()
	count := d.uint()
	if d.err != nil || count > len(d.data)-d.at {
		d.err = errNodes
		return nil
	}
	if count > 0 {
		n.Content = make([]*yaml.Node, count)
		for i := range n.Content {
			n.Content[i] = d.node(depth + 1)
		}
	}
	return n
}
