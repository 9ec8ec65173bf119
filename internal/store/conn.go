package store

import (
	"context"
	"database/sql"
	"fmt"
)

// withoutForeignKeys runs fn on one connection of the pool with foreign
// key enforcement off, and turns it back on before the connection returns
// to the pool. The pragma only changes outside a transaction and only on
// its own connection, hence the dedicated one. Whoever writes through it
// must leave every reference sound (or check them before committing), as
// SQLite no longer does.
func (db *DB) withoutForeignKeys(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return openError(db.path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return openError(db.path, err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
	return fn(conn)
}

// withLargeCache runs fn with conn's page cache as large as a large write
// may use (importCacheKiB), and the default back after: a write that
// touches index pages all over the file (an import, the undo of one) would
// otherwise spill them and read them back. The setting is the
// connection's, taken before the transaction begins.
func (db *DB) withLargeCache(ctx context.Context, conn *sql.Conn, fn func() error) error {
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", importCacheKiB)); err != nil {
		return openError(db.path, err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA cache_size = -2000")
	return fn()
}
