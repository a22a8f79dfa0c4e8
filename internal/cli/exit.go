package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/dossier-dev/dossier/internal/letters"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
)

// Exit statuses (a contract, documented in every command's help and in README.md).
const (
	ExitOK       = 0
	ExitError    = 1
	ExitUsage    = 2
	ExitProblems = 3
	ExitRefused  = 4
)

const exitStatusHelp = `
EXIT STATUS
  0  success
  1  error (bad data, file system, git)
  2  usage: an unknown flag, a missing argument, a value the office's codes do not allow
  3  check or fmt --check found problems
  4  the workflow refused the step (e.g. closing a case twice)`

// usageError is a command line that cannot be run as typed.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// problemsFound means the command already printed problems (check, fmt --check): exit 3
// with nothing more on stderr.
type problemsFound struct{ n int }

func (e *problemsFound) Error() string { return fmt.Sprintf("%d problems found", e.n) }

// exitCode maps an error to the exit status, in one place.
func exitCode(err error) int {
	var (
		usage    *usageError
		input    *records.InputError
		format   *render.UnknownFormatError
		refused  *records.RefusedError
		problems *problemsFound
		notFor   *letters.NotApplicableError
		widening *letters.WideningError
		choice   *letters.ChoiceError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &problems):
		return ExitProblems
	case errors.As(err, &refused), errors.As(err, &notFor), errors.As(err, &widening):
		return ExitRefused
	case errors.As(err, &choice):
		return ExitUsage
	case errors.As(err, &usage), errors.As(err, &input), errors.As(err, &format):
		return ExitUsage
	case isCobraUsage(err):
		return ExitUsage
	}
	return ExitError
}

// isCobraUsage recognises the errors cobra returns for a bad command line.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "requires exactly", "if any flags in the group", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// errorMessage is what the user reads on stderr for err.
func errorMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && !strings.Contains(err.Error(), pe.Path) {
		return fmt.Sprintf("%s: %v", pe.Path, pe.Err)
	}
	return inputMessage(err)
}
