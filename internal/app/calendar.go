package app

import (
	"context"
	"time"

	"github.com/kith-crm/kith/internal/ical"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// CalendarEntries gathers what kith calendar writes, in one snapshot: the
// follow-ups and stay-in-touch items due in the days from today (policy
// gives the cadences; those overdue stay on their days), the coffees
// planned in them, and every birthday and anniversary. written is the
// moment the file is written.
func CalendarEntries(ctx context.Context, db *store.DB, policy kith.CadencePolicy, days int, written time.Time) (ical.Entries, error) {
	e := ical.Entries{Written: written}
	err := db.Read(ctx, "gather the calendar", func(tx *store.Tx) error {
		today := tx.Today()
		last := today.AddDays(days - 1)
		var err error
		if e.Due, err = tx.Due(last, policy); err != nil {
			return err
		}
		planned, err := tx.PlannedCoffees(last)
		if err != nil {
			return err
		}
		for _, c := range planned {
			// a plan whose day passed is for the digest to ask about
			if !c.On.Before(today) {
				e.Coffees = append(e.Coffees, c)
			}
		}
		e.Dates, err = tx.DatesThatMatter()
		return err
	})
	return e, err
}
