package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print dossier's version",
		Long:    "Print the module version, and the commit and its date when the binary was built from a\ngit checkout." + exitStatusHelp,
		Example: "  dossier version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(f.Out, "dossier %s\n", f.Version)
			return err
		},
	}
}
