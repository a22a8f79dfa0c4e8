package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/internal/letters"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/privacy"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/dossier-dev/dossier/templates"
	"github.com/spf13/cobra"
)

type letterOptions struct {
	Lang, To, Format, File string
	Referral, Request      string
	List                   bool
}

func newLetterCmd(f *Factory) *cobra.Command {
	var opts letterOptions
	cmd := &cobra.Command{
		Use:     "letter ID TEMPLATE | letter --list",
		Short:   "Write a letter from a template, disclosing only what its reader may see",
		GroupID: "cases",
		Long: `Write a letter about a case from a template: Markdown (md), plain text wrapped at
72 columns (txt), a web page with a print stylesheet (html) or a PDF (pdf).

The letter is in the case's language unless --lang says otherwise, and is written for
the template's natural reader (letter --list shows them) unless --to names another
audience: internal, complainant, respondent (the police service), panel, public, or
any other that dossier.yaml defines under disclosure:. The case is redacted for that
audience before the template sees it, so a letter never shows a field its reader may
not see.

letter ID without a TEMPLATE names the letters the case is in a state for now.

Each template says in its front matter when it applies: the statuses the case may be
in (applies: status:) and the facts that must hold (facts:) or must not (unless:):
screened-out, withdrawn, redirected, open-investigation-referral, overdue-referral,
open-request-from-reader, decision, review-window-open, review-requested; a profile with
its own workflow also names the actions the history must hold (after:) and the outcomes
of a closed case (outcome:). A letter for a case in any other state is refused (exit 4)
before anything is written: no closing letter for an open case, no reminder for a report
not yet due. Dates and names in a letter come from the facts it speaks of (the overdue
referral, the decision that opened the review window), and a value the case does not have
is an error naming the template's line unless the template says what to print instead.

When the letter could speak of several obligations (two overdue referrals, two open
requests from its reader), --referral PARTNER or --request ITEM chooses one; without
it the letter exits 2 listing them.

Templates are embedded (a profile may bring its own letters instead of the default
ones: the quebec-alternative-measures profile does); a file
templates/letters/NAME.LANG.md.tmpl in the records repository replaces the embedded one of
the same name (keeping its applies: unless it declares its own), or adds a new letter
(which must declare applies:). An override may not be written for a reader who sees more
than the embedded template's reader unless dossier.yaml lists it under templates:
{allow_wider: [NAME]}. 'dossier check' verifies that every template parses, exists in
every language, declares known statuses and facts, and widens no reader.` + exitStatusHelp + `
     here also: the case is not in a state for the letter, or an override widens its reader`,
		Example: `  dossier letter --list
  dossier letter 2026-K7M2Q acknowledgement
  dossier letter 2026-K7 screened-out --lang en --format pdf -O decision.pdf
  dossier letter 2026-K7M2Q referral-notice --to respondent --format html -O referral.html
  dossier letter 2026-K7M2Q overdue-reminder --referral siu
  dossier letter 2026-K7M2Q information-request --request photos`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.List {
				if len(args) > 0 {
					return usageErrorf("letter --list takes no arguments")
				}
				return nil
			}
			if len(args) == 1 { // the ID alone: the refusal lists the letters the case is in a state for
				return nil
			}
			return exactArgs(2, "ID and TEMPLATE")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.List {
				return listLetters(f)
			}
			if len(args) == 1 {
				return lettersFor(f, args[0])
			}
			return runLetter(f, args[0], args[1], opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.List, "list", false, "list the templates, their languages and readers")
	fl.StringVar(&opts.Lang, "lang", "", "the letter's language (default: the case's)")
	fl.StringVar(&opts.To, "to", "", "the audience the letter is for (default: the template's reader)")
	fl.StringVar(&opts.Format, "format", "md", "output format: "+strings.Join(letters.Formats, ", "))
	fl.StringVarP(&opts.File, "output-file", "O", "", "write to FILE (atomically, creating its directory) instead of stdout")
	fl.StringVar(&opts.Referral, "referral", "", "the referral the letter speaks of, by `PARTNER`, when the case has several")
	fl.StringVar(&opts.Request, "request", "", "the request the letter speaks of, by `ITEM`, when the reader owes several")
	return cmd
}

func runLetter(f *Factory, idArg, name string, opts letterOptions) error {
	if err := render.CheckFormat(opts.Format, letters.Formats); err != nil {
		return usageErrorf("--format: unknown letter format %q: use one of %s", opts.Format, strings.Join(letters.Formats, ", "))
	}
	store, rec, set, err := f.letterCase(idArg)
	if err != nil {
		return err
	}
	lang := opts.Lang
	if lang == "" {
		lang = rec.Case.Language
	}
	if lang == "" && len(store.Profile.Languages) > 0 {
		lang = store.Profile.Languages[0].Code
	}
	tmpl, err := set.Get(name, lang)
	var unknown *letters.UnknownTemplateError
	if errors.As(err, &unknown) && (len(unknown.Langs) == 0 || opts.Lang != "") {
		return usageErrorf("%v", err) // a name or --lang the set does not have; a case's language it lacks is the repository's to fix
	}
	if err != nil {
		return err
	}
	policy, err := f.disclosure()
	if err != nil {
		return err
	}
	if err := tmpl.Widening(policy, f.allowWider()); err != nil {
		return err
	}
	to := opts.To
	if to == "" {
		to = tmpl.Reader
	}
	redacted, err := f.redact(&rec.Case, policy, to)
	var audience *privacy.UnknownAudienceError
	if errors.As(err, &audience) && opts.To != "" {
		return usageErrorf("--to: %v", err)
	}
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	today, err := f.Today()
	if err != nil {
		return err
	}
	doc, err := letters.Render(tmpl, letters.Input{
		Case: redacted, Full: &rec.Case, Profile: store.Profile, Lang: lang, To: to, Today: today,
		Choice: letters.Choice{Referral: opts.Referral, Request: opts.Request},
		Office: f.office(lang),
	})
	if err != nil {
		return err
	}
	if opts.Format == "pdf" {
		records.VisitText(redacted, func(field, v string) {
			if letters.OutsidePDFFont(v) {
				f.Warn("%s: %s: characters outside the PDF font (emoji and others beyond U+FFFF) are printed as U+FFFD (�); the record keeps them", rec.Case.ID, field)
			}
		})
	}
	var b bytes.Buffer
	if err := doc.Write(&b, opts.Format); err != nil {
		return err
	}
	return f.writeReport(opts.File, b.Bytes())
}

// letterCase is the case idArg names, its store and the letter templates.
func (f *Factory) letterCase(idArg string) (*recstore.Store, *records.Record, *letters.Set, error) {
	store, id, err := f.resolve(idArg)
	if err != nil {
		return nil, nil, nil, err
	}
	rec, err := store.LoadReadOnly(id) // letters read the case only
	if err != nil {
		return nil, nil, nil, err
	}
	set, err := f.letterSet()
	return store, rec, set, err
}

// lettersFor is the refusal of `letter ID` without a template: the templates the case is in
// a state for now (those that need --referral or --request count), in its language.
func lettersFor(f *Factory, idArg string) error {
	store, rec, set, err := f.letterCase(idArg)
	if err != nil {
		return err
	}
	today, err := f.Today()
	if err != nil {
		return err
	}
	var now []string
	for _, name := range set.Names() {
		tmpl, err := set.Get(name, set.Langs(name)[0])
		if err != nil {
			continue
		}
		var notFor *letters.NotApplicableError
		if _, err := tmpl.Check(&rec.Case, store.Profile, today, letters.Choice{}); !errors.As(err, &notFor) {
			now = append(now, name)
		}
	}
	if len(now) == 0 {
		return usageErrorf("letter needs a TEMPLATE after the id, and no letter applies to %s now (%s): `dossier letter --list` shows every template", rec.Case.ID, rec.Case.Status)
	}
	return usageErrorf("letter needs a TEMPLATE after the id; %s (%s) can have: %s", rec.Case.ID, rec.Case.Status, strings.Join(now, ", "))
}

func listLetters(f *Factory) error {
	set, err := f.letterSet()
	if err != nil {
		return err
	}
	t := render.Table{Header: []string{"TEMPLATE", "LANGUAGES", "READER", "SOURCE", "TITLE"}}
	for _, name := range set.Names() {
		langs := set.Langs(name)
		first, _ := set.Get(name, langs[0])
		en, err := set.Get(name, "en")
		if err != nil {
			en = first
		}
		source := "embedded"
		for _, l := range langs {
			if tm, _ := set.Get(name, l); tm != nil && tm.Override {
				source = "repository"
			}
		}
		t.Rows = append(t.Rows, []string{name, strings.Join(langs, ","), set.Reader(name), source, en.Title})
	}
	pr, err := f.printer(lettersOutput, "", false)
	if err != nil {
		return err
	}
	return pr.Print(render.Output{Table: t})
}

// letterSet is the embedded letter templates overlaid with the repository's
// templates/letters/, read through the repository root (a symlink cannot lead out of it).
func (f *Factory) letterSet() (*letters.Set, error) {
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	p, err := f.Profile()
	if err != nil {
		return nil, err
	}
	load, ok := embeddedLetters()[p.Name]
	if !ok {
		// a profile of the repository's own: the embedded letters speak of another office's
		// cases; its letters are its own templates/letters/
		return letters.LoadProfile(noFiles{}, p.Name, r.FS())
	}
	base, err := load()
	if err != nil {
		return nil, err
	}
	return base.Overlay(r.FS())
}

// embeddedLetters are the letters dossier embeds for each embedded profile, each set read
// once per process (a constant of the binary, only read afterwards), as the profiles are.
var embeddedLetters = sync.OnceValue(func() map[string]func() (*letters.Set, error) {
	sets := map[string]func() (*letters.Set, error){}
	for _, name := range templates.ProfileNames() {
		sets[name] = sync.OnceValues(func() (*letters.Set, error) { return letters.LoadEmbedded(templates.FS, name) })
	}
	return sets
})

// noFiles is a file system with nothing in it.
type noFiles struct{}

func (noFiles) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// disclosure is the office's disclosure policy (dossier.yaml disclosure:, over the embedded
// default), checked: a field name the records do not have is an error, not a silent leak
// or loss.
func (f *Factory) disclosure() (privacy.Policy, error) {
	if _, err := f.Root(); err != nil {
		return nil, err
	}
	p, err := f.disclosurePolicy()
	if err != nil {
		return nil, err
	}
	prof, err := f.Profile()
	if err != nil {
		return nil, err
	}
	if probs := p.ValidateFor(prof); len(probs) > 0 {
		return nil, fmt.Errorf("dossier.yaml: %s", records.Joined(probs))
	}
	return p, nil
}

// letterProblems is what check reports about the letter templates and the disclosure policy:
// a template that does not parse or lacks a language is a problem naming its file.
func letterProblems(f *Factory) ([]records.Problem, error) {
	p, err := f.Profile()
	if err != nil {
		return nil, err
	}
	policy, err := f.disclosure()
	if err != nil {
		return []records.Problem{{Msg: err.Error()}}, nil
	}
	set, err := f.letterSet()
	if err != nil {
		return nil, err
	}
	return set.Check(letterCheckOptions(p, policy, f.allowWider())), nil
}

// letterCheckOptions is what check holds the letters to: the statuses, actions and outcomes of
// the profile's workflow.
func letterCheckOptions(p *records.Profile, policy privacy.Policy, allowWider []string) letters.CheckOptions {
	o := letters.CheckOptions{Langs: p.Languages.List(), Policy: policy, Statuses: p.Workflow.StatusCodes(), AllowWider: allowWider}
	for _, a := range p.Workflow.Actions {
		o.Actions = append(o.Actions, a.Name)
	}
	o.Outcomes = p.AllOutcomes().List()
	return o
}

// allowWider is dossier.yaml's templates.allow_wider: the letter templates whose office
// override may be written for a reader who sees more than the embedded template's reader.
func (f *Factory) allowWider() []string {
	s, err := f.Settings()
	if err != nil {
		return nil
	}
	return s.Templates.AllowWider
}

// showAs prints the case as audience may see it: the redacted copy, in text (labelled as
// show's own text is: on a terminal or with --lang), YAML (canonical encoding of the copy;
// the file's comments are not disclosed) or JSON.
func showAs(f *Factory, pr *render.Printer, rec *records.Record, audience, lang string) error {
	policy, err := f.disclosure()
	if err != nil {
		return err
	}
	c, err := f.redact(&rec.Case, policy, audience)
	if err != nil {
		return usageErrorf("--as: %v", err)
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	return pr.Print(render.Output{Object: c,
		YAML: func() ([]byte, error) { return codec.Encode(c) },
		Text: func(w io.Writer) error {
			lb, err := f.labels(lang, store.Profile, false)
			if err != nil {
				return err
			}
			return writeCaseTextIn(w, c, store.Profile, lb)
		}})
}
