package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
)

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

// selected tells whether a row is measured (bench -only); every row by
// default. The flag sets it once, before anything is measured.
var selected = func(name string) bool { return true }

// notSelected marks a row -only left out; the table leaves it out too.
const notSelected = "skipped: not selected by -only"

// timeBin is GNU time, used for the warm-up run's peak memory; empty when
// it is not installed (the memory column then says n/a).
var timeBin, _ = exec.LookPath("/usr/bin/time")

// measure runs prepare (untimed) and the command runs times, after one
// untimed warm-up run that also tells whether the command exists and
// measures its peak memory (under GNU time, so the timed runs carry no
// wrapper).
func measure(r result, runs int, prepare func() error, name string, args, env []string) result {
	if !selected(r.name) {
		r.skipped = notSelected
		return r
	}
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
	return untimed("kith napkin on "+m.ds.db, m.kith, []string{"napkin"}, m.env(m.ds.db))
}

// untimed runs a command that prepares a measurement; it must exit 0.
func untimed(what, name string, args, env []string) error {
	_, _, _, code, msg, err := once("", name, args, env)
	if err == nil && code != 0 {
		err = fmt.Errorf("%s: exit %d: %s", what, code, msg)
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
	r := result{name: label, dataset: ds, target: fmt.Sprintf("≤ %.1f× sqlite3, < %d MiB", importRatioTarget, importRSSTargetKiB>>10)}
	return m.importWith(m.kith, r, runs, csv)
}

// importWith times kith binary importing csv into a new database.
func (m *measurer) importWith(kith string, r result, runs int, csv string) result {
	db := filepath.Join(m.out, "import.db")
	r = measure(r, runs, fresh(db), kith, importArgs(csv), m.env(db))
	fresh(db)()
	return r
}

func importArgs(csv string) []string {
	return []string{"contact", "import", "--format", "linkedin", csv}
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
