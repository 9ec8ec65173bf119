package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// addContacts adds contacts by name and fails the test on error.
func addContacts(t *testing.T, db *store.DB, names ...string) []kith.Contact {
	t.Helper()
	out := make([]kith.Contact, len(names))
	for i, n := range names {
		c, err := db.AddContact(context.Background(), kith.Contact{Name: n})
		require.NoError(t, err)
		out[i] = c
	}
	return out
}

func countRows(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM "+table).Scan(&n))
	return n
}

func TestLogCoffee(t *testing.T) {
	ctx := context.Background()
	today := dates.Of(fixedNow)
	tests := []struct {
		name     string
		in       store.NewCoffee
		wantCode kith.Code
		wantLast map[string]string // contact name → last_contact after
	}{
		{"held today", store.NewCoffee{Refs: []string{"ana"}, On: today},
			"", map[string]string{"Ana Lima": "2026-03-02"}},
		{"older coffee keeps the later date", store.NewCoffee{Refs: []string{"ana", "bo"}, On: today.AddDays(-10)},
			"", map[string]string{"Ana Lima": "2026-03-01", "Bo Chen": "2026-02-20"}},
		{"planned is not contact", store.NewCoffee{Refs: []string{"bo"}, On: today.AddDays(3), Planned: true},
			"", map[string]string{"Bo Chen": ""}},
		{"future without planned", store.NewCoffee{Refs: []string{"ana"}, On: today.AddDays(1)},
			kith.Invalid, map[string]string{"Ana Lima": "2026-03-01"}},
		{"unknown ref among several", store.NewCoffee{Refs: []string{"ana", "zed"}, On: today},
			kith.NotFound, map[string]string{"Ana Lima": "2026-03-01"}},
		{"ambiguous ref", store.NewCoffee{Refs: []string{"a"}, On: today},
			kith.Ambiguous, nil},
		{"empty next step", store.NewCoffee{Refs: []string{"bo"}, On: today, Next: &kith.NextStep{Text: " ", Due: today}},
			kith.Invalid, map[string]string{"Bo Chen": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := openTemp(t)
			addContacts(t, db, "Ana Lima", "Bo Chen", "Al Ng")
			// Ana last met yesterday, so an older coffee must not move her back.
			_, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana lima"}, On: today.AddDays(-1)})
			require.NoError(t, err)
			before := countRows(t, db, "coffees")

			_, err = db.LogCoffee(ctx, tt.in)
			if tt.wantCode != "" {
				require.Error(t, err)
				assert.Equal(t, tt.wantCode, kith.ErrorCode(err))
				assert.Equal(t, before, countRows(t, db, "coffees"), "nothing written")
				assert.Equal(t, 0, countRows(t, db, "followups"), "nothing written")
			} else {
				require.NoError(t, err)
			}
			for name, want := range tt.wantLast {
				c, err := db.ResolveContact(ctx, name)
				require.NoError(t, err)
				got := ""
				if c.LastContact != nil {
					got = c.LastContact.String()
				}
				assert.Equal(t, want, got, name)
			}
		})
	}
}

func TestLogCoffeeNextStep(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	addContacts(t, db, "Ana Lima", "Bo Chen")
	today := dates.Of(fixedNow)
	logged, err := db.LogCoffee(ctx, store.NewCoffee{
		Refs: []string{"ana", "bo", "ana"}, On: today, Kind: kith.KindLunch, Place: " Blue Bottle ",
		Next: &kith.NextStep{Text: "send seminar invite", Due: today.AddDays(2)},
	})
	require.NoError(t, err)
	assert.Equal(t, []kith.ContactRef{{ID: 1, Name: "Ana Lima"}, {ID: 2, Name: "Bo Chen"}}, logged.Contacts, "a repeated REF counts once")
	assert.Equal(t, "Blue Bottle", logged.Place)
	assert.Equal(t, []int64{1}, logged.FollowupIDs, "one follow-up for the table")

	rows, err := db.SQL().Query("SELECT contact_id, contact_name, text, due_on, source, coffee_id FROM followups ORDER BY id")
	require.NoError(t, err)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var cid, coffee int64
		var names, text, due, source string
		require.NoError(t, rows.Scan(&cid, &names, &text, &due, &source, &coffee))
		assert.Equal(t, logged.ID, coffee)
		got = append(got, names+"|"+text+"|"+due+"|"+source)
	}
	assert.Equal(t, []string{"Ana Lima, Bo Chen|send seminar invite|2026-03-04|coffee"}, got)
}

