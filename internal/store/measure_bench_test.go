package store_test

import (
	"context"
	"testing"

	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/period"
)

func BenchmarkReportQuarter(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
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
