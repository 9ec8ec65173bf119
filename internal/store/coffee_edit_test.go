package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// dumpOf is the whole database as kith export writes it, to check that a
// refused correction changed nothing.
func dumpOf(t *testing.T, db *store.DB) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, db.ExportDatabase(context.Background(), &b))
	return b.Bytes()
}

// lastContacts is each named contact's last contact day, "" for none.
func lastContacts(t *testing.T, db *store.DB, names ...string) []string {
	t.Helper()
	out := make([]string, len(names))
	for i, n := range names {
		c, err := db.ResolveContact(context.Background(), n)
		require.NoError(t, err)
		if c.LastContact != nil {
			out[i] = c.LastContact.String()
		}
	}
	return out
}

// strp is a pointer to s, for the optional fields of an edit.
func strp(s string) *string { return &s }

// coffeeWorld is a database on 2026-03-02 where Hannah and Ana met on
// Feb 20 (coffee 1), Hannah alone on Feb 25 with a next step (coffee 2,
// follow-up 1), and Bo is planned for Mar 5 (coffee 3).
func coffeeWorld(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, _ := openTemp(t)
	addContacts(t, db, "Hannah Lee", "Helen Park", "Ana Lima", "Bo Chen")
	for _, in := range []store.NewCoffee{
		{Refs: []string{"hannah", "ana"}, On: day("2026-02-20")},
		{Refs: []string{"hannah"}, On: day("2026-02-25"), Kind: kith.KindCall,
			Next: &kith.NextStep{Text: "send the deck", Due: day("2026-03-04")}},
		{Refs: []string{"bo"}, On: day("2026-03-05"), Planned: true},
	} {
		_, err := db.LogCoffee(ctx, in)
		require.NoError(t, err)
	}
	return db
}

