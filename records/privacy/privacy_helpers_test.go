package privacy

import (
	"errors"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

func wfInputErr(t *testing.T, err error, contains ...string) {
	t.Helper()
	var in *records.InputError
	if !errors.As(err, &in) {
		t.Fatalf("got %v, want an InputError", err)
	}
	for _, s := range contains {
		// "field=X": the error names field X (never a flag: the CLI maps fields to flags).
		if f, ok := strings.CutPrefix(s, "field="); ok {
			if in.Field != f {
				t.Errorf("error %q is about field %q, want %q", err, in.Field, f)
			}
			continue
		}
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not contain %q", err, s)
		}
	}
	if strings.Contains(err.Error(), "--") {
		t.Errorf("message %q names a flag: the domain names fields", err)
	}
}

func wfRefused(t *testing.T, err error, contains ...string) {
	t.Helper()
	var r *records.RefusedError
	if !errors.As(err, &r) {
		t.Fatalf("got %v, want a RefusedError", err)
	}
	for _, s := range contains {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not contain %q", err, s)
		}
	}
}
