package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// BenchmarkImportPhones imports 20,000 contacts known by phone alone into
// a database of 20,000: half are stored people, half are new. Every row
// goes through the Bloom filter and the phone lookup. The stored people's
// numbers come as stored (+1 415 ...), or without their +1.
func BenchmarkImportPhones(b *testing.B) {
	const n = 20_000
	for _, tc := range []struct{ name, again string }{{"as stored", "+1 415 %07d"}, {"without country code", "415-%07d"}} {
		b.Run(tc.name, func(b *testing.B) {
			var stored, file []kith.Contact
			for i := range n {
				stored = append(stored, kith.Contact{Name: fmt.Sprintf("Stored %d", i), Phones: []string{fmt.Sprintf("+1 415 %07d", i)}})
				if i%2 == 0 {
					file = append(file, kith.Contact{Name: fmt.Sprintf("Stored %d", i), Phones: []string{fmt.Sprintf(tc.again, i)}, Title: "x"})
				} else {
					file = append(file, kith.Contact{Name: fmt.Sprintf("New %d", i), Phones: []string{fmt.Sprintf("+1 650 %07d", i)}})
				}
			}
			for b.Loop() {
				b.StopTimer()
				db, _ := openTemp(b)
				importBench(b, db, stored)
				b.StartTimer()
				if got := importBench(b, db, file); got.Updated != n/2 || got.Created != n/2 {
					b.Fatalf("import did %+v", got)
				}
			}
		})
	}
}

// importBench puts every contact in one import.
func importBench(b *testing.B, db *store.DB, cs []kith.Contact) store.ImportCounts {
	counts, err := db.ImportContacts(context.Background(), store.ImportOptions{}, func(imp *store.Importer) error {
		for _, c := range cs {
			if _, err := imp.Put(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return counts
}
