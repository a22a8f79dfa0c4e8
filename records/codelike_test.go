package records

import (
	"regexp"
	"strings"
	"testing"
)

// codeLike and subFieldName are written out for speed; they must accept exactly what the
// expressions they replace accept.
func TestCodeLikeAndSubFieldNameAreTheirExpressions(t *testing.T) {
	t.Parallel()
	code := regexp.MustCompile(`^[\p{Ll}\p{N}][\p{Ll}\p{N}._-]{0,39}$`)
	sub := regexp.MustCompile(`^[\p{L}_][\p{L}\p{N}_-]*$`)
	inputs := []string{"", "a", "A", "_", "-", ".", "0", "a.b", "a_b-c", "_x", "-x", ".x", "x.", "toronto-ps",
		"ontario-1", "é", "ÉCOLE", "école", "Ω", "ω", "٣", "x٣", "Ⅻ", "ⅻ", "a b", "a\n", "\xff", "a\xff", "\ufffd",
		strings.Repeat("a", 39), strings.Repeat("a", 40), strings.Repeat("a", 41), strings.Repeat("é", 40), strings.Repeat("é", 41),
		"John Smith", "john.smith@x.ca", "2026-01-01", "a/b", "日本", "x\u0301", "ǅ", "ʰ"}
	for _, in := range inputs {
		if got, want := codeLike(in), code.MatchString(in); got != want {
			t.Errorf("codeLike(%q) = %v, the expression says %v", in, got, want)
		}
		if got, want := subFieldName(in), sub.MatchString(in); got != want {
			t.Errorf("subFieldName(%q) = %v, the expression says %v", in, got, want)
		}
	}
}

func FuzzCodeLike(f *testing.F) {
	code := regexp.MustCompile(`^[\p{Ll}\p{N}][\p{Ll}\p{N}._-]{0,39}$`)
	sub := regexp.MustCompile(`^[\p{L}_][\p{L}\p{N}_-]*$`)
	for _, s := range []string{"toronto-ps", "É", "a.b", "\xff", "x\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if codeLike(in) != code.MatchString(in) || subFieldName(in) != sub.MatchString(in) {
			t.Errorf("%q: codeLike %v / %v, subFieldName %v / %v", in, codeLike(in), code.MatchString(in), subFieldName(in), sub.MatchString(in))
		}
	})
}
