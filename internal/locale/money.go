package locale

import "strconv"

// Money writes an amount in cents for people, exactly: $1,234.50 in English, 1 234,50 $ in
// French (a narrow no-break space between the groups of digits, as Number, and a no-break
// space before the sign).
func Money(lang string, cents int64) string {
	neg := cents < 0
	u := uint64(cents)
	if neg {
		u = uint64(-cents)
	}
	cts := strconv.FormatUint(u%100+100, 10)[1:]
	amount := group(lang, strconv.FormatUint(u/100, 10)) + decimalMark(lang) + cts
	sign := ""
	if neg {
		sign = "-"
	}
	if lang == "fr" {
		return sign + amount + NBSP + "$"
	}
	return sign + "$" + amount
}

// Tenths writes a number given in tenths with one decimal, 12.5 and 12,5; with keep false a
// whole number is written without it (12).
func Tenths(lang string, t int64, keep bool) string {
	sign := ""
	u := uint64(t)
	if t < 0 {
		sign, u = "-", uint64(-t)
	}
	out := sign + group(lang, strconv.FormatUint(u/10, 10))
	if u%10 != 0 || keep {
		out += decimalMark(lang) + strconv.FormatUint(u%10, 10)
	}
	return out
}

// Percent writes a percentage given in tenths with one decimal: 12.5% in English, 12,5 % in
// French (a no-break space before the sign).
func Percent(lang string, tenths int64) string {
	if lang == "fr" {
		return Tenths(lang, tenths, true) + NBSP + "%"
	}
	return Tenths(lang, tenths, true) + "%"
}

// group puts the language's thousands separator into a string of digits.
func group(lang, digits string) string {
	sep := ","
	if lang == "fr" {
		sep = NarrowNBSP
	}
	out := ""
	for len(digits) > 3 {
		out = sep + digits[len(digits)-3:] + out
		digits = digits[:len(digits)-3]
	}
	return digits + out
}
