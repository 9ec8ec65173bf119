package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// journalRow is an entry as the table holds it.
type journalRow struct {
	ID                          int64
	Command, Operation, Summary string
	Counts                      map[string]store.TableCounts
}

func journalRows(t *testing.T, db *store.DB) []journalRow {
	t.Helper()
	rows, err := db.SQL().Query("SELECT id, command, operation, summary, counts FROM journal ORDER BY id")
	require.NoError(t, err)
	defer rows.Close()
	var out []journalRow
	for rows.Next() {
		var r journalRow
		var counts string
		require.NoError(t, rows.Scan(&r.ID, &r.Command, &r.Operation, &r.Summary, &counts))
		require.NoError(t, json.Unmarshal([]byte(counts), &r.Counts))
		out = append(out, r)
	}
	require.NoError(t, rows.Err())
	return out
}

// TestEveryWriteIsOneEntry runs each kind of write the store offers and
// checks that each left exactly one journal entry, with the command line,
// a summary and counts.
func TestEveryWriteIsOneEntry(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	day := dates.New(2026, 3, 2)
	steps := []struct {
		command []string
		write   func() error
		summary string
		counts  map[string]store.TableCounts
	}{
		{[]string{"contact", "add", "Ana Lima"}, func() error {
			_, _, err := db.AddContactWithCard(ctx, kith.Contact{Name: "Ana Lima", Emails: []string{"ana@x.io"}, Idea: "send the deck"}, 7)
			return err
		}, `added contact #1 Ana Lima`, map[string]store.TableCounts{
			"contacts": {Added: 1}, "contact_emails": {Added: 1}, "stage_moves": {Added: 1}, "followups": {Added: 1}}},
		{[]string{"contact", "add", "Ben"}, func() error {
			_, _, err := db.AddContactWithCard(ctx, kith.Contact{Name: "Ben"}, 7)
			return err
		}, `added contact #2 Ben`, nil},
		{[]string{"contact", "edit", "ana", "--title", "Partner"}, func() error {
			_, err := db.EditContactWithCard(ctx, 1, func(c *kith.Contact) error { c.Title = "Partner"; return nil }, 7)
			return err
		}, `changed contact #1 Ana Lima`, nil},
		{[]string{"coffee", "log", "ana", "ben"}, func() error {
			_, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"Ana Lima", "Ben"}, On: day, Kind: kith.CoffeeKind("coffee")})
			return err
		}, `added coffee #1, coffee on 2026-03-02 with Ana Lima, Ben`, nil},
		{[]string{"intro", "add", "ana", "ben"}, func() error {
			_, err := db.RecordIntroduction(ctx, store.IntroRefs{From: "Ana Lima", To: "Ben"}, store.NewIntroduction{
				Direction: kith.Received, Kind: kith.Alliance, Asked: true, Status: kith.Made})
			return err
		}, `added introduction #1 Ana Lima → Ben`, nil},
		{[]string{"followup", "add", "ben", "call"}, func() error {
			_, err := db.AddFollowup(ctx, "Ben", "call", day.AddDays(3))
			return err
		}, `added follow-up #2 "call" for Ben`, nil},
		{[]string{"followup", "done", "2"}, func() error {
			_, err := db.DoneItems(ctx, []kith.ItemID{kith.FollowupID(2)}, kith.CadencePolicy{})
			return err
		}, `changed follow-up #2 "call" for Ben`, nil},
		{[]string{"goal", "set", "coffees-per-week", "6"}, func() error {
			_, _, err := db.SetGoal(ctx, "coffees-per-week", 6)
			return err
		}, `added goal coffees-per-week = 6`, nil},
		{[]string{"target", "add", "Acme"}, func() error {
			_, err := db.AddTarget(ctx, kith.Target{Name: "Acme"})
			return err
		}, `added target #1 Acme`, nil},
		{[]string{"contact", "rm", "ben", "--yes"}, func() error { return db.RemoveContact(ctx, 2) },
			`removed contact #2 Ben`, nil},
	}
	for i, s := range steps {
		db.SetCommand(s.command)
		require.NoError(t, s.write(), "%v", s.command)
		entries := journalRows(t, db)
		require.Len(t, entries, i+1, "%v", s.command)
		e := entries[i]
		want, _ := json.Marshal(s.command)
		assert.Equal(t, string(want), e.Command)
		assert.Equal(t, s.summary, e.Summary, "%v", s.command)
		if s.counts != nil {
			assert.Equal(t, s.counts, e.Counts, "%v", s.command)
		}
	}

	// a write that fails leaves no entry and no changes behind
	changes := countRows(t, db, "journal_changes")
	db.SetCommand([]string{"followup", "done", "99"})
	_, err := db.DoneItems(ctx, []kith.ItemID{kith.FollowupID(99)}, kith.CadencePolicy{})
	require.Error(t, err)
	assert.Len(t, journalRows(t, db), len(steps))
	assert.Equal(t, changes, countRows(t, db, "journal_changes"))
}

