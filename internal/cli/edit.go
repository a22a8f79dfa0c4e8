package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

const editHeader = "# dossier: "

func newEditCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "edit ID",
		Short:   "Edit a case in your editor",
		GroupID: "cases",
		Long: `Open the case's record in $VISUAL, else $EDITOR, else vi. When you save, dossier reads
the record strictly and validates it: a valid record is written (canonical form, your
comments kept) with an edit entry in its history; an invalid one is not written, and
the editor opens again with the problems listed at the top, your text intact. Quit
without saving (or save an unchanged file) to abandon: your text is then kept in
.dossier/edits/ID.yaml. An unchanged record writes nothing.

An edit may not change the id, rewrite history entries, or undo a screen-out.` + exitStatusHelp,
		Example: "  dossier edit 2026-K7M2Q\n  EDITOR=nano dossier edit 2026-k7",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEdit(f, args[0])
		},
	}
}

// editor is the user's editor: $VISUAL, $EDITOR, DOSSIER_EDITOR or the user's config.yaml
// (never the repository's dossier.yaml), else vi.
func (f *Factory) editor() string {
	configured := ""
	if s, err := f.runSettings(); err == nil {
		configured = s.Editor
	}
	for _, e := range []string{f.Getenv("VISUAL"), f.Getenv("EDITOR"), configured} {
		if strings.TrimSpace(e) != "" {
			return e
		}
	}
	return "vi"
}

func runEdit(f *Factory, arg string) error {
	store, id, err := f.resolve(arg)
	if err != nil {
		return err
	}
	orig, err := store.Load(id)
	if err != nil {
		return err
	}
	a, err := f.act("")
	if err != nil {
		return err
	}
	tmpDir, err := os.MkdirTemp("", "dossier-edit-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, id+".yaml")
	text := orig.Raw
	for {
		if err := os.WriteFile(tmp, text, 0o600); err != nil {
			return err
		}
		if err := f.runEditor(tmp); err != nil {
			// The person may have typed a lot before the editor failed: keep their text.
			if saved, rerr := os.ReadFile(tmp); rerr == nil && !bytes.Equal(saved, orig.Raw) {
				if keep, kerr := keepEdit(f, id, saved); kerr == nil {
					return fmt.Errorf("%v; your text is in %s", err, keep)
				}
			}
			return err
		}
		saved, err := os.ReadFile(tmp)
		if err != nil {
			return err
		}
		if bytes.Equal(saved, orig.Raw) {
			f.Talk("%s: no changes", id)
			return nil
		}
		if bytes.Equal(saved, text) {
			keep, kerr := keepEdit(f, id, saved)
			if kerr != nil {
				return fmt.Errorf("edit abandoned and the text could not be kept: %v", kerr)
			}
			return fmt.Errorf("edit abandoned: the record still has problems; your text is in %s", keep)
		}
		body := stripEditHeader(saved)
		if sameRecord(orig, body) {
			f.Talk("%s: no changes", id)
			return nil
		}
		// Parsed with the header lines blanked, so that the line numbers of the problems
		// are those the person sees in the editor.
		rec, problems := checkEdited(store, orig, blankEditHeader(saved), a)
		if len(problems) == 0 {
			data, err := rec.Encode()
			if err != nil {
				return err
			}
			if err := store.WriteRaw(id, data, orig.Raw); err != nil {
				if keep, kerr := keepEdit(f, id, body); kerr == nil {
					return fmt.Errorf("%v; your text is in %s", err, keep)
				}
				return err
			}
			f.Talk("%s: saved", id)
			return f.commitCase(id, "edit", "edit "+id)
		}
		var hdr strings.Builder
		hdr.WriteString(editHeader + "this record was NOT saved. Fix the problems below and save again,\n")
		hdr.WriteString(editHeader + "or quit without saving to abandon (your text is then kept).\n")
		for _, p := range problems {
			hdr.WriteString(editHeader + strings.ReplaceAll(p, "\n", " ") + "\n")
		}
		text = append([]byte(hdr.String()), body...)
	}
}

// checkEdited parses and validates an edited record; problems are ready to show the person.
func checkEdited(store *records.Store, orig *records.Record, body []byte, a records.Act) (*records.Record, []string) {
	rec, err := records.Parse(orig.Path, body)
	if err != nil {
		return nil, []string{err.Error()}
	}
	if err := records.CheckEdit(&orig.Case, &rec.Case); err != nil {
		return nil, []string{orig.Path + ": " + err.Error()}
	}
	records.AppendEdit(&rec.Case, a)
	if st, err := records.DeriveStatus(rec.Case.History); err == nil {
		rec.Case.Status = st
	}
	var out []string
	probs := records.Validate(rec, store.Profile)
	for _, e := range records.Located(rec, probs) {
		if !e.IsWarning() {
			out = append(out, e.Error())
		}
	}
	return rec, out
}

// sameRecord reports whether an edited text is the original record in another layout (say,
// re-indented, or a flow mapping written out): it writes nothing, like an unchanged file.
func sameRecord(orig *records.Record, body []byte) bool {
	rec, err := records.Parse(orig.Path, body)
	if err != nil {
		return false
	}
	a, aerr := rec.Encode()
	b, berr := orig.Encode()
	return aerr == nil && berr == nil && bytes.Equal(a, b)
}

// blankEditHeader empties the header lines, keeping the line count.
func blankEditHeader(b []byte) []byte {
	body := stripEditHeader(b)
	return append(bytes.Repeat([]byte("\n"), bytes.Count(b[:len(b)-len(body)], []byte("\n"))), body...)
}

func stripEditHeader(b []byte) []byte {
	for bytes.HasPrefix(b, []byte(editHeader)) {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil
		}
		b = b[i+1:]
	}
	return b
}

func (f *Factory) runEditor(file string) error {
	cmd := exec.Command("sh", "-c", f.editor()+` "$1"`, "editor", file)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("the editor (%s) exited with status %d: nothing saved", f.editor(), ee.ExitCode())
		}
		return fmt.Errorf("running the editor %q: %v (set VISUAL or EDITOR)", f.editor(), err)
	}
	return nil
}

// keepEdit saves an abandoned edit under .dossier/edits so the person's text is not lost.
func keepEdit(f *Factory, id string, text []byte) (string, error) {
	root, err := f.Root()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, records.CacheDir, "edits")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	p := filepath.Join(dir, id+".yaml")
	return p, os.WriteFile(p, text, 0o600)
}
