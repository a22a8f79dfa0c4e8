package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/iostreams"
)

// Each verb's name in the table is its command's, once: calledVerb finds a command by it.
func TestVerbsNameTheirCommands(t *testing.T) {
	f := &Factory{IOStreams: iostreams.System(strings.NewReader(""), io.Discard, io.Discard), Getenv: func(string) string { return "" }}
	seen := map[string]bool{}
	for _, v := range verbs() {
		if got := v.new(f).Name(); got != v.name {
			t.Errorf("verb %q builds the command %q", v.name, got)
		}
		if seen[v.name] {
			t.Errorf("verb %q twice", v.name)
		}
		seen[v.name] = true
	}
}

// A command line names the verb it runs after the global flags, in any of their forms; help,
// completion, an unknown verb or flag, shorthands run together get the whole tree ("").
func TestCalledVerb(t *testing.T) {
	root := NewRootCmd(&Factory{IOStreams: iostreams.System(strings.NewReader(""), io.Discard, io.Discard), Getenv: func(string) string { return "" }})
	for line, want := range map[string]string{
		"list":                            "list",
		"list --status open":              "list",
		"-C repo list":                    "list",
		"-C list show":                    "show", // list is -C's value
		"--dir repo --actor ana note 1 x": "note",
		"--dir=repo --actor=ana -q --commit note":     "note",
		"--debug --no-cache --quiet report oversight": "report",
		"--commit=false create":                       "create",
		"-q":                                          "",
		"":                                            "",
		"help list":                                   "",
		"__complete list ''":                          "",
		"completion bash":                             "",
		"lsit":                                        "",
		"--help list":                                 "",
		"-h list":                                     "",
		"--version":                                   "",
		"-qC repo list":                               "",
		"-Crepo list":                                 "",
		"--unknown list":                              "",
		"-- list":                                     "",
		"-C":                                          "",
	} {
		args := strings.Fields(line)
		if got := calledVerb(root.PersistentFlags(), args); got != want {
			t.Errorf("%q: %q, want %q", line, got, want)
		}
	}
}

// A verb built alone behaves as in the whole tree: its help and a usage error print the same.
func TestVerbAloneAsInTheTree(t *testing.T) {
	for _, v := range verbs() {
		for _, args := range [][]string{{v.name, "--help"}, {v.name, "--no-such-flag"}} {
			run := func(whole bool) (string, error) {
				var out bytes.Buffer
				f := &Factory{IOStreams: iostreams.System(strings.NewReader(""), &out, &out), Getenv: func(string) string { return "" }, Version: "test"}
				var root = newRootCmd(f, args)
				if whole {
					root = newRootCmd(f, nil)
				} else if len(root.Commands()) != 1 {
					t.Fatalf("%v: %d commands built, want 1", args, len(root.Commands()))
				}
				root.SetArgs(args)
				root.SetOut(&out)
				root.SetErr(&out)
				err := root.Execute()
				return out.String(), err
			}
			alone, errAlone := run(false)
			whole, errWhole := run(true)
			if alone != whole || (errAlone == nil) != (errWhole == nil) || (errAlone != nil && errAlone.Error() != errWhole.Error()) {
				t.Errorf("%v: alone\n%s%v\nin the tree\n%s%v", args, alone, errAlone, whole, errWhole)
			}
		}
	}
}
