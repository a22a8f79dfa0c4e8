package cli

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// interactive reports whether dossier may ask questions: stdin and stderr are terminals.
func (f *Factory) interactive() bool { return f.CanPrompt() }

// prompter asks questions on stderr and reads answers from stdin.
type prompter struct {
	f  *Factory
	in *bufio.Reader
}

func newPrompter(f *Factory) *prompter { return &prompter{f: f, in: bufio.NewReader(f.In)} }

func (p *prompter) line(question string) (string, error) {
	fmt.Fprint(p.f.Err, question)
	s, err := p.in.ReadString('\n')
	if err != nil && s == "" {
		return "", fmt.Errorf("no answer (end of input): nothing created")
	}
	return strings.TrimSpace(s), nil
}

// text asks until the answer is not empty.
func (p *prompter) text(label string) (string, error) {
	for {
		s, err := p.line(label + ": ")
		if err != nil || s != "" {
			return s, err
		}
	}
}

// code offers the codes numbered; the answer may be the number or the code.
func (p *prompter) code(label string, cs records.Codes) (string, error) {
	for i, c := range cs {
		fmt.Fprintf(p.f.Err, "  %2d  %-18s %s\n", i+1, c.Code, c.Label("en"))
	}
	for {
		s, err := p.line(label + " (number or code): ")
		if err != nil {
			return "", err
		}
		if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(cs) {
			return cs[n-1].Code, nil
		}
		if cs.Has(s) {
			return s, nil
		}
		if s != "" {
			fmt.Fprintf(p.f.Err, "  %q is not one of the choices%s\n", s, records.Suggest(s, cs.List()))
		}
	}
}

func (p *prompter) confirm(question string) (bool, error) {
	s, err := p.line(question + " [Y/n] ")
	if err != nil {
		return false, err
	}
	s = strings.ToLower(s)
	return s == "" || s == "y" || s == "yes" || s == "o" || s == "oui", nil
}
