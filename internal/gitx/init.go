package gitx

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// ConfigValue is one value of git's configuration: Key is section.subsection.name (e.g.
// merge.dossier.driver).
type ConfigValue struct{ Key, Value string }

// Init creates a git repository in Dir (git init) and sets values in its configuration.
//
// Where git made Dir/.git a plain git directory (plainGitDir: nothing in the environment or
// the configuration moves it), the values are added to the configuration file git has just
// written as git itself writes it: under config.lock, created exclusively, then renamed over
// config. That is one git process instead of one more per value. Anything unexpected (the
// lock taken, the file already mentioning a section of a value, a key or value this does not
// write) leaves them to git config.
func (g Git) Init(values []ConfigValue) error {
	if _, err := g.Run("init", "--quiet"); err != nil {
		return err
	}
	if dir, ok := g.plainGitDir(false); ok && addConfig(filepath.Join(dir, "config"), values) == nil {
		return nil
	}
	return g.SetConfig(values)
}

// SetConfig sets each value with git config, in the repository's own configuration.
func (g Git) SetConfig(values []ConfigValue) error {
	for _, v := range values {
		if _, err := g.Run("config", v.Key, v.Value); err != nil {
			return err
		}
	}
	return nil
}

// errConfigText is configuration addConfig leaves to git.
var errConfigText = errors.New("left to git config")

// addConfig appends values to the configuration file name, under git's lock protocol. The file
// must mention none of their sections (a fresh repository's does not): git config would
// replace a value, and a second one appended would make the key multi-valued.
func addConfig(name string, values []ConfigValue) error {
	text, err := configText(values)
	if err != nil {
		return err
	}
	old, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	for _, v := range values {
		section, _, _ := strings.Cut(v.Key, ".")
		if strings.Contains(strings.ToLower(string(old)), strings.ToLower(section)) {
			return errConfigText
		}
	}
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	lock := name + ".lock"
	f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, info.Mode().Perm())
	if err != nil {
		return err // held by a git process: git config waits for it, or says so
	}
	if len(old) > 0 && old[len(old)-1] != '\n' {
		old = append(old, '\n')
	}
	_, werr := f.Write(append(old, text...))
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(lock, name)
	}
	if werr != nil {
		os.Remove(lock)
	}
	return werr
}

// configText is values in git's configuration file syntax, one section per subsection in
// order of first use; values quoted, with git's escapes. Keys must be section.subsection.name
// with a plain section, subsection and name.
func configText(values []ConfigValue) (string, error) {
	var b strings.Builder
	last := ""
	for _, v := range values {
		i, j := strings.Index(v.Key, "."), strings.LastIndex(v.Key, ".")
		if i <= 0 || j <= i+1 || j == len(v.Key)-1 {
			return "", errConfigText
		}
		section, sub, key := v.Key[:i], v.Key[i+1:j], v.Key[j+1:]
		if !plainConfigWord(section, false) || !plainConfigWord(sub, true) || !plainConfigWord(key, false) || strings.ContainsAny(v.Value, "\x00\r\n") {
			return "", errConfigText
		}
		if head := section + "." + sub; head != last {
			b.WriteString("[" + section + " \"" + sub + "\"]\n")
			last = head
		}
		value := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\t", `\t`).Replace(v.Value)
		b.WriteString("\t" + key + " = \"" + value + "\"\n")
	}
	return b.String(), nil
}

// plainConfigWord reports whether s is a section or key name (letters, digits, -; a key starts
// with a letter) or, with sub, a subsection git writes as it is (no quote, backslash or
// control character).
func plainConfigWord(s string, sub bool) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case sub:
			if r < ' ' || r == '"' || r == '\\' || r == 0x7f {
				return false
			}
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case (r >= '0' && r <= '9' || r == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}
