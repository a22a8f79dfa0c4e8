package codec

import (
	"regexp"
	"slices"
	"sync"
	"testing"
)

// yaml11Trap is the expression isYAML11Trap writes out, the oracle of its tests.
var yaml11Trap = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:` +
		`(?i:y|yes|n|no|true|false|on|off|null|~|\.inf|[-+]\.inf|\.nan)` +
		`|[-+]?[0-9_.:]*[0-9][0-9_.:]*(?:[eE][-+]?[0-9]+)?` +
		`|[-+]?0[xXbBoO][0-9a-fA-F_]+` +
		`|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?` +
		`|<<|=)$`)
})

// trapCases are the edges of each branch of the expression.
var trapCases = []string{
	"y", "Y", "yes", "YES", "yeſ", "falſe", "FALſE", "nuLL", "n", "No", "true", "tRuE", "false", "on", "OFF", "null", "~", ".inf", ".INF", "+.inf", "-.Inf",
	".nan", ".NaN", "nan", "inf", "+inf", "yess", "ye", "o", "nul", "<<", "=", "<", "==", "<<<", "~~",
	"1", "-1", "+1", "+", "-", "1_000", "_", "_1", "1:", "12:30", "12:30:45", ".5", "5.", ".", "..", "1.2.3", "1e3",
	"1E3", "1e", "1e+", "1e-3", "1e+3", "1e3e4", "e3", "-e3", "1ee3", "1e3.0", "+-1", "1-", "1 ", " 1", "1x",
	"0x", "0x1F", "0X_", "0b101", "0B2", "0o7", "0O", "-0x1", "+0b1", "0xg", "0x1g", "00x1", "x0", "0xFF_ff", "0x\n",
	"2026-01-02", "2026-1-2", "2026-01-2", "2026-1-02", "2026-001-02", "2026-01-002", "2026-01-", "2026--02",
	"202-01-02", "20260-01-02", "2026-01-02T10:00:00Z", "2026-01-02t", "2026-01-02 ", "2026-01-02 10:00", "2026-01-02x",
	"2026-01-02T\n", "2026-01-02T10\n00", "2026-01-02\n", "2026-1-2T", "2026-01-02T\xff", "2026-K7M2Q", "2026-0042",
	"+1 431 555 7579", "613-555-0199", "3470", "1,000", "", " ", "\n", "1\n", "yes\n",
}

func TestYAML11Trap(t *testing.T) {
	for _, s := range append(slices.Clone(trapCases), yamlTraps...) {
		if got, want := isYAML11Trap(s), yaml11Trap().MatchString(s); got != want {
			t.Errorf("isYAML11Trap(%q) = %v, the expression says %v", s, got, want)
		}
	}
}

// FuzzYAML11Trap: the function is the expression.
func FuzzYAML11Trap(f *testing.F) {
	for _, s := range trapCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isYAML11Trap(s), yaml11Trap().MatchString(s); got != want {
			t.Errorf("isYAML11Trap(%q) = %v, the expression says %v", s, got, want)
		}
	})
}
