package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

func TestOpenExistingCreatesNothing(t *testing.T) {
	ctx := context.Background()
	t.Run("missing file", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "new")
		_, err := store.OpenExisting(ctx, filepath.Join(dir, "kith.db"), time.Now)
		require.Error(t, err)
		assert.NoDirExists(t, dir)
	})
	t.Run("older schema is not migrated", func(t *testing.T) {
		db, path := openTemp(t)
		_, err := db.SQL().Exec("PRAGMA user_version = 1")
		require.NoError(t, err)
		require.NoError(t, db.Close())
		before, err := os.ReadFile(path)
		require.NoError(t, err)
		_, err = store.OpenExisting(ctx, path, time.Now)
		require.Error(t, err)
		after, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, before, after)
	})
	t.Run("current schema opens read-only", func(t *testing.T) {
		db, path := openTemp(t)
		require.NoError(t, db.Close())
		ro, err := store.OpenExisting(ctx, path, time.Now)
		require.NoError(t, err)
		defer ro.Close()
		_, err = ro.AddContact(ctx, kith.Contact{Name: "Ana"})
		assert.Error(t, err, "a completion handle must not write")
	})
}

func TestCompletionCandidates(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, c := range []kith.Contact{
		{Name: "Ana", Category: "Lawyer", Tags: []string{"BNI", "golf"}},
		{Name: "Bo", Category: "lawyer", Tags: []string{"bni"}},
		{Name: "Cy", Category: "coach"},
		{Name: "Di"},
	} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	cats, err := db.Categories(ctx, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"coach", "Lawyer"}, cats)
	cats, err = db.Categories(ctx, "LA")
	require.NoError(t, err)
	assert.Equal(t, []string{"Lawyer"}, cats)
	tags, err := db.Tags(ctx, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"BNI", "golf"}, tags)

	today := dates.Of(fixedNow)
	later, err := db.AddFollowup(ctx, "Ana", "send the deck", today.AddDays(5))
	require.NoError(t, err)
	sooner, err := db.AddFollowup(ctx, "Bo", "call back", today)
	require.NoError(t, err)
	done, err := db.AddFollowup(ctx, "Cy", "done already", today)
	require.NoError(t, err)
	_, err = db.DoneItems(ctx, fids(done.ID), kith.CadencePolicy{})
	require.NoError(t, err)
	open, err := db.OpenFollowupIDs(ctx)
	require.NoError(t, err)
	assert.Equal(t, []store.Completion{
		{Value: "2", Description: "Bo: call back"},
		{Value: "1", Description: "Ana: send the deck"},
	}, open)
	assert.Equal(t, int64(1), later.ID)
	assert.Equal(t, int64(2), sooner.ID)
}
