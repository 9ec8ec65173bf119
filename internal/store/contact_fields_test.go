package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/kith/kithtest"
	"github.com/kith-crm/kith/internal/store"
)

// assertFieldsEqual compares the fields of two contacts that pick selects,
// by reflection over kith.ContactFields (kith's tests check it describes
// every field of kith.Contact in order).
func assertFieldsEqual(t *testing.T, want, got kith.Contact, pick func(kith.ContactField) bool, msg string) {
	t.Helper()
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	for i, f := range kith.ContactFields {
		if pick(f) {
			assert.Equal(t, w.Field(i).Interface(), g.Field(i).Interface(), "%s: %s", msg, f.Key)
		}
	}
}

// notComputed picks the fields kith does not compute itself.
func notComputed(f kith.ContactField) bool { return f.Import != kith.Computed }

// TestEveryContactFieldIsStored writes a contact with every field set
// (kithtest.FullContact) each way a contact reaches the database, and
// through a whole-database export and import, and reads it back: a field
// the store does not keep comes back zero.
func TestEveryContactFieldIsStored(t *testing.T) {
	ctx := context.Background()
	full := kithtest.FullContact()
	db, _ := openTemp(t)

	// imported as a new contact: an import leaves kith's own fields to kith
	importAll(t, db, store.ImportOptions{}, []kith.Contact{full})
	got, err := db.GetContact(ctx, 1)
	require.NoError(t, err)
	assertFieldsEqual(t, full, got, notComputed, "imported")

	added, err := db.AddContact(ctx, full)
	require.NoError(t, err)
	got, err = db.GetContact(ctx, added.ID)
	require.NoError(t, err)
	assertFieldsEqual(t, full, got, func(f kith.ContactField) bool { return f.Key != "id" && f.Key != "created_at" && f.Key != "updated_at" }, "added")

	// imported over a stored contact it matches: every field an import changes
	stored, err := db.AddContact(ctx, kith.Contact{Name: "Someone", Emails: []string{"some@one.example"}, LinkedInURL: "https://www.linkedin.com/in/some-one"})
	require.NoError(t, err)
	over := full
	over.Emails, over.LinkedInURL = append([]string{"some@one.example"}, full.Emails...), "https://www.linkedin.com/in/some-one"
	assert.Equal(t, store.ImportCounts{Updated: 1}, importAll(t, db, store.ImportOptions{Update: true}, []kith.Contact{over}))
	got, err = db.GetContact(ctx, stored.ID)
	require.NoError(t, err)
	over.Email = over.Emails[0]
	assertFieldsEqual(t, over, got, func(f kith.ContactField) bool { return notComputed(f) && f.Import != kith.Kept }, "updated")
	assert.Equal(t, store.ImportCounts{Unchanged: 1}, importAll(t, db, store.ImportOptions{Update: true}, []kith.Contact{over}),
		"the same import again changes nothing")

	// a whole-database export and import gives every contact back as it was
	restored := restoredCopy(t, db)
	for _, id := range []int64{1, added.ID, stored.ID} {
		before, err := db.GetContact(ctx, id)
		require.NoError(t, err)
		after, err := restored.GetContact(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, before, after, "contact %d after export and import", id)
	}
}
