package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// found returns the ids of the contacts the index finds for text (words
// or their beginnings, in any field), smallest first.
func found(t *testing.T, db *store.DB, text string) []int64 {
	t.Helper()
	ids := []int64{}
	require.NoError(t, db.Read(context.Background(), "test", func(tx *store.Tx) error {
		// newest first: each goes before those found so far
		return tx.SearchContacts(store.Match{Words: kith.SearchWords(text), Prefix: true}, 0, func(c kith.Contact) error {
			ids = append([]int64{c.ID}, ids...)
			return nil
		})
	}))
	return ids
}

// TestSearchIndexFollowsRawWrites writes rows with plain SQL, as an undo
// replays them: the triggers keep the index in step, whoever writes.
func TestSearchIndexFollowsRawWrites(t *testing.T) {
	db, _ := openTemp(t)
	exec := func(q string, args ...any) {
		t.Helper()
		_, err := db.SQL().Exec(q, args...)
		require.NoError(t, err)
	}
	exec(`INSERT INTO contacts (id, name, name_key, topic, created_at, updated_at)
		VALUES (7, 'Jürgen Weber', 'jürgen weber', 'marathon', '2026-03-02T09:00:00Z', '2026-03-02T09:00:00Z')`)
	assert.Equal(t, []int64{7}, found(t, db, "jurgen"))
	assert.Equal(t, []int64{7}, found(t, db, "MARA"))

	exec("INSERT INTO contact_emails (contact_id, position, email, email_key) VALUES (7, 0, 'jw@acme.de', 'jw@acme.de')")
	exec("INSERT INTO contact_tags (contact_id, tag, tag_key) VALUES (7, 'Golf', 'golf')")
	assert.Equal(t, []int64{7}, found(t, db, "acme golf marathon"), "email, tag and the row's own fields together")

	exec("UPDATE contact_emails SET email = 'j@other.org' WHERE contact_id = 7")
	assert.Empty(t, found(t, db, "acme"))
	assert.Equal(t, []int64{7}, found(t, db, "other"))
	exec("DELETE FROM contact_tags WHERE contact_id = 7")
	assert.Empty(t, found(t, db, "golf"))

	exec("UPDATE contacts SET topic = 'sailing' WHERE id = 7")
	assert.Empty(t, found(t, db, "marathon"))
	assert.Equal(t, []int64{7}, found(t, db, "sailing"))
	exec("UPDATE contacts SET updated_at = '2026-03-03T09:00:00Z' WHERE id = 7") // no indexed field: no work
	assert.Equal(t, []int64{7}, found(t, db, "sailing jurgen"))

	exec("DELETE FROM contacts WHERE id = 7")
	assert.Empty(t, found(t, db, "jurgen"))
	exec("DELETE FROM contact_emails WHERE contact_id = 7") // the rows a cascade would take
	assert.Empty(t, found(t, db, "jurgen"), "removing a removed contact's email brings nothing back")
	var n int
	require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM contact_search").Scan(&n))
	assert.Zero(t, n)
}

// TestSearchIndexFollowsNames: an introduction is found by its people's
// names, as they are now.
func TestSearchIndexFollowsNames(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	a, err := db.AddContact(ctx, kith.Contact{Name: "Ana Lima"})
	require.NoError(t, err)
	b, err := db.AddContact(ctx, kith.Contact{Name: "Bo Chen"})
	require.NoError(t, err)
	_, err = db.RecordIntroduction(ctx, store.IntroRefs{From: "ana", To: "bo"},
		store.NewIntroduction{Kind: kith.Alliance, Direction: kith.Received, Asked: true, Status: kith.Made})
	require.NoError(t, err)
	intros := func(text string) int {
		var n int
		require.NoError(t, db.Read(ctx, "test", func(tx *store.Tx) error {
			return tx.SearchIntroductions(store.Match{Words: kith.SearchWords(text)}, 0, func(kith.Introduction) error {
				n++
				return nil
			})
		}))
		return n
	}
	assert.Equal(t, 1, intros("lima chen"))
	_, err = db.SQL().Exec("UPDATE contacts SET name = 'Ana Souza' WHERE id = ?", a.ID)
	require.NoError(t, err)
	assert.Equal(t, 0, intros("lima"))
	assert.Equal(t, 1, intros("souza chen"))
	_, err = db.SQL().Exec("DELETE FROM contacts WHERE id = ?", b.ID) // the introduction goes with it
	require.NoError(t, err)
	assert.Equal(t, 0, intros("souza"))
}

// TestImportIndexesContacts: an import fills the index itself, in bulk
// mode or not, including what it merged into stored contacts, and leaves
// the index's triggers as they were, also when it fails.
func TestImportIndexesContacts(t *testing.T) {
	defer store.SetBulkLimits(5, 100)()
	ctx := context.Background()
	db, _ := openTemp(t)
	triggers := func() int {
		var n int
		require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'").Scan(&n))
		return n
	}
	before := triggers()
	var cs []kith.Contact
	for i := 0; i < 30; i++ {
		cs = append(cs, kith.Contact{Name: fmt.Sprintf("Person %d", i), Company: "Acme",
			Emails: []string{fmt.Sprintf("p%d@acme.example", i)}, Tags: []string{"Ängel"}})
	}
	importAll(t, db, store.ImportOptions{}, cs)
	assert.Len(t, found(t, db, "acme angel"), 30)
	assert.Equal(t, []int64{13}, found(t, db, "p12"))
	assert.Equal(t, before, triggers())

	// a second import merges a new email into #1 and adds one contact
	importAll(t, db, store.ImportOptions{}, []kith.Contact{
		{Name: "Person 0", Company: "Acme", Emails: []string{"p0@acme.example", "zero@home.example"}},
		{Name: "Newcomer", Topic: "marathon"},
	})
	assert.Equal(t, []int64{1}, found(t, db, "zero home"))
	assert.Equal(t, []int64{31}, found(t, db, "marathon"))

	// a failed import changes nothing, the triggers included
	_, err := db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
		if _, err := imp.Put(kith.Contact{Name: "Ghost", Topic: "haunting"}); err != nil {
			return err
		}
		return errors.New("stop")
	})
	require.Error(t, err)
	assert.Empty(t, found(t, db, "haunting"))
	assert.Equal(t, before, triggers())
	_, err = db.AddContact(ctx, kith.Contact{Name: "After", Topic: "haunting"})
	require.NoError(t, err)
	assert.Len(t, found(t, db, "haunting"), 1, "the triggers index again after an import")
}
