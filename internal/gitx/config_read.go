package gitx

import (
	"os"
	"path/filepath"
	"strings"
)

// Config is the value of a git configuration key (section.subsection.name), or "" when unset.
// Where the repository's own configuration file sets it (localConfig), that value is read
// there without asking git: git reads that file after the system's and the user's, so its
// value wins over theirs.
func (g Git) Config(key string) string {
	if v, ok := g.localConfig(key); ok {
		return v
	}
	out, _ := g.Run("config", key)
	return out
}

// localConfig is the value key has in Dir/.git/config when that decides it: a plain git
// directory (plainGitDir: no include, no worktree configuration), no configuration from the
// environment (GIT_CONFIG, GIT_CONFIG_PARAMETERS or GIT_CONFIG_KEY_n) naming the key's
// section, and a file this reads as git does (localValue). false: ask git.
func (g Git) localConfig(key string) (string, bool) {
	i, j := strings.Index(key, "."), strings.LastIndex(key, ".")
	if i <= 0 || j <= i+1 {
		return "", false
	}
	section, sub, name := strings.ToLower(key[:i]), key[i+1:j], strings.ToLower(key[j+1:])
	for _, kv := range g.environ() {
		k, v, _ := strings.Cut(kv, "=")
		if k == "GIT_CONFIG" || ((k == "GIT_CONFIG_PARAMETERS" || strings.HasPrefix(k, "GIT_CONFIG_KEY_")) && strings.Contains(strings.ToLower(v), section)) {
			return "", false
		}
	}
	dir, ok := g.plainGitDir(false)
	if !ok {
		return "", false
	}
	data, err := os.ReadFile(filepath.Join(dir, "config"))
	if err != nil {
		return "", false
	}
	return localValue(string(data), section, sub, name)
}

// localValue is the last value of [section "sub"] name in the configuration text, read by
// git's rules (sections and names case-insensitive, the subsection not; quotes, escapes,
// comments, blanks). false when the text does not set it, or holds anything this does not
// read exactly as git (a continued line, the old [section.sub] form, an escape in a
// subsection, a section header followed by a value): git is asked then.
func localValue(text, section, sub, name string) (string, bool) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if strings.ContainsFunc(text, func(r rune) bool { return r < ' ' && r != '\t' && r != '\n' || r == 0x7f }) {
		return "", false // a control character: git reads some as blanks, NUL as the end
	}
	started, in, found, value := false, false, false, ""
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimLeft(line, " \t")
		if t == "" || t[0] == '#' || t[0] == ';' {
			continue
		}
		if strings.HasSuffix(line, "\\") {
			return "", false // a value continued on the next line
		}
		if t[0] == '[' {
			end := strings.IndexByte(t, ']')
			if end < 0 {
				return "", false
			}
			if rest := strings.TrimLeft(t[end+1:], " \t"); rest != "" && rest[0] != '#' && rest[0] != ';' {
				return "", false
			}
			s, q, quoted := strings.Cut(t[1:end], " \"")
			if !plainConfigWord(s, false) || (quoted && (!strings.HasSuffix(q, "\"") || !plainConfigWord(strings.TrimSuffix(q, "\""), true))) {
				return "", false
			}
			started = true
			in = strings.EqualFold(s, section) && quoted && strings.TrimSuffix(q, "\"") == sub
			continue
		}
		// a name, then = and a value, or nothing (a boolean), each line checked as git does:
		// a file git refuses is left to git
		k, v, hasValue := strings.Cut(t, "=")
		k = strings.TrimRight(k, " \t")
		if !started || !plainConfigWord(k, false) {
			return "", false
		}
		parsed, ok := configValue(v)
		if !ok {
			return "", false
		}
		if in && strings.EqualFold(k, name) {
			if !hasValue {
				return "", false // a boolean: git config prints it as true
			}
			found, value = true, parsed
		}
	}
	return value, found
}

// configValue reads a value as git does: blanks outside quotes kept between words (each one
// a space) and dropped at either end, # and ; outside quotes starting a comment, quotes
// removed, \\ \" \t \n \b unescaped.
func configValue(v string) (string, bool) {
	var b strings.Builder
	quote, spaces := false, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !quote && (c == ' ' || c == '\t') {
			if b.Len() > 0 {
				spaces++
			}
			continue
		}
		if !quote && (c == '#' || c == ';') {
			break
		}
		for ; spaces > 0; spaces-- {
			b.WriteByte(' ')
		}
		switch c {
		case '\\':
			i++
			if i == len(v) {
				return "", false
			}
			switch v[i] {
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'b':
				b.WriteByte('\b')
			case '\\', '"':
				b.WriteByte(v[i])
			default:
				return "", false
			}
		case '"':
			quote = !quote
		default:
			b.WriteByte(c)
		}
	}
	if quote {
		return "", false
	}
	return b.String(), true
}
