// Command bench measures dossier against the targets of BENCHMARKS.md on demo repositories
// of several sizes, in one run, and prints a Markdown table with the ratios.
//
//	go run ./bench -sizes 1000,10000,100000
//	go run ./bench -sizes 20000 -fields   # also with declared fields in use (bench/fields.go)
//	go run ./bench -profile quebec-alternative-measures -sizes 100000
//	go run ./bench -sizes 10000,100000,1000000 -runs 1 -svg docs/bench-growth.svg   # issue 16
//	go run ./bench -sizes 100000 -clone    # a fresh clone with .dossier/ restored (bench/clone.go)
//
// It builds the dossier binary, generates (once, then reuses) demo repositories under -dir,
// and times: the read floor (find | xargs cat), the mikefarah yq v4 pipeline (when yq is on
// PATH; `go install github.com/mikefarah/yq/v4@v4.45.1`), a bare parallel parse loop with
// yaml.v3, dossier's warm and cold reads, check, and the write path against a 10-case repo.
// Peak memory comes from the kernel's rusage of each process. With several sizes it ends with
// a growth table (how each cost grows with the number of cases) and, with -svg, draws it
// (growth.go). The write path leaves each repository as it found it: the case create makes is
// removed and the file note changes is written back, so a repository given by a symbolic link
// under -dir (one generated elsewhere) is measured without being changed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"go.yaml.in/yaml/v3"
)

const now = "2026-11-23T12:00:00Z"

// workload is what is measured on a profile's demo repository: the yq pipeline's expression,
// the warm commands, and the flags a new case needs.
type workload struct {
	yq     string
	warm   []bench
	create []string
}

type bench struct {
	name string
	args []string
}

// workloads are the measures by profile; ontario-oversight's are BENCHMARKS.md's first tables.
func workloads() map[string]workload {
	return map[string]workload{
		"ontario-oversight": {
			yq: `.respondent.service + "/" + .type`,
			warm: []bench{
				{"list --status open --service toronto-ps", []string{"list", "--status", "open", "--service", "toronto-ps", "-o", "tsv"}},
				{"due --overdue", []string{"due", "--overdue", "-o", "tsv"}},
				{"stats --by service,type", []string{"stats", "--by", "service,type", "-o", "tsv"}},
				{"report oversight --period 2026-Q3", []string{"report", "oversight", "--period", "2026-Q3", "-o", "json"}},
			},
		},
		"quebec-alternative-measures": {
			yq: `.fields.program + "/" + .fields.district`,
			warm: []bench{
				{"list --status open --field program=pmrg", []string{"list", "--status", "open", "--field", "program=pmrg", "-o", "tsv"}},
				{"due --overdue", []string{"due", "--overdue", "-o", "tsv"}},
				{"stats --by program", []string{"stats", "--by", "program", "-o", "tsv"}},
				{"stats --by district", []string{"stats", "--by", "district", "-o", "tsv"}},
				{"report quarterly --period 2026-Q3", []string{"report", "quarterly", "--period", "2026-Q3", "-o", "json"}},
			},
			create: []string{"--field", "program=pmrg", "--field", "district=montreal", "--field", "person=Bench"},
		},
	}
}

type result struct {
	wall time.Duration
	cpu  time.Duration // user + system time of the process and the children it waited for
	rss  int64         // KiB
}

