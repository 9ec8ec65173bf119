// Command bench is `make bench`: it generates the benchmark data set (once
// per generator version), runs each measured kith command several times as
// a whole process, and prints a table of medians and peak resident memory
// next to the sqlite3 shell's .import of the same CSV, appending the table
// to bench/RESULTS.md.
//
// A command that is not in the binary yet (it exits 2, a usage error) is
// listed as skipped, so the table can be run at any point of development.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
)

func main() {
	var o options
	flag.StringVar(&o.kith, "kith", "bin/kith", "the kith binary to measure")
	flag.StringVar(&o.out, "out", "bench/out", "folder for the generated data (kept between runs)")
	flag.StringVar(&o.results, "results", "bench/RESULTS.md", "file the table is appended to (empty: none)")
	flag.IntVar(&o.runs, "runs", 7, "timed runs of each quick command")
	flag.IntVar(&o.importRuns, "import-runs", 3, "timed runs of each import")
	flag.BoolVar(&o.small, "small", false, "use the small data set (a quick check of the harness itself)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type options struct {
	kith, out, results string
	runs, importRuns   int
	small              bool
}

// dataset is the generated input the measurements run on.
type dataset struct {
	sizes      benchgen.Sizes
	db         string
	csvSmall   string
	csvLarge   string
	rowsSmall  int
	rowsLarge  int
	configHome string
}

func run(o options) error {
	kithBin, err := filepath.Abs(o.kith)
	if err != nil {
		return err
	}
	if _, err := os.Stat(kithBin); err != nil {
		return fmt.Errorf("no kith binary at %s: run make build first", o.kith)
	}
	if err := os.MkdirAll(o.out, 0o700); err != nil {
		return err
	}
	ds := dataset{sizes: benchgen.Full, rowsSmall: 100_000, rowsLarge: 1_000_000}
	if o.small {
		ds = dataset{sizes: benchgen.Small, rowsSmall: 1_000, rowsLarge: 10_000}
	}
	if err := generate(o.out, &ds); err != nil {
		return err
	}
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return errors.New("sqlite3 is not installed (make bench installs it with apt-get; or install it by hand)")
	}

	m := &measurer{kith: kithBin, ds: ds, out: o.out}
	if err := m.upgrade(); err != nil {
		return err
	}
	target := benchgen.TargetName(0)
	var rows []result
	add := func(r result) {
		rows = append(rows, r)
		fmt.Fprintf(os.Stderr, "bench: %-34s %s\n", r.name, r.summary())
	}
	add(m.kithCmd("kith version", "-", o.runs, 0, "version"))
	add(m.kithCmd("kith followup due", "db", o.runs, 20*time.Millisecond, "followup", "due"))
	add(m.kithCmd("kith report --quarter", "db", o.runs, 100*time.Millisecond, "report", "--quarter"))
	add(m.kithCmd("kith napkin", "db", o.runs, 100*time.Millisecond, "napkin"))
	add(m.kithCmd("kith path TARGET", "db", o.runs, 200*time.Millisecond, "path", target))
	add(m.kithCmd("kith contact list", "db", o.runs, 0, "contact", "list"))
	for _, csv := range []struct {
		file string
		rows int
	}{{ds.csvSmall, ds.rowsSmall}, {ds.csvLarge, ds.rowsLarge}} {
		label := benchgen.Thousands(csv.rows) + " rows"
		imp := m.importCmd("kith contact import", label, o.importRuns, csv.file)
		ref := m.sqliteImport("sqlite3 .import (reference)", label, o.importRuns, csv.file)
		if imp.ok() && ref.ok() {
			ratio := float64(imp.median()) / float64(ref.median())
			imp.note = fmt.Sprintf("%.2f× sqlite3", ratio)
			if ratio > importRatioTarget || imp.peakKiB >= importRSSTargetKiB {
				imp.note += ", OVER TARGET"
			}
		}
		add(imp)
		add(ref)
	}

	table := render(rows, ds)
	fmt.Print(table)
	if o.results == "" {
		return nil
	}
	return appendResults(o.results, heading(kithBin), table)
}

