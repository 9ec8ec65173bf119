package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"github.com/kith-crm/kith/internal/kith"
)

// Backup writes a consistent copy of the database to path with VACUUM
// INTO, which reads one snapshot and so may run while other commands
// write, then checks the copy: SQLite's quick_check, and this kith's
// schema version. path must not exist, or be an empty file (a temporary
// the caller will put in place, see wholefile); it is created 0600. On
// any failure, what Backup wrote is removed.
func (db *DB) Backup(ctx context.Context, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return kith.Errorf(kith.Invalid, "cannot write %s: %v", path, kith.PathCause(err)).
			WithHint("check that the folder exists and is writable")
	}
	st, err := f.Stat()
	f.Close()
	if err == nil && st.Size() > 0 {
		return kith.Errorf(kith.Conflict, "%s exists already", path).WithHint("choose a new file name; kith backup never overwrites")
	}
	// SQLite writes a journal beside the copy when the copy outgrows its
	// page cache; one there already belongs to no database (path is empty)
	journal := path + "-journal"
	_, statErr := os.Lstat(journal)
	hadJournal := statErr == nil
	if err := db.vacuumInto(ctx, path); err != nil {
		os.Remove(path)
		if !hadJournal {
			os.Remove(journal)
		}
		return err
	}
	return os.Chmod(path, 0o600)
}

// vacuumInto copies the database into path and checks the copy.
func (db *DB) vacuumInto(ctx context.Context, path string) error {
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", sqlitePath(path)); err != nil {
		switch {
		case ctx.Err() != nil:
			return ctx.Err() // Ctrl-C, SIGTERM: the command says it was interrupted
		case diskFull(err):
			return kith.Errorf(kith.Invalid, "backup to %s failed: the disk is full", path).
				WithHint("free some space, or back up to another disk")
		}
		return kith.Errorf(kith.Internal, "backup to %s failed: %v", path, err).Wrap(err)
	}
	problem, err := checkCopy(ctx, path)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err == nil && problem != "" {
		err = errors.New(problem)
	}
	if err != nil {
		return kith.Errorf(kith.Internal, "backup to %s failed: the copy did not pass its check (%v)", path, err).
			WithHint("run kith backup again; if it fails again, check the database itself: sqlite3 %s 'PRAGMA integrity_check'", db.path)
	}
	return nil
}

// checkCopy reads the copy back as a new process would: it must pass
// SQLite's quick_check and be at this kith's schema version. It returns
// what is wrong, or "".
func checkCopy(ctx context.Context, path string) (string, error) {
	cp, err := sql.Open("sqlite", sqlitePath(path)+"?_pragma=query_only(1)")
	if err != nil {
		return "", err
	}
	defer cp.Close()
	var result string
	if err := cp.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&result); err != nil {
		return "", err
	}
	if result != "ok" {
		return "quick_check: " + result, nil
	}
	var version int
	if err := cp.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return "", err
	}
	if version != SchemaVersion() {
		return fmt.Sprintf("schema version %d, not %d", version, SchemaVersion()), nil
	}
	return "", nil
}
