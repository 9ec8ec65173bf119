package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// benchDB returns the database benchmarks run on: KITH_BENCH_DB when set,
// else the full generated data set (100,000 contacts, 1,000,000 coffees,
// 100,000 follow-ups), written once to the temp folder and kept.
func benchDB(b *testing.B) string {
	b.Helper()
	if path := os.Getenv("KITH_BENCH_DB"); path != "" {
		return path
	}
	path, err := benchgen.Cached(context.Background(), os.TempDir(), benchgen.Full)
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkDue times the query behind `kith followup due` on the benchmark
// data set, where about 20,000 items are due (make bench times the whole
// process).
func BenchmarkDue(b *testing.B) {
	db, err := store.Open(context.Background(), benchDB(b), func() time.Time { return benchgen.Now })
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		items, err := db.Due(context.Background(), benchgen.Today, kith.CadencePolicy{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(items)), "items")
	}
}
