package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// BenchmarkListContacts is the query behind contact list and contact
// export on the full data set (benchDB): every contact, and the filters,
// whose small lists must stay as quick as the whole list got.
func BenchmarkListContacts(b *testing.B) {
	db, err := store.Open(context.Background(), benchDB(b), func() time.Time { return benchgen.Now })
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for _, bc := range []struct {
		name   string
		filter store.ContactFilter
	}{
		{"all", store.ContactFilter{}},
		{"category", store.ContactFilter{Category: "banker"}},
		{"stage", store.ContactFilter{Stage: kith.Client}},
		{"tag", store.ContactFilter{Tag: "vip"}},
		{"search", store.ContactFilter{Search: "quintero"}},
		{"limit", store.ContactFilter{Limit: 20}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				contacts, err := db.ListContacts(context.Background(), bc.filter)
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 {
					b.ReportMetric(float64(len(contacts)), "contacts")
				}
			}
		})
	}
}
