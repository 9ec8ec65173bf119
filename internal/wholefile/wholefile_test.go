package wholefile

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestCommitPlacesTheWholeFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	f, err := Create(path)
	require.NoError(t, err)
	_, err = f.Write([]byte("half"))
	require.NoError(t, err)
	assert.NoFileExists(t, path, "nothing has the name before Commit")
	_, err = f.Write([]byte(" and the rest"))
	require.NoError(t, err)
	require.NoError(t, f.Commit(false))
	f.Abort() // after Commit: removes nothing

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "half and the rest", string(data))
	assert.Equal(t, []string{"out.csv"}, names(t, dir), "no temporary is left")
	if runtime.GOOS != "windows" {
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	}
}

func TestCommitReplacesOnlyWhenAsked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))

	f, err := Create(path)
	require.NoError(t, err)
	_, err = f.Write([]byte("new"))
	require.NoError(t, err)
	err = f.Commit(false)
	require.ErrorIs(t, err, fs.ErrExist)
	f.Abort()
	data, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(data), "the file that was there is kept")
	assert.Equal(t, []string{"out.csv"}, names(t, dir))

	f, err = Create(path)
	require.NoError(t, err)
	_, err = f.Write([]byte("new"))
	require.NoError(t, err)
	require.NoError(t, f.Commit(true))
	data, _ = os.ReadFile(path)
	assert.Equal(t, "new", string(data))
}

// TestCreateRemovesKilledWritesTemporaries checks that the temporaries of
// writes killed before they finished (and SQLite's journal beside one) go
// with the next write to the same name, and nothing else does: not the
// temporaries of another name, nor a file of the user's that looks alike.
func TestCreateRemovesKilledWritesTemporaries(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")
	keep := []string{".backup.db.swp", ".other.db.123.kith-tmp", "backup.db.123.kith-tmp"}
	for _, n := range append([]string{".backup.db.1.kith-tmp", ".backup.db.1.kith-tmp-journal", ".backup.db.22.kith-tmp"}, keep...) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600))
	}
	f, err := Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Commit(false))
	assert.ElementsMatch(t, append(keep, "backup.db"), names(t, dir))
}

// TestCommitFailsWhenItsTemporaryWasRemoved checks the race the cleanup
// allows: a write whose temporary another write to the same name removed
// fails, rather than placing some other file.
func TestCommitFailsWhenItsTemporaryWasRemoved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")
	first, err := Create(path)
	require.NoError(t, err)
	second, err := Create(path) // removes first's temporary
	require.NoError(t, err)
	assert.Error(t, first.Commit(false))
	assert.NoFileExists(t, path)
	require.NoError(t, second.Commit(false))
	assert.FileExists(t, path)
}