func main() {
	sizes := flag.String("sizes", "1000,10000,100000", "repository sizes")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "dossier-bench"), "where the repositories are kept")
	runs := flag.Int("runs", 5, "timed runs per command (the median is reported)")
	fields := flag.Bool("fields", false, "also time the warm commands on a copy of each repository with declared fields (repo-N-fields)")
	only := flag.Bool("fields-only", false, "time only the copies with declared fields")
	profile := flag.String("profile", "ontario-oversight", "the profile of the demo repositories (ontario-oversight, quebec-alternative-measures)")
	withYQ := flag.Bool("yq", true, "time the yq pipeline (never above 100,000 cases: it takes the better part of an hour at 1,000,000)")
	withBare := flag.Bool("bare", true, "time the bare yaml.v3 parse loop")
	withCold := flag.Bool("cold", true, "time the cold list (minutes at 1,000,000 cases)")
	withCheck := flag.Bool("check", true, "time check (as long as a cold list)")
	svg := flag.String("svg", "", "write the growth chart (time against cases, log-log) to this SVG `file`")
	results := flag.String("results", "", "keep each size's figures in this JSON `file`: sizes measured now replace their earlier figures, the growth table and chart cover every size in it (measure 1,000,000 once, smaller sizes again)")
	clone := flag.Bool("clone", false, "time only a fresh clone with .dossier/ restored against warm (bench/clone.go)")
	flag.Parse()
	if (*fields || *only) && *profile != "ontario-oversight" {
		fail(fmt.Errorf("-fields adds declared fields to Ontario repositories; the %s repositories have their own", *profile))
	}
	w, ok := workloads()[*profile]
	if !ok {
		fail(fmt.Errorf("-profile: no workload for %q: use ontario-oversight or quebec-alternative-measures", *profile))
	}
	// Ontario's repositories keep their names (repo-N), so that earlier runs' are reused.
	prefix := "repo-"
	if *profile != "ontario-oversight" {
		prefix = "repo-" + *profile + "-"
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fail(err)
	}
	bin := filepath.Join(*dir, "dossier")
	run("", nil, "go", "build", "-o", bin, "./cmd/dossier")
	fmt.Printf("machine: %d cores (GOMAXPROCS), %s/%s, %s\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	small := filepath.Join(*dir, prefix+"10")
	if strings.TrimSpace(*sizes) != "" {
		ensureRepo(bin, small, 10, *profile)
	}
	var all []sizeResult
	for _, s := range strings.Split(*sizes, ",") {
		if strings.TrimSpace(s) == "" { // -sizes "": only the growth table and chart of -results
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			fail(err)
		}
		repo := filepath.Join(*dir, prefix+strconv.Itoa(n))
		ensureRepo(bin, repo, n, *profile)
		if *clone {
			measureClone(bin, repo, *runs)
			continue
		}
		if !*only {
			all = append(all, measure(bin, repo, small, n, *runs, w, measureOptions{yq: *withYQ && n <= yqMax, bare: *withBare, cold: *withCold, check: *withCheck}))
		}
		if *fields || *only {
			measureFields(bin, repo, n, *runs)
		}
	}
	if *results != "" {
		all = mergeResults(*results, all)
	}
	if len(all) > 1 {
		printGrowth(all)
	}
	if *svg != "" && len(all) > 0 {
		if err := os.WriteFile(*svg, growthSVG(all), 0o644); err != nil {
			fail(err)
		}
	}
}

// yqMax is the largest repository the yq pipeline is timed on.
const yqMax = 100000

func ensureRepo(bin, repo string, n int, profile string) {
	if _, err := os.Stat(filepath.Join(repo, "dossier.yaml")); err == nil {
		return
	}
	start := time.Now()
	args := []string{"demo", repo, "--cases", strconv.Itoa(n), "-q"}
	if profile != "ontario-oversight" {
		args = append(args, "--profile", profile)
	}
	run("", []string{"DOSSIER_NOW=" + now}, bin, args...)
	fmt.Fprintf(os.Stderr, "generated %d cases in %s\n", n, time.Since(start).Round(time.Millisecond))
}

// measureOptions says which of the slow measures to take.
type measureOptions struct{ yq, bare, cold, check bool }

