package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
)

// The import targets: time against the sqlite3 shell, peak memory, and
// how 1,000,000 rows scale against 100,000.
const (
	importRatioTarget   = 2.5
	importRSSTargetKiB  = 64 << 10
	importScalingTarget = 11
)

// todayRatioTarget is kith today's time against followup due's.
const todayRatioTarget = 1.5

// compared notes r's median time against ref's as a ratio, and marks r
// over target when the ratio is above most or when over (another limit
// r broke) is true.
func compared(r, ref result, refName string, most float64, over bool) result {
	if !r.ok() || !ref.ok() {
		return r
	}
	ratio := float64(r.median()) / float64(ref.median())
	r.note = fmt.Sprintf("%.2f× %s", ratio, refName)
	if ratio > most || over {
		r.note += ", OVER TARGET"
	}
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
