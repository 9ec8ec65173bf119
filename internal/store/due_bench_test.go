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

func BenchmarkDue(b *testing.B) {
	path := os.Getenv("KITH_BENCH_DB")
	db, err := store.Open(context.Background(), path, func() time.Time { return benchgen.Now })
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
		if i == 0 {
			b.ReportMetric(float64(len(items)), "items")
		}
	}
}
