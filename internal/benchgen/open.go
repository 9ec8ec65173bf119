package benchgen

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/store"
)

var (
	smallOnce sync.Once
	smallPath string
	smallErr  error
)

// OpenForBenchmark opens the database a Go benchmark reads, on the data
// set's clock: KITH_BENCH_DB (the full data set that make bench builds)
// or, without it, a Small one generated once per test binary. It is closed
// when the benchmark ends.
func OpenForBenchmark(b testing.TB) *store.DB {
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
			smallErr = Database(context.Background(), smallPath, Small)
		})
		if smallErr != nil {
			b.Fatal(smallErr)
		}
		path = smallPath
	}
	db, err := store.Open(context.Background(), path, func() time.Time { return Now })
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}
