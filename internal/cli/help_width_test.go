package cli

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/cobra"
)

// Every command's long help is wrapped for an 80-to-100-column terminal and a man page: no
// line of prose over 90 characters (an indented list of codes may run longer).
func TestLongHelpIsWrapped(t *testing.T) {
	root, err := NewRootForDocs()
	if err != nil {
		t.Fatal(err)
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for i, l := range strings.Split(c.Long, "\n") {
			if n := utf8.RuneCountInString(l); n > 90 && !strings.HasPrefix(l, "  ") {
				t.Errorf("%s: line %d of the long help is %d characters (wrap at 90): %s", c.CommandPath(), i+1, n, l)
			}
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
}
