package proof

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/store"
)

// fixtures are the databases of every released schema version, made by
// scripts/make-migration-fixture.sh with the kith of that release.
func fixtures(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/migrations/v*.db")
	require.NoError(t, err)
	require.NotEmpty(t, files, "no migration fixtures found")
	return files
}

// copyFile copies a fixture into a fresh folder, so the committed file is
// never opened for writing.
func copyFile(t *testing.T, src string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	require.NoError(t, err)
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	require.NoError(t, os.WriteFile(dst, data, 0o600))
	return dst
}

// tableRows is every row of every table, by table and rowid.
type tableRows map[string]map[int64]map[string]any

// dump reads every row of every table of an SQLite file as it is, without
// migrating it.
func dump(t *testing.T, path string) tableRows {
	t.Helper()
	conn, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	defer conn.Close()
	var tables []string
	// the records' tables: not the search index's virtual and shadow
	// tables, nor the tallies counted from the records
	rows, err := conn.Query(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%\_tally' ESCAPE '\' ORDER BY name`)
	require.NoError(t, err)
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	require.NoError(t, rows.Err())
	rows.Close()

	out := tableRows{}
	for _, table := range tables {
		out[table] = map[int64]map[string]any{}
		// table names come from sqlite_master of a committed test fixture
		rows, err := conn.Query(fmt.Sprintf("SELECT rowid AS kith_rowid, * FROM %q", table))
		require.NoError(t, err)
		cols, err := rows.Columns()
		require.NoError(t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(t, rows.Scan(ptrs...))
			row := map[string]any{}
			for i, c := range cols[1:] {
				row[c] = vals[i+1]
			}
			out[table][vals[0].(int64)] = row
		}
		require.NoError(t, rows.Err())
		rows.Close()
	}
	return out
}

func sha(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return sha256.Sum256(data)
}

// TestMigrationKeepsEveryRecord opens each released schema's fixture with
// the current store: it migrates, and every row of every table is still
// there with the same values (new columns may be added beside them).
func TestMigrationKeepsEveryRecord(t *testing.T) {
	for _, fixture := range fixtures(t) {
		t.Run(filepath.Base(fixture), func(t *testing.T) {
			before := sha(t, fixture)
			path := copyFile(t, fixture)
			old := dump(t, path)
			for table, rows := range old {
				assert.NotEmpty(t, rows, "the fixture's %s table should hold records", table)
			}

			db, err := store.Open(context.Background(), path, time.Now)
			require.NoError(t, err)
			var version int
			require.NoError(t, db.SQL().QueryRow("PRAGMA user_version").Scan(&version))
			assert.Equal(t, store.SchemaVersion(), version)
			var check string
			require.NoError(t, db.SQL().QueryRow("PRAGMA integrity_check").Scan(&check))
			assert.Equal(t, "ok", check)
			fk, err := db.SQL().Query("PRAGMA foreign_key_check")
			require.NoError(t, err)
			assert.False(t, fk.Next(), "every reference still points at a row")
			fk.Close()
			assert.Equal(t, triggers(t, db.SQL()), triggers(t, fresh(t).SQL()),
				"the triggers (the journal's, the tallies', the search index's) are those of a new database")
			require.NoError(t, db.Close())

			now := dump(t, path)
			for table, rows := range old {
				require.Contains(t, now, table, "table %s was dropped", table)
				for id, row := range rows {
					got, ok := now[table][id]
					if !assert.True(t, ok, "%s row %d is gone", table, id) {
						continue
					}
					for col, v := range row {
						assert.Equal(t, v, got[col], "%s row %d column %s", table, id, col)
					}
				}
			}
			assert.Equal(t, before, sha(t, fixture), "the committed fixture was not touched")
		})
	}
}

// TestOldDatabasesWorkEndToEnd runs the current binary's read commands on
// a copy of each fixture: every contact and coffee is listed and shown.
func TestOldDatabasesWorkEndToEnd(t *testing.T) {
	for _, fixture := range fixtures(t) {
		t.Run(filepath.Base(fixture), func(t *testing.T) {
			old := dump(t, fixture)
			env := kithEnv(t, copyFile(t, fixture))

			var contacts []struct{ ID int64 }
			require.NoError(t, json.Unmarshal([]byte(mustKith(t, env, "--json", "contact", "list")), &contacts))
			assert.Len(t, contacts, len(old["contacts"]))
			for _, c := range contacts {
				mustKith(t, env, "--json", "contact", "show", fmt.Sprint(c.ID))
			}
			var coffees []json.RawMessage
			require.NoError(t, json.Unmarshal([]byte(mustKith(t, env, "--json", "coffee", "list")), &coffees))
			assert.Len(t, coffees, len(old["coffees"]))

			// the upgrade indexed the records stored before the search index
			type hit struct {
				Kind string
				ID   int64
			}
			var hits []hit
			name := old["contacts"][1]["name"].(string)
			require.NoError(t, json.Unmarshal([]byte(mustKith(t, env, "--json", "search", name)), &hits))
			assert.Contains(t, hits, hit{"contact", 1}, "kith search %q", name)

			// every read command there is works on the migrated file
			for _, args := range [][]string{
				{"followup", "list"}, {"followup", "due"}, {"intro", "list"}, {"goal", "list"},
				{"target", "list"}, {"napkin"}, {"funnel"}, {"report"}, {"graph"},
			} {
				r := kith(t, env, "", args...)
				if r.code == 2 && strings.Contains(r.stderr, "unknown") {
					continue // not in this kith yet
				}
				assert.Equal(t, 0, r.code, "kith %s: %s", strings.Join(args, " "), r.stderr)
			}
		})
	}
}

// TestImpossibleSchemaVersionsAreRefusedUntouched: a file written by a
// newer kith, or whose schema version no kith writes (below zero) or does
// not match its tables (set by hand, or the tables changed by another
// program), is refused by every command, read or write, in one line, and
// left byte for byte as it was.
func TestImpossibleSchemaVersionsAreRefusedUntouched(t *testing.T) {
	tests := []struct {
		name    string
		version int
		empty   bool // the file has no tables
		want    string
	}{
		{"newer", store.SchemaVersion() + 1, false, `has schema version \d+, newer than this kith understands \(\d+\); upgrade kith`},
		{"negative", -5, false, `has schema version -5, which no kith writes; restore the database from a backup`},
		{"older than its tables", 3, false, `says it is at schema version 3, but its tables do not match: upgrading it with \d{4}_\w+\.sql failed \(SQL logic error: .*\); restore`},
		{"without tables", store.SchemaVersion(), true, `says it is at schema version \d+, but has none of kith's tables; restore`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyFile(t, fixtures(t)[0])
			if tt.empty {
				path = filepath.Join(t.TempDir(), "empty.db")
			}
			conn, err := sql.Open("sqlite", path)
			require.NoError(t, err)
			_, err = conn.Exec("PRAGMA journal_mode = WAL") // as kith leaves its files
			require.NoError(t, err)
			_, err = conn.Exec(fmt.Sprintf("PRAGMA user_version = %d", tt.version))
			require.NoError(t, err)
			require.NoError(t, conn.Close())
			assertRefusedUntouched(t, path, tt.want)
		})
	}
}

