package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// TestNotesOnlyGrow: notes are added dated, listed newest first, never
// replaced by an edit, and go with their contact into a merge.
func TestNotesOnlyGrow(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	people := addContacts(t, db, "Ana Lima", "Ana L.")
	today := dates.Of(fixedNow)
	_, err := db.AddNote(ctx, "Ana Lima", today.AddDays(-3), "asked about the bid")
	require.NoError(t, err)
	edit, err := db.EditContactWithCard(ctx, people[0].ID, func(c *kith.Contact) error { c.Title = "Partner"; return nil }, 2, "likes jazz")
	require.NoError(t, err)
	require.NotNil(t, edit.Note)
	assert.Equal(t, today, edit.Note.On)
	_, err = db.AddNote(ctx, "Ana L.", today.AddDays(-1), "Lisbon office")
	require.NoError(t, err)

	for name, note := range map[string]struct {
		on   dates.Date
		text string
	}{
		"empty":     {today, " \t"},
		"future":    {today.AddDays(1), "later"},
		"a control": {today, "a\x1bb"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := db.AddNote(ctx, "Ana Lima", note.on, note.text)
			assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
		})
	}

	_, err = db.MergeContacts(ctx, people[0].ID, []int64{people[1].ID})
	require.NoError(t, err)
	_, h, err := db.ContactHistory(ctx, "Ana Lima")
	require.NoError(t, err)
	var texts []string
	for _, n := range h.DatedNotes {
		texts = append(texts, n.Text)
	}
	assert.Equal(t, []string{"likes jazz", "Lisbon office", "asked about the bid"}, texts)

	require.NoError(t, db.RemoveContact(ctx, people[0].ID))
	assert.Equal(t, 0, countRows(t, db, "contact_notes"))
}
