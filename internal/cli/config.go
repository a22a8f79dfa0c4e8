package cli

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

func newConfigCmd(f *Factory) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:     "config [-o FORMAT]",
		Short:   "Print the effective configuration and where each value came from",
		GroupID: "repo",
		Long: `Print every setting in force, one per line, with where its value came from:

  default  the embedded profile dossier.yaml names (profile:, default ontario-oversight)
  user     your own $XDG_CONFIG_HOME/dossier/config.yaml (default ~/.config/dossier)
  repo     the repository's dossier.yaml
  env      a DOSSIER_* environment variable
  flag     a flag of this command line

A higher layer wins: flag > env > repo > user > default. Mappings merge key by key, so a
dossier.yaml that sets one clock keeps the default of every other clock; a list (codes,
partners, the fields of an audience) or a text by language replaces the value below it.
An unknown key or a wrong type in dossier.yaml or config.yaml is an error naming the file,
the line and the key, for every command.

Declarations (fields, the statuses and actions of workflow, reports, audiences, letters)
merge name by name: one declared in dossier.yaml is added after the profile's, or replaces
the profile's of the same name.

A repository may set profile, title, office, ids, git, clocks, holidays, codes, partners,
disclosure, retention, templates, workflow, fields, reports, audiences and letters. When
the profile has problems, config prints the settings and warns about each problem.
Settings that name a command or an identity (actor, editor) come only from your own
config.yaml, the environment and flags: a repository's dossier.yaml that sets them is
ignored with a warning, and 'dossier check' reports it.

Outside a repository, config prints the settings without a dossier.yaml.` + exitStatusHelp,
		Example: "  dossier config\n  dossier config -o json\n  DOSSIER_IDS=sequential dossier config -o yaml",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			pr, err := f.printer(configOutput, output, outputGiven(cmd))
			if err != nil {
				return err
			}
			s, err := f.profileSettings() // shown even when the profile has problems
			if err != nil {
				return err
			}
			for _, p := range s.Problems {
				f.Warn("%v", &p)
			}
			return writeConfig(pr, s.Entries())
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: "+strings.Join(configOutput.Formats, ", "))
	return cmd
}

func writeConfig(pr *render.Printer, entries []config.Entry) error {
	t := render.Table{Header: []string{"KEY", "SOURCE", "VALUE"}}
	for _, e := range entries {
		t.Rows = append(t.Rows, []string{e.Key, string(e.Source), settingText(e.Value)})
	}
	return pr.Print(render.Output{Table: t, Object: entries, YAML: func() ([]byte, error) {
		var b bytes.Buffer
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(entries); err != nil {
			return nil, err
		}
		err := enc.Close()
		return b.Bytes(), err
	}})
}

// settingText is a value on one line: text as it is (line breaks as \n), a list of codes as
// its codes, anything else in YAML flow style.
func settingText(v any) string {
	switch x := v.(type) {
	case string:
		return strings.ReplaceAll(x, "\n", `\n`)
	case []any:
		codes := make([]string, 0, len(x))
		for _, item := range x {
			m, ok := item.(map[string]any)
			code, isText := m["code"].(string)
			if !ok || !isText {
				codes = nil
				break
			}
			codes = append(codes, code)
		}
		if codes != nil {
			return strings.Join(codes, ", ")
		}
	}
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	n.Style = yaml.FlowStyle
	for _, c := range n.Content {
		c.Style |= yaml.FlowStyle
	}
	b, err := yaml.Marshal(&n)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(string(b))
}
