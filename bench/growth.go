package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"
	"time"
)

// How each cost grows with the repository: a table of time and ratio to the read floor per
// size, with the growth factor between sizes (10× the cases and 10× the time is linear), and
// the same as a log-log chart in SVG (no dependency: the chart is a few lines of markup).

// sizeResult is what was measured at one size: the read floor and each command.
type sizeResult struct {
	n     int
	floor result
	names []string
	times map[string]result
}

func (s *sizeResult) add(name string, r result) {
	if s.times == nil {
		s.times = map[string]result{}
	}
	s.names = append(s.names, name)
	s.times[name] = r
}

// measures are the names measured at any size, in the order first seen.
func measures(all []sizeResult) []string {
	var names []string
	seen := map[string]bool{}
	for _, s := range all {
		for _, n := range s.names {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	return names
}

func printGrowth(all []sizeResult) {
	fmt.Printf("## Growth\n\n")
	fmt.Printf("Time, ratio to the read floor of the same size, and peak RSS; the growth columns divide the time at one size by the time at the previous one, wall and CPU (user + system: steadier than the wall time on a busy machine); %s the cases and that factor again is linear.\n\n", sizeStep(all))
	var head, rule strings.Builder
	head.WriteString("| measure |")
	rule.WriteString("|---|")
	for _, s := range all {
		fmt.Fprintf(&head, " %s |", cases(s.n))
		rule.WriteString("--:|")
	}
	for i := 1; i < len(all); i++ {
		fmt.Fprintf(&head, " growth %s → %s |", cases(all[i-1].n), cases(all[i].n))
		rule.WriteString("--:|")
	}
	fmt.Println(head.String())
	fmt.Println(rule.String())
	row := func(name string, get func(s sizeResult) (result, bool)) {
		var b strings.Builder
		fmt.Fprintf(&b, "| %s |", name)
		for _, s := range all {
			r, ok := get(s)
			switch {
			case !ok:
				b.WriteString(" |")
			case r.rss > 0:
				fmt.Fprintf(&b, " %s (%.2f×, %d MB) |", seconds(r.wall), ratio(r.wall, s.floor.wall), r.rss/1024)
			default:
				fmt.Fprintf(&b, " %s (%.2f×) |", seconds(r.wall), ratio(r.wall, s.floor.wall))
			}
		}
		for i := 1; i < len(all); i++ {
			a, ok1 := get(all[i-1])
			c, ok2 := get(all[i])
			switch {
			case ok1 && ok2 && a.cpu > 0 && c.cpu > 0:
				fmt.Fprintf(&b, " %.1f× (CPU %.1f×) |", ratio(c.wall, a.wall), ratio(c.cpu, a.cpu))
			case ok1 && ok2:
				fmt.Fprintf(&b, " %.1f× |", ratio(c.wall, a.wall))
			default:
				b.WriteString(" |")
			}
		}
		fmt.Println(b.String())
	}
	row("read floor: find \\| xargs cat", func(s sizeResult) (result, bool) { return result{wall: s.floor.wall}, true })
	for _, name := range measures(all) {
		row(name, func(s sizeResult) (result, bool) { r, ok := s.times[name]; return r, ok })
	}
	fmt.Println()
}

// sizeStep says how the sizes grow ("10×"), or "n×" when the steps differ.
func sizeStep(all []sizeResult) string {
	step := ""
	for i := 1; i < len(all); i++ {
		s := fmt.Sprintf("%g×", float64(all[i].n)/float64(all[i-1].n))
		if step != "" && s != step {
			return "n×"
		}
		step = s
	}
	return step
}

func cases(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func seconds(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// growthSVG draws time against cases on log-log axes: one line per measure and the read
// floor dashed. Only the decades the data spans are drawn.
func growthSVG(all []sizeResult) []byte {
	const (
		width, height     = 900, 460
		left, right       = 70, 430 // the legend sits on the right
		top, bottom       = 30, 50
		plotW, plotH      = width - left - right, height - top - bottom
		floorName         = "read floor (find | xargs cat)"
		textStyle         = `font-family="sans-serif" font-size="12" fill="#333"`
		gridStyle         = `stroke="#ddd" stroke-width="1"`
		minTime, minCases = 1e-3, 1.0
	)
	type series struct {
		name   string
		points [][2]float64 // cases, seconds
		dashed bool
	}
	var lines []series
	floor := series{name: floorName, dashed: true}
	for _, s := range all {
		floor.points = append(floor.points, [2]float64{float64(s.n), s.floor.wall.Seconds()})
	}
	lines = append(lines, floor)
	for _, name := range measures(all) {
		l := series{name: name}
		for _, s := range all {
			if r, ok := s.times[name]; ok {
				l.points = append(l.points, [2]float64{float64(s.n), r.wall.Seconds()})
			}
		}
		lines = append(lines, l)
	}
	xMin, xMax, yMin, yMax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		for _, p := range l.points {
			xMin, xMax = math.Min(xMin, math.Max(p[0], minCases)), math.Max(xMax, p[0])
			yMin, yMax = math.Min(yMin, math.Max(p[1], minTime)), math.Max(yMax, p[1])
		}
	}
	x0, x1 := math.Floor(math.Log10(xMin)), math.Ceil(math.Log10(xMax))
	y0, y1 := math.Floor(math.Log10(yMin)), math.Ceil(math.Log10(yMax))
	if x1 == x0 {
		x1++
	}
	if y1 == y0 {
		y1++
	}
	px := func(v float64) float64 {
		return left + (math.Log10(math.Max(v, minCases))-x0)/(x1-x0)*plotW
	}
	py := func(v float64) float64 {
		return top + plotH - (math.Log10(math.Max(v, minTime))-y0)/(y1-y0)*plotH
	}
	colors := []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="18" %s font-weight="bold">dossier: time against cases (log-log)</text>`+"\n", left, textStyle)
	for e := x0; e <= x1; e++ {
		x := px(math.Pow(10, e))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" %s/>`+"\n", x, top, x, top+plotH, gridStyle)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" %s text-anchor="middle">%s</text>`+"\n", x, top+plotH+18, textStyle, cases(int(math.Pow(10, e))))
	}
	for e := y0; e <= y1; e++ {
		y := py(math.Pow(10, e))
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" %s/>`+"\n", left, y, left+plotW, y, gridStyle)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" %s text-anchor="end">%s</text>`+"\n", left-6, y+4, textStyle, axisSeconds(math.Pow(10, e)))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%d" %s text-anchor="middle">cases</text>`+"\n", left+plotW/2.0, height-12, textStyle)
	fmt.Fprintf(&b, `<text x="16" y="%.1f" %s text-anchor="middle" transform="rotate(-90 16 %.1f)">wall time</text>`+"\n", top+plotH/2.0, textStyle, top+plotH/2.0)
	for i, l := range lines {
		color := "#000"
		if !l.dashed {
			color = colors[(i-1)%len(colors)]
		}
		dash := ""
		if l.dashed {
			dash = ` stroke-dasharray="6 4"`
		}
		var pts []string
		for _, p := range l.points {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(p[0]), py(p[1])))
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), color, dash)
		for _, p := range l.points {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", px(p[0]), py(p[1]), color)
		}
		ly := top + 10 + i*20
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", width-right+16, ly, width-right+40, ly, color, dash)
		fmt.Fprintf(&b, `<text x="%d" y="%d" %s>%s</text>`+"\n", width-right+46, ly+4, textStyle, xmlText(l.name))
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