func measure(bin, repo, small string, n, runs int, w workload, opt measureOptions) sizeResult {
	withYQ, withBare := opt.yq, opt.bare
	env := []string{"DOSSIER_NOW=" + now, "DOSSIER_DIR=" + repo, "DOSSIER_ACTOR=bench"}
	sh := func(script string) result { return timeIt(runs, repo, env, "sh", "-c", script) }
	dossier := func(args ...string) result { return timeIt(runs, repo, env, bin, args...) }
	cold := func(args ...string) result {
		return timeItPrep(runs, func() {
			idx, _ := filepath.Glob(filepath.Join(repo, ".dossier", "index-*.bin"))
			for _, p := range idx {
				os.Remove(p)
			}
		}, repo, env, bin, args...)
	}

	floor := sh(`find records -name '*.yaml' -print0 | xargs -0 cat > /dev/null`)
	var yq result
	haveYQ := false
	if withYQ {
		ver, _ := exec.Command("yq", "--version").Output()
		haveYQ = bytes.Contains(ver, []byte("mikefarah"))
		if !haveYQ {
			fmt.Fprintln(os.Stderr, "bench: mikefarah yq v4 is not first on PATH; skipping the yq comparison (go install github.com/mikefarah/yq/v4@v4.45.1)")
		}
	}
	if haveYQ {
		yq = timeIt(1, repo, env, "sh", "-c", `find records -name '*.yaml' -print0 | xargs -0 yq -N '`+w.yq+`' | sort | uniq -c > /dev/null`)
	}
	var parse time.Duration
	if withBare {
		parse = bareParse(repo, runs)
	}

	// The cold list runs first: the index its last run writes serves the warm commands (at
	// 1,000,000 cases a cold run takes minutes: not one more to build the index).
	var coldList result
	if opt.cold {
		coldList = cold("list", "--status", "open", "-o", "tsv")
	} else {
		timeIt(1, repo, env, bin, "list", "--status", "open", "-o", "ids") // build the index
	}
	type row struct {
		name string
		r    result
		kind string
	}
	var rows []row
	for _, b := range w.warm {
		rows = append(rows, row{b.name, dossier(b.args...), "warm"})
	}
	if opt.cold {
		rows = append(rows, row{"list (cold: no index)", coldList, "cold"})
	}
	if opt.check {
		rows = append(rows, row{"check", timeItOK(runs, repo, env, bin, "check", "-q"), "cold"})
	}
	fmt.Printf("## %d cases\n\n", n)
	fmt.Printf("| measure | time | ratio | target | peak RSS |\n|---|--:|--:|---|--:|\n")
	fmt.Printf("| read floor: find \\| xargs cat | %s | 1.00 | | |\n", ms(floor.wall))
	if haveYQ {
		fmt.Printf("| yq v4 pipeline (%s counts) | %s | %.1f | | |\n", map[bool]string{true: "service/type", false: "program/district"}[w.create == nil], ms(yq.wall), ratio(yq.wall, floor.wall))
	}
	if withBare {
		fmt.Printf("| bare parse loop, yaml.v3, all cores | %s | %.2f | | |\n", ms(parse), ratio(parse, floor.wall))
	}
	out := sizeResult{n: n, floor: floor}
	if withBare {
		out.add("bare parse loop (yaml.v3)", result{wall: parse})
	}
	for _, r := range rows {
		switch r.kind {
		case "warm":
			vsYQ := ""
			if haveYQ {
				vsYQ = fmt.Sprintf(", %.0f× faster than yq", ratio(yq.wall, r.r.wall))
			}
			fmt.Printf("| %s (warm) | %s | %.2f of floor%s | ≤ 0.5 of floor, ≥ 30× yq | %d MB |\n", r.name, ms(r.r.wall), ratio(r.r.wall, floor.wall), vsYQ, r.r.rss/1024)
			out.add(r.name+" (warm)", r.r)
		default:
			if withBare {
				fmt.Printf("| %s | %s | %.2f of bare parse | ≤ 1.2 of bare parse | %d MB |\n", r.name, ms(r.r.wall), ratio(r.r.wall, parse), r.r.rss/1024)
			} else {
				fmt.Printf("| %s | %s | %.2f of floor | | %d MB |\n", r.name, ms(r.r.wall), ratio(r.r.wall, floor.wall), r.r.rss/1024)
			}
			out.add(r.name, r.r)
		}
	}
	// The write path: the same commands on this repository and on a 10-case one.
	smallEnv := []string{"DOSSIER_NOW=" + now, "DOSSIER_DIR=" + small, "DOSSIER_ACTOR=bench"}
	for _, w := range []struct {
		name string
		args func(id string) []string
	}{
		{"create", func(string) []string {
			return append([]string{"create", "-q", "--channel", "email", "--summary", "benchmark", "--received", "2026-11-20"}, w.create...)
		}},
		{"show", func(id string) []string { return []string{"show", id} }},
		{"note", func(id string) []string { return []string{"note", id, "benchmark note"} }},
	} {
		idBig := firstOpen(bin, env)
		idSmall := firstOpen(bin, smallEnv)
		big := timeWrite(runs, repo, env, bin, idBig, w.args(idBig)...)
		sm := timeWrite(runs, small, smallEnv, bin, idSmall, w.args(idSmall)...)
		fmt.Printf("| %s: %d cases vs 10 | %s vs %s | %.2f | ≤ 2 | %d MB |\n", w.name, n, ms(big.wall), ms(sm.wall), ratio(big.wall, sm.wall), big.rss/1024)
		if w.name == "create" {
			out.add("create", big)
		}
	}
	fmt.Println()
	return out
}

