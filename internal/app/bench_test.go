package app_test

import (
	"context"
	"testing"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
)

// The use cases' benchmarks read KITH_BENCH_DB (make bench's full data
// set) when it is set, else a small generated one:
//
//	KITH_BENCH_DB=bench/out/bench.db go test -run '^$' -bench . ./internal/app

// BenchmarkReportQuarter is kith report --quarter.
func BenchmarkReportQuarter(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
	q := period.ThisQuarter(benchgen.Today)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := app.ReportOver(context.Background(), db, q, app.NameAll)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(s.Coffees), "coffees")
		}
	}
}

func BenchmarkWarmPaths(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := app.WarmPaths(context.Background(), db, benchgen.TargetName(0), 4, 5)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(res.AtTarget), "at_target")
		}
	}
}

// BenchmarkFans is kith fans --limit 10: every advocate's numbers, then
// the last coffee topics of the ten shown.
func BenchmarkFans(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fans, err := app.Fans(context.Background(), db, app.FanList{Limit: 10})
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(len(fans)), "fans")
		}
	}
}

func BenchmarkFunnel(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
	q := period.ThisQuarter(benchgen.Today)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := app.FunnelOver(context.Background(), db, q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNapkin(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := app.DrawNapkin(context.Background(), db, 5, 10); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch is kith search for a common word (golf: tags, where
// people met, coffee places) and for the start of one: its ten best of
// each kind.
func BenchmarkSearch(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
	for _, text := range []string{"golf", "referrals", "gol"} {
		b.Run(text, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				hits := 0
				err := app.Search(context.Background(), db, text, 10, func(app.SearchHit) error {
					hits++
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 {
					b.ReportMetric(float64(hits), "hits")
				}
			}
		})
	}
}

// BenchmarkToday is kith today's gathering: the due list, planned
// coffees, promises waiting, the week's dates, the objective and the top
// advocate, in one snapshot.
func BenchmarkToday(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := app.Today(context.Background(), db, kith.CadencePolicy{}, 14)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(len(d.Due)+len(d.Promises)+len(d.Dates)), "items")
		}
	}
}
