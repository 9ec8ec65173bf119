package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// indexAgrees checks that the search index holds exactly the records
// there are, of each kind it indexes.
func indexAgrees(t *testing.T, db *store.DB) {
	t.Helper()
	for index, table := range map[string]string{"contact_search": "contacts", "coffee_search": "coffees",
		"intro_search": "introductions", "followup_search": "followups"} {
		var stray, missing int
		require.NoError(t, db.SQL().QueryRow(fmt.Sprintf(`SELECT
			(SELECT count(*) FROM (SELECT rowid FROM %[1]s EXCEPT SELECT id FROM %[2]s)),
			(SELECT count(*) FROM (SELECT id FROM %[2]s EXCEPT SELECT rowid FROM %[1]s))`, index, table)).Scan(&stray, &missing))
		assert.Zero(t, stray+missing, "%s: %d stray rows, %d missing", index, stray, missing)
	}
}

// TestUndoKeepsSearchIndex: the search index (virtual tables, not
// journaled) follows every undo and redo through the triggers on the
// tables it indexes, a whole import's included.
func TestUndoKeepsSearchIndex(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	back := func() {
		t.Helper()
		_, err := db.Undo(ctx, 0, false)
		require.NoError(t, err)
		indexAgrees(t, db)
	}
	ana, _, err := db.AddContactWithCard(ctx, kith.Contact{Name: "Ana Lima", Company: "Acme", Emails: []string{"ana@x.io"}}, 7)
	require.NoError(t, err)
	_, err = db.EditContactWithCard(ctx, ana.ID, func(c *kith.Contact) error { c.Name = "Ana Souza"; return nil }, 7)
	require.NoError(t, err)
	assert.Equal(t, []int64{ana.ID}, found(t, db, "souza"))
	back()
	assert.Equal(t, [][]int64{{ana.ID}, {}}, [][]int64{found(t, db, "lima"), found(t, db, "souza")}, "the edit undone")
	back()
	assert.Equal(t, [][]int64{{}, {ana.ID}}, [][]int64{found(t, db, "lima"), found(t, db, "souza")}, "and redone")
	require.NoError(t, db.RemoveContact(ctx, ana.ID))
	assert.Empty(t, found(t, db, "acme"))
	back()
	assert.Equal(t, []int64{ana.ID}, found(t, db, "acme"), "the removal undone, email and all")
	assert.Equal(t, []int64{ana.ID}, found(t, db, "ana@x.io"))

	// an import large enough that its undo drops and rebuilds indexes
	const n = 10_500
	_, err = db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
		for i := range n {
			if _, err := imp.Put(kith.Contact{Name: fmt.Sprintf("Person %d", i), Company: "Globex"}); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Len(t, found(t, db, "globex"), n)
	back()
	assert.Empty(t, found(t, db, "globex"), "the import undone")
	back()
	assert.Len(t, found(t, db, "globex"), n, "and redone")
}
