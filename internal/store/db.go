// Package store keeps kith's data in one SQLite file: it opens and migrates
// the database and offers one method per thing a command needs, each running
// in its own transaction.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kith-crm/kith/internal/kith"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// BusyTimeout is how long a write waits for another command's write (an
// import can hold the lock for a while) before giving up.
const BusyTimeout = 60 * time.Second

// mmapSize bounds how much of the database file reads may map: 1 GiB,
// far beyond a lifetime of contacts.
const mmapSize = 1 << 30

// DB is an open kith database.
type DB struct {
	sql  *sql.DB
	path string
	now  func() time.Time
	// changed is set when a write transaction commits (opening's migration
	// aside), so a command that fails afterwards can say its change stuck
	changed atomic.Bool
	// command is the command line the journal records (see SetCommand)
	command string
}

// Open opens the database at path, creating it (0600, in a 0700 folder) and
// migrating it to the current schema as needed. now is the clock every
// transaction reads once; its location is the user's time zone.
func Open(ctx context.Context, path string, now func() time.Time) (*DB, error) {
	if path == "" {
		return nil, kith.Errorf(kith.Invalid, "no database path given").WithHint("pass --db PATH or set KITH_DB")
	}
	if strings.ContainsRune(path, '?') {
		return nil, kith.Errorf(kith.Invalid, "database path %q contains '?', which SQLite cannot open", path).WithHint("choose a path without '?'")
	}
	undo, err := createFile(path)
	if err != nil {
		return nil, err
	}
	db, err := open(ctx, path, now)
	if err != nil {
		// a first open that failed (a full disk) leaves nothing behind
		undo()
		return nil, err
	}
	return db, nil
}

// open opens and migrates the database file createFile prepared.
func open(ctx context.Context, path string, now func() time.Time) (*DB, error) {
	if err := refuseForeign(ctx, path); err != nil {
		return nil, err
	}
	// synchronous(FULL): a commit is on disk before the command reports
	// success, even across a power cut (NORMAL may lose the last commits).
	// mmap_size: reads come straight from the mapped file instead of a copy
	// per page, about 1.5 ms off a 20,000-item followup due; SQLite still
	// writes through the journal, so a mapped file cannot be corrupted by it.
	// recursive_triggers(1): a row that INSERT OR REPLACE deletes fires its
	// delete triggers only with it, and the journal's triggers must see
	// every row that goes.
	dsn := sqlitePath(path) + fmt.Sprintf("?_pragma=foreign_keys(1)&_pragma=recursive_triggers(1)&_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=mmap_size(%d)&_txlock=immediate",
		BusyTimeout.Milliseconds(), mmapSize)
	sqlDB, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, openError(path, err)
	}
	db := &DB{sql: sqlDB, path: path, now: now}
	if err := db.migrate(ctx); err != nil {
		sqlDB.Close()
		return nil, err
	}
	db.changed.Store(false) // bringing the schema up to date is not the command's change
	return db, nil
}

// OpenExisting opens a database that already exists, for reads that must
// leave the disk as they found it (shell completion): it creates no folder
// or file, migrates nothing and writes nothing. A missing file, or one not
// at this kith's schema version, is an error.
func OpenExisting(ctx context.Context, path string, now func() time.Time) (*DB, error) {
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return nil, kith.Errorf(kith.NotFound, "no database at %s", path)
	}
	if strings.ContainsRune(path, '?') {
		return nil, kith.Errorf(kith.Invalid, "database path %q contains '?'", path)
	}
	dsn := sqlitePath(path) + fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=query_only(1)", BusyTimeout.Milliseconds())
	sqlDB, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, openError(path, err)
	}
	db := &DB{sql: sqlDB, path: path, now: now}
	v, err := db.schemaVersion(ctx)
	if err == nil && v != SchemaVersion() {
		err = kith.Errorf(kith.Conflict, "%s has schema version %d, not %d", path, v, SchemaVersion())
	}
	if err != nil {
		sqlDB.Close()
		return nil, err
	}
	return db, nil
}