func TestEditCoffee(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		id       int64
		edit     store.CoffeeEdit
		wantCode kith.Code
		wantLast []string // Hannah, Helen, Ana, Bo
		check    func(t *testing.T, c store.ChangedCoffee)
	}{
		{"the call was with Helen, not Hannah", 2, store.CoffeeEdit{Remove: []string{"hannah"}, Add: []string{"helen"}},
			"", []string{"2026-02-20", "2026-02-25", "2026-02-20", ""}, func(t *testing.T, c store.ChangedCoffee) {
				assert.Equal(t, []kith.ContactRef{{ID: 2, Name: "Helen Park"}}, c.Contacts)
				assert.Equal(t, []int64{1}, c.RemovedFollowupIDs, "Hannah's next step goes with her")
			}},
		{"an earlier day moves last contact back", 2, store.CoffeeEdit{On: ptr(day("2026-02-10"))},
			"", []string{"2026-02-20", "", "2026-02-20", ""}, func(t *testing.T, c store.ChangedCoffee) {
				assert.Equal(t, "2026-02-10", c.On.String())
				assert.Empty(t, c.RemovedFollowupIDs)
			}},
		{"fields", 1, store.CoffeeEdit{Kind: ptr(kith.KindLunch), Place: strp(" Rio "), Topic: strp("zoning"), Notes: strp("")},
			"", []string{"2026-02-25", "", "2026-02-20", ""}, func(t *testing.T, c store.ChangedCoffee) {
				assert.Equal(t, kith.KindLunch, c.Kind)
				assert.Equal(t, "Rio", c.Place)
				assert.Equal(t, "zoning", c.Topic)
			}},
		{"a plan moves to another day to come", 3, store.CoffeeEdit{On: ptr(day("2026-03-09"))},
			"", []string{"2026-02-25", "", "2026-02-20", ""}, nil},
		{"missing id", 9, store.CoffeeEdit{Topic: strp("x")}, kith.NotFound, nil, nil},
		{"someone already there", 1, store.CoffeeEdit{Add: []string{"ana"}}, kith.Conflict, nil, nil},
		{"someone not there", 1, store.CoffeeEdit{Remove: []string{"bo"}}, kith.Conflict, nil, nil},
		{"added and taken off at once", 1, store.CoffeeEdit{Add: []string{"bo"}, Remove: []string{"bo"}}, kith.Conflict, nil, nil},
		{"no one left", 2, store.CoffeeEdit{Remove: []string{"hannah"}}, kith.Invalid, nil, nil},
		{"unknown person", 2, store.CoffeeEdit{Add: []string{"zed"}}, kith.NotFound, nil, nil},
		{"held into the future", 2, store.CoffeeEdit{On: ptr(day("2026-03-03"))}, kith.Invalid, nil, nil},
		{"a plan into the past", 3, store.CoffeeEdit{On: ptr(day("2026-03-01"))}, kith.Invalid, nil, nil},
		{"unknown kind", 1, store.CoffeeEdit{Kind: ptr(kith.CoffeeKind("brunch"))}, kith.Invalid, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := coffeeWorld(t)
			before := dumpOf(t, db)
			got, err := db.EditCoffee(ctx, tt.id, tt.edit)
			if tt.wantCode != "" {
				require.Error(t, err)
				assert.Equal(t, tt.wantCode, kith.ErrorCode(err), err.Error())
				assert.Equal(t, string(before), string(dumpOf(t, db)), "a refused edit changes nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantLast, lastContacts(t, db, "hannah", "helen", "ana", "bo"))
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

// ptr is a pointer to v.
func ptr[T any](v T) *T { return &v }

func TestRemoveCoffees(t *testing.T) {
	ctx := context.Background()
	db := coffeeWorld(t)
	before := dumpOf(t, db)
	_, err := db.RemoveCoffees(ctx, []int64{2, 7, 8})
	require.Error(t, err)
	assert.Equal(t, kith.NotFound, kith.ErrorCode(err))
	assert.Contains(t, err.Error(), "no coffees #7, #8; nothing was removed")
	assert.Equal(t, string(before), string(dumpOf(t, db)), "a missing id removes none")

	removed, err := db.RemoveCoffees(ctx, []int64{2, 1, 2})
	require.NoError(t, err)
	require.Len(t, removed, 2, "an id given twice removes once")
	assert.Equal(t, []int64{1}, removed[0].RemovedFollowupIDs, "the open next step goes with the coffee")
	assert.Equal(t, []string{"", "", "", ""}, lastContacts(t, db, "hannah", "helen", "ana", "bo"),
		"no coffee left: never met")
	assert.Equal(t, 0, countRows(t, db, "followups"))
	assert.Equal(t, 1, countRows(t, db, "coffees"))
}

func TestLoggingAPlanHoldsIt(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	db := openClock(t, &now)
	addContacts(t, db, "Ana Lima", "Bo Chen")
	plan := func(refs ...string) {
		_, err := db.LogCoffee(ctx, store.NewCoffee{Refs: refs, On: day("2026-03-05"), Planned: true,
			Kind: kith.KindLunch, Place: "Rio"})
		require.NoError(t, err)
	}
	plan("ana", "bo") // 1
	plan("ana")       // 2
	now = now.AddDate(0, 0, 3)

	logged, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"bo", "ana"}, On: day("2026-03-05"), Topic: "zoning"})
	require.NoError(t, err)
	assert.True(t, logged.FromPlan)
	assert.Equal(t, int64(1), logged.ID, "the plan with exactly these people")
	assert.Equal(t, kith.CoffeeHeld, logged.Status)
	assert.Equal(t, kith.KindLunch, logged.Kind, "no --kind keeps the plan's")
	assert.Equal(t, "Rio", logged.Place, "what the log leaves out the plan keeps")
	assert.Equal(t, "zoning", logged.Topic)
	assert.Equal(t, []string{"2026-03-05", "2026-03-05"}, lastContacts(t, db, "ana", "bo"))

	other, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana"}, On: day("2026-03-04")})
	require.NoError(t, err)
	assert.False(t, other.FromPlan, "another day is another coffee")
	assert.Equal(t, 3, countRows(t, db, "coffees"))
}

func TestHoldAndCancelPlans(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	db := openClock(t, &now)
	addContacts(t, db, "Ana Lima", "Bo Chen")
	for _, in := range []store.NewCoffee{
		{Refs: []string{"ana"}, On: day("2026-03-02")},                // 1 held
		{Refs: []string{"ana"}, On: day("2026-03-04"), Planned: true}, // 2
		{Refs: []string{"bo"}, On: day("2026-03-04"), Planned: true},  // 3
	} {
		_, err := db.LogCoffee(ctx, in)
		require.NoError(t, err)
	}
	now = now.AddDate(0, 0, 5) // Mar 7: both plans' day has passed
	listed, err := db.ListCoffees(ctx, store.CoffeeFilter{})
	require.NoError(t, err)
	assert.Equal(t, []kith.CoffeeStatus{kith.CoffeeNotLogged, kith.CoffeeNotLogged, kith.CoffeeHeld},
		[]kith.CoffeeStatus{listed[0].Status, listed[1].Status, listed[2].Status})

	for _, tt := range []struct {
		name string
		run  func() error
		code kith.Code
	}{
		{"held is not a plan", func() error { _, err := db.HoldCoffee(ctx, 1, nil); return err }, kith.Conflict},
		{"held in the future", func() error { _, err := db.HoldCoffee(ctx, 2, ptr(day("2026-03-08"))); return err }, kith.Invalid},
		{"missing", func() error { _, err := db.HoldCoffee(ctx, 9, nil); return err }, kith.NotFound},
		{"cancel a held coffee", func() error { _, err := db.CancelCoffees(ctx, []int64{3, 1}); return err }, kith.Conflict},
	} {
		before := dumpOf(t, db)
		err := tt.run()
		require.Error(t, err, tt.name)
		assert.Equal(t, tt.code, kith.ErrorCode(err), tt.name)
		assert.Equal(t, string(before), string(dumpOf(t, db)), "%s changes nothing", tt.name)
	}

	held, err := db.HoldCoffee(ctx, 2, nil)
	require.NoError(t, err)
	assert.Equal(t, "2026-03-04", held.On.String(), "on its planned day")
	assert.Equal(t, kith.CoffeeHeld, held.Status)
	assert.Equal(t, []string{"2026-03-04"}, lastContacts(t, db, "ana"))

	cancelled, err := db.CancelCoffees(ctx, []int64{3})
	require.NoError(t, err)
	assert.Equal(t, kith.CoffeeCancelled, cancelled[0].Status)
	_, err = db.CancelCoffees(ctx, []int64{3})
	assert.Equal(t, kith.Conflict, kith.ErrorCode(err), "already cancelled")
	assert.Equal(t, []string{""}, lastContacts(t, db, "bo"), "a cancelled coffee is no contact")
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"bo"}, On: day("2026-03-04")})
	require.NoError(t, err)
	assert.Equal(t, 4, countRows(t, db, "coffees"), "a cancelled plan is not fulfilled by a log")

	byDay, err := heldByDay(ctx, db, dates.Of(now).AddDays(-10), dates.Of(now))
	require.NoError(t, err)
	assert.Equal(t, 3, byDay, "held coffees count; the cancelled one does not")
}

// heldByDay is how many coffees the report counts held from from to to.
func heldByDay(ctx context.Context, db *store.DB, from, to dates.Date) (int, error) {
	n := 0
	err := db.Read(ctx, "count held coffees", func(tx *store.Tx) error {
		days, err := tx.HeldCoffeesByDay(from, to)
		for _, d := range days {
			n += d.Count
		}
		return err
	})
	return n, err
}
