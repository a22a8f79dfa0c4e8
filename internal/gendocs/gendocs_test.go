package gendocs

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestGeneratedFilesUpToDate fails when completions/ or docs/man/ differ from what the
// command tree generates: run `go generate ./...` and commit the result.
func TestGeneratedFilesUpToDate(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join("..", "..")
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		got, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, files[name]) {
			t.Errorf("%s is out of date: run `go generate ./...` and commit it", name)
		}
	}
	committed, _ := filepath.Glob(filepath.Join(repo, "docs", "man", "*.1"))
	for _, p := range committed {
		rel, _ := filepath.Rel(repo, p)
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			t.Errorf("%s is no longer generated: run `go generate ./...` to remove it", rel)
		}
	}
}

// TestGenerationIsDeterministic: two generations give the same bytes.
func TestGenerationIsDeterministic(t *testing.T) {
	a, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two generations", name)
		}
	}
}
