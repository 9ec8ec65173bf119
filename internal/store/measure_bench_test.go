package store_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/store"
)

var (
	smallOnce sync.Once
	smallPath string
	smallErr  error
)

// measureBenchDB opens KITH_BENCH_DB (the full data set that make bench
// builds) or, without it, a small generated one, dated as benchgen dates it.
func measureBenchDB(b *testing.B) *store.DB {
	b.Helper()
	path := os.Getenv("KITH_BENCH_DB")
	if path == "" {
		smallOnce.Do(func() {
			dir, err := os.MkdirTemp("", "kith-measure-bench")
			if err != nil {
				smallErr = err
				return
			}
			smallPath = filepath.Join(dir, "bench.db")
			smallErr = benchgen.Database(context.Background(), smallPath, benchgen.Small)
		})
		if smallErr != nil {
			b.Fatal(smallErr)
		}
		path = smallPath
	}
	db, err := store.Open(context.Background(), path, func() time.Time { return benchgen.Now })
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func BenchmarkReportQuarter(b *testing.B) {
	db := measureBenchDB(b)
	q := period.ThisQuarter(benchgen.Today)
	weeks := period.Weeks(benchgen.Today, 12)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := db.Report(context.Background(), q, weeks)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(r.Coffees), "coffees")
		}
	}
}

func BenchmarkNapkin(b *testing.B) {
	db := measureBenchDB(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := db.Napkin(context.Background(), 5, 10); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFunnel(b *testing.B) {
	db := measureBenchDB(b)
	q := period.ThisQuarter(benchgen.Today)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := db.Funnel(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWarmPaths(b *testing.B) {
	db := measureBenchDB(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := db.WarmPaths(context.Background(), benchgen.TargetName(0), 4, 5)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(res.AtTarget), "at_target")
		}
	}
}
