package config

import (
	"testing"

	"github.com/dossier-dev/dossier/templates"
)

// FuzzDecodeNodes: decoding damaged bytes never panics, and a tree it accepts encodes
// back to the same bytes' start (the tree it describes).
func FuzzDecodeNodes(f *testing.F) {
	yamlData := []byte("a: 1\n")
	good, err := EncodeNodes("seed", yamlData)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add([]byte(nodesMagic + "\x00\x00\x00\x00\xff\xff\xff\xff\x0f"))
	if data, ok := templates.ProfileNodes(templates.DefaultProfileName); ok {
		f.Add(data[:200])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = decodeNodes(data, yamlData)
	})
}

func BenchmarkEmbeddedProfileParse(b *testing.B) {
	data, _ := templates.Profile(templates.DefaultProfileName)
	for b.Loop() {
		if _, err := parse("p", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEmbeddedProfileNodes(b *testing.B) {
	data, _ := templates.Profile(templates.DefaultProfileName)
	nodes, _ := templates.ProfileNodes(templates.DefaultProfileName)
	for b.Loop() {
		if _, err := decodeNodes(nodes, data); err != nil {
			b.Fatal(err)
		}
	}
}
