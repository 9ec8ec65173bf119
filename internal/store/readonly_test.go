//go:build unix

package store_test

// Unix only: a folder made read-only with chmod, which Windows ignores.

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/store"
)

// TestOpenInReadOnlyFolder checks that a folder the user cannot write is
// named as the problem, for a new database and for an existing one (whose
// -wal and -shm files cannot be created). Root writes anywhere, so the test
// needs an ordinary user; CI as root skips it (it was checked by hand with
// setpriv --reuid=nobody).
func TestOpenInReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write any folder")
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	db, err := store.Open(ctx, filepath.Join(dir, "kith.db"), time.Now)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	require.NoError(t, os.Chmod(dir, 0o500))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })

	for _, name := range []string{"kith.db", "new.db"} {
		t.Run(name, func(t *testing.T) {
			db, err := store.Open(ctx, filepath.Join(dir, name), time.Now)
			if err == nil {
				_, err = db.ListContacts(ctx, store.ContactFilter{})
				db.Close()
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "its folder "+dir+" is not writable")
		})
	}
}