func axisSeconds(s float64) string {
	switch {
	case s < 1:
		return fmt.Sprintf("%g ms", s*1000)
	default:
		return fmt.Sprintf("%g s", s)
	}
}

func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `\|`, "|").Replace(s)
}

// savedSize is one size's figures in the -results file.
type savedSize struct {
	Cases    int            `json:"cases"`
	FloorMS  float64        `json:"floor_ms"`
	Measures []savedMeasure `json:"measures"`
}

type savedMeasure struct {
	Name   string  `json:"name"`
	WallMS float64 `json:"wall_ms"`
	CPUMS  float64 `json:"cpu_ms"`
	RSSKB  int64   `json:"rss_kb"`
}

func msOf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func durationOf(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

// mergeResults adds the sizes of file (if it exists) that now did not measure, writes the
// union back, and returns it by size.
func mergeResults(file string, now []sizeResult) []sizeResult {
	var saved []savedSize
	data, err := os.ReadFile(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		fail(err)
	default:
		if err := json.Unmarshal(data, &saved); err != nil {
			fail(fmt.Errorf("%s: %v", file, err))
		}
	}
	all := slices.Clone(now)
	for _, sv := range saved {
		if slices.ContainsFunc(now, func(s sizeResult) bool { return s.n == sv.Cases }) {
			continue
		}
		s := sizeResult{n: sv.Cases, floor: result{wall: durationOf(sv.FloorMS)}}
		for _, m := range sv.Measures {
			s.add(m.Name, result{wall: durationOf(m.WallMS), cpu: durationOf(m.CPUMS), rss: m.RSSKB})
		}
		all = append(all, s)
	}
	slices.SortFunc(all, func(a, b sizeResult) int { return a.n - b.n })
	saved = saved[:0]
	for _, s := range all {
		sv := savedSize{Cases: s.n, FloorMS: msOf(s.floor.wall)}
		for _, name := range s.names {
			r := s.times[name]
			sv.Measures = append(sv.Measures, savedMeasure{Name: name, WallMS: msOf(r.wall), CPUMS: msOf(r.cpu), RSSKB: r.rss})
		}
		saved = append(saved, sv)
	}
	out, err := json.MarshalIndent(saved, "", "  ")
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(file, append(out, '\n'), 0o644); err != nil {
		fail(err)
	}
	return all
}