// timeWrite times a command that may write to the case id (note) or create one (create),
// and undoes it after each run: the case file is written back as it was, a created case
// (its id is create's output) is removed.
func timeWrite(runs int, repo string, env []string, bin, id string, args ...string) result {
	var file string
	var before []byte
	if args[0] != "create" {
		file = filepath.Join(repo, "records", id[:4], id+".yaml")
		var err error
		if before, err = os.ReadFile(file); err != nil {
			fail(err)
		}
	}
	return timeItPrepAfter(runs, nil, func(stdout string) {
		if file != "" {
			if err := os.WriteFile(file, before, 0o644); err != nil {
				fail(err)
			}
		} else {
			created := strings.TrimSpace(stdout)
			if !strings.Contains(created, "-") || strings.ContainsAny(created, "/. \n") {
				fail(fmt.Errorf("create printed %q, not an id", stdout))
			}
			if err := os.Remove(filepath.Join(repo, "records", created[:4], created+".yaml")); err != nil {
				fail(err)
			}
		}
	}, repo, env, bin, args...)
}

func firstOpen(bin string, env []string) string {
	for _, status := range []string{"received", "open"} {
		out := run("", env, bin, "list", "--status", status, "-o", "ids")
		if id, _, _ := strings.Cut(out, "\n"); id != "" {
			return id
		}
	}
	fail(fmt.Errorf("no open case to time show and note on"))
	return ""
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }

// bareParse parses every record into a yaml.Node on all cores: what any tool using the same
// library must pay to read the repository once.
func bareParse(repo string, runs int) time.Duration {
	var files []string
	filepath.WalkDir(filepath.Join(repo, "records"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			files = append(files, p)
		}
		return nil
	})
	var times []time.Duration
	for range runs {
		start := time.Now()
		var wg sync.WaitGroup
		next := make(chan string, 64)
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for p := range next {
					data, err := os.ReadFile(p)
					if err != nil {
						fail(err)
					}
					var n yaml.Node
					if err := yaml.Unmarshal(data, &n); err != nil {
						fail(err)
					}
				}
			})
		}
		for _, p := range files {
			next <- p
		}
		close(next)
		wg.Wait()
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[len(times)/2]
}

func timeIt(runs int, dir string, env []string, name string, args ...string) result {
	return timeItPrep(runs, nil, dir, env, name, args...)
}

// timeItOK is timeIt for a command whose exit status 3 (problems found) is expected to be 0.
func timeItOK(runs int, dir string, env []string, name string, args ...string) result {
	return timeIt(runs, dir, env, name, args...)
}

func timeItPrep(runs int, prep func(), dir string, env []string, name string, args ...string) result {
	return timeItPrepAfter(runs, prep, nil, dir, env, name, args...)
}

// timeItPrepAfter is timeItPrep with after called with the standard output of each run.
func timeItPrepAfter(runs int, prep func(), after func(stdout string), dir string, env []string, name string, args ...string) result {
	var times, cpus []time.Duration
	var rss int64
	for range runs {
		if prep != nil {
			prep()
		}
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), env...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = nil, &stderr
		if after != nil {
			cmd.Stdout = &stdout
		}
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fail(fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String()))
		}
		times = append(times, time.Since(start))
		if after != nil {
			after(stdout.String())
		}
		cpus = append(cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = max(rss, ru.Maxrss)
		}
	}
	slices.Sort(times)
	slices.Sort(cpus)
	return result{wall: times[len(times)/2], cpu: cpus[len(cpus)/2], rss: rss}
}

func run(dir string, env []string, name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String()))
	}
	return out.String()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
