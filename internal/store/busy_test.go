package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
)

// TestBusyAfterTheTimeoutSaysWhy checks the error a write gets when another
// program has held the database longer than the busy timeout: it names the
// situation and what to do, not SQLite's "database is locked (5)".
func TestBusyAfterTheTimeoutSaysWhy(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kith.db")
	db, err := Open(ctx, path, time.Now)
	require.NoError(t, err)
	defer db.Close()

	holder, err := sql.Open("sqlite", path+"?_txlock=immediate")
	require.NoError(t, err)
	defer holder.Close()
	tx, err := holder.Begin()
	require.NoError(t, err)
	defer tx.Rollback()

	impatient, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)&_txlock=immediate")
	require.NoError(t, err)
	defer impatient.Close()
	_, err = impatient.Begin()
	require.Error(t, err)

	got := openError(path, err)
	assert.Equal(t, kith.Conflict, kith.ErrorCode(got))
	assert.EqualError(t, got, "the database "+path+" is busy: another command has been writing to it for over a minute")
	var ke *kith.Error
	require.ErrorAs(t, got, &ke)
	assert.Equal(t, "run this again when it has finished (a large import can take a while)", ke.Hint)
}
