package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func newShowCmd(f *Factory) *cobra.Command {
	var output, as, lang string
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one case",
		GroupID: "cases",
		Long: `Show one case. ID may be any unique prefix of the id, in any case (2026-k7 finds
2026-K7M2Q). -o yaml prints the record file exactly as stored; -o json prints one
object with snake_case keys. --as AUDIENCE shows only what that audience may see
(dossier.yaml disclosure:): complainant, respondent, panel, public, internal.` + exitStatusHelp,
		Example: "  dossier show 2026-K7M2Q\n  dossier show 2026-k7 -o json | jq .status",
		Args:    exactArgs(1, "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			pr, err := f.printer(showOutput, output, outputGiven(cmd))
			if err != nil {
				return err
			}
			store, id, err := f.resolve(args[0])
			if err != nil {
				return err
			}
			if _, err := f.displayLang(lang, store.Profile); err != nil {
				return err // checked in every format: -o json has no labels, but a typo is never ignored
			}
			rec, err := store.LoadReadOnly(id) // the case and its bytes: no node tree needed
			if err != nil {
				return err
			}
			if as != "" {
				return showAs(f, pr, rec, as, lang)
			}
			return pr.Print(render.Output{Object: rec.Case,
				YAML: func() ([]byte, error) { return rec.Raw, nil },
				Text: func(w io.Writer) error {
					lb, err := f.labels(lang, store.Profile, false)
					if err != nil {
						return err
					}
					return writeCaseTextIn(w, &rec.Case, store.Profile, lb)
				}})
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: "+strings.Join(showOutput.Formats, ", "))
	cmd.Flags().StringVar(&as, "as", "", "show only what this audience may see (complainant, respondent, panel, public)")
	addLangFlag(cmd, &lang)
	return cmd
}

// exactArgs is cobra.ExactArgs with a message that names the missing argument.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			got := fmt.Sprintf("%d arguments", len(args))
			if len(args) == 1 {
				got = "1 argument"
			}
			return usageErrorf("%s needs %s (got %s): %s", cmd.Name(), names, got, cmd.UseLine())
		}
		return nil
	}
}

// labelMax is the widest label show aligns its values after.
const labelMax = 28

// receivedText is the value of show's Received line: the date, then how and in which language
// the case came in, each left out when the record has none. Codes read as "by mail (fr)"; labels
// are phrases ("Forwarded by police", "À l’audience") that no "by" or "par" fits before, so they
// go in parentheses: "(Forwarded by police, English)".
func receivedText(c *records.Case, lb *labeler, code func(kind, v string) string) string {
	channel, lang := code("channel", c.Channel), code("language", c.Language)
	if lb != nil {
		var how []string
		for _, v := range []string{channel, lang} {
			if v != "" {
				how = append(how, v)
			}
		}
		v := c.Received.String()
		if len(how) > 0 {
			v += " (" + strings.Join(how, ", ") + ")"
		}
		return strings.TrimSpace(v)
	}
	v := c.Received.String()
	if channel != "" {
		v += " by " + channel
	}
	if lang != "" {
		v += " (" + lang + ")"
	}
	return strings.TrimSpace(v)
}

