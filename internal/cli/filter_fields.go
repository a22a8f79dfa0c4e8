package cli

import (
	"errors"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

// fieldFilter keeps the cases whose groupable declared field has one of the values.
type fieldFilter struct {
	name   string
	values []string
}

// addFieldFilterFlag adds --field NAME=VALUE to a command that filters cases (list, stats).
func addFieldFilterFlag(f *Factory, cmd *cobra.Command, fl *caseFilter) {
	cmd.Flags().StringArrayVar(&fl.fieldArgs, "field", nil, "only cases whose declared field NAME holds VALUE (`NAME=VALUE`; comma-separate values for any of them; repeat for several fields: all must match)")
	completeFlag(f, cmd, "field", func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		p, err := f.Profile()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return completeGroupField(p, toComplete)
	})
}

// completeGroupField offers NAME= for each groupable declared field, then, after NAME=, its
// codes (the last of a comma-separated list).
func completeGroupField(p *records.Profile, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	name, value, ok := strings.Cut(toComplete, "=")
	var out []cobra.Completion
	if !ok {
		for _, fd := range p.GroupFields() {
			if strings.HasPrefix(fd.Name, name) {
				out = append(out, cobra.CompletionWithDesc(fd.Name+"=", fd.Label("en")))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	fd, err := p.GroupField(name)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	done, last := name+"=", value
	if i := strings.LastIndex(value, ","); i >= 0 {
		done, last = name+"="+value[:i+1], value[i+1:]
	}
	for _, c := range p.FieldCodes(fd) {
		if strings.HasPrefix(c.Code, last) {
			out = append(out, cobra.CompletionWithDesc(done+c.Code, c.Label("en")))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeFields checks the --field filters against the profile: each names a groupable
// declared field and gives values of it (codes of a code field). The same field given twice
// matches any of its values.
func (fl *caseFilter) completeFields(p *records.Profile) error {
	fl.fieldFilters = nil
	for _, arg := range fl.fieldArgs {
		name, value, ok := strings.Cut(arg, "=")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" || value == "" {
			example := "district=montreal"
			if names := p.GroupFieldNames(); len(names) > 0 {
				example = names[0] + "=" + firstCode(p, names[0])
			}
			return usageErrorf("--field: %s is not NAME=VALUE (e.g. --field %s)", records.Quote(arg), example)
		}
		fd, err := p.GroupField(name)
		if err != nil {
			return usageErrorf("--field: %v", err)
		}
		// Each value read as create --field reads it (the one parser, SetField), so that it
		// is compared in the form the record holds (a date, an amount with two decimals).
		var values []string
		for _, v := range splitList([]string{value}) {
			var scratch records.Case
			if err := p.SetField(&scratch, fd.Name, v); err != nil {
				var ie *records.InputError
				if errors.As(err, &ie) {
					return usageErrorf("%s", flagMessage(ie))
				}
				return usageErrorf("--field %s: %v", name, err)
			}
			values = append(values, scratch.Field(fd.Name).Values()...)
		}
		i := slices.IndexFunc(fl.fieldFilters, func(ff fieldFilter) bool { return ff.name == name })
		if i < 0 {
			fl.fieldFilters = append(fl.fieldFilters, fieldFilter{name: name})
			i = len(fl.fieldFilters) - 1
		}
		fl.fieldFilters[i].values = append(fl.fieldFilters[i].values, values...)
	}
	return nil
}

func firstCode(p *records.Profile, name string) string {
	if fd := p.Fields.Find(name); fd != nil {
		if cs := p.FieldCodes(fd); len(cs) > 0 {
			return cs[0].Code
		}
	}
	return "VALUE"
}

// matchFields reports whether c holds one of the values of every --field filter (a codes
// field matches when it holds the value among others).
func (fl *caseFilter) matchFields(c *records.Case) bool {
	for _, ff := range fl.fieldFilters {
		if !slices.ContainsFunc(c.Field(ff.name).Values(), func(v string) bool { return slices.Contains(ff.values, v) }) {
			return false
		}
	}
	return true
}
