package cli

import (
	"strings"

	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

// codeFlags maps a flag name to the profile codes it takes, for shell completion.
var codeFlags = map[string]func(cmd *cobra.Command, p *records.Profile) records.Codes{
	"type":     func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Types },
	"category": func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Categories },
	"flag":     func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Flags },
	"ground":   func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Grounds },
	"to":       func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Partners },
	"service":  func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Partners },
	"purpose":  func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Purposes },
	"channel":  func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Channels },
	"lang":     func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Languages },
	"clock":    func(_ *cobra.Command, p *records.Profile) records.Codes { return runningClocks(p) },
	"status": func(_ *cobra.Command, p *records.Profile) records.Codes {
		return append(records.Codes{{Code: "open", En: "Open (every status but closed)"}}, p.Statuses...)
	},
	"finding": func(_ *cobra.Command, p *records.Profile) records.Codes { return closingOutcomes(p) },
	"outcome": func(cmd *cobra.Command, p *records.Profile) records.Codes {
		switch cmd.Name() {
		case "review":
			return p.ReviewOutcomes
		case "close":
			return closingOutcomes(p)
		}
		return p.AllOutcomes()
	},
}

// closingOutcomes are the outcomes a person may give: every type's, but not screened-out,
// which only screen --out records.
func closingOutcomes(p *records.Profile) records.Codes {
	var out records.Codes
	for _, c := range p.AllOutcomes() {
		if c.Code != records.OutcomeScreenedOut {
			out = append(out, c)
		}
	}
	return out
}

