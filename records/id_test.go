package records

import (
	"regexp"
	"strings"
	"testing"
)

func TestValidID(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"2026-K7M2Q", "2026-00000", "2026-ZZZZZ", "2026-0001", "2026-123456789"} {
		if !ValidID(id) {
			t.Errorf("ValidID(%q) = false", id)
		}
	}
	for _, id := range []string{"", "2026", "2026-", "2026-k7m2q", "2026-K7M2I", "2026-K7M2L", "2026-K7M2O",
		"2026-K7M2U", "2026-K7M2QQ", "2026-K7M2", "26-K7M2Q", "2026_K7M2Q", "../x", "a/b", "/etc/passwd",
		"2026-K7M2Q/..", "2026-K7M2Q\x00", "2026-K7M2Q\n", " 2026-K7M2Q", "2026-001", "2026-1234567890",
		"٢٠٢٦-K7M2Q", "2026-K7M2Q.yaml"} {
		if ValidID(id) {
			t.Errorf("ValidID(%q) = true", id)
		}
	}
}

func TestNormalizeID(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"2026-k7m2q":   "2026-K7M2Q",
		" 2026-k7m2q ": "2026-K7M2Q",
		"2026-o1l1i":   "2026-01111",
		"2026-OIL":     "2026-011",
		"2026-Kk":      "2026-KK",
		"2026":         "2026",
		"../x":         "../X",
		"abc":          "ABC",
		"2026-a/b":     "2026-A/B",
	} {
		if got := NormalizeID(in); got != want {
			t.Errorf("NormalizeID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckIDPrefix(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"2", "2026", "2026-", "2026-K", "2026-K7M2Q", "2026-0001"} {
		if err := CheckIDPrefix(p); err != nil {
			t.Errorf("CheckIDPrefix(%q) = %v", p, err)
		}
	}
	for _, p := range []string{"", "../X", "A/B", "/ETC/PASSWD", "2026-K7M2Q/../X", "2026-I", "2026-K7M2Q.YAML",
		"2026-K7M2Q\x00", "-K7", "20260", "2026--"} {
		err := CheckIDPrefix(p)
		if err == nil {
			t.Errorf("CheckIDPrefix(%q) = nil", p)
			continue
		}
		if strings.ContainsAny(err.Error(), "\x00\n") {
			t.Errorf("CheckIDPrefix(%q) error carries a control character: %q", p, err)
		}
	}
}

func TestRecordPath(t *testing.T) {
	t.Parallel()
	if got := RecordPath("2026-K7M2Q"); got != "records/2026/2026-K7M2Q.yaml" {
		t.Errorf("RecordPath = %s", got)
	}
	if got := IDFromPath("records/2026/2026-K7M2Q.yaml"); got != "2026-K7M2Q" {
		t.Errorf("IDFromPath = %q", got)
	}
	for _, p := range []string{"records/2025/2026-K7M2Q.yaml", "records/2026/2026-k7m2q.yaml", "2026-K7M2Q.yaml", "records/2026/x.yaml"} {
		if got := IDFromPath(p); got != "" {
			t.Errorf("IDFromPath(%q) = %q", p, got)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("RecordPath of an invalid id did not panic")
		}
	}()
	RecordPath("../../etc/passwd")
}

func TestRandomID(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	pattern := regexp.MustCompile(`^2026-[0-9A-HJKMNP-TV-Z]{5}$`)
	for range 200 {
		id, err := RandomID(2026)
		if err != nil {
			t.Fatal(err)
		}
		if !pattern.MatchString(id) || !ValidID(id) {
			t.Fatalf("RandomID = %q", id)
		}
		seen[id] = true
	}
	if len(seen) < 195 {
		t.Errorf("only %d distinct ids in 200 draws", len(seen))
	}
	// a draw of digits alone is drawn again: it would be a sequential number
	draws := []int{4, 8, 2, 1, 3, 0, 0, 0, 0, 20}
	id, err := drawID(2026, func() (int, error) { n := draws[0]; draws = draws[1:]; return n, nil })
	if err != nil || id != "2026-0000M" || IsSequentialID(id) {
		t.Errorf("drawID after a draw of digits = %q, %v; want 2026-0000M", id, err)
	}
	if got := SequentialID(2026, 7); got != "2026-0007" || !ValidID(got) {
		t.Errorf("SequentialID = %q", got)
	}
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	choices := []string{"mail", "email", "phone", "in-person", "web", "police-forwarded"}
	for got, want := range map[string]string{
		"emial":     " (did you mean email?)",
		"phnoe":     " (did you mean phone?)",
		"inperson":  " (did you mean in-person?)",
		"police":    " (did you mean police-forwarded?)",
		"fax":       "",
		"telegraph": "",
		"":          "",
	} {
		if s := Suggest(got, choices); s != want {
			t.Errorf("Suggest(%q) = %q, want %q", got, s, want)
		}
	}
	if s := Suggest("condcut", []string{"conduct", "service", "policy"}); s != " (did you mean conduct?)" {
		t.Errorf("Suggest(condcut) = %q", s)
	}
	if s := Suggest("x", nil); s != "" {
		t.Errorf("Suggest with no choices = %q", s)
	}
}

// TestValidIDMatchesTheGrammar: the hand-written ValidID agrees with the regexps that define ids.
func TestValidIDMatchesTheGrammar(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"2026-K7M2Q", "2026-0001", "2026-123456789", "2026-1234567890", "2026-123", "2026-K7M2", "2026-K7M2QQ",
		"2026-k7m2q", "2026-I7M2Q", "2026-O0000", "2026-U0000", "2026-L0000", "202X-K7M2Q", "2026_K7M2Q", "", "2026-", "../x", "2026-00001", "2026-0000A"} {
		want := randomID().MatchString(id) || sequentialID().MatchString(id)
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}
