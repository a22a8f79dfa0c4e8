package cli

import (
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/locale"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	"github.com/spf13/cobra"
)

// fieldFlagHelp is the help of --field, the same on every command that takes it.
const fieldFlagHelp = "a field the profile declares, `NAME=VALUE` (repeat for several; codes: comma-separated; a list adds one item: NAME=SUB=VALUE,SUB=VALUE)"

// setFieldFlags sets each --field NAME=VALUE on c through the profile's rules (SetField), in
// the order given: a codes field given twice gets both, a list field given twice two items.
func setFieldFlags(p *records.Profile, c *records.Case, flags []string) error {
	for _, fl := range flags {
		name, value, ok := strings.Cut(fl, "=")
		if !ok || strings.TrimSpace(name) == "" {
			ex := "NAME=VALUE"
			if names := p.FieldNames(); len(names) > 0 {
				ex = names[0] + "=VALUE (declared fields: " + strings.Join(names, ", ") + ")"
			}
			return usageErrorf("--field: write NAME=VALUE, e.g. --field %s", ex)
		}
		if err := p.SetField(c, strings.TrimSpace(name), value); err != nil {
			return err
		}
	}
	return nil
}

// fieldFlag is the flag that sets the declared field of a fields.NAME path: --field NAME.
func fieldFlag(field string) (string, bool) {
	rest, ok := strings.CutPrefix(field, "fields.")
	if !ok || rest == "" {
		return "", false
	}
	if i := strings.IndexAny(rest, ".["); i >= 0 {
		rest = rest[:i]
	}
	return "--field " + rest, true
}

// fieldLine is a declared field as show prints it: its label and its value's lines.
type fieldLine struct {
	label string
	lines []string
}

// declaredFieldLines are the case's declared fields for show, in the order the profile declares
// them, labelled in the labeler's language (English without one); a field the record holds but
// the profile does not declare (any more) follows under its name, so that nothing is hidden.
func declaredFieldLines(c *records.Case, p *records.Profile, lb *labeler) []fieldLine {
	if len(c.Fields) == 0 {
		return nil
	}
	lang := "en"
	if lb != nil {
		lang = lb.lang
	}
	var out []fieldLine
	add := func(label, name string) {
		if v := c.Field(name); !v.IsZero() {
			out = append(out, fieldLine{label, strings.Split(p.FieldText(name, v, lang, locale.Money), "\n")})
		}
	}
	for _, def := range p.Fields {
		add(def.Label(lang), def.Name)
	}
	var undeclared []string
	for name := range c.Fields {
		if p.Fields.Find(name) == nil {
			undeclared = append(undeclared, name)
		}
	}
	slices.Sort(undeclared)
	for _, name := range undeclared {
		add(name, name)
	}
	return out
}

// redact is privacy.RedactFor under the repository's profile: its declared fields are disclosed
// by their own class or by name.
func (f *Factory) redact(c *records.Case, policy privacy.Policy, audience string) (*records.Case, error) {
	r, err := f.redactor(policy, audience)
	if err != nil {
		return nil, err
	}
	return r.Redact(c), nil
}

// redactor is redact compiled once for the commands that redact many cases (export, reports).
func (f *Factory) redactor(policy privacy.Policy, audience string) (*privacy.Redactor, error) {
	p, err := f.Profile()
	if err != nil {
		return nil, err
	}
	return privacy.NewRedactor(p, policy, audience)
}

// registerFieldCompletion completes --field of a command that sets declared fields: NAME= for
// each declared field, then after NAME= the codes of a code, codes or partner field (the last
// of a comma-separated list).
func registerFieldCompletion(f *Factory, cmd *cobra.Command) {
	completeFlag(f, cmd, "field", func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		p, err := f.Profile()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return completeSetField(p, toComplete)
	})
}

func completeSetField(p *records.Profile, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	name, value, ok := strings.Cut(toComplete, "=")
	var out []cobra.Completion
	if !ok {
		for _, fd := range p.Fields {
			if strings.HasPrefix(fd.Name, name) {
				out = append(out, cobra.CompletionWithDesc(fd.Name+"=", fd.Label("en")))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	fd := p.Fields.Find(name)
	if fd == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	codes := fd.Codes
	switch fd.Kind {
	case records.KindPartner:
		codes = p.Partners
	case records.KindCode, records.KindCodes:
	default:
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	done, last := name+"=", value
	if i := strings.LastIndex(value, ","); i >= 0 && fd.Kind == records.KindCodes {
		done, last = name+"="+value[:i+1], value[i+1:]
	}
	for _, c := range codes {
		if strings.HasPrefix(c.Code, last) {
			out = append(out, cobra.CompletionWithDesc(done+c.Code, c.Label("en")))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