// TestImportIsOneSmallEntry: a large import is one entry, and its added
// rows are a few ranges, not a journal row each.
func TestImportIsOneSmallEntry(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	_, err := db.AddContact(ctx, kith.Contact{Name: "Stored", Emails: []string{"p7@x.io"}})
	require.NoError(t, err)
	const n = 12_000 // past the store's bulk threshold
	counts, err := db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
		for i := range n {
			c := kith.Contact{Name: fmt.Sprintf("Person %d", i), Title: "Engineer", Emails: []string{fmt.Sprintf("p%d@x.io", i)}}
			if _, err := imp.Put(c); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, n-1, counts.Created)
	entries := journalRows(t, db)
	require.Len(t, entries, 2)
	e := entries[1]
	assert.Equal(t, store.TableCounts{Added: n - 1, Changed: 1}, e.Counts["contacts"])
	assert.Equal(t, store.TableCounts{Added: n - 1}, e.Counts["contact_emails"])
	assert.Equal(t, fmt.Sprintf("added %d contacts, changed 1 contact", n-1), e.Summary)
	assert.Less(t, countRows(t, db, "journal_changes"), 20)
}

// TestJournalTriggersCoverEveryTable: each table but the journal's has
// its update and delete trigger, made again by every migration. The
// search index's virtual tables (and their shadow tables) and the tallies
// are made from the records by their own triggers, so an undo that
// restores a record restores its entry in the index and its count too.
func TestJournalTriggersCoverEveryTable(t *testing.T) {
	db, _ := openTemp(t)
	var missing []string
	rows, err := db.SQL().Query(`SELECT t.name FROM pragma_table_list t WHERE t.schema = 'main' AND t.type = 'table'
		AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND t.name NOT LIKE 'journal%' AND t.name NOT LIKE '%\_tally' ESCAPE '\'
		AND (SELECT count(*) FROM sqlite_master g WHERE g.type = 'trigger' AND g.tbl_name = t.name
			AND g.name IN ('journal_' || t.name || '_update', 'journal_' || t.name || '_delete')) <> 2`)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		missing = append(missing, name)
	}
	assert.Empty(t, missing)
}

// TestExportCarriesTheJournal: a whole-database export holds the journal,
// and a restore brings it back unchanged: history goes on.
func TestExportCarriesTheJournal(t *testing.T) {
	ctx := context.Background()
	old, _ := openTemp(t)
	_, err := old.AddContact(ctx, kith.Contact{Name: "Ana"})
	require.NoError(t, err)
	var dump bytes.Buffer
	require.NoError(t, old.ExportDatabase(ctx, &dump))

	db, _ := openTemp(t)
	require.NoError(t, db.ImportDatabase(ctx, &dump, "old.json"))
	assert.Equal(t, journalRows(t, old), journalRows(t, db))
}