// writeCaseTextIn prints the case for people; with a labeler, codes are printed as the
// profile's labels in its language (a nil one prints the codes).
func writeCaseTextIn(w io.Writer, c *records.Case, p *records.Profile, lb *labeler) error {
	code := func(kind, v string) string {
		if lb == nil && (kind == "service" || kind == "area") {
			cs, _ := p.Taxonomy(kind)
			return labelOf(cs, v)
		}
		return lb.of(kind, v)
	}
	codes := func(kind string, vs []string) string { return strings.Join(lb.list(kind, vs), ", ") }
	var b strings.Builder
	width := 14
	if lb != nil && lb.lang == "fr" {
		width = 20 // Examen préliminaire
	}
	for _, f := range declaredFieldLines(c, p, lb) {
		width = max(width, utf8.RuneCountInString(f.label))
	}
	// A profile's long field label ("Procureure ou procureur aux poursuites criminelles et
	// pénales") does not push every value to the right: past labelMax, it has its own line
	// and its value goes under it, in the values' column.
	width = min(width, labelMax)
	put := func(label, value string) {
		if utf8.RuneCountInString(label) > width {
			fmt.Fprintf(&b, "%s\n%-*s %s\n", label, width, "", value)
			return
		}
		fmt.Fprintf(&b, "%-*s %s\n", width, label, value)
	}
	line := func(label, value string) {
		label = lb.word(label)
		if value != "" {
			put(label, value)
		}
	}
	// more continues the field above on the lines below (a postal address).
	more := func(value string) {
		for _, l := range strings.Split(strings.TrimRight(value, "\n"), "\n") {
			line("", l)
		}
	}
	fmt.Fprintf(&b, "%s  %s  %s\n", c.ID, orDash(code("type", c.Type)), code("status", c.Status))
	line("Legacy ids", strings.Join(c.LegacyIDs, ", "))
	line("Received", receivedText(c, lb, code))
	if pt := c.Complainant; pt != nil {
		line("Complainant", partyText(pt))
		more(pt.Address)
	}
	if pt := c.Representative; pt != nil {
		line("Representative", partyText(pt))
		more(pt.Address)
	}
	if r := c.Respondent; r != nil {
		var officers []string
		for _, o := range r.Officers {
			officers = append(officers, strings.TrimSpace(o.Name+" "+orEmpty("#", o.Badge)))
		}
		line("Respondent", strings.TrimSpace(code("service", r.Service)+" "+strings.Join(officers, ", ")))
	}
	if in := c.Incident; in != nil {
		var parts []string
		for _, v := range []string{in.Date.String(), code("area", in.Area), in.Location} {
			if v != "" {
				parts = append(parts, v)
			}
		}
		line("Incident", strings.Join(parts, ", "))
	}
	line("Categories", codes("category", c.Categories))
	line("Flags", codes("flag", c.Flags))
	if s := c.Screening; s != nil {
		if act := screeningAction(c, p); act != "" {
			// a profile's own screening action (admit, refuse): its label says what was decided
			line(lb.action(act), strings.TrimSpace(fmt.Sprintf("%s %s %s", lb.word("on"), s.Decided, codes("ground", s.Grounds))))
		} else {
			line("Screening", strings.TrimSpace(fmt.Sprintf("%s %s %s %s", lb.word(s.Decision), lb.word("on"), s.Decided, codes("ground", s.Grounds))))
		}
	}
	line("Routing", code("routing", c.Routing))
	for _, r := range c.Referrals {
		v := lb.of("partner", r.To)
		if r.Purpose != "" { // a profile's refer action may record no purpose: no empty "()"
			v += " (" + lb.of("purpose", r.Purpose) + ")"
		}
		v += fmt.Sprintf(" %s %s", lb.word("sent"), r.Sent)
		if !r.Due.IsZero() {
			v += fmt.Sprintf(", %s %s", lb.word("due"), r.Due)
		}
		if !r.Returned.IsZero() {
			v += fmt.Sprintf(", %s %s %s", lb.word("returned"), r.Returned, lb.of("outcome", r.Finding))
		}
		line("Referral", v)
	}
	for _, r := range c.Requests {
		v := fmt.Sprintf("%s %s %s, %s %s, %s %s", lb.of("item", r.Item), lb.word("from"), lb.of("partner", r.From), lb.word("sent"), r.Sent, lb.word("due"), r.Due)
		if !r.Received.IsZero() {
			v += ", " + lb.word("received") + " " + r.Received.String()
		}
		line("Request", v)
	}
	if r := c.Review; r != nil {
		v := lb.word("requested") + " " + r.Requested.String()
		if !r.Decided.IsZero() {
			v += fmt.Sprintf(", %s %s%s %s", lb.word("decided"), r.Decided, lb.word(":"), lb.of("review_outcome", r.Outcome))
		}
		line("Review", v)
	}
	if d := c.Disposition; d != nil {
		label := "Closed"
		if lb != nil { // the profile's word for it: a complaint is fermée, a file fermé
			label = lb.of("status", records.StatusClosed)
		}
		line(label, strings.TrimSpace(fmt.Sprintf("%s %s %s", d.Closed, lb.of("outcome", d.Outcome), orEmpty("— ", d.Reason))))
	}
	for _, f := range declaredFieldLines(c, p, lb) {
		put(f.label, f.lines[0])
		for _, l := range f.lines[1:] {
			more(l)
		}
	}
	if c.Summary != "" {
		b.WriteString("\n" + lb.word("Summary") + "\n")
		for _, l := range strings.Split(strings.TrimRight(c.Summary, "\n"), "\n") {
			b.WriteString("  " + l + "\n")
		}
	}
	if len(c.History) > 0 {
		b.WriteString("\n" + lb.word("History") + "\n")
		timeline := records.Timeline(c)
		actWidth := 16 // the actions' labels in one column, however long a profile's are
		for _, e := range timeline {
			actWidth = max(actWidth, utf8.RuneCountInString(lb.action(e.Do)))
		}
		for _, e := range timeline {
			fmt.Fprintf(&b, "  %s  %-*s %s %s\n", records.EntryDate(e), actWidth, lb.action(e.Do), e.By, oneLine(lb.detail(e.Do, e.Detail)))
		}
	}
	_, err := io.WriteString(w, render.Printable(strings.ReplaceAll(b.String(), " \n", "\n")))
	return err
}

// screeningAction is the profile's own action (not dossier's screen verb) that made the
// case's screening decision: the latest entry of an action whose role is to screen in or
// out; "" when the decision was the built-in screen's, or none is found.
func screeningAction(c *records.Case, p *records.Profile) string {
	for i := len(c.History) - 1; i >= 0; i-- {
		do := c.History[i].Do
		if do == records.ActScreenIn || do == records.ActScreenOut {
			return ""
		}
		if d := p.Workflow.Actions.Find(do); d != nil && (d.Role == records.RoleScreenIn || d.Role == records.RoleScreenOut) {
			return do
		}
	}
	return ""
}

func partyText(p *records.Party) string {
	parts := []string{p.Name}
	if p.Organization != "" {
		parts = append(parts, "("+p.Organization+")")
	}
	if p.Email != "" {
		parts = append(parts, "<"+p.Email+">")
	}
	if p.Phone != "" {
		parts = append(parts, p.Phone)
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

func labelOf(cs records.Codes, code string) string {
	if c := cs.Find(code); c != nil && c.En != "" {
		return code + " (" + c.En + ")"
	}
	return code
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func orEmpty(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ⏎ ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}
