package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// records is every row of every table but the journal's, as the
// whole-database export writes them.
func records(t *testing.T, db *store.DB) string {
	t.Helper()
	var dump bytes.Buffer
	require.NoError(t, db.ExportDatabase(context.Background(), &dump))
	var v struct {
		Tables []struct {
			Name string          `json:"name"`
			Rows json.RawMessage `json:"rows"`
		} `json:"tables"`
	}
	require.NoError(t, json.Unmarshal(dump.Bytes(), &v))
	var b strings.Builder
	for _, tb := range v.Tables {
		if !strings.HasPrefix(tb.Name, "journal") {
			fmt.Fprintf(&b, "%s %s\n", tb.Name, tb.Rows)
		}
	}
	return b.String()
}

func undo(t *testing.T, db *store.DB, id int64) store.UndoResult {
	t.Helper()
	res, err := db.Undo(context.Background(), id, false)
	require.NoError(t, err)
	return res
}

// TestUndoReversesEachWrite runs each kind of write; undo puts every
// record back as it was, and undoing the undo puts the write back.
func TestUndoReversesEachWrite(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	day := dates.New(2026, 3, 2)
	// Ben exists from the start, for coffees and merges
	_, _, err := db.AddContactWithCard(ctx, kith.Contact{Name: "Ben", Tags: []string{"golf"}}, 7)
	require.NoError(t, err)
	writes := []struct {
		name  string
		write func() error
	}{
		{"contact add", func() error {
			_, _, err := db.AddContactWithCard(ctx, kith.Contact{Name: "Ana Lima", Emails: []string{"ana@x.io"}, Idea: "send the deck"}, 7)
			return err
		}},
		{"contact edit", func() error {
			_, err := db.EditContactWithCard(ctx, 2, func(c *kith.Contact) error {
				c.Title, c.Stage, c.Tags = "Partner", kith.Client, []string{"bni"}
				return nil
			}, 7)
			return err
		}},
		{"coffee log", func() error {
			_, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"Ana Lima", "Ben"}, On: day, Kind: "lunch",
				Next: &kith.NextStep{Text: "call about the lease", Due: day.AddDays(7)}})
			return err
		}},
		{"intro add", func() error {
			_, err := db.RecordIntroduction(ctx, store.IntroRefs{From: "Ana Lima", To: "Carla", NewTo: true}, store.NewIntroduction{
				Direction: kith.Received, Kind: kith.Alliance, Asked: false, Status: kith.Made})
			return err
		}},
		{"intro update", func() error {
			v := 1500.5
			_, err := db.UpdateIntroduction(ctx, 1, store.IntroUpdate{Status: kith.Won, Value: &v})
			return err
		}},
		{"followup done", func() error {
			_, err := db.DoneItems(ctx, []kith.ItemID{kith.FollowupID(2)}, kith.CadencePolicy{})
			return err
		}},
		{"followup rm", func() error {
			_, err := db.RemoveFollowups(ctx, []int64{1})
			return err
		}},
		{"goal set", func() error { _, _, err := db.SetGoal(ctx, "coffees-per-week", 6); return err }},
		{"target add", func() error { _, err := db.AddTarget(ctx, kith.Target{Name: "Acme"}); return err }},
		{"contact merge", func() error { _, err := db.MergeContacts(ctx, 2, []int64{1}); return err }},
		{"contact rm", func() error { return db.RemoveContact(ctx, 2) }},
	}
	for _, w := range writes {
		before := records(t, db)
		require.NoError(t, w.write(), w.name)
		after := records(t, db)
		require.NotEqual(t, before, after, w.name)

		res := undo(t, db, 0)
		assert.Equal(t, before, records(t, db), "%s: undo", w.name)
		assert.NotZero(t, res.Entry, w.name)
		redo := undo(t, db, 0)
		assert.Equal(t, after, records(t, db), "%s: undo of the undo", w.name)
		assert.Equal(t, res.Entry, redo.Undone.ID)
		assert.True(t, strings.HasPrefix(redo.Undone.Summary, "undid #"), redo.Undone.Summary)
	}
}

