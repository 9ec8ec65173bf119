//go:build linux

package store_test

// Linux only: a small disk is a tmpfs mounted with mount(2).

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// smallDisk mounts a tmpfs of size bytes at a temp folder, or skips: only
// root may mount (CI as an ordinary user skips; checked here as root).
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a small disk: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, 0) })
	return dir
}

// TestBackupToAFullDiskLeavesNothing checks that a backup which runs out of
// space says so and leaves no file behind: not the copy, not its journal.
func TestBackupToAFullDiskLeavesNothing(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for i := range 300 {
		_, err := db.AddContact(ctx, kith.Contact{Name: "Person " + string(rune('A'+i%26)) + time.Duration(i).String(), Notes: strings.Repeat("x", 20000)})
		require.NoError(t, err)
	}
	dir := smallDisk(t, "600k")
	// a nearly full disk, as in the field
	require.NoError(t, os.WriteFile(filepath.Join(dir, "filler"), make([]byte, 590<<10), 0o600))

	err := db.Backup(ctx, filepath.Join(dir, "copy.db"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the disk is full")
	left, _ := os.ReadDir(dir)
	require.Len(t, left, 1)
	assert.Equal(t, "filler", left[0].Name())
}

// TestWriteToAFullDiskSaysSo checks that a write that runs out of space
// names the full disk and changes nothing.
func TestWriteToAFullDiskSaysSo(t *testing.T) {
	ctx := context.Background()
	dir := smallDisk(t, "1m") // room for the schema, not for the note
	db, err := store.Open(ctx, filepath.Join(dir, "kith.db"), time.Now)
	require.NoError(t, err)
	defer db.Close()
	_, err = db.AddContact(ctx, kith.Contact{Name: "Ana", Notes: strings.Repeat("x", 900<<10)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the disk is full")
	found, err := db.ListContacts(ctx, store.ContactFilter{})
	require.NoError(t, err)
	assert.Empty(t, found)
}

// TestReadOnAFullDiskSaysSo checks a read of a database on a disk that
// filled up after it was written: SQLite cannot grow the -shm file even a
// read needs, and reports a bare I/O error, which once read "disk I/O
// error (4874); check the permissions".
func TestReadOnAFullDiskSaysSo(t *testing.T) {
	ctx := context.Background()
	db, written := openTemp(t)
	_, err := db.AddContact(ctx, kith.Contact{Name: "Ana"})
	require.NoError(t, err)
	require.NoError(t, db.Close())
	dir := smallDisk(t, "1m") // room for the database, and then none
	path := filepath.Join(dir, "kith.db")
	data, err := os.ReadFile(written)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	// fill the disk to the last byte
	_ = os.WriteFile(filepath.Join(dir, "filler"), make([]byte, 1<<20), 0o600)

	_, err = store.Open(ctx, path, time.Now)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the disk is full")
	assert.NotContains(t, err.Error(), "permission")
}

// TestFirstOpenOnAFullDiskLeavesNothing checks that creating a database on
// a full disk fails without leaving the empty file (or folder) it made: a
// failing command changes nothing.
func TestFirstOpenOnAFullDiskLeavesNothing(t *testing.T) {
	dir := smallDisk(t, "100k")
	_ = os.WriteFile(filepath.Join(dir, "filler"), make([]byte, 100<<10), 0o600)

	_, err := store.Open(context.Background(), filepath.Join(dir, "new", "kith.db"), time.Now)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the disk is full")
	left, _ := os.ReadDir(dir)
	require.Len(t, left, 1, "only the filler: %v", left)
	assert.Equal(t, "filler", left[0].Name())
}
