package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

func TestDraftFollowup(t *testing.T) {
	ctx := context.Background()
	h := newHistory(t)
	db := h.db
	ana, _, err := db.AddContactWithCard(ctx, kith.Contact{Name: "Ana Lima", Emails: []string{"ana@lima.law"}, MetAt: "BNI"}, 0)
	require.NoError(t, err)
	h.exec("UPDATE contacts SET idea = 'send invite' WHERE id = ?", ana.ID) // a card idea without its follow-up
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana"}, On: day("2026-02-20"), Place: "Blue Bottle"})
	require.NoError(t, err)
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana"}, On: day("2026-03-20"), Planned: true})
	require.NoError(t, err)

	d, err := app.DraftFollowup(ctx, db, "ana", "")
	require.NoError(t, err)
	assert.Equal(t, "Ana Lima <ana@lima.law>", d.To)
	assert.Equal(t, "Thanks for the coffee", d.Subject, "the held coffee, not the planned one")
	assert.Contains(t, d.Body, "Blue Bottle")
	assert.Contains(t, d.Body, "I am sending you the invite.", "no open follow-up: the card idea")

	fu, err := db.AddFollowup(ctx, "ana", "ask about Q3", day("2026-03-05"))
	require.NoError(t, err)
	require.Equal(t, int64(1), fu.ID)
	d, err = app.DraftFollowup(ctx, db, "ana", "")
	require.NoError(t, err)
	assert.Contains(t, d.Body, "Q3", "the earliest open follow-up")

	// a number is a follow-up id first, then a contact id
	d, err = app.DraftFollowup(ctx, db, "1", "")
	require.NoError(t, err)
	assert.Contains(t, d.Body, "Q3")
	_, err = app.DraftFollowup(ctx, db, "7", "")
	assert.Equal(t, kith.NotFound, kith.ErrorCode(err))
	assert.ErrorContains(t, err, "no follow-up #7 and no contact matches")
}
