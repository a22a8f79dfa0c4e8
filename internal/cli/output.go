package cli

import (
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/spf13/cobra"
)

// The -o formats each command offers; the first is the default on a terminal, Pipe the default
// when stdout is a pipe or a file.
var (
	listOutput      = render.Offer{Formats: []string{"table", "tsv", "csv", "json", "yaml", "ids"}, Pipe: "tsv"}
	statsOutput     = render.Offer{Formats: []string{"table", "tsv", "csv", "json", "md"}, Pipe: "tsv"}
	dueOutput       = render.Offer{Formats: []string{"table", "tsv", "csv", "json"}, Pipe: "tsv"}
	retentionOutput = render.Offer{Formats: []string{"table", "tsv", "csv", "json"}, Pipe: "tsv"}
	purgeOutput     = render.Offer{Formats: []string{"table", "tsv", "json"}, Pipe: "tsv"}
	showOutput      = render.Offer{Formats: []string{"text", "yaml", "json"}}
	reportOutput    = render.Offer{Formats: []string{"md", "html", "json", "csv"}}
	exportOutput    = render.Offer{Formats: []string{"jsonl", "csv", "parquet"}}
	lettersOutput   = render.Offer{Formats: []string{"table"}, Pipe: "tsv"}
	configOutput    = render.Offer{Formats: []string{"table", "tsv", "json", "yaml"}, Pipe: "tsv"}
	profilesOutput  = render.Offer{Formats: []string{"table", "tsv", "json", "yaml"}, Pipe: "tsv"}
)

// printer is the printer for what -o says (given: the user typed it) on the factory's stdout.
func (f *Factory) printer(offer render.Offer, output string, given bool) (*render.Printer, error) {
	return render.NewPrinter(f.Out, offer, output, given, f.OutTerminal)
}

// outputGiven reports whether the user typed -o.
func outputGiven(cmd *cobra.Command) bool { return cmd.Flags().Changed("output") }
