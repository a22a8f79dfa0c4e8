package records

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/internal/termtext"
)

// Crockford is the Crockford base32 alphabet: digits and A–Z without I, L, O, U.
const Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// Id schemes (config key `ids`).
const (
	IDsRandom     = "random"
	IDsSequential = "sequential"
)

var (
	randomID     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{4}-[0-9A-HJKMNP-TV-Z]{5}$`) })
	sequentialID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{4}-[0-9]{4,9}$`) })
	idPrefix     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,4}(-[0-9A-HJKMNP-TV-Z]{0,9})?$`) })
)

// ValidID reports whether id is a well-formed case id of either scheme, exactly as stored.
// (Hand-written rather than the regexps: it runs once per file on every command.)
func ValidID(id string) bool {
	if len(id) < 9 || len(id) > 14 || id[4] != '-' {
		return false
	}
	for i := range 4 {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	rest := id[5:]
	digits := true
	for i := range len(rest) {
		c := rest[i]
		if c < '0' || c > '9' {
			digits = false
		}
		if !strings.ContainsRune(Crockford, rune(c)) {
			return false
		}
	}
	return (len(rest) == 5) || (digits && len(rest) >= 4 && len(rest) <= 9)
}

// NormalizeID turns what a person typed into the stored spelling: upper case, and the
// Crockford look-alikes I, L → 1 and O → 0 in the part after the year. It does not validate.
func NormalizeID(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	year, rest, ok := strings.Cut(s, "-")
	if !ok {
		return s
	}
	rest = strings.NewReplacer("I", "1", "L", "1", "O", "0").Replace(rest)
	return year + "-" + rest
}

// CheckIDPrefix validates a (normalized) id or id prefix typed by a person before any path is
// built from it.
func CheckIDPrefix(p string) error {
	if p == "" {
		return fmt.Errorf("empty case id: give an id such as 2026-K7M2Q (a unique prefix is enough)")
	}
	if !idPrefix().MatchString(p) {
		return fmt.Errorf("%s is not a case id: ids look like 2026-K7M2Q (year, dash, five characters from %s)", Quote(p), Crockford)
	}
	return nil
}

// Quote is s in Go double quotes, control characters escaped once, length bounded.
func Quote(s string) string {
	if r := []rune(s); len(r) > 40 {
		return strconv.Quote(string(r[:40])) + "…"
	}
	return strconv.Quote(s)
}

// Printable makes a value safe to quote in a message (no control characters, bounded length).
func Printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() > 40 {
			b.WriteString("…")
			break
		}
		if termtext.Unsafe(r) || r == '\n' || r == '\t' {
			b.WriteString(termtext.Escape(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// RecordPath is the slash path of a case file relative to the repository root. id must be valid.
func RecordPath(id string) string {
	if !ValidID(id) {
		panic("records: RecordPath of invalid id " + Printable(id))
	}
	return path.Join("records", id[:4], id+".yaml")
}

// RandomID draws a new id for the given year. A random id always holds a letter: one of
// digits alone (about one draw in 340) would look like a sequential number (IsSequentialID),
// and an office that turns `ids: sequential` on would go on after it (2026-48213 → 2026-48214).
func RandomID(year int) (string, error) {
	return drawID(year, func() (int, error) {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(Crockford))))
		if err != nil {
			return 0, err
		}
		return int(n.Int64()), nil
	})
}

// drawID is RandomID with the source of the characters' indexes in Crockford: the draw is
// repeated until it holds a letter.
func drawID(year int, next func() (int, error)) (string, error) {
	var b [5]byte
	for {
		letter := false
		for i := range b {
			n, err := next()
			if err != nil {
				return "", err
			}
			b[i] = Crockford[n]
			letter = letter || b[i] > '9'
		}
		if letter {
			return fmt.Sprintf("%04d-%s", year, b[:]), nil
		}
	}
}

// SequentialID is the id after the highest number used in the year.
func SequentialID(year, next int) string { return fmt.Sprintf("%04d-%04d", year, next) }

// IDFromPath is the id of a record path (records/YYYY/ID.yaml), or "".
func IDFromPath(p string) string {
	id, ok := strings.CutSuffix(path.Base(p), ".yaml")
	if !ok || !ValidID(id) || RecordPath(id) != p {
		return ""
	}
	return id
}

// IsSequentialID reports whether id has the sequential form (YYYY-NNNN).
func IsSequentialID(id string) bool { return sequentialID().MatchString(id) }
