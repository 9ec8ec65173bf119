// Command bench is `make bench`: it generates the benchmark data set (once
// per generator version), runs each measured kith command several times as
// a whole process, and prints a table of medians and peak resident memory
// next to the sqlite3 shell's .import of the same CSV, appending the table
// to bench/RESULTS.md. kith sync is timed against a Radicale started for it
// (internal/davtest), and skipped when Radicale cannot be installed.
//
// A command that is not in the binary yet (it exits 2, a usage error) is
// listed as skipped, so the table can be run at any point of development.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
)

func main() {
	var o options
	flag.StringVar(&o.kith, "kith", "bin/kith", "the kith binary to measure")
	flag.StringVar(&o.noJournal, "nojournal", "", "the same kith built without the journal (-tags kith_nojournal), to measure what the journal costs")
	flag.StringVar(&o.out, "out", "bench/out", "folder for the generated data (kept between runs)")
	flag.StringVar(&o.results, "results", "bench/RESULTS.md", "file the table is appended to (empty: none)")
	flag.IntVar(&o.runs, "runs", 7, "timed runs of each quick command")
	flag.IntVar(&o.importRuns, "import-runs", 3, "timed runs of each import and first sync")
	flag.BoolVar(&o.small, "small", false, "use the small data set (a quick check of the harness itself)")
	only := flag.String("only", "", "measure only the rows whose command matches this regular expression, and append nothing to -results")
	flag.Parse()
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench: -only:", err)
			os.Exit(2)
		}
		selected, o.results = re.MatchString, ""
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type options struct {
	kith, out, results string
	noJournal          string
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
		if r.skipped == notSelected {
			return
		}
		rows = append(rows, r)
		fmt.Fprintf(os.Stderr, "bench: %-38s %s\n", r.name, r.summary())
	}
	add(m.kithCmd("kith version", "-", o.runs, 0, "version"))
	due := m.kithCmd("kith followup due", "db", o.runs, 20*time.Millisecond, "followup", "due")
	add(due)
	// the digest is followup due and five more sections: at most 1.5× its time
	today := m.kithCmd("kith today", "db", o.runs, 0, "today")
	today.target = fmt.Sprintf("≤ %.1f× followup due", todayRatioTarget)
	add(compared(today, due, "followup due", todayRatioTarget, false))
	add(m.kithCmd("kith report --quarter", "db", o.runs, 100*time.Millisecond, "report", "--quarter"))
	add(m.kithCmd("kith napkin", "db", o.runs, 100*time.Millisecond, "napkin"))
	add(m.kithCmd("kith path TARGET", "db", o.runs, 200*time.Millisecond, "path", target))
	// a common word: in tags, where people met and coffee places
	add(m.kithCmd("kith search golf", "db", o.runs, 50*time.Millisecond, "search", "golf"))
	add(m.kithCmd("kith contact list", "db", o.runs, 0, "contact", "list"))
	for _, r := range m.everydayWrites(o.runs) {
		add(r)
	}
	if err := m.streamed(o.runs, add); err != nil {
		return err
	}
	for _, csv := range []struct {
		file string
		rows int
	}{{ds.csvSmall, ds.rowsSmall}, {ds.csvLarge, ds.rowsLarge}} {
		label := benchgen.Thousands(csv.rows) + " rows"
		imp := m.importCmd("kith contact import", label, o.importRuns, csv.file)
		ref := m.sqliteImport("sqlite3 .import (reference)", label, o.importRuns, csv.file)
		add(compared(imp, ref, "sqlite3", importRatioTarget, imp.peakKiB >= importRSSTargetKiB))
		add(ref)
		if csv.rows == ds.rowsSmall {
			for _, r := range m.journalCosts(imp, csv.file, o.importRuns, o.noJournal) {
				add(r)
			}
		}
	}

	if err := m.synced(o.importRuns, o.runs, add); err != nil {
		return err
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
