// Package termtext is the one escape of text that reaches a terminal: control characters
// (escape sequences, carriage returns) and bidirectional controls (U+202E RIGHT-TO-LEFT
// OVERRIDE and friends, which reorder what the reader sees) are shown as \xNN or \uNNNN,
// so a value or a file name can never drive the terminal or forge an output line.
package termtext

import (
	"fmt"
	"strings"
)

// Unsafe reports whether r must not reach a terminal as it is. Newline and tab are kept.
func Unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f: // arabic letter mark, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}

// Escape is how an unsafe rune is shown.
func Escape(r rune) string {
	if r < 0x100 {
		return fmt.Sprintf("\\x%02x", r)
	}
	return fmt.Sprintf("\\u%04x", r)
}

// Printable returns s with every unsafe rune escaped.
func Printable(s string) string {
	if strings.IndexFunc(s, Unsafe) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if Unsafe(r) {
			b.WriteString(Escape(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
