package store

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
)

type migration struct {
	version int
	name    string
	sql     string
}

// refoldKeys recomputes the stored keys (name_key, email_key, ...) with
// kith.Fold, by running the migration that first did so.
func (tx *Tx) refoldKeys() error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if strings.HasSuffix(m.name, refoldKeysMigration) {
			_, err := tx.Exec(m.sql)
			return err
		}
	}
	return fmt.Errorf("no migration named *%s", refoldKeysMigration)
}

// migrations returns the embedded migrations in order. File names are
// NNNN_name.sql, and NNNN is the schema version the file brings the
// database to.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		var v int
		if _, err := fmt.Sscanf(e.Name(), "%04d_", &v); err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a 4-digit version", e.Name())
		}
		body, err := fs.ReadFile(migrationFiles, "migrations/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

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
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return kith.Errorf(kith.Internal, "%v", err)
	}
	current, err := db.schemaVersion(ctx)
	if err != nil || current == len(ms) {
		return err
	}
	return db.write(ctx, "migrate", func(tx *Tx) error {
		if err := tx.QueryRow("PRAGMA user_version").Scan(&current); err != nil {
			return openError(db.path, err)
		}
		if err := db.checkVersion(current, len(ms)); err != nil {
			return err
		}
		for _, m := range ms[current:] {
			if _, err := tx.Exec(m.sql); err != nil {
				return kith.Errorf(kith.Internal, "migration %s: %v", m.name, err)
			}
		}
		// PRAGMA takes no parameters; the value is our own integer.
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(ms))); err != nil {
			return kith.Errorf(kith.Internal, "set schema version: %v", err)
		}
		return nil
	})
}

// schemaVersion reads the database's schema version, refusing one newer
// than this binary knows.
func (db *DB) schemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.read(ctx, "schema version", func(tx *Tx) error {
		if err := tx.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
			return openError(db.path, err)
		}
		return db.checkVersion(v, SchemaVersion())
	})
	return v, err
}

func (db *DB) checkVersion(current, known int) error {
	if current > known {
		return kith.Errorf(kith.Conflict, "%s has schema version %d, newer than this kith understands (%d)", db.path, current, known).
			WithHint("upgrade kith to open it; the file was left untouched")
	}
	return nil
}
