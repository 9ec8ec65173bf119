package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// TestStayInTouchCanBeDoneAndSnoozed follows one contact's cadence item
// through a touch, a snooze and a coffee: each moves the day it falls due
// as the rules say, and none of them is a coffee.
func TestStayInTouchCanBeDoneAndSnoozed(t *testing.T) {
	ctx := context.Background()
	now := fixedNow.AddDate(0, -1, 0) // Ana added on 2026-02-02
	db := openClock(t, &now)
	ten := 10
	ana, err := db.AddContact(ctx, kith.Contact{Name: "Ana", CadenceDays: &ten})
	require.NoError(t, err)
	addContacts(t, db, "Bo")
	now = fixedNow // 2026-03-02
	none := kith.CadencePolicy{}
	dueOf := func(through string) []string {
		items, err := db.Due(ctx, day(through), none)
		require.NoError(t, err)
		return dueLines(items)
	}
	require.Equal(t, []string{"2026-02-12 | Ana | stay in touch | cadence"}, dueOf("2026-03-02"))

	// done: a touch today; due a cadence after it
	done, err := db.DoneItems(ctx, []kith.ItemID{kith.CadenceID(ana.ID)}, none)
	require.NoError(t, err)
	require.Len(t, done, 1)
	assert.Equal(t, "c1", done[0].ID.String())
	assert.Equal(t, "done", done[0].Status)
	assert.Equal(t, "2026-03-12", done[0].Due.String(), "next due")
	assert.Empty(t, dueOf("2026-03-11"))
	assert.Len(t, dueOf("2026-03-12"), 1)

	// snooze past the cadence: not due before the snooze
	snoozed, err := db.SnoozeItems(ctx, []kith.ItemID{kith.CadenceID(ana.ID)}, day("2026-03-20"), none)
	require.NoError(t, err)
	assert.Equal(t, "2026-03-20", snoozed[0].Due.String())
	assert.Empty(t, dueOf("2026-03-19"))

	// a coffee later than the snooze sets the day; the touch never counted
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana"}, Kind: kith.KindCoffee, On: day("2026-03-01")})
	require.NoError(t, err)
	assert.Equal(t, []string{"2026-03-20 | Ana | stay in touch | cadence"}, dueOf("2026-03-31"))
	got, err := db.ResolveContact(ctx, "ana")
	require.NoError(t, err)
	assert.Equal(t, "2026-03-01", got.LastContact.String(), "a touch is not a meeting")

	// kith touch ends the snooze and restarts the cadence from its day
	res, err := db.Touch(ctx, "ana", day("2026-03-02"), " sent the deck ", none)
	require.NoError(t, err)
	assert.Equal(t, "sent the deck", res.Note)
	require.NotNil(t, res.Next)
	assert.Equal(t, "2026-03-12", res.Next.Due.String())

	tests := []struct {
		name string
		ids  []kith.ItemID
		code kith.Code
		msg  string
	}{
		{"no such contact", []kith.ItemID{kith.CadenceID(99)}, kith.NotFound, "no contact for c99; nothing was marked done"},
		{"no cadence", []kith.ItemID{kith.CadenceID(ana.ID), kith.CadenceID(2)}, kith.Invalid, "c2 (Bo): no stay-in-touch cadence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.DoneItems(ctx, tt.ids, none)
			require.Error(t, err)
			assert.Equal(t, tt.code, kith.ErrorCode(err))
			assert.Contains(t, err.Error(), tt.msg)
			assert.Equal(t, []string{"2026-03-12 | Ana | stay in touch | cadence"}, dueOf("2026-03-31"), "nothing changed")
		})
	}
	_, err = db.Touch(ctx, "ana", day("2026-03-03"), "", none)
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err), "a touch tomorrow")
}