func TestSharedFollowup(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	addContacts(t, db, "Ana Lima", "Bo Chen", "Cy Diaz", "Dee Ross")
	today := dates.Of(fixedNow)
	next := func(text string, who ...string) *kith.NextStep {
		return &kith.NextStep{Text: text, Due: today.AddDays(2), For: who}
	}
	names := func(id int64) string {
		var s string
		require.NoError(t, db.SQL().QueryRow("SELECT contact_name FROM followups WHERE id = ?", id).Scan(&s))
		return s
	}

	three, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana", "bo", "cy"}, On: today, Next: next("send the deck")})
	require.NoError(t, err)
	require.Len(t, three.FollowupIDs, 1)
	deck := three.FollowupIDs[0]
	assert.Equal(t, "Ana Lima, Bo Chen, Cy Diaz", names(deck))

	// --next-for: only the people named, each at the coffee
	chosen, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana", "bo", "cy"}, On: today, Next: next("call the bank", "cy", "bo")})
	require.NoError(t, err)
	assert.Equal(t, "Cy Diaz, Bo Chen", names(chosen.FollowupIDs[0]))
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana"}, On: today, Next: next("x", "dee")})
	assert.EqualError(t, err, "--next-for dee: Dee Ross is not at this coffee")

	// the same next step again, with someone new: the open one, for them too
	again, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"dee", "bo"}, On: today, Next: next("Send the deck")})
	require.NoError(t, err)
	assert.Equal(t, []int64{deck}, again.AlreadyOpen)
	assert.Equal(t, "Ana Lima, Bo Chen, Cy Diaz, Dee Ross", names(deck))

	// a follow-up lists under each person, and names follow a rename
	for _, ref := range []string{"ana", "dee"} {
		fus, err := db.ListFollowups(ctx, store.FollowupFilter{ContactRef: ref})
		require.NoError(t, err)
		assert.Equal(t, deck, fus[0].ID, ref)
	}
	_, err = db.SQL().Exec("UPDATE contacts SET name = 'Bo Chen-Wu' WHERE id = 2")
	require.NoError(t, err)
	assert.Equal(t, "Ana Lima, Bo Chen-Wu, Cy Diaz, Dee Ross", names(deck))

	// taken off the coffee, Bo leaves its next step; removed, Ana hands it on
	_, err = db.EditCoffee(ctx, three.ID, store.CoffeeEdit{Remove: []string{"bo"}})
	require.NoError(t, err)
	assert.Equal(t, "Ana Lima, Cy Diaz, Dee Ross", names(deck))
	require.NoError(t, db.RemoveContact(ctx, 1))
	assert.Equal(t, "Cy Diaz, Dee Ross", names(deck))
	// merged, Dee is Cy: one person on it, once
	_, err = db.MergeContacts(ctx, 3, []int64{4})
	require.NoError(t, err)
	assert.Equal(t, "Cy Diaz", names(deck))
	assert.Equal(t, 1, countRows(t, db, "followup_people"), "the bank call's Bo, besides each first person")
}

func TestListCoffees(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	cs := addContacts(t, db, "Ana Lima", "Bo Chen")
	today := dates.Of(fixedNow)
	for _, in := range []store.NewCoffee{
		{Refs: []string{"ana"}, On: today.AddDays(-20)},
		{Refs: []string{"ana", "bo"}, On: today.AddDays(-3)},
		{Refs: []string{"bo"}, On: today.AddDays(2), Planned: true},
	} {
		_, err := db.LogCoffee(ctx, in)
		require.NoError(t, err)
	}
	since := today.AddDays(-7)
	tests := []struct {
		name string
		f    store.CoffeeFilter
		want []int64
	}{
		{"all, newest first", store.CoffeeFilter{}, []int64{3, 2, 1}},
		{"one contact", store.CoffeeFilter{ContactID: cs[0].ID}, []int64{2, 1}},
		{"since", store.CoffeeFilter{Since: &since}, []int64{3, 2}},
		{"held only", store.CoffeeFilter{Held: true}, []int64{2, 1}},
		{"until", store.CoffeeFilter{Until: &today}, []int64{2, 1}},
		{"limit", store.CoffeeFilter{Limit: 1}, []int64{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.ListCoffees(ctx, tt.f)
			require.NoError(t, err)
			ids := []int64{}
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			assert.Equal(t, tt.want, ids)
		})
	}
}
