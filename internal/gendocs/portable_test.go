package gendocs

import (
	"bytes"
	"strings"
	"testing"
)

// Man pages are portable: ASCII only (non-ASCII as groff escapes) and an ISO date, which
// groff -man -ww and mandoc take without warnings (.ci/run runs groff on every page).
func TestManPagesPortable(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, data := range files {
		if !strings.HasPrefix(name, "docs/man/") {
			continue
		}
		n++
		for i, b := range data {
			if b >= 0x80 {
				t.Errorf("%s: byte %d is not ASCII: write it as a groff escape", name, i)
				break
			}
		}
		if !bytes.Contains(data, []byte(`.TH "DOSSIER" "1" "2026-01-01"`)) {
			t.Errorf("%s: the header's date is not ISO 8601", name)
		}
	}
	if n == 0 {
		t.Fatal("no man page generated")
	}
	if got := string(portableMan([]byte("l’appel × 2 😀"))); got != `l\[u2019]appel \[u00D7] 2 \[u1F600]` {
		t.Errorf("portableMan = %s", got)
	}
}
