package cli

import (
	"strings"

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
	"status":   func(_ *cobra.Command, p *records.Profile) records.Codes { return p.Statuses },
	"finding":  func(_ *cobra.Command, p *records.Profile) records.Codes { return p.AllOutcomes() },
	"outcome": func(cmd *cobra.Command, p *records.Profile) records.Codes {
		if cmd.Name() == "review" {
			return p.ReviewOutcomes
		}
		return p.AllOutcomes()
	},
}

// registerCompletions wires completion of case ids (for commands whose first argument is an
// ID) and of the profile's codes (for every flag that takes one) across the command tree.
func registerCompletions(f *Factory, root *cobra.Command) {
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
			_ = c.RegisterFlagCompletionFunc(name, func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				p, err := f.Profile()
				if err != nil {
					return nil, cobra.ShellCompDirectiveError
				}
				var out []cobra.Completion
				for _, code := range codes(cmd, p) {
					if strings.HasPrefix(code.Code, toComplete) {
						out = append(out, cobra.CompletionWithDesc(code.Code, code.Label("en")))
					}
				}
				return out, cobra.ShellCompDirectiveNoFileComp
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// completeIDs offers the ids starting with what was typed, described by status and type.
func completeIDs(f *Factory, prefix string) []cobra.Completion {
	store, err := f.Store()
	if err != nil {
		return nil
	}
	prefix = records.NormalizeID(prefix)
	cases, _, err := store.Summaries(!f.Viper.GetBool("no-cache"))
	if err != nil {
		return nil
	}
	var out []cobra.Completion
	for _, c := range cases {
		if strings.HasPrefix(c.ID, prefix) {
			out = append(out, cobra.CompletionWithDesc(c.ID, strings.TrimSpace(c.Status+" "+c.Type+" "+c.Service())))
		}
	}
	return out
}
