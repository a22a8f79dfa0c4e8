package codec

import "strings"

// isYAML11Trap reports whether s is a plain scalar that a YAML 1.1 reader (PyYAML, old Ruby,
// spreadsheet importers) would take for something other than a string: booleans, nulls,
// numbers with leading zeros, octal, hex, binary, exponents, sexagesimal, infinities, dates,
// merge keys. It is the expression (the words case-insensitive)
//
//	^(?:(?i:y|yes|n|no|true|false|on|off|null|~|\.inf|[-+]\.inf|\.nan)
//	|[-+]?[0-9_.:]*[0-9][0-9_.:]*(?:[eE][-+]?[0-9]+)?
//	|[-+]?0[xXbBoO][0-9a-fA-F_]+
//	|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?
//	|<<|=)$
//
// written out: compiling it was most of what the first record written in a process cost,
// and running it a tenth of encoding a record. FuzzYAML11Trap holds the two equal.
func isYAML11Trap(s string) bool {
	switch s {
	case "<<", "=", "~":
		return true
	}
	if len(s) <= len("false")+1 { // +1: EqualFold, as (?i), takes ſ (2 bytes) for s
		for _, w := range []string{"y", "yes", "n", "no", "true", "false", "on", "off", "null", ".inf", "+.inf", "-.inf", ".nan"} {
			if strings.EqualFold(s, w) {
				return true
			}
		}
	}
	return isYAML11Number(s) || isYAML11Radix(s) || isYAML11Date(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isYAML11Number: [-+]?[0-9_.:]*[0-9][0-9_.:]*(?:[eE][-+]?[0-9]+)?
func isYAML11Number(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digit := false
	for ; i < len(s) && (isDigit(s[i]) || s[i] == '_' || s[i] == '.' || s[i] == ':'); i++ {
		digit = digit || isDigit(s[i])
	}
	if !digit {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != 'e' && s[i] != 'E' {
		return false
	}
	i++
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	return i < len(s) && allDigits(s[i:])
}

// isYAML11Radix: [-+]?0[xXbBoO][0-9a-fA-F_]+
func isYAML11Radix(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if len(s) < 3 || s[0] != '0' || !strings.ContainsRune("xXbBoO", rune(s[1])) {
		return false
	}
	for i := 2; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && !('a' <= c && c <= 'f') && !('A' <= c && c <= 'F') && c != '_' {
			return false
		}
	}
	return true
}

// isYAML11Date: [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)? (. is any character but a line
// feed)
func isYAML11Date(s string) bool {
	if len(s) < len("2026-1-1") || !allDigits(s[:4]) || s[4] != '-' {
		return false
	}
	rest, ok := oneOrTwoDigits(s[5:])
	if !ok || rest == "" || rest[0] != '-' {
		return false
	}
	if rest, ok = oneOrTwoDigits(rest[1:]); !ok {
		return false
	}
	return rest == "" || (rest[0] == 'T' || rest[0] == 't' || rest[0] == ' ') && !strings.Contains(rest, "\n")
}

// oneOrTwoDigits is s after its leading digits, when there are one or two of them.
func oneOrTwoDigits(s string) (string, bool) {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return s[n:], n == 1 || n == 2
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
