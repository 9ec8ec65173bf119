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

// TestArchiveHidesAndKeeps: an archived contact leaves the lists,
// completion and what is due, keeps their history, and comes back.
func TestArchiveHidesAndKeeps(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	people := addContacts(t, db, "Ana Lima", "Oscar Reyes")
	today := dates.Of(fixedNow)
	_, err := db.AddFollowup(ctx, "Oscar Reyes", "call", today)
	require.NoError(t, err)
	_, err = db.RecordIntroduction(ctx, store.IntroRefs{From: "ana", To: "oscar"},
		store.NewIntroduction{Direction: kith.Received, Kind: kith.ClientIntro, Asked: true})
	require.NoError(t, err)

	fp, err := db.ContactFootprint(ctx, people[1].ID)
	require.NoError(t, err)
	assert.Equal(t, store.Footprint{Introductions: 1, IntrosMade: 1, Followups: 1}, fp)
	assert.True(t, fp.CountsInReports())

	archived, err := db.ArchiveContacts(ctx, []string{"oscar"})
	require.NoError(t, err)
	require.Len(t, archived, 1)
	assert.Equal(t, today, *archived[0].ArchivedOn)

	listed, err := db.ListContacts(ctx, store.ContactFilter{Archive: store.Unarchived})
	require.NoError(t, err)
	assert.Equal(t, []string{"Ana Lima"}, names(listed))
	listed, err = db.ListContacts(ctx, store.ContactFilter{})
	require.NoError(t, err)
	assert.Len(t, listed, 2, "an export or a sync reads everyone")
	offered, err := db.ContactNames(ctx, "osc")
	require.NoError(t, err)
	assert.Empty(t, offered)
	due, err := db.Due(ctx, today, kith.CadencePolicy{})
	require.NoError(t, err)
	assert.Empty(t, due)
	c, h, err := db.ContactHistory(ctx, "oscar")
	require.NoError(t, err, "a REF still names them")
	assert.Equal(t, people[1].ID, c.ID)
	assert.Len(t, h.Introductions, 1)

	_, err = db.ArchiveContacts(ctx, []string{"ana", "oscar"})
	assert.Equal(t, kith.Conflict, kith.ErrorCode(err))
	listed, err = db.ListContacts(ctx, store.ContactFilter{Archive: store.OnlyArchived})
	require.NoError(t, err)
	assert.Equal(t, []string{"Oscar Reyes"}, names(listed), "a failed archive archives none")

	_, err = db.UnarchiveContacts(ctx, []string{"oscar"})
	require.NoError(t, err)
	due, err = db.Due(ctx, today, kith.CadencePolicy{})
	require.NoError(t, err)
	assert.Len(t, due, 1)
}

func names(cs []kith.Contact) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}
