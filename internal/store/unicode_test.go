package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
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
// without normalising (before schema 8) finds its NFD names after the
// upgrade.
func TestMigrationRefoldsKeys(t *testing.T) {
	ctx := context.Background()
	// what kith up to schema 7 stored: lower case, spelling kept
	db := openOldFixture(t, "v0006.db", `INSERT INTO contacts (id, name, name_key, company, company_key, created_at, updated_at)
		VALUES (100, ?1, ?2, ?3, ?4, '2025-06-02T09:00:00Z', '2025-06-02T09:00:00Z');
		INSERT INTO contact_emails (contact_id, position, email, email_key) VALUES (100, 0, ?5, ?5)`,
		joseNFD, "jose\u0301 nu\u0301n\u0303ez", "Cafe\u0301 Ltd", "cafe\u0301 ltd", "jose\u0301@example.com")
	for _, ref := range []string{joseNFC, "jos\u00e9@example.com"} {
		got, err := db.ResolveContact(ctx, ref)
		if assert.NoError(t, err, ref) {
			assert.Equal(t, int64(100), got.ID, ref)
		}
	}
	var company string
	require.NoError(t, db.SQL().QueryRow("SELECT company_key FROM contacts WHERE id = 100").Scan(&company))
	assert.Equal(t, "caf\u00e9 ltd", company)
}

// openOldFixture opens a copy of a released schema's fixture
// (testdata/migrations) after running query on it as it is, so the store
// migrates what an older kith wrote.
func openOldFixture(t *testing.T, fixture, query string, args ...any) *store.DB {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "migrations", fixture))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), fixture)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	raw, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	_, err = raw.Exec(query, args...)
	require.NoError(t, err)
	require.NoError(t, raw.Close())
	db, err := store.Open(context.Background(), path, func() time.Time { return fixedNow })
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
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
// space by an older kith matches its tidied spelling after the upgrade.
func TestMigrationRefoldsSpacedKeys(t *testing.T) {
	db := openOldFixture(t, "v0006.db", `INSERT INTO contacts (id, name, name_key, created_at, updated_at)
		VALUES (100, 'Zed  Quill', 'zed  quill', '2025-06-02T09:00:00Z', '2025-06-02T09:00:00Z')`)
	got, err := db.ResolveContact(context.Background(), "zed quill")
	require.NoError(t, err)
	assert.Equal(t, int64(100), got.ID)
}
