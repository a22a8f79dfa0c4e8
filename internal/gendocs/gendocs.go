// Package gendocs writes the shell completion scripts and man pages generated from the
// command tree. Output is deterministic (no generation date), so the committed files can be
// checked against the binary: TestGeneratedFilesUpToDate fails when they drift.
package gendocs

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/internal/cli"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// manDate is the date printed in the man pages' header: fixed, so regeneration is stable.
var manDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Files returns every generated file by its path relative to the repository root.
func Files() (map[string][]byte, error) {
	root, err := cli.NewRootForDocs()
	if err != nil {
		return nil, err
	}
	root.DisableAutoGenTag = true
	files := map[string][]byte{}
	gens := map[string]func(*bytes.Buffer) error{
		"completions/dossier.bash": func(b *bytes.Buffer) error { return root.GenBashCompletionV2(b, true) },
		"completions/_dossier":     func(b *bytes.Buffer) error { return root.GenZshCompletion(b) },
		"completions/dossier.fish": func(b *bytes.Buffer) error { return root.GenFishCompletion(b, true) },
		"completions/dossier.ps1":  func(b *bytes.Buffer) error { return root.GenPowerShellCompletionWithDesc(b) },
	}
	for name, gen := range gens {
		var b bytes.Buffer
		if err := gen(&b); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files[name] = b.Bytes()
	}
	header := &doc.GenManHeader{Title: "DOSSIER", Section: "1", Date: &manDate, Source: "dossier", Manual: "dossier manual"}
	var walk func(c *cobra.Command) error
	walk = func(c *cobra.Command) error {
		if c.Hidden || !c.IsAvailableCommand() && c != root {
			return nil
		}
		var b bytes.Buffer
		if err := doc.GenMan(c, header, &b); err != nil {
			return err
		}
		files["docs/man/"+strings.ReplaceAll(c.CommandPath(), " ", "-")+".1"] = PortableMan(b.Bytes())
		for _, sub := range c.Commands() {
			if err := walk(sub); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root); err != nil {
		return nil, err
	}
	return files, nil
}

// Write writes the generated files under dir, removing stale man pages.
func Write(dir string) error {
	files, err := Files()
	if err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "docs", "man", "*.1"))
	for _, p := range old {
		rel, _ := filepath.Rel(dir, p)
		if _, keep := files[filepath.ToSlash(rel)]; !keep {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// PortableMan makes a page every man(7) reader takes without warnings (groff -man -ww,
// mandoc): the header's date in ISO 8601 (cobra writes "Jan 2026", which mandoc cannot parse)
// and every non-ASCII character as a groff escape (\[u2019] for ’).
func PortableMan(page []byte) []byte {
	page = bytes.Replace(page, []byte(`"`+manDate.Format("Jan 2006")+`"`), []byte(`"`+manDate.Format("2006-01-02")+`"`), 1)
	var b bytes.Buffer
	for _, r := range string(page) {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		if r > 0xFFFF {
			fmt.Fprintf(&b, "\\[u%05X]", r)
		} else {
			fmt.Fprintf(&b, "\\[u%04X]", r)
		}
	}
	return b.Bytes()
}
