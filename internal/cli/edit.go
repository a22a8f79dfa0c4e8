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
	"github.com/dossier-dev/dossier/records/codec"
	recstore "github.com/dossier-dev/dossier/records/store"
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
dossier asks whether to edit again (the editor then opens with the problems listed at
the top, your text intact). Answer no, quit without saving (or save an unchanged file) to
abandon: your text is then kept in .dossier/edits/ID.yaml. Off a terminal there is
nobody to ask: an invalid save abandons at once (exit 1), keeping the text the same way.
A file left empty abandons the edit. An unchanged record writes nothing.

The copy you edit is in .dossier/editing/ (mode 0600), never in the system's temp
directory; the copy of an edit that was killed is removed by the next edit, and purge
removes the copies and kept texts of the cases it disposes of.

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
	// The working copy lives under .dossier/editing (mode 0600), never in the system's temp
	// directory: a killed edit leaves it where the next edit sweeps it and purge finds it.
	work, err := store.NewEditCopy(id, orig.Raw)
	if err != nil {
		return fmt.Errorf("preparing the copy to edit: %w", err)
	}
	defer work.Close()
	tmp := work.Path
	text := orig.Raw
	ask := newPrompter(f) // one reader of stdin for every question
	for round := 0; ; round++ {
		if round > 0 {
			if err := work.Write(text); err != nil {
				return err
			}
		}
		if err := f.runEditor(tmp); err != nil {
			// The person may have typed a lot before the editor failed: keep their text.
			if saved, rerr := work.Read(); rerr == nil && !bytes.Equal(saved, orig.Raw) {
				if keep, kerr := keepEdit(f, id, saved); kerr == nil {
					return fmt.Errorf("%v; your text is in %s", err, keep)
				}
			}
			return err
		}
		saved, err := work.Read()
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(stripEditHeader(saved))) == 0 {
			return fmt.Errorf("edit abandoned: the editor left the file empty: nothing saved")
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
			data, err := codec.EncodeRecord(rec)
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
		// An editor that always writes an invalid file must not loop: ask before opening it
		// again, and off a terminal (nobody to ask) stop here.
		if !f.editAgain(ask, id, problems) {
			why := "the record has problems"
			if !f.interactive() {
				why += " and there is no terminal to ask whether to edit again"
			}
			keep, kerr := keepEdit(f, id, text)
			if kerr != nil {
				return fmt.Errorf("edit abandoned: %s, and the text could not be kept: %v", why, kerr)
			}
			return fmt.Errorf("edit abandoned: %s: nothing saved; your text, with the problems on top, is in %s", why, keep)
		}
	}
}

// editAgain asks whether to open the editor again on a record with problems; off a terminal
// there is nobody to ask, and the answer is no.
func (f *Factory) editAgain(ask *prompter, id string, problems []string) bool {
	if !f.interactive() {
		return false
	}
	for _, p := range problems {
		fmt.Fprintln(f.Err, "  "+strings.ReplaceAll(p, "\n", " "))
	}
	ans, err := ask.line(fmt.Sprintf("%s: not saved, the record has the problems above. Edit again? [Y/n] ", id))
	if err != nil {
		return false
	}
	switch strings.ToLower(ans) {
	case "", "y", "yes", "o", "oui":
		return true
	}
	return false
}

// checkEdited parses and validates an edited record; problems are ready to show the person.
func checkEdited(store *recstore.Store, orig *records.Record, body []byte, a records.Act) (*records.Record, []string) {
	rec, err := codec.Parse(orig.Path, body)
	if err != nil {
		return nil, []string{err.Error()}
	}
	if err := records.CheckEdit(&orig.Case, &rec.Case); err != nil {
		return nil, []string{orig.Path + ": " + err.Error()}
	}
	records.AppendEdit(&rec.Case, a)
	if st, err := store.Profile.DeriveStatus(rec.Case.History); err == nil {
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
	rec, err := codec.Parse(orig.Path, body)
	if err != nil {
		return false
	}
	a, aerr := codec.EncodeRecord(rec)
	b, berr := codec.EncodeRecord(orig)
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
	cmd.Stdout, cmd.Stderr = f.Out, f.Err
	// The editor reads the terminal itself: handed a reader that is not a file, exec would
	// copy it into the editor and eat the answers meant for the prompts after it.
	if in, ok := f.In.(*os.File); ok {
		cmd.Stdin = in
	}
	cmd.Dir, cmd.Env = f.Dir, f.Environ
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("the editor (%s) exited with status %d: nothing saved", f.editor(), ee.ExitCode())
		}
		return fmt.Errorf("running the editor %q: %v (set VISUAL or EDITOR)", f.editor(), err)
	}
	return nil
}

// keepEdit saves an abandoned edit under .dossier/edits so the person's text is not lost
// (purge removes it with the case's personal data).
func keepEdit(f *Factory, id string, text []byte) (string, error) {
	root, err := f.Root()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, filepath.FromSlash(recstore.EditsDir))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	p := filepath.Join(dir, id+".yaml")
	return p, os.WriteFile(p, text, 0o600)
}
