package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestEveryCommandHasHelp: a one-line summary, a description, an example and an EXIT STATUS
// block for every command a user can run, and help text for every flag.
func TestEveryCommandHasHelp(t *testing.T) {
	t.Parallel()
	root, err := NewRootForDocs()
	if err != nil {
		t.Fatal(err)
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" || c.HasParent() && c.Parent().Name() == "completion" {
			return
		}
		name := c.CommandPath()
		if c.Short == "" || strings.Contains(c.Short, "\n") {
			t.Errorf("%s: needs a one-line Short summary", name)
		}
		if c.Long == "" {
			t.Errorf("%s: needs a Long description", name)
		}
		if !strings.Contains(c.Long, "EXIT STATUS") {
			t.Errorf("%s: Long needs the EXIT STATUS block", name)
		}
		if c.HasParent() && c.Runnable() && c.Example == "" {
			t.Errorf("%s: needs an Example", name)
		}
		c.LocalFlags().VisitAll(func(fl *pflag.Flag) {
			if strings.TrimSpace(fl.Usage) == "" {
				t.Errorf("%s --%s: needs help text", name, fl.Name)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