// TestUndoImport: a large import (bulk mode, past the store's thresholds)
// is one entry that undoes and redoes whole.
func TestUndoImport(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	_, err := db.AddContact(ctx, kith.Contact{Name: "Stored", Emails: []string{"p7@x.io"}})
	require.NoError(t, err)
	before := records(t, db)
	const n = 12_000
	_, err = db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
		for i := range n {
			c := kith.Contact{Name: fmt.Sprintf("Person %d", i), Title: "Engineer", Emails: []string{fmt.Sprintf("p%d@x.io", i)},
				Tags: []string{"imported"}}
			if _, err := imp.Put(c); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	after := records(t, db)

	res := undo(t, db, 0)
	assert.Equal(t, store.TableCounts{Removed: n - 1, Changed: 1}, res.Counts["contacts"])
	assert.Equal(t, before, records(t, db))
	undo(t, db, 0)
	assert.Equal(t, after, records(t, db))
}

// TestUndoDryRunChangesNothing: a dry run reports what the undo would do
// and leaves the database, journal included, as it was.
func TestUndoDryRunChangesNothing(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	_, err := db.AddContact(ctx, kith.Contact{Name: "Ana", Emails: []string{"a@x.io"}})
	require.NoError(t, err)
	before := fileRecords(t, db)
	res, err := db.Undo(ctx, 0, true)
	require.NoError(t, err)
	assert.True(t, res.DryRun)
	assert.Zero(t, res.Entry)
	assert.Equal(t, store.TableCounts{Removed: 1}, res.Counts["contacts"])
	assert.Equal(t, before, fileRecords(t, db), path)
}

// fileRecords is every row, the journal's and the sequences included.
func fileRecords(t *testing.T, db *store.DB) string {
	t.Helper()
	var dump bytes.Buffer
	require.NoError(t, db.ExportDatabase(context.Background(), &dump))
	return dump.String()
}

// TestUndoByID: an older entry undoes when nothing later touched its
// records; a later change of other columns of the same row stays.
func TestUndoByID(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	ana, err := db.AddContact(ctx, kith.Contact{Name: "Ana"})
	require.NoError(t, err)
	_, err = db.EditContactWithCard(ctx, ana.ID, func(c *kith.Contact) error { c.Title = "Partner"; return nil }, 7)
	require.NoError(t, err)
	edit := lastEntryID(t, db)
	_, err = db.AddContact(ctx, kith.Contact{Name: "Ben"})
	require.NoError(t, err)
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"Ana"}, On: dates.New(2026, 3, 1)})
	require.NoError(t, err)

	undo(t, db, edit)
	got, err := db.GetContact(ctx, ana.ID)
	require.NoError(t, err)
	assert.Equal(t, "", got.Title, "the edit is undone")
	require.NotNil(t, got.LastContact, "the later coffee's last contact stays")
	assert.Equal(t, "2026-03-01", got.LastContact.String())
	_, err = db.ResolveContact(ctx, "Ben")
	assert.NoError(t, err)
}

func lastEntryID(t *testing.T, db *store.DB) int64 {
	t.Helper()
	var id int64
	require.NoError(t, db.SQL().QueryRow("SELECT max(id) FROM journal").Scan(&id))
	return id
}

// TestUndoRefusals: each refusal is one clear error, and nothing changes.
func TestUndoRefusals(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	_, err := db.Undo(ctx, 0, false)
	assert.EqualError(t, err, "nothing to undo: the journal is empty")

	ana, err := db.AddContact(ctx, kith.Contact{Name: "Ana"})
	require.NoError(t, err)
	addAna := lastEntryID(t, db)
	_, err = db.EditContactWithCard(ctx, ana.ID, func(c *kith.Contact) error { c.Title = "Partner"; return nil }, 7)
	require.NoError(t, err)
	edit := lastEntryID(t, db)
	_, err = db.EditContactWithCard(ctx, ana.ID, func(c *kith.Contact) error { c.Title = "Owner"; c.Tags = []string{"golf"}; return nil }, 7)
	require.NoError(t, err)
	_, err = db.AddContact(ctx, kith.Contact{Name: "Ben"})
	require.NoError(t, err)
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"Ben"}, On: dates.New(2026, 3, 1)})
	require.NoError(t, err)
	coffee := lastEntryID(t, db)
	require.NoError(t, db.RemoveContact(ctx, 2))
	rmBen := lastEntryID(t, db)

	for _, tc := range []struct {
		name string
		id   int64
		err  string
		code kith.Code
	}{
		{"unknown id", 99, `^no journal entry #99$`, kith.NotFound},
		{"a later entry changed the same column", edit,
			`^cannot undo #\d+ \(changed contact #1 Ana\): contact #1 was changed afterwards, by #\d+ \(kith\)$`, kith.Conflict},
		{"a later entry changed what it added", addAna,
			`^cannot undo #\d+ \(added contact #1 Ana\): the contact #1 it added was changed afterwards, by #\d+`, kith.Conflict},
		{"a later entry removed what it added", coffee,
			`^cannot undo #\d+ \(added coffee #1, coffee on 2026-03-01 with Ben\): the coffee attendee #1 it added was removed afterwards, by #` + fmt.Sprint(rmBen), kith.Conflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := fileRecords(t, db)
			_, err := db.Undo(ctx, tc.id, false)
			require.Error(t, err)
			assert.Regexp(t, tc.err, err.Error())
			assert.Equal(t, tc.code, kith.ErrorCode(err), err.Error())
			assert.Equal(t, before, fileRecords(t, db))
		})
	}

	// undone already: the hint says how to redo it
	res := undo(t, db, rmBen)
	_, err = db.Undo(ctx, rmBen, false)
	assert.EqualError(t, err, fmt.Sprintf("#%d was already undone by #%d", rmBen, res.Entry))
}

