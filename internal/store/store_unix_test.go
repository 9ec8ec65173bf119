//go:build unix

package store_test

// Unix only: these tests rely on file modes, FIFOs and /dev/null, and on
// file names (":memory:") that Windows does not allow.

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

func TestOpenCreatesPrivateFiles(t *testing.T) {
	db, path := openTemp(t)
	_, err := db.AddContact(context.Background(), kith.Contact{Name: "Ana"})
	require.NoError(t, err)

	dirInfo, err := os.Stat(filepath.Dir(path))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), dirInfo.Mode().Perm())
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(name)
		require.NoError(t, err, name)
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), name)
	}
}

// TestPathsSQLiteWouldReadSpecially checks that a --db path is the file of
// that name, even when SQLite would read it otherwise: ":memory:" (a
// database that vanishes, losing every write) or "file:x.db" (a URI naming
// another file than the one kith prepared 0600).
func TestPathsSQLiteWouldReadSpecially(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{":memory:", "file:x.db", "file::memory:"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			db, err := store.Open(ctx, name, time.Now)
			require.NoError(t, err)
			_, err = db.AddContact(ctx, kith.Contact{Name: "Ana"})
			require.NoError(t, err)
			require.NoError(t, db.Close())

			info, err := os.Stat(filepath.Join(dir, name))
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
			assert.Positive(t, info.Size(), "the data is in the file named")
			db, err = store.Open(ctx, name, time.Now)
			require.NoError(t, err)
			defer db.Close()
			found, err := db.ListContacts(ctx, store.ContactFilter{})
			require.NoError(t, err)
			assert.Len(t, found, 1, "the contact was kept")
			var copy = "copy-" + name
			require.NoError(t, db.Backup(ctx, copy))
			info, err = os.Stat(filepath.Join(dir, copy))
			require.NoError(t, err)
			assert.Positive(t, info.Size(), "the backup is in the file named")
		})
	}
}

// TestOpenRefusesWhatIsNotAFile checks that a --db naming a FIFO or a
// device is refused at once: SQLite would block forever reading a FIFO, or
// fail with "disk I/O error" on /dev/null.
func TestOpenRefusesWhatIsNotAFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	for _, path := range []string{fifo, "/dev/null"} {
		_, err := store.Open(context.Background(), path, time.Now)
		require.Error(t, err, path)
		assert.Contains(t, err.Error(), path+" is not a regular file", path)
	}
}
