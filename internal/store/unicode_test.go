package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// The same name can arrive in two Unicode spellings: "é" as one code point
// (NFC: most keyboards, Google) or as "e" and a combining accent (NFD:
// macOS file names, some Apple exports). They are one name to a person.
const (
	joseNFC = "Jos\u00e9 N\u00fa\u00f1ez"
	joseNFD = "Jose\u0301 Nu\u0301n\u0303ez"
)

func TestUnicodeSpellingsAreOneName(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	c, err := db.AddContact(ctx, kith.Contact{Name: joseNFD, Emails: []string{"jose\u0301@example.com"}, Tags: []string{"Cafe\u0301"}})
	require.NoError(t, err)

	for _, ref := range []string{joseNFC, "jos\u00e9", "JOS\u00c9 N\u00da\u00d1EZ", "jos\u00e9@example.com"} {
		got, err := db.ResolveContact(ctx, ref)
		if assert.NoError(t, err, ref) {
			assert.Equal(t, c.ID, got.ID, ref)
		}
	}
	found, err := db.ListContacts(ctx, store.ContactFilter{Search: "n\u00fa\u00f1ez"})
	require.NoError(t, err)
	assert.Len(t, found, 1, "search")
	found, err = db.ListContacts(ctx, store.ContactFilter{Tag: "caf\u00e9"})
	require.NoError(t, err)
	assert.Len(t, found, 1, "tag")
}

// TestMigrationRefoldsKeys checks that a database whose keys were folded
// without normalising (schema 7) finds its NFD names after the upgrade.
func TestMigrationRefoldsKeys(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	c, err := db.AddContact(ctx, kith.Contact{Name: joseNFD, Company: "Cafe\u0301 Ltd", Emails: []string{"jose\u0301@example.com"}})
	require.NoError(t, err)
	// what kith up to schema 7 stored: lower case, spelling kept
	_, err = db.SQL().Exec(`UPDATE contacts SET name_key = ?, company_key = ?; UPDATE contact_emails SET email_key = ?;
		PRAGMA user_version = 7`, "jose\u0301 nu\u0301n\u0303ez", "cafe\u0301 ltd", "jose\u0301@example.com")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	db, err = store.Open(ctx, path, func() time.Time { return fixedNow })
	require.NoError(t, err)
	defer db.Close()
	for _, ref := range []string{joseNFC, "jos\u00e9@example.com"} {
		got, err := db.ResolveContact(ctx, ref)
		if assert.NoError(t, err, ref) {
			assert.Equal(t, c.ID, got.ID, ref)
		}
	}
	var company string
	require.NoError(t, db.SQL().QueryRow("SELECT company_key FROM contacts").Scan(&company))
	assert.Equal(t, "caf\u00e9 ltd", company)
}

// TestRestoreRefoldsKeys checks that an export written by an older kith,
// whose keys were not normalised, is restored with keys that match.
func TestRestoreRefoldsKeys(t *testing.T) {
	ctx := context.Background()
	old, _ := openTemp(t)
	_, err := old.AddContact(ctx, kith.Contact{Name: joseNFD})
	require.NoError(t, err)
	_, err = old.SQL().Exec("UPDATE contacts SET name_key = ?", "jose\u0301 nu\u0301n\u0303ez")
	require.NoError(t, err)
	var dump bytes.Buffer
	require.NoError(t, old.ExportDatabase(ctx, &dump))

	db, _ := openTemp(t)
	require.NoError(t, db.ImportDatabase(ctx, &dump, "old.json"))
	_, err = db.ResolveContact(ctx, joseNFC)
	assert.NoError(t, err)
}

// TestMigrationRefoldsSpacedKeys checks that a name stored with a double
// space by schema 8 matches its tidied spelling after the upgrade.
func TestMigrationRefoldsSpacedKeys(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	c, err := db.AddContact(ctx, kith.Contact{Name: "Ana  Lima"})
	require.NoError(t, err)
	_, err = db.SQL().Exec("UPDATE contacts SET name_key = 'ana  lima'; PRAGMA user_version = 8")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	db, err = store.Open(ctx, path, func() time.Time { return fixedNow })
	require.NoError(t, err)
	defer db.Close()
	got, err := db.ResolveContact(ctx, "ana lima")
	require.NoError(t, err)
	assert.Equal(t, c.ID, got.ID)
}
