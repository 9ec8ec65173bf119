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

// TestEditIntroduction corrects a won introduction: its introducer, its
// closed day (the client's win moves with it), and the person won.
func TestEditIntroduction(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	addContacts(t, db, "Ana Lima", "Bo Chen", "Dan Wu", "Eve Park")
	today := dates.Of(fixedNow)
	in, err := db.RecordIntroduction(ctx, store.IntroRefs{From: "ana", To: "dan"},
		store.NewIntroduction{Direction: kith.Received, Kind: kith.ClientIntro, Asked: true, On: today.AddDays(-9)})
	require.NoError(t, err)
	_, err = db.UpdateIntroduction(ctx, in.ID, store.IntroUpdate{Status: kith.Won, On: today.AddDays(-5)})
	require.NoError(t, err)

	ch, err := db.EditIntroduction(ctx, in.ID, store.IntroEdit{From: "bo"})
	require.NoError(t, err)
	assert.Equal(t, []store.AdvocacyMove{
		{Contact: kith.ContactRef{ID: 1, Name: "Ana Lima"}, Before: kith.Advocate, After: kith.NoAdvocacy},
		{Contact: kith.ContactRef{ID: 2, Name: "Bo Chen"}, Before: kith.NoAdvocacy, After: kith.Advocate},
	}, ch.AdvocacyMoves)
	assert.False(t, ch.BecameClient, "the person won did not change")

	closed := today.AddDays(-1)
	ch, err = db.EditIntroduction(ctx, in.ID, store.IntroEdit{Days: map[string]*dates.Date{"closed": &closed}})
	require.NoError(t, err)
	assert.Equal(t, closed, ch.StatusOn)
	var moved string
	require.NoError(t, db.SQL().QueryRow(`SELECT moved_on FROM stage_moves WHERE contact_id = 3 AND to_stage = 'client'`).Scan(&moved))
	assert.Equal(t, closed.String(), moved, "the win moves with the closed day")

	ch, err = db.EditIntroduction(ctx, in.ID, store.IntroEdit{To: "eve"})
	require.NoError(t, err)
	assert.True(t, ch.BecameClient)
	require.NotNil(t, ch.KeptClient)
	assert.Equal(t, store.KeptClient{ContactRef: kith.ContactRef{ID: 3, Name: "Dan Wu"}, WonFrom: kith.Halo}, *ch.KeptClient)

	before := countRows(t, db, "journal_changes")
	for name, e := range map[string]store.IntroEdit{
		"themselves":    {To: "bo"},
		"no one":        {From: "zed"},
		"bad kind":      {Kind: "friend"},
		"made too late": {Days: map[string]*dates.Date{"made": &today}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := db.EditIntroduction(ctx, in.ID, e)
			require.Error(t, err)
		})
	}
	assert.Equal(t, before, countRows(t, db, "journal_changes"), "a failed edit changes nothing")

	removed, err := db.RemoveIntroductions(ctx, []int64{in.ID})
	require.NoError(t, err)
	require.Len(t, removed, 1)
	assert.Equal(t, kith.NoAdvocacy, removed[0].AdvocacyMoves[0].After)
	_, err = db.RemoveIntroductions(ctx, []int64{in.ID})
	assert.Equal(t, kith.NotFound, kith.ErrorCode(err))
}