// refuseForeign refuses an SQLite file that holds tables but no kith
// schema: another program's database, named by mistake. It looks through a
// query-only connection, before the real one would switch the file to WAL
// and migrate kith's tables into it. A new, empty file passes at no cost.
func refuseForeign(ctx context.Context, path string) error {
	if !unversioned(path) {
		return nil
	}
	probe, err := sql.Open("sqlite", sqlitePath(path)+fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=query_only(1)", BusyTimeout.Milliseconds()))
	if err != nil {
		return openError(path, err)
	}
	defer probe.Close()
	var version int
	var tables sql.NullString
	err = probe.QueryRowContext(ctx, `SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT group_concat(name, ', ') FROM (SELECT name FROM sqlite_master
			WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name LIMIT 3))`).Scan(&version, &tables)
	if err != nil {
		return openError(path, err)
	}
	if version == 0 && tables.String != "" {
		return kith.Errorf(kith.Invalid, "%s is not a kith database: it is another program's SQLite database (tables %s)", path, tables.String).
			WithHint("point --db at a kith database, or at a new path to start one; the file was left untouched")
	}
	return nil
}

// unversioned reports whether path is a non-empty file whose header shows
// no schema version (user_version, bytes 60-63 of an SQLite header): a new
// database, another program's, or a kith one whose header still waits in
// the -wal. Only those need the slower look of refuseForeign.
func unversioned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // createFile has made it; SQLite's own error is clearer
	}
	defer f.Close()
	var head [64]byte
	n, _ := io.ReadFull(f, head[:])
	if n == 0 {
		return false
	}
	return n < len(head) || string(head[:16]) != "SQLite format 3\x00" || binary.BigEndian.Uint32(head[60:]) == 0
}

// sqlitePath is path as SQLite must be given it to open that very file:
// absolute, since SQLite reads ":memory:" as a database that vanishes on
// close and "file:x.db" as a URI for x.db, not the file kith prepared.
func sqlitePath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return "./" + path // no working folder: still not ":memory:" or a URI
}

// createFile makes the database's folder (0700) and an empty file (0600)
// before SQLite opens it, so SQLite's own files inherit those permissions.
// undo removes what it made, if nothing was written there since.
func createFile(path string) (undo func(), err error) {
	undo = func() {}
	dir := filepath.Dir(path)
	newDirs := missingDirs(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return undo, kith.Errorf(kith.Invalid, "cannot create the database folder %s: %v", dir, kith.PathCause(err)).
			WithHint("choose another --db path or fix the folder's permissions")
	}
	st, statErr := os.Stat(path)
	if statErr == nil && !st.Mode().IsRegular() && !st.IsDir() {
		// SQLite would wait forever on a FIFO and fail on a device
		return undo, kith.Errorf(kith.Invalid, "cannot open the database %s: %s is not a regular file", path, path).
			WithHint("point --db at a database file, or at a new path to start one")
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if errors.Is(err, fs.ErrPermission) {
		if _, statErr := os.Stat(path); errors.Is(statErr, fs.ErrNotExist) {
			return undo, folderNotWritable(path) // the file is new: its folder refused it
		}
	}
	if err != nil {
		return undo, kith.Errorf(kith.Invalid, "cannot open the database %s: %v", path, kith.PathCause(err)).
			WithHint("choose another --db path or fix the file's permissions")
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		undo = func() {
			// Only what is still empty goes: SQLite has written nothing
			// there (an empty -wal holds no commit either), so no one,
			// not even a kith that opened the new file at the same time,
			// loses a thing. The -shm is left to SQLite.
			for _, name := range []string{path + "-wal", path} {
				if st, err := os.Stat(name); err == nil && st.Size() == 0 {
					os.Remove(name)
				}
			}
			for _, d := range newDirs {
				os.Remove(d) // only if empty
			}
		}
	}
	return undo, f.Close()
}

// missingDirs lists dir and those of its parents that do not exist yet,
// deepest first: the folders MkdirAll will make.
func missingDirs(dir string) []string {
	var out []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); !errors.Is(err, fs.ErrNotExist) {
			return out
		}
		out = append(out, d)
		if filepath.Dir(d) == d {
			return out
		}
	}
}