// TestUndoRefusesWhatLaterRowsNeed: an undo may not leave a row referring
// to one it removed, put back a row whose parent is gone, or put back a
// value another row holds now.
func TestUndoRefusesWhatLaterRowsNeed(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	db.SetCommand([]string{"contact", "add", "Ana"})
	_, err := db.AddContact(ctx, kith.Contact{Name: "Ana"})
	require.NoError(t, err)
	addAna := lastEntryID(t, db)
	db.SetCommand([]string{"coffee", "log", "ana"})
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"Ana"}, On: dates.New(2026, 3, 1)})
	require.NoError(t, err)
	coffee := lastEntryID(t, db)

	f, err := db.AddFollowup(ctx, "Ana", "call", dates.New(2026, 3, 9))
	require.NoError(t, err)
	_, err = db.RemoveFollowups(ctx, []int64{f.ID})
	require.NoError(t, err)
	rmFollowup := lastEntryID(t, db)
	db.SetCommand([]string{"contact", "rm", "ana"})
	require.NoError(t, db.RemoveContact(ctx, 1))
	rmAna := lastEntryID(t, db)

	_, _, err = db.SetGoal(ctx, "coffees-per-week", 6)
	require.NoError(t, err)
	_, _, err = db.SetGoal(ctx, "coffees-per-week", 0)
	require.NoError(t, err)
	clearGoal := lastEntryID(t, db)
	db.SetCommand([]string{"goal", "set", "coffees-per-week", "8"})
	_, _, err = db.SetGoal(ctx, "coffees-per-week", 8)
	require.NoError(t, err)
	setAgain := lastEntryID(t, db)

	// undoing the removal of Ana first would let the others through: each
	// refusal here names the entry in the way
	for _, tc := range []struct {
		name string
		id   int64
		err  string
	}{
		{"a later entry changed a row it added", addAna, fmt.Sprintf(`cannot undo #%d (added contact #1 Ana): the contact #1 it added was changed afterwards, by #%d (kith coffee log ana)`, addAna, coffee)},
		{"its row's parent is gone", rmFollowup, fmt.Sprintf(`cannot undo #%d (removed follow-up #1 "call" for Ana): it would put back follow-up #1, which refers to contact #1, removed afterwards, by #%d (kith contact rm ana)`, rmFollowup, rmAna)},
		{"another row holds its unique value", clearGoal, fmt.Sprintf(`cannot undo #%d (removed goal coffees-per-week = 6): it would put back goal #1, and goal #2 holds the same name now, by #%d (kith goal set coffees-per-week 8)`, clearGoal, setAgain)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := fileRecords(t, db)
			_, err := db.Undo(ctx, tc.id, false)
			require.Error(t, err)
			assert.Equal(t, tc.err, err.Error())
			assert.Equal(t, before, fileRecords(t, db))
		})
	}

	// a follow-up for Ben refers to him without changing him: adding Ben
	// cannot be undone while it is there
	db.SetCommand([]string{"contact", "add", "Ben"})
	_, err = db.AddContact(ctx, kith.Contact{Name: "Ben"})
	require.NoError(t, err)
	addBen := lastEntryID(t, db)
	db.SetCommand([]string{"followup", "add", "ben", "call"})
	_, err = db.AddFollowup(ctx, "Ben", "call", dates.New(2026, 3, 9))
	require.NoError(t, err)
	followup := lastEntryID(t, db)
	_, err = db.Undo(ctx, addBen, false)
	require.Error(t, err)
	assert.Equal(t, fmt.Sprintf(`cannot undo #%d (added contact #2 Ben): follow-up #2 refers to the contact #2 it added, by #%d (kith followup add ben call)`, addBen, followup), err.Error())
}