// generate writes the data set unless a copy from this generator version
// is already there.
func generate(out string, ds *dataset) error {
	stamp := fmt.Sprintf("benchgen v%d: %s; csv %d and %d rows\n", benchgen.Version, ds.sizes, ds.rowsSmall, ds.rowsLarge)
	ds.db = filepath.Join(out, "bench.db")
	ds.csvSmall = filepath.Join(out, fmt.Sprintf("connections-%d.csv", ds.rowsSmall))
	ds.csvLarge = filepath.Join(out, fmt.Sprintf("connections-%d.csv", ds.rowsLarge))
	ds.configHome = filepath.Join(out, "config")
	if err := os.MkdirAll(ds.configHome, 0o700); err != nil {
		return err
	}
	stampFile := filepath.Join(out, "STAMP")
	if have, err := os.ReadFile(stampFile); err == nil && string(have) == stamp {
		return nil
	}
	os.Remove(stampFile)
	start := time.Now()
	for _, f := range []string{ds.db, ds.db + "-wal", ds.db + "-shm"} {
		os.Remove(f)
	}
	if err := benchgen.Database(context.Background(), ds.db, ds.sizes); err != nil {
		return fmt.Errorf("generate %s: %w", ds.db, err)
	}
	for _, c := range []struct {
		file string
		rows int
	}{{ds.csvSmall, ds.rowsSmall}, {ds.csvLarge, ds.rowsLarge}} {
		if err := writeCSV(c.file, c.rows); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "bench: generated %s in %s\n", strings.TrimSpace(stamp), time.Since(start).Round(time.Millisecond))
	return os.WriteFile(stampFile, []byte(stamp), 0o600)
}

func writeCSV(path string, rows int) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := benchgen.LinkedInCSV(f, rows); err != nil {
		f.Close()
		return fmt.Errorf("generate %s: %w", path, err)
	}
	return f.Close()
}

// result is one line of the table.
type result struct {
	name, dataset, target, note string
	times                       []time.Duration
	cpus                        []time.Duration // user + system time of each timed run
	peakKiB                     int64
	skipped, failed             string
}

func (r result) ok() bool { return r.skipped == "" && r.failed == "" && len(r.times) > 0 }

func (r result) median() time.Duration { return median(r.times) }

func median(times []time.Duration) time.Duration {
	t := append([]time.Duration(nil), times...)
	sort.Slice(t, func(i, j int) bool { return t[i] < t[j] })
	n := len(t)
	if n%2 == 1 {
		return t[n/2]
	}
	return (t[n/2-1] + t[n/2]) / 2
}

func (r result) summary() string {
	switch {
	case r.skipped != "":
		return r.skipped
	case r.failed != "":
		return "FAILED: " + r.failed
	}
	return fmt.Sprintf("median %s, peak %s", ms(r.median()), mib(r.peakKiB))
}

// measurer runs commands as whole processes and records wall time and peak
// resident memory (getrusage's ru_maxrss of the child).
type measurer struct {
	kith string
	ds   dataset
	out  string
}

func (m *measurer) env(db string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + m.out,
		"XDG_CONFIG_HOME=" + m.ds.configHome,
		"XDG_DATA_HOME=" + m.out,
		"TZ=UTC",
		"NO_COLOR=1",
		"KITH_NOW=" + benchgen.Today.String(),
	}
	if db != "" {
		env = append(env, "KITH_DB="+db)
	}
	return env
}