// openError explains a failure to read the database file itself.
func openError(path string, err error) error {
	var ke *kith.Error
	if errors.As(err, &ke) {
		return err // already explained
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT:
			return kith.Errorf(kith.Internal, "the database %s is damaged (SQLite: %v)", path, err).
				WithHint("restore it from a backup, or try to save what is left: sqlite3 %s .recover > saved.sql", path).Wrap(err)
		case sqlite3.SQLITE_FULL:
			return kith.Errorf(kith.Invalid, "cannot write the database %s: the disk is full; nothing was changed", path).
				WithHint("free some space and run it again").Wrap(err)
		case sqlite3.SQLITE_BUSY:
			// only after BusyTimeout: shorter waits are waited out
			return kith.Errorf(kith.Conflict, "the database %s is busy: another command has been writing to it for over a minute", path).
				WithHint("run this again when it has finished (a large import can take a while)").Wrap(err)
		case sqlite3.SQLITE_NOTADB:
			return kith.Errorf(kith.Invalid, "%s is not a kith database (not an SQLite file)", path).
				WithHint("point --db at a kith database, or at a new path to start one").Wrap(err)
		case sqlite3.SQLITE_READONLY:
			if se.Code() == sqlite3.SQLITE_READONLY_DIRECTORY || se.Code() == sqlite3.SQLITE_READONLY_CANTINIT {
				return folderNotWritable(path)
			}
			return kith.Errorf(kith.Invalid, "cannot write the database %s: %v", path, err).
				WithHint("check the permissions of the file and its folder").Wrap(err)
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_IOERR:
			if noRoomAt(path) {
				return kith.Errorf(kith.Invalid, "cannot use the database %s: the disk is full, and SQLite needs a little room beside it (%s-shm), even to read",
					path, filepath.Base(path)).WithHint("free some space and run it again; nothing was changed").Wrap(err)
			}
			return kith.Errorf(kith.Invalid, "cannot write the database %s: %v", path, err).
				WithHint("check the permissions of the file and its folder").Wrap(err)
		}
	}
	return kith.Errorf(kith.Internal, "database %s: %v", path, err).Wrap(err)
}

// folderNotWritable explains a database in a folder the user cannot write:
// SQLite keeps its -wal and -shm files beside the database, so writable
// file permissions are not enough.
func folderNotWritable(path string) error {
	dir := filepath.Dir(path)
	return kith.Errorf(kith.Invalid, "cannot write the database %s: its folder %s is not writable, and kith keeps %s-wal and %s-shm there beside it",
		path, dir, filepath.Base(path), filepath.Base(path)).
		WithHint("make the folder writable (chmod u+w %s) or move the database to a folder you can write", dir)
}

// Path returns the file the database lives in.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// SQL returns the underlying handle for tests and tools that inspect the
// file directly (integrity checks, benchmarks); commands never use it.
func (db *DB) SQL() *sql.DB { return db.sql }

// rerunnableMigrations are the migrations ImportDatabase runs again over
// what an older export held: recomputing every stored key with kith.Fold,
// giving introductions without step days the days their status implies,
// and counting anew the tallies that join two tables (one-to-one, last
// coffee, source, introduction yield, client wins: the restore may put a row in before
// the one it counts by). Each leaves data already up to date as it is.
var rerunnableMigrations = []string{"_normalized_keys.sql", "_intro_step_days.sql", "_one_to_one_tally_fill.sql",
	"_last_coffee_tally_fill.sql", "_source_tally_fill.sql", "_intro_yield_tally_fill.sql",
	"_client_win_tally_fill.sql"}

func init() {
	// kith_fold gives SQL the same case folding as kith.Fold, for searches
	// over free text whose folded form is not stored.
	sqlite.MustRegisterDeterministicScalarFunction("kith_fold", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case string:
				return kith.Fold(v), nil
			case []byte:
				return kith.Fold(string(v)), nil
			}
			return args[0], nil
		})
}
