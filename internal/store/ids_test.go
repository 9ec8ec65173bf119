package store_test

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// TestEveryTableNeverReusesIds checks the schema: every table's id is an
// AUTOINCREMENT primary key, so SQLite never gives an id twice, and a
// table added later cannot forget it. journal_changes alone is numbered
// without: its ids are internal (entries hold ranges of them), and
// AUTOINCREMENT's bookkeeping would cost every row its triggers write.
// The tallies (*_tally) hold no records, only counts made from them, keyed
// by what they count.
func TestEveryTableNeverReusesIds(t *testing.T) {
	db, _ := openTemp(t)
	rows, err := db.SQL().Query(`SELECT l.name, m.sql FROM pragma_table_list l JOIN sqlite_master m ON m.name = l.name
		WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
		AND l.name NOT LIKE '%\_tally' ESCAPE '\'`)
	require.NoError(t, err)
	defer rows.Close()
	autoincrement := regexp.MustCompile(`(?i)\bid\s+INTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b`)
	n := 0
	for rows.Next() {
		var name, sql string
		require.NoError(t, rows.Scan(&name, &sql))
		if name == "journal_changes" {
			continue
		}
		assert.Regexp(t, autoincrement, sql, "table %s", name)
		n++
	}
	require.NoError(t, rows.Err())
	assert.GreaterOrEqual(t, n, 11)
}

// TestRemovedIdsAreNotGivenAgain removes the newest record of each kind
// and adds another: it gets a new id, not the removed one.
func TestRemovedIdsAreNotGivenAgain(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, name := range []string{"Ana", "Ben"} {
		_, err := db.AddContact(ctx, kith.Contact{Name: name})
		require.NoError(t, err)
	}

	t.Run("contact", func(t *testing.T) {
		gone, err := db.AddContact(ctx, kith.Contact{Name: "Gone"})
		require.NoError(t, err)
		require.NoError(t, db.RemoveContact(ctx, gone.ID))
		next, err := db.AddContact(ctx, kith.Contact{Name: "Next"})
		require.NoError(t, err)
		assert.Greater(t, next.ID, gone.ID)
	})
	t.Run("contact import", func(t *testing.T) {
		gone, err := db.AddContact(ctx, kith.Contact{Name: "Gone again"})
		require.NoError(t, err)
		require.NoError(t, db.RemoveContact(ctx, gone.ID))
		_, err = db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
			_, err := imp.Put(kith.Contact{Name: "Imported"})
			return err
		})
		require.NoError(t, err)
		imported, err := db.ResolveContact(ctx, "Imported")
		require.NoError(t, err)
		assert.Greater(t, imported.ID, gone.ID)
	})
	t.Run("follow-up", func(t *testing.T) {
		f, err := db.AddFollowup(ctx, "Ana", "call", dates.New(2026, 3, 9))
		require.NoError(t, err)
		_, err = db.RemoveFollowups(ctx, []int64{f.ID})
		require.NoError(t, err)
		next, err := db.AddFollowup(ctx, "Ana", "call again", dates.New(2026, 3, 9))
		require.NoError(t, err)
		assert.Greater(t, next.ID, f.ID)
	})
	t.Run("target", func(t *testing.T) {
		tg, err := db.AddTarget(ctx, kith.Target{Name: "Acme"})
		require.NoError(t, err)
		_, err = db.RemoveTarget(ctx, "Acme")
		require.NoError(t, err)
		next, err := db.AddTarget(ctx, kith.Target{Name: "Acme"})
		require.NoError(t, err)
		assert.Greater(t, next.ID, tg.ID)
	})
	t.Run("coffee and introduction", func(t *testing.T) {
		// removing a contact takes the coffees only they attended and
		// their introductions
		carl, err := db.AddContact(ctx, kith.Contact{Name: "Carl"})
		require.NoError(t, err)
		c, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"Carl"}, On: dates.New(2026, 3, 1)})
		require.NoError(t, err)
		in, err := db.RecordIntroduction(ctx, store.IntroRefs{From: "Carl", To: "Ana"}, store.NewIntroduction{
			Direction: kith.Received, Kind: kith.Alliance, Asked: true, Status: kith.Made})
		require.NoError(t, err)
		require.NoError(t, db.RemoveContact(ctx, carl.ID))
		c2, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"Ben"}, On: dates.New(2026, 3, 1)})
		require.NoError(t, err)
		assert.Greater(t, c2.ID, c.ID)
		in2, err := db.RecordIntroduction(ctx, store.IntroRefs{From: "Ben", To: "Ana"}, store.NewIntroduction{
			Direction: kith.Received, Kind: kith.Alliance, Asked: true, Status: kith.Made})
		require.NoError(t, err)
		assert.Greater(t, in2.ID, in.ID)
	})
}

// TestRestoreKeepsRemovedIdsUnused: a whole-database export carries each
// table's sequence, so an id removed before the export is not given after
// the restore either.
func TestRestoreKeepsRemovedIdsUnused(t *testing.T) {
	ctx := context.Background()
	old, _ := openTemp(t)
	_, err := old.AddContact(ctx, kith.Contact{Name: "Ana"})
	require.NoError(t, err)
	gone, err := old.AddContact(ctx, kith.Contact{Name: "Gone"})
	require.NoError(t, err)
	require.NoError(t, old.RemoveContact(ctx, gone.ID))
	var dump bytes.Buffer
	require.NoError(t, old.ExportDatabase(ctx, &dump))

	db, _ := openTemp(t)
	require.NoError(t, db.ImportDatabase(ctx, &dump, "old.json"))
	next, err := db.AddContact(ctx, kith.Contact{Name: "Next"})
	require.NoError(t, err)
	assert.Greater(t, next.ID, gone.ID)
}