// registerCompletions wires completion of case ids (for commands whose first argument is an
// ID) and of the profile's codes (for every flag that takes one) across the command tree,
// when the run is a completion request (completeFlag): no other run calls them.
func registerCompletions(f *Factory, root *cobra.Command) {
	if !f.completing {
		return
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if fields := strings.Fields(c.Use); len(fields) > 1 && fields[1] == "ID" && c.ValidArgsFunction == nil {
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return completeIDs(f, toComplete), cobra.ShellCompDirectiveNoFileComp
			}
		}
		for name, codes := range codeFlags {
			if c.Flags().Lookup(name) == nil {
				continue
			}
			completeFlag(f, c, name, func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				p, err := f.Profile()
				if err != nil {
					return nil, cobra.ShellCompDirectiveError
				}
				// List flags take comma-separated codes: complete the last one, keep the others.
				done, last := "", toComplete
				if i := strings.LastIndex(toComplete, ","); i >= 0 && isListFlag(cmd, name) {
					done, last = toComplete[:i+1], toComplete[i+1:]
				}
				var out []cobra.Completion
				for _, code := range codesFor(f, cmd, args, name, p, codes) {
					if strings.HasPrefix(code.Code, last) {
						out = append(out, cobra.CompletionWithDesc(done+code.Code, code.Label("en")))
					}
				}
				return out, cobra.ShellCompDirectiveNoFileComp
			})
		}
		for name, values := range fixedValueFlags(c) {
			values := values
			completeFlag(f, c, name, func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				if cmd.Name() == "stats" && name == "by" { // and the profile's groupable declared fields
					if p, err := f.Profile(); err == nil {
						values = stats.AllDimensions(p)
					}
				}
				return completeList(cmd, name, toComplete, values), cobra.ShellCompDirectiveNoFileComp
			})
		}
		if c.Name() == "letter" {
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				switch len(args) {
				case 0:
					return completeIDs(f, toComplete), cobra.ShellCompDirectiveNoFileComp
				case 1:
					set, err := f.letterSet()
					if err != nil {
						return nil, cobra.ShellCompDirectiveError
					}
					var out []cobra.Completion
					for _, n := range set.Names() {
						if strings.HasPrefix(n, toComplete) {
							out = append(out, n)
						}
					}
					return out, cobra.ShellCompDirectiveNoFileComp
				}
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// fixedValueFlags are the flags of c whose values are a fixed list: every -o/--output and
// --format (their help says "output format: a, b, c"), import's --format, stats --by.
func fixedValueFlags(c *cobra.Command) map[string][]string {
	out := map[string][]string{}
	for _, name := range []string{"output", "format", "by"} {
		fl := c.Flags().Lookup(name)
		if fl == nil {
			continue
		}
		switch {
		case c.Name() == "import" && name == "format":
			out[name] = []string{"jsonl", "csv"}
		case c.Name() == "stats" && name == "by":
			out[name] = stats.Dimensions
		default:
			_, list, ok := strings.Cut(fl.Usage, "format: ")
			if !ok {
				continue
			}
			for _, v := range strings.Split(list, ",") {
				if v = strings.TrimSpace(v); v != "" && !strings.ContainsAny(v, " ()") {
					out[name] = append(out[name], v)
				}
			}
		}
	}
	return out
}

// completeList offers the values starting with the last comma-separated item typed (for a list
// flag), keeping the items before it.
func completeList(cmd *cobra.Command, flag, toComplete string, values []string) []cobra.Completion {
	done, last := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 && isListFlag(cmd, flag) {
		done, last = toComplete[:i+1], toComplete[i+1:]
	}
	var out []cobra.Completion
	for _, v := range values {
		if strings.HasPrefix(v, last) {
			out = append(out, done+v)
		}
	}
	return out
}

// completeIDs offers the ids starting with what was typed, described by status and type.
func completeIDs(f *Factory, prefix string) []cobra.Completion {
	store, err := f.Store()
	if err != nil {
		return nil
	}
	typed := strings.TrimSpace(prefix)
	prefix = records.NormalizeID(prefix)
	cases, _, err := store.Summaries(f.UseCache())
	if err != nil {
		return nil
	}
	var out []cobra.Completion
	for _, c := range cases {
		if strings.HasPrefix(c.ID, prefix) {
			out = append(out, cobra.CompletionWithDesc(asTyped(typed, c.ID), strings.TrimSpace(c.Status+" "+c.Type+" "+c.Service())))
		}
	}
	return out
}

// asTyped spells id with the prefix exactly as typed (ids match in any case, and I, L, O
// stand for 1, 1, 0), because bash and zsh drop a completion that does not start with the
// word being completed; the rest is the id's own (upper) case: typing 2026-t never turns the
// id into lower case.
func asTyped(typed, id string) string {
	if len(typed) > len(id) || typed == id[:len(typed)] {
		return id
	}
	return typed + id[len(typed):]
}

// isListFlag reports whether the flag takes several comma-separated values.
func isListFlag(cmd *cobra.Command, name string) bool {
	fl := cmd.Flags().Lookup(name)
	return fl != nil && strings.HasSuffix(fl.Value.Type(), "Slice")
}

// codesFor narrows the codes of a flag to the case in hand: close ID --outcome offers the
// outcomes of that case's type.
func codesFor(f *Factory, cmd *cobra.Command, args []string, flag string, p *records.Profile, codes func(*cobra.Command, *records.Profile) records.Codes) records.Codes {
	if flag == "to" && cmd.Name() == "letter" {
		// A letter goes to an audience of the disclosure policy, not to a partner.
		policy, err := f.disclosure()
		if err != nil {
			return nil
		}
		var out records.Codes
		for _, a := range policy.Audiences() {
			out = append(out, records.Code{Code: a})
		}
		return out
	}
	if cmd.Name() == "close" && flag == "outcome" && len(args) > 0 {
		if store, id, err := f.resolve(args[0]); err == nil {
			if rec, err := store.Load(id); err == nil && len(p.OutcomesFor(rec.Case.Type)) > 0 {
				return p.OutcomesFor(rec.Case.Type)
			}
		}
	}
	return codes(cmd, p)
}

// completeFlag registers fn to complete cmd's flag name when the run is a completion request,
// and only then: cobra keeps these functions, and the flags they complete, in a package map
// for the life of the process, and a process running many commands (tests) kept every run's.
func completeFlag(f *Factory, cmd *cobra.Command, name string, fn cobra.CompletionFunc) {
	if f.completing {
		_ = cmd.RegisterFlagCompletionFunc(name, fn)
	}
}
