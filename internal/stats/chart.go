package stats

import (
	"fmt"
	"html"
	"strings"

	"github.com/dossier-dev/dossier/internal/locale"
)

// Bar is one labelled value of a chart.
type Bar struct {
	Label string
	Value int
}

// The charts are inline SVG: no script, no font or file fetched, black on white with one
// accent so they print well; every number is also written as text.
const (
	chartWidth  = 640
	labelWidth  = 240
	valueWidth  = 60
	barHeight   = 18
	rowHeight   = 26
	chartAccent = "#2b5c8a"
)

// BarChart draws horizontal bars, one row per value, scaled to the largest.
func BarChart(title string, bars []Bar, lang string) string {
	var b strings.Builder
	h := rowHeight*len(bars) + 10
	if len(bars) == 0 {
		h = rowHeight
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s" font-family="sans-serif" font-size="12">`,
		chartWidth, h, chartWidth, h, html.EscapeString(title))
	fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(title))
	top := 0
	for _, v := range bars {
		top = max(top, v.Value)
	}
	span := chartWidth - labelWidth - valueWidth
	for i, v := range bars {
		y := 5 + i*rowHeight
		w := 0
		if top > 0 {
			w = v.Value * span / top
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelWidth-8, y+barHeight-5, html.EscapeString(v.Label))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`, labelWidth, y, w, barHeight, chartAccent)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`, labelWidth+w+6, y+barHeight-5, locale.Number(lang, v.Value))
	}
	b.WriteString("</svg>")
	return b.String()
}

// LineChart draws values over time (one point per period, oldest first).
func LineChart(title string, points []Bar, lang string) string {
	const h, left, right, top, bottom = 220, 50, 20, 20, 40
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s" font-family="sans-serif" font-size="12">`,
		chartWidth, h, chartWidth, h, html.EscapeString(title))
	fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(title))
	peak := 1
	for _, p := range points {
		peak = max(peak, p.Value)
	}
	plotW, plotH := chartWidth-left-right, h-top-bottom
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000"/>`, left, h-bottom, chartWidth-right, h-bottom)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000"/>`, left, top, left, h-bottom)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-6, top+4, locale.Number(lang, peak))
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">0</text>`, left-6, h-bottom+4)
	var coords []string
	for i, p := range points {
		x := left + plotW/2
		if len(points) > 1 {
			x = left + i*plotW/(len(points)-1)
		}
		y := h - bottom - p.Value*plotH/peak
		coords = append(coords, fmt.Sprintf("%d,%d", x, y))
		fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="3" fill="%s"/>`, x, y, chartAccent)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, x, y-8, locale.Number(lang, p.Value))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, x, h-bottom+16, html.EscapeString(p.Label))
	}
	if len(coords) > 1 {
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(coords, " "), chartAccent)
	}
	b.WriteString("</svg>")
	return b.String()
}

// BaselineBar is one value of a BaselineChart with the baseline it is measured against and
// the text written after the bar.
type BaselineBar struct {
	Label    string
	Value    int
	Baseline float64
	Text     string
}

// baselineLabelRunes is how much of a label fits left of the bars at 12px.
const baselineLabelRunes = 45

// BaselineChart draws horizontal bars, each with a black tick at its baseline, scaled to the
// largest value or baseline. Long labels are cut with an ellipsis (the full label is the
// row's tooltip and is in the report's table).
func BaselineChart(title string, bars []BaselineBar) string {
	const left, textRoom = 300, 150
	var b strings.Builder
	h := rowHeight*len(bars) + 10
	if len(bars) == 0 {
		h = rowHeight
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s" font-family="sans-serif" font-size="12">`,
		chartWidth, h, chartWidth, h, html.EscapeString(title))
	fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(title))
	top := 0.0
	for _, v := range bars {
		top = max(top, float64(v.Value), v.Baseline)
	}
	span := chartWidth - left - textRoom
	scale := func(x float64) int {
		if top <= 0 || x <= 0 {
			return 0
		}
		return int(x * float64(span) / top)
	}
	for i, v := range bars {
		y := 5 + i*rowHeight
		w, base := scale(float64(v.Value)), scale(v.Baseline)
		label := v.Label
		if r := []rune(label); len(r) > baselineLabelRunes {
			label = string(r[:baselineLabelRunes-1]) + "…"
		}
		fmt.Fprintf(&b, `<g><title>%s</title>`, html.EscapeString(v.Label))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-8, y+barHeight-5, html.EscapeString(label))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`, left, y, w, barHeight, chartAccent)
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000" stroke-width="2"/>`, left+base, y-2, left+base, y+barHeight+2)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text></g>`, left+max(w, base)+6, y+barHeight-5, html.EscapeString(v.Text))
	}
	b.WriteString("</svg>")
	return b.String()
}