// assertRefusedUntouched runs a read and two writes on the database at
// path: each must fail in one line matching want and leave the file as it
// was, with nothing beside it.
func assertRefusedUntouched(t *testing.T, path, want string) {
	t.Helper()
	before := sha(t, path)
	info, err := os.Stat(path)
	require.NoError(t, err)

	env := kithEnv(t, path)
	for _, args := range [][]string{{"contact", "list"}, {"contact", "add", "Newcomer"}, {"coffee", "log", "Ana", "--on", "today"}} {
		r := kith(t, env, "", args...)
		assert.Equal(t, 1, r.code, "kith %s", strings.Join(args, " "))
		assert.Regexp(t, `^kith: [^\n]*`+want+`[^\n]*\n$`, r.stderr)
	}
	assert.Equal(t, before, sha(t, path), "the database was not touched")
	after, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, info.ModTime(), after.ModTime())
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no journal or WAL files left beside it")
}

// triggers reads a database's triggers, by name, as SQLite keeps them.
func triggers(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	rows, err := db.Query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, def string
		require.NoError(t, rows.Scan(&name, &def))
		out[name] = def
	}
	require.NoError(t, rows.Err())
	return out
}

// fresh opens a new database at the current schema.
func fresh(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "fresh.db"), time.Now)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}
