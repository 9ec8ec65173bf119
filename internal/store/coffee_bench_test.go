package store_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// BenchmarkContactHistory is contact show and the reading half of ask.
func BenchmarkContactHistory(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := db.ContactHistory(ctx, strconv.Itoa(1+i%1000)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCoffeeListWeek is coffee list --week.
func BenchmarkCoffeeListWeek(b *testing.B) {
	db := benchgen.OpenForBenchmark(b)
	start := benchgen.Today.StartOfWeek()
	end := start.AddDays(6)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := db.ListCoffees(context.Background(), store.CoffeeFilter{Since: &start, Until: &end}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLogCoffee is coffee log with two contacts and a next step, on a
// database of its own (the shared benchmark file stays unchanged).
func BenchmarkLogCoffee(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "kith.db"), func() time.Time { return benchgen.Now })
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for i := 0; i < 1000; i++ {
		if _, err := db.AddContact(ctx, kith.Contact{Name: "Person " + strconv.Itoa(i)}); err != nil {
			b.Fatal(err)
		}
	}
	today := dates.Of(benchgen.Now)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, err := db.LogCoffee(ctx, store.NewCoffee{
			Refs: []string{strconv.Itoa(1 + i%1000), strconv.Itoa(1 + (i+1)%1000)}, On: today, Topic: "x",
			Next: &kith.NextStep{Text: "send the deck", Due: today.AddDays(2)},
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEachCoffee is the reading half of coffee list: every coffee of
// the full data set (benchDB), newest first, each complete with its people.
func BenchmarkEachCoffee(b *testing.B) {
	db, err := store.Open(context.Background(), benchDB(b), func() time.Time { return benchgen.Now })
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for i := 0; i < b.N; i++ {
		n := 0
		if err := db.EachCoffee(context.Background(), store.CoffeeFilter{}, func(kith.Coffee) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "coffees")
	}
}
