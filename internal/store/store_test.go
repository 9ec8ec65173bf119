package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

var fixedNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// openTemp opens a fresh database in a temp folder.
func openTemp(t testing.TB) (*store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "kith.db")
	db, err := store.Open(context.Background(), path, func() time.Time { return fixedNow })
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db, path
}

// restoredCopy exports db whole and imports the export into a fresh
// database, as kith export and kith import do.
func restoredCopy(t *testing.T, db *store.DB) *store.DB {
	t.Helper()
	ctx := context.Background()
	var dump bytes.Buffer
	require.NoError(t, db.ExportDatabase(ctx, &dump))
	restored, _ := openTemp(t)
	require.NoError(t, restored.ImportDatabase(ctx, &dump, "dump.json"))
	return restored
}

func TestOpenMigratesOnce(t *testing.T) {
	db, path := openTemp(t)
	require.NoError(t, db.Close())
	db2, err := store.Open(context.Background(), path, time.Now)
	require.NoError(t, err)
	defer db2.Close()
	var v int
	require.NoError(t, db2.SQL().QueryRow("PRAGMA user_version").Scan(&v))
	assert.Equal(t, store.SchemaVersion(), v)
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	db, path := openTemp(t)
	_, err := db.SQL().Exec("PRAGMA user_version = 999")
	require.NoError(t, err)
	require.NoError(t, db.Close())
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	_, err = store.Open(context.Background(), path, time.Now)
	require.Error(t, err)
	assert.Equal(t, kith.Conflict, kith.ErrorCode(err))
	assert.Contains(t, err.Error(), "schema version 999, newer than this kith understands")
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the newer database must be left untouched")
}

func TestOpenRefusesNonSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	require.NoError(t, os.WriteFile(path, []byte("not a database, just some notes that are long enough"), 0o600))
	_, err := store.Open(context.Background(), path, time.Now)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not a kith database")
}

func TestResolveContact(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	for _, c := range []kith.Contact{
		{Name: "Carla Mendes", Emails: []string{"carla@mendes.io"}},
		{Name: "Carl Jung"},
		{Name: "Ana Lima"},
		{Name: "Ana Lima", Emails: []string{"other@lima.law"}},
		{Name: "Łukasz Żak"},
		{Name: "42"},
		{Name: "005"},
		{Name: "+1"},
	} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	tests := []struct {
		name, ref string
		wantID    int64
		wantCode  kith.Code
	}{
		{"id", "2", 2, ""},
		{"email any case", "CARLA@Mendes.io", 1, ""},
		{"full name any case", "carl jung", 2, ""},
		{"unique prefix", "carla", 1, ""},
		{"unicode prefix folded", "łuk", 5, ""},
		{"name that looks like an id", "42", 6, ""},
		{"zero-padded name is not id 5", "005", 7, ""},
		{"signed name is not id 1", "+1", 8, ""},
		{"id as printed", "#3", 3, ""},
		{"zero-padded with no such name", "0002", 0, kith.NotFound},
		{"ambiguous prefix", "carl", 0, kith.Ambiguous},
		{"same full name twice", "ana lima", 0, kith.Ambiguous},
		{"unknown", "zed", 0, kith.NotFound},
		{"unknown email", "zed@x.io", 0, kith.NotFound},
		{"missing id", "99", 0, kith.NotFound},
		{"empty", "  ", 0, kith.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := db.ResolveContact(ctx, tt.ref)
			if tt.wantCode != "" {
				require.Error(t, err)
				assert.Equal(t, tt.wantCode, kith.ErrorCode(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantID, c.ID)
		})
	}
}

func TestAmbiguityListsCandidates(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	for i := 0; i < 12; i++ {
		_, err := db.AddContact(ctx, kith.Contact{Name: "Sam " + string(rune('A'+i))})
		require.NoError(t, err)
	}
	_, err := db.ResolveContact(ctx, "sam")
	var amb *store.AmbiguousError
	require.ErrorAs(t, err, &amb)
	assert.Contains(t, err.Error(), "#1 Sam A")
	assert.Contains(t, err.Error(), "...")
}

func TestAmbiguityLabelsTellNamesakesApart(t *testing.T) {
	err := &store.AmbiguousError{Ref: "sam ng", Candidates: []kith.Contact{
		{ID: 3, Name: "Sam Ng", Company: "Initech"},
		{ID: 4, Name: "Sam Ng", Company: "Hooli", Email: "sam@hooli.com"},
		{ID: 5, Name: "Sam Ng"},
		{ID: 6, Name: "Sam Ng", Email: "ng@x.io"},
	}}
	assert.Equal(t, `"sam ng" matches several contacts: #3 Sam Ng at Initech, #4 Sam Ng at Hooli <sam@hooli.com>, `+
		`#5 Sam Ng, #6 Sam Ng <ng@x.io>`, err.Error())
}

func TestUpdateRecordsStageMoves(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	c, err := db.AddContact(ctx, kith.Contact{Name: "Ana"})
	require.NoError(t, err)
	_, err = db.UpdateContact(ctx, c.ID, func(c *kith.Contact) error { c.Stage = kith.Client; return nil })
	require.NoError(t, err)
	_, err = db.UpdateContact(ctx, c.ID, func(c *kith.Contact) error { c.Title = "CEO"; return nil })
	require.NoError(t, err)

	rows, err := db.SQL().Query("SELECT COALESCE(from_stage, ''), to_stage, moved_on FROM stage_moves WHERE contact_id = ? ORDER BY id", c.ID)
	require.NoError(t, err)
	defer rows.Close()
	var moves [][3]string
	for rows.Next() {
		var m [3]string
		require.NoError(t, rows.Scan(&m[0], &m[1], &m[2]))
		moves = append(moves, m)
	}
	assert.Equal(t, [][3]string{{"", "halo", "2026-03-02"}, {"halo", "client", "2026-03-02"}}, moves)
}

func TestFailedUpdateChangesNothing(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	c, err := db.AddContact(ctx, kith.Contact{Name: "Ana", Emails: []string{"ana@x.io"}})
	require.NoError(t, err)
	_, err = db.UpdateContact(ctx, c.ID, func(c *kith.Contact) error {
		c.Title = "CEO"
		c.Emails = append(c.Emails, "broken")
		return nil
	})
	require.Error(t, err)
	got, err := db.GetContact(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, "", got.Title)
	assert.Equal(t, []string{"ana@x.io"}, got.Emails)
}

func TestRemoveContactLeavesNothingDangling(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	ana, err := db.AddContact(ctx, kith.Contact{Name: "Ana", Emails: []string{"a@x.io"}, Tags: []string{"t"}})
	require.NoError(t, err)
	bo, err := db.AddContact(ctx, kith.Contact{Name: "Bo"})
	require.NoError(t, err)
	sqlDB := db.SQL()
	exec := func(q string, args ...any) {
		_, err := sqlDB.Exec(q, args...)
		require.NoError(t, err)
	}
	exec("INSERT INTO coffees (id, held_on, created_at, updated_at) VALUES (1, '2026-03-01', 'x', 'x'), (2, '2026-03-01', 'x', 'x')")
	exec("INSERT INTO coffee_contacts (coffee_id, contact_id) VALUES (1, ?), (2, ?), (2, ?)", ana.ID, ana.ID, bo.ID)
	exec("INSERT INTO introductions (from_id, to_id, direction, kind, intro_on, status_on, created_at, updated_at) VALUES (?, ?, 'received', 'client', 'd', 'd', 'x', 'x')", bo.ID, ana.ID)
	exec("INSERT INTO followups (contact_id, text, due_on, created_at, updated_at) VALUES (?, 'call', '2026-03-03', 'x', 'x')", ana.ID)

	require.NoError(t, db.RemoveContact(ctx, ana.ID))

	count := func(q string) int {
		var n int
		require.NoError(t, sqlDB.QueryRow(q).Scan(&n))
		return n
	}
	assert.Equal(t, 0, count("SELECT count(*) FROM coffees WHERE id = 1"), "a coffee only Ana attended goes")
	assert.Equal(t, 1, count("SELECT count(*) FROM coffees WHERE id = 2"), "a shared coffee stays")
	assert.Equal(t, 1, count("SELECT count(*) FROM coffee_contacts"))
	for _, table := range []string{"contact_emails", "contact_tags", "introductions", "followups", "stage_moves WHERE contact_id = 1"} {
		assert.Equal(t, 0, count("SELECT count(*) FROM "+table), table)
	}
	var problems int
	require.NoError(t, sqlDB.QueryRow("SELECT count(*) FROM pragma_foreign_key_check").Scan(&problems))
	assert.Zero(t, problems)
}

// TestOpenRefusesAnotherProgramsDatabase checks that an SQLite file of
// another program (a --db typo pointing at a browser's history, say) is
// refused and left byte for byte as it was, instead of getting kith's
// tables added to it.
func TestOpenRefusesAnotherProgramsDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "places.sqlite")
	other, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	_, err = other.Exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.com')")
	require.NoError(t, err)
	require.NoError(t, other.Close())
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	_, err = store.Open(context.Background(), path, time.Now)
	require.Error(t, err)
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
	assert.Contains(t, err.Error(), path+" is not a kith database: it is another program's SQLite database (tables moz_places)")
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the file is left untouched")
	_, err = os.Stat(path + "-wal")
	assert.True(t, os.IsNotExist(err), "no -wal beside it")
}

