//go:build unix

package proof

// Unix only: file modes and the umask, which Windows does not have.

import (
	"database/sql"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"
)

// withUmask runs the test body with a permissive umask, so the modes seen
// are the ones kith asks for, not the ones the umask happens to allow.
func withUmask(t *testing.T, mask int) {
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

// assertPrivate fails unless every file in dir is 0600.
func assertPrivate(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		info, err := e.Info()
		require.NoError(t, err)
		if info.IsDir() {
			continue
		}
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "%s", e.Name())
	}
}

func TestDatabaseFilesArePrivate(t *testing.T) {
	withUmask(t, 0)
	dir := filepath.Join(t.TempDir(), "new", "kith")
	db := filepath.Join(dir, "kith.db")
	env := kithEnv(t, db)
	mustKith(t, env, "contact", "add", "Ana Lima", "--note", "private")

	info, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), info.Mode().Perm(), "the database folder")
	assertPrivate(t, dir)

	// While a reader holds the database open, the WAL and shared-memory
	// files exist; a second process writing must not widen them.
	hold := openHeld(t, db)
	mustKith(t, env, "contact", "add", "Ben Okafor")
	for _, name := range []string{db, db + "-wal", db + "-shm"} {
		info, err := os.Stat(name)
		require.NoError(t, err, name)
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), name)
	}
	hold()
}

func TestBackupsAndExportsArePrivate(t *testing.T) {
	withUmask(t, 0)
	dir := t.TempDir()
	env := kithEnv(t, filepath.Join(dir, "kith.db"))
	mustKith(t, env, "contact", "add", "Ana Lima", "--email", "ana@example.com")
	out := filepath.Join(dir, "out")
	require.NoError(t, os.Mkdir(out, 0o755))

	for _, tc := range []struct {
		name string
		args []string // the file written comes last
	}{
		{"backup", []string{"backup", filepath.Join(out, "backup.db")}},
		{"whole database export", []string{"export", "--out", filepath.Join(out, "all.json")}},
		{"contact export csv", []string{"contact", "export", "--format", "csv", "--out", filepath.Join(out, "contacts.csv")}},
		{"contact export json", []string{"contact", "export", "--format", "json", "--out", filepath.Join(out, "contacts.json")}},
		{"contact export vcard", []string{"contact", "export", "--format", "vcard", "--out", filepath.Join(out, "contacts.vcf")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mustKith(t, env, tc.args...)
			target := tc.args[len(tc.args)-1]
			info, err := os.Stat(target)
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), target)
		})
	}
	assertPrivate(t, out)
}

// openHeld opens db in this process and keeps a read transaction on it,
// so SQLite keeps its -wal and -shm files, until the returned func runs.
func openHeld(t *testing.T, db string) func() {
	t.Helper()
	conn, err := sql.Open("sqlite", db)
	require.NoError(t, err)
	tx, err := conn.Begin()
	require.NoError(t, err)
	var n int
	require.NoError(t, tx.QueryRow("SELECT count(*) FROM contacts").Scan(&n))
	return func() {
		tx.Rollback()
		conn.Close()
	}
}
