package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/templates"
)

// BenchmarkLoad is one command's settings: an Ontario repository as init writes it.
func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"ontario-oversight", "quebec-alternative-measures"} {
		b.Run(name, func(b *testing.B) {
			root := b.TempDir()
			data, err := InitFile(name)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, FileName), data, 0o644); err != nil {
				b.Fatal(err)
			}
			getenv := func(k string) string {
				if k == "HOME" {
					return root
				}
				return ""
			}
			_ = templates.DefaultProfileName
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(Input{Getenv: getenv, Root: root}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