// TestDamagedDatabaseSaysSo checks that a database whose pages were
// damaged (a disk fault, a copy cut short) is named as damaged, with the way
// out, rather than SQLite's "database disk image is malformed (11)".
func TestDamagedDatabaseSaysSo(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	for i := range 200 {
		_, err := db.AddContact(ctx, kith.Contact{Name: fmt.Sprintf("Person %d", i), Notes: strings.Repeat("n", 500)})
		require.NoError(t, err)
	}
	var pageSize int64
	require.NoError(t, db.SQL().QueryRow("PRAGMA page_size").Scan(&pageSize))
	require.NoError(t, db.Close())
	// the damage lands on a page of contacts, which an export reads and
	// opening does not: the page holding one of them, not an index page
	// with their name (the table's pages hold the notes too)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	at := -1
	for from := 0; at < 0; {
		i := bytes.Index(data[from:], []byte("Person 150"))
		require.GreaterOrEqual(t, i, 0, "no page of contacts holds Person 150")
		page := (int64(from+i) / pageSize) * pageSize
		if bytes.Contains(data[page:page+pageSize], []byte(strings.Repeat("n", 500))) {
			at = from + i
		}
		from += i + 1
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(bytes.Repeat([]byte{0xde, 0xad}, int(pageSize/2)), int64(at)/pageSize*pageSize)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	db, err = store.Open(ctx, path, time.Now)
	require.NoError(t, err)
	defer db.Close()
	var dump bytes.Buffer
	err = db.ExportDatabase(ctx, &dump)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the database "+path+" is damaged")
	var ke *kith.Error
	require.ErrorAs(t, err, &ke)
	assert.Contains(t, ke.Hint, "backup")
}

func TestFailingQueryNamesTheOperation(t *testing.T) {
	db, _ := openTemp(t)
	_, err := db.SQL().Exec("DROP TABLE goals")
	require.NoError(t, err)
	_, err = db.Goals(context.Background())
	require.Error(t, err)
	assert.Regexp(t, `^list goals: .*no such table: goals`, err.Error())
}
