package cli

import (
	"bytes"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// profileRow is an embedded profile as json and yaml print it.
type profileRow struct {
	Name      string            `json:"name" yaml:"name"`
	Title     map[string]string `json:"title" yaml:"title"`
	Languages []string          `json:"languages" yaml:"languages"`
}

func newProfilesCmd(f *Factory) *cobra.Command {
	var output, lang string
	cmd := &cobra.Command{
		Use:     "profiles [-o FORMAT]",
		Short:   "List the profiles dossier embeds",
		GroupID: "repo",
		Long: `List the profiles dossier embeds, one per line: its name (what dossier init --profile
and the profile: key of dossier.yaml take), its title and the languages its office
works in. A profile declares what a case is (fields), how it moves (statuses and
actions), its clocks, reports, audiences and letters: docs/profiles.md describes the
language.

The table prints titles in one language (--lang, else the locale, else English); json
and yaml give every language.` + exitStatusHelp,
		Example: "  dossier profiles\n  dossier profiles --lang fr\n  dossier profiles -o json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			pr, err := f.printer(profilesOutput, output, outputGiven(cmd))
			if err != nil {
				return err
			}
			both := &records.Profile{Languages: records.Codes{{Code: "en"}, {Code: "fr"}}}
			l, err := f.displayLang(lang, both)
			if err != nil {
				return err
			}
			lb, err := f.tableLabels(lang, both, pr.Format) // a table's headers in its language too
			if err != nil {
				return err
			}
			infos, err := config.EmbeddedProfiles()
			if err != nil {
				return err
			}
			return writeProfiles(pr, infos, l, lb)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: "+strings.Join(profilesOutput.Formats, ", "))
	cmd.Flags().StringVar(&lang, "lang", "", "language of the titles: en or fr (default: LC_ALL, LC_MESSAGES or LANG, else en)")
	return cmd
}

func writeProfiles(pr *render.Printer, infos []config.ProfileInfo, lang string, lb *labeler) error {
	t := render.Table{Header: lb.headers([]string{"NAME", "TITLE", "LANGUAGES"})}
	rows := make([]profileRow, 0, len(infos))
	for _, p := range infos {
		t.Rows = append(t.Rows, []string{p.Name, p.Title.In(lang), strings.Join(p.Languages, ", ")})
		rows = append(rows, profileRow{Name: p.Name, Title: p.Title, Languages: p.Languages})
	}
	return pr.Print(render.Output{Table: t, Object: rows, YAML: func() ([]byte, error) {
		var b bytes.Buffer
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(rows); err != nil {
			return nil, err
		}
		err := enc.Close()
		return b.Bytes(), err
	}})
}

// completeProfiles offers the embedded profiles' names, with their English titles.
func completeProfiles(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	infos, err := config.EmbeddedProfiles()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []cobra.Completion
	for _, p := range infos {
		if strings.HasPrefix(p.Name, toComplete) {
			out = append(out, cobra.CompletionWithDesc(p.Name, p.Title.In("en")))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
