package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kith-crm/kith/internal/kith"
)

// migration is one embedded migration file. Its statements are read only
// when it runs: opening an up-to-date database only counts the files.
type migration struct {
	version int
	name    string
}

// statements reads the migration's SQL from the embedded files.
func (m migration) statements() (string, error) {
	body, err := fs.ReadFile(migrationFiles, "migrations/"+m.name)
	if err != nil {
		return "", err
	}
	return string(body), nil
}

// rerunMigrations runs again the migrations that bring what an older
// export held up to date (rerunnableMigrations): ImportDatabase calls it
// after loading one.
func (tx *Tx) rerunMigrations() error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, suffix := range rerunnableMigrations {
		i := slices.IndexFunc(ms, func(m migration) bool { return strings.HasSuffix(m.name, suffix) })
		if i < 0 {
			return fmt.Errorf("no migration named *%s", suffix)
		}
		if err := tx.applyMigration(ms[i]); err != nil {
			return err
		}
	}
	return nil
}

// migrations returns the embedded migrations in order, listed once per
// process (the files are fixed at build time). File names are
// NNNN_name.sql, and NNNN is the schema version the file brings the
// database to.
var migrations = sync.OnceValues(func() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	ms := make([]migration, 0, len(entries))
	for _, e := range entries {
		var v int
		if _, err := fmt.Sscanf(e.Name(), "%04d_", &v); err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a 4-digit version", e.Name())
		}
		ms = append(ms, migration{version: v, name: e.Name()})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
})

// SchemaVersion is the schema version this binary writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // the embedded files are fixed at build time; tests catch this
	}
	return len(ms)
}

// migrate applies the migrations the database lacks, all in one
// transaction, and refuses a database written by a newer kith. The version
// is checked in a read first, so opening an up-to-date database never waits
// for another command's write.
//
// Migrations run with foreign keys off, as SQLite's procedure for changing
// a table asks (dropping a table would otherwise delete its children
// through ON DELETE CASCADE); every reference is checked before the
// commit instead.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return kith.Errorf(kith.Internal, "%v", err)
	}
	current, err := db.schemaVersion(ctx)
	if err != nil || current == len(ms) {
		return err
	}
	return db.withoutForeignKeys(ctx, func(conn *sql.Conn) error {
		return db.runOn(ctx, conn, nil, opMigrate, func(tx *Tx) error {
			if err := tx.QueryRow("PRAGMA user_version").Scan(&current); err != nil {
				return openError(db.path, err)
			}
			if err := db.checkVersion(current, len(ms)); err != nil {
				return err
			}
			// the journal's triggers are made from the schema the
			// migrations change, and the migrations are not journaled
			if err := tx.dropJournalTriggers(); err != nil {
				return err
			}
			for _, m := range ms[current:] {
				if err := tx.applyMigration(m); err != nil {
					return migrationError(db.path, current, m, err)
				}
			}
			if err := tx.installJournalTriggers(); err != nil {
				return kith.Errorf(kith.Internal, "%v", err)
			}
			if err := tx.checkForeignKeys(); err != nil {
				return err
			}
			// PRAGMA takes no parameters; the value is our own integer.
			if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(ms))); err != nil {
				return kith.Errorf(kith.Internal, "set schema version: %v", err)
			}
			return nil
		})
	})
}

// applyMigration runs one migration's statements.
func (tx *Tx) applyMigration(m migration) error {
	query, err := m.statements()
	if err != nil {
		return err
	}
	_, err = tx.Exec(query)
	return err
}

// opMigrate names the migration's transaction.
const opMigrate = "migrate"

// checkForeignKeys fails when a row points at a row that is not there.
func (tx *Tx) checkForeignKeys() error {
	var table, parent string
	var rowid sql.NullInt64
	var fkid int
	err := tx.QueryRow("PRAGMA foreign_key_check").Scan(&table, &rowid, &parent, &fkid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return kith.Errorf(kith.Internal, "row %d of %s refers to a row of %s that is not there", rowid.Int64, table, parent)
}

// schemaVersion reads the database's schema version, refusing one newer
// than this binary knows, or one whose tables are missing.
func (db *DB) schemaVersion(ctx context.Context) (int, error) {
	var v int
	var tables bool
	err := db.read(ctx, "schema version", func(tx *Tx) error {
		err := tx.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version),
			EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contacts')`).Scan(&v, &tables)
		if err != nil {
			return openError(db.path, err)
		}
		if v > 0 && !tables {
			return kith.Errorf(kith.Invalid, "%s says it is at schema version %d, but has none of kith's tables", db.path, v).
				WithHint(restoreHint)
		}
		return db.checkVersion(v, SchemaVersion())
	})
	return v, err
}

// restoreHint is the way out of a database whose schema cannot be read.
const restoreHint = "restore the database from a backup, or point --db at another file; the file was left untouched"

// checkVersion refuses a schema version this kith cannot upgrade from:
// one newer than it knows, or one no kith writes (below zero: PRAGMA
// user_version takes any integer), which would otherwise index the list
// of migrations out of range.
func (db *DB) checkVersion(current, known int) error {
	switch {
	case current > known:
		return kith.Errorf(kith.Conflict, "%s has schema version %d, newer than this kith understands (%d)", db.path, current, known).
			WithHint("upgrade kith to open it; the file was left untouched")
	case current < 0:
		return kith.Errorf(kith.Invalid, "%s has schema version %d, which no kith writes", db.path, current).
			WithHint(restoreHint)
	}
	return nil
}

// migrationError explains a migration that failed. SQLite's plain error
// (SQLITE_ERROR: a table or index that already exists or is missing)
// means the schema version does not match the tables: the file was
// changed by another program, or its version set by hand. The upgrade's
// one transaction is rolled back, so the file is as it was.
func migrationError(path string, current int, m migration, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_ERROR {
		return kith.Errorf(kith.Invalid, "%s says it is at schema version %d, but its tables do not match: upgrading it with %s failed (%v)",
			path, current, m.name, err).
			WithHint(restoreHint).Wrap(err)
	}
	if explained := openError(path, err); kith.ErrorCode(explained) != kith.Internal {
		return explained // a full disk, a busy or read-only file
	}
	return kith.Errorf(kith.Internal, "migration %s: %v", m.name, err).Wrap(err)
}
