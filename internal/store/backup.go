package store

import (
	"context"
	"errors"
	"os"

	"github.com/kith-crm/kith/internal/kith"
)

// Backup writes a consistent copy of the database to path (created 0600;
// it must not exist) with VACUUM INTO, which reads one snapshot and so may
// run while other commands write.
func (db *DB) Backup(ctx context.Context, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return kith.Errorf(kith.Conflict, "%s exists already", path).WithHint("choose a new file name; kith backup never overwrites")
		}
		return kith.Errorf(kith.Invalid, "cannot write %s: %v", path, kith.PathCause(err)).
			WithHint("check that the folder exists and is writable")
	}
	f.Close()
	// SQLite writes a journal beside the copy when the copy outgrows its
	// page cache; one there already belongs to no database (path is new)
	journal := path + "-journal"
	_, statErr := os.Lstat(journal)
	hadJournal := statErr == nil
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", sqlitePath(path)); err != nil {
		os.Remove(path)
		if !hadJournal {
			os.Remove(journal)
		}
		if diskFull(err) {
			return kith.Errorf(kith.Invalid, "backup to %s failed: the disk is full", path).
				WithHint("free some space, or back up to another disk")
		}
		return kith.Errorf(kith.Internal, "backup to %s failed: %v", path, err)
	}
	return os.Chmod(path, 0o600)
}
