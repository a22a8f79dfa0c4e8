package cli_test

// The generated man pages and completions (internal/gendocs, written by go generate) are
// tested here, with the commands they are made from: a test of their own package would link
// the whole command tree into one more test binary.

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/gendocs"
)

// TestGeneratedFilesUpToDate fails when completions/ or docs/man/ differ from what the
// command tree generates: run `go generate ./...` and commit the result.
func TestGeneratedFilesUpToDate(t *testing.T) {
	files, err := gendocs.Files()
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
	a, err := gendocs.Files()
	if err != nil {
		t.Fatal(err)
	}
	b, err := gendocs.Files()
	if err != nil {
		t.Fatal(err)
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two generations", name)
		}
	}
}

// Man pages are portable: ASCII only (non-ASCII as groff escapes) and an ISO date, which
// groff -man -ww and mandoc take without warnings (.ci/run runs groff on every page).
func TestManPagesPortable(t *testing.T) {
	files, err := gendocs.Files()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, data := range files {
		if !strings.HasPrefix(name, "docs/man/") {
			continue
		}
		n++
		for i, b := range data {
			if b >= 0x80 {
				t.Errorf("%s: byte %d is not ASCII: write it as a groff escape", name, i)
				break
			}
		}
		if !bytes.Contains(data, []byte(`.TH "DOSSIER" "1" "2026-01-01"`)) {
			t.Errorf("%s: the header's date is not ISO 8601", name)
		}
	}
	if n == 0 {
		t.Fatal("no man page generated")
	}
	if got := string(gendocs.PortableMan([]byte("l’appel × 2 😀"))); got != `l\[u2019]appel \[u00D7] 2 \[u1F600]` {
		t.Errorf("PortableMan = %s", got)
	}
}
