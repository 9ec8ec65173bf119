package store

import (
	"context"
	"database/sql"
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
