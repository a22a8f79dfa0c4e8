package locale

import "fmt"

// Money writes an amount in cents for people, in the office's currency (dollars): $1,234.50 in
// English; 1 234,50 $ in French (a narrow no-break space between thousands, a no-break space
// before the sign).
func Money(lang string, cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	amount := Number(lang, int(cents/100)) + decimalMark(lang) + fmt.Sprintf("%02d", cents%100)
	sign := ""
	if neg {
		sign = "-"
	}
	if lang == "fr" {
		return sign + amount + NBSP + "$"
	}
	return sign + "$" + amount
}