// once runs one process; stdout is thrown away, stderr kept for errors.
// With timeBin set, the process runs under GNU time to read its peak
// resident memory: the child's own getrusage figure would include this
// (large) Go process, whose memory high-water mark a vforked child
// inherits across exec.
func once(timeBin, name string, args, env []string) (wall, cpu time.Duration, rssKiB int64, code int, msg string, err error) {
	var rssFile string
	if timeBin != "" {
		f, err := os.CreateTemp("", "kith-bench-rss-")
		if err != nil {
			return 0, 0, 0, -1, "", err
		}
		rssFile = f.Name()
		f.Close()
		defer os.Remove(rssFile)
		args = append([]string{"-f", "%M", "-o", rssFile, name}, args...)
		name = timeBin
	}
	cmd := exec.Command(name, args...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	if cmd.ProcessState == nil {
		return 0, 0, 0, -1, "", err
	}
	cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if rssFile != "" {
		if out, err := os.ReadFile(rssFile); err == nil {
			// GNU time writes "Command exited with non-zero status N" first
			// when the command fails; the figure is the last line.
			lines := strings.Fields(string(out))
			if len(lines) > 0 {
				fmt.Sscan(lines[len(lines)-1], &rssKiB)
			}
		}
	}
	return wall, cpu, rssKiB, cmd.ProcessState.ExitCode(), firstLine(stderr.String()), nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// timeBin is GNU time, used for the warm-up run's peak memory; empty when
// it is not installed (the memory column then says n/a).
var timeBin, _ = exec.LookPath("/usr/bin/time")

// measure runs prepare (untimed) and the command runs times, after one
// untimed warm-up run that also tells whether the command exists and
// measures its peak memory (under GNU time, so the timed runs carry no
// wrapper).
func measure(r result, runs int, prepare func() error, name string, args, env []string) result {
	for i := -1; i < runs; i++ {
		if prepare != nil {
			if err := prepare(); err != nil {
				r.failed = err.Error()
				return r
			}
		}
		wrapper := ""
		if i < 0 {
			wrapper = timeBin
		}
		wall, cpu, rss, code, msg, err := once(wrapper, name, args, env)
		switch {
		case err != nil:
			r.failed = err.Error()
			return r
		case code == 2:
			r.skipped = "skipped: not in this kith yet"
			fmt.Fprintf(os.Stderr, "bench: %s: %s\n", r.name, msg)
			return r
		case code != 0:
			r.failed = fmt.Sprintf("exit %d: %s", code, msg)
			return r
		}
		if i < 0 {
			r.peakKiB = rss
			continue
		}
		r.times = append(r.times, wall)
		r.cpus = append(r.cpus, cpu)
	}
	return r
}

// The import targets: time against the sqlite3 shell, peak memory, and
// how 1,000,000 rows scale against 100,000.
const (
	importRatioTarget   = 2.5
	importRSSTargetKiB  = 64 << 10
	importScalingTarget = 11
)

func (m *measurer) kithCmd(label, ds string, runs int, limit time.Duration, args ...string) result {
	r := result{name: label, dataset: "-"}
	if limit > 0 {
		r.target = "≤ " + ms(limit)
	}
	db := ""
	if ds == "db" {
		r.dataset = benchgen.Thousands(m.ds.sizes.Contacts) + " contacts"
		db = m.ds.db
	}
	r = measure(r, runs, nil, m.kith, args, m.env(db))
	if limit > 0 && r.ok() && r.median() > limit {
		r.note = "OVER TARGET"
	}
	return r
}

// upgrade lets kith migrate the cached database to its schema before
// anything is measured; otherwise the first timed command, whose peak
// memory is the one reported, would be the migration's.
func (m *measurer) upgrade() error {
	_, _, _, code, msg, err := once("", m.kith, []string{"napkin"}, m.env(m.ds.db))
	if err == nil && code != 0 {
		err = fmt.Errorf("kith napkin on %s: exit %d: %s", m.ds.db, code, msg)
	}
	return err
}

// fresh empties the database an import writes into before each run.
func fresh(db string) func() error {
	return func() error {
		for _, f := range []string{db, db + "-wal", db + "-shm", db + "-journal"} {
			if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
		return nil
	}
}

func (m *measurer) importCmd(label, ds string, runs int, csv string) result {
	db := filepath.Join(m.out, "import.db")
	r := result{name: label, dataset: ds, target: fmt.Sprintf("≤ %.1f× sqlite3, < %d MiB", importRatioTarget, importRSSTargetKiB>>10)}
	r = measure(r, runs, fresh(db), m.kith, []string{"contact", "import", "--format", "linkedin", csv}, m.env(db))
	fresh(db)()
	return r
}

// sqliteImport is the reference: the sqlite3 shell loading the same CSV
// into an equivalent table, skipping the preamble and header.
func (m *measurer) sqliteImport(label, ds string, runs int, csv string) result {
	db := filepath.Join(m.out, "sqlite3.db")
	create := `CREATE TABLE connections (first_name TEXT, last_name TEXT, url TEXT, email TEXT,
		company TEXT, position TEXT, connected_on TEXT)`
	args := []string{db, "-cmd", create, fmt.Sprintf(".import --csv --skip %d %s connections", benchgen.LinkedInPreambleLines+1, csv)}
	r := measure(result{name: label, dataset: ds}, runs, fresh(db), "sqlite3", args, m.env(""))
	fresh(db)()
	return r
}

func ms(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func mib(kib int64) string {
	if kib == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MiB", float64(kib)/1024)
}

// render prints the table; its columns and their order are stable so runs
// can be compared line by line.
func render(rows []result, ds dataset) string {
	var b strings.Builder
	fmt.Fprintf(&b, "database: %s\n", ds.sizes)
	fmt.Fprintf(&b, "CSV: LinkedIn Connections.csv, %s and %s rows\n\n",
		benchgen.Thousands(ds.rowsSmall), benchgen.Thousands(ds.rowsLarge))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "command\tdataset\truns\tmedian\tmin\tmax\tCPU median\tpeak RSS\ttarget\tnote")
	for _, r := range rows {
		if !r.ok() {
			why := r.skipped
			if r.failed != "" {
				why = "FAILED: " + r.failed
			}
			fmt.Fprintf(tw, "%s\t%s\t0\t-\t-\t-\t-\t-\t%s\t%s\n", r.name, r.dataset, dash(r.target), why)
			continue
		}
		lo, hi := r.times[0], r.times[0]
		for _, t := range r.times {
			lo, hi = min(lo, t), max(hi, t)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.name, r.dataset, len(r.times),
			ms(r.median()), ms(lo), ms(hi), ms(median(r.cpus)), mib(r.peakKiB), dash(r.target), dash(r.note))
	}
	tw.Flush()
	var imports []result
	for _, r := range rows {
		if r.name == "kith contact import" && r.ok() {
			imports = append(imports, r)
		}
	}
	if len(imports) == 2 {
		scale := float64(imports[1].median()) / float64(imports[0].median())
		verdict := ""
		if scale > importScalingTarget {
			verdict = ", OVER TARGET"
		}
		fmt.Fprintf(&b, "\nimport scaling: %s rows took %.2f× the time of %s rows (target ≤ %d×%s)\n",
			benchgen.Thousands(ds.rowsLarge), scale, benchgen.Thousands(ds.rowsSmall), importScalingTarget, verdict)
	}
	return b.String()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// heading names the run: when, on what machine, which kith.
func heading(kithBin string) string {
	host, _ := os.Hostname()
	cpu := "unknown CPU"
	if info, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(info), "\n") {
			if strings.HasPrefix(line, "model name") {
				cpu = strings.TrimSpace(line[strings.IndexByte(line, ':')+1:])
				break
			}
		}
	}
	mem := ""
	if info, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(info), "\n", 2)[0], "MemTotal:"), "%d", &kb)
		mem = fmt.Sprintf(", %.0f GiB RAM", float64(kb)/(1<<20))
	}
	load := ""
	if avg, err := os.ReadFile("/proc/loadavg"); err == nil {
		// other work on the machine inflates wall times; the CPU column less so
		load = "; load average " + strings.Join(strings.Fields(string(avg))[:3], " ")
	}
	version := "?"
	if out, err := exec.Command(kithBin, "version").Output(); err == nil {
		version = strings.TrimSpace(string(out))
	}
	return fmt.Sprintf("## %s\n\nmachine: %s, %s/%s, %d CPUs (%s)%s%s; %s; %s\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), host, runtime.GOOS, runtime.GOARCH,
		runtime.NumCPU(), cpu, mem, load, runtime.Version(), version)
}

func appendResults(path, heading, table string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "\n%s\n```\n%s```\n", heading, table)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
