package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Tx is one command's transaction. It carries a single "now", so every row
// it writes has the same timestamp.
type Tx struct {
	*sql.Tx
	ctx   context.Context
	now   time.Time
	today dates.Date
	stmts map[string]*sql.Stmt // see prepared
	// journal is the journal's view of a write (nil for reads, the
	// migration and a restore)
	journal *journalWrite
}

// prepared returns query prepared in this transaction, parsing it only the
// first time: a statement one transaction runs thousands of times, such as
// an import's lookups and updates, costs more to parse than to run.
// database/sql closes the prepared statements when the transaction ends.
func (tx *Tx) prepared(query string) (*sql.Stmt, error) {
	if st := tx.stmts[query]; st != nil {
		return st, nil
	}
	st, err := tx.PrepareContext(tx.ctx, query)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[query] = st
	return st, nil
}

// execOften runs a statement through prepared.
func (tx *Tx) execOften(query string, args ...any) (sql.Result, error) {
	st, err := tx.prepared(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(tx.ctx, args...)
}

// Now returns the transaction's timestamp in the form stored in
// created_at and updated_at columns.
func (tx *Tx) Now() string { return tx.now.UTC().Format(time.RFC3339) }

// Today returns the user's local calendar day at the transaction's time.
func (tx *Tx) Today() dates.Date { return tx.today }

// write runs fn in a write transaction (BEGIN IMMEDIATE, so a second writer
// waits for the first instead of failing) and commits when fn succeeds.
func (db *DB) write(ctx context.Context, op string, fn func(*Tx) error) error {
	return db.run(ctx, nil, op, fn)
}

// read runs fn in a read-only transaction, which sees one consistent
// snapshot and, under WAL, never waits for writers.
func (db *DB) read(ctx context.Context, op string, fn func(*Tx) error) error {
	return db.run(ctx, &sql.TxOptions{ReadOnly: true}, op, fn)
}

// scan runs fn in a read-only transaction, as read does, on a connection
// that reads the file through SQLite's small page cache instead of the
// memory map. A read that walks most of the database (a list of every
// coffee, an export) would otherwise map most of the file into the
// process; this way a list of a million records costs what a page of
// them does, while the short reads keep the map's speed.
func (db *DB) scan(ctx context.Context, op string, fn func(*Tx) error) error {
	return db.scanCached(ctx, op, 0, fn)
}

// scanCached is scan with a page cache of cacheKiB (0: SQLite's default),
// set for fn's transaction only.
func (db *DB) scanCached(ctx context.Context, op string, cacheKiB int, fn func(*Tx) error) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return cancelled(ctx, openError(db.path, err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 0"); err != nil {
		return cancelled(ctx, openError(db.path, err))
	}
	defer conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA mmap_size = %d", mmapSize))
	if cacheKiB > 0 {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", cacheKiB)); err != nil {
			return cancelled(ctx, openError(db.path, err))
		}
		defer conn.ExecContext(context.Background(), "PRAGMA cache_size = -2000")
	}
	return db.runOn(ctx, conn, &sql.TxOptions{ReadOnly: true}, op, fn)
}

// reportCacheKiB is the page cache of the reports' reads (Scan). Each
// page of cache costs the process a fresh allocation and its page faults
// the first time it is filled, which on the benchmark data costs a report
// more than reading again the few pages a smaller cache lets go: a
// quarter's report takes a tenth less time, the napkin a quarter less,
// with 512 KiB than with SQLite's 2 MiB.
const reportCacheKiB = 512

// Read runs fn in one read-only transaction named op, as read does, for
// the use cases (internal/app) that combine several of the Tx's reads
// with an algorithm and must see one snapshot.
func (db *DB) Read(ctx context.Context, op string, fn func(*Tx) error) error {
	return db.read(ctx, op, fn)
}

// Scan runs fn in one read-only transaction named op, as Read does, on
// the connection that reads through SQLite's page cache instead of the
// memory map (see scan), for the use cases that read many pages once: the
// reports. Mapped, each page they touch is a page fault that maps its
// neighbours too, which costs a report more time and memory than reading
// its pages does. The page cache is a small one (reportCacheKiB).
func (db *DB) Scan(ctx context.Context, op string, fn func(*Tx) error) error {
	return db.scanCached(ctx, op, reportCacheKiB, fn)
}

func (db *DB) run(ctx context.Context, opts *sql.TxOptions, op string, fn func(*Tx) error) error {
	return db.runOn(ctx, db.sql, opts, op, fn)
}

// beginner is what a transaction starts on: the pool, or one connection
// that a command has tuned first.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// runOn runs fn in one transaction on on. op names the operation ("log
// coffee") in errors that are not already the user's to read, so a failing
// query says what kith was doing instead of only SQLite's words.
func (db *DB) runOn(ctx context.Context, on beginner, opts *sql.TxOptions, op string, fn func(*Tx) error) error {
	sqlTx, err := on.BeginTx(ctx, opts)
	if err != nil {
		return cancelled(ctx, openError(db.path, err))
	}
	now := db.now()
	tx := &Tx{Tx: sqlTx, ctx: ctx, now: now, today: dates.Of(now)}
	if opts == nil || !opts.ReadOnly {
		fn = db.journaling(op, fn)
	}
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		if c := sqliteCode(err); c == sqlite3.SQLITE_FULL || c == sqlite3.SQLITE_CORRUPT {
			err = openError(db.path, err) // the file's state, not the command's fault
		}
		return cancelled(ctx, nameOperation(op, err))
	}
	if err := sqlTx.Commit(); err != nil {
		return cancelled(ctx, openError(db.path, err))
	}
	if opts == nil || !opts.ReadOnly {
		db.changed.Store(true)
	}
	return nil
}

// nameOperation prefixes err with the operation that failed, unless it is
// already a message for the user (a kith.Error) or a cancellation.
func nameOperation(op string, err error) error {
	var ke *kith.Error
	if errors.As(err, &ke) || errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}

// diskFull reports whether err is SQLite running out of disk space.
func diskFull(err error) bool { return sqliteCode(err) == sqlite3.SQLITE_FULL }

// sqliteCode returns the primary SQLite result code in err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// Changed reports whether a write committed since the database was opened:
// a command that fails after that has changed something all the same.
func (db *DB) Changed() bool { return db.changed.Load() }

// cancelled returns ctx's error in place of err when the context was
// cancelled (Ctrl-C): database/sql then rolls the transaction back and
// closes its statements, so err is only a symptom such as "sql: statement
// is closed", and the caller must learn the transaction did not happen.
func cancelled(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// Query runs a query in the transaction's context.
func (tx *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	return tx.QueryContext(tx.ctx, query, args...)
}

// QueryRow runs a single-row query in the transaction's context.
func (tx *Tx) QueryRow(query string, args ...any) *sql.Row {
	return tx.QueryRowContext(tx.ctx, query, args...)
}

// Exec runs a statement in the transaction's context.
func (tx *Tx) Exec(query string, args ...any) (sql.Result, error) {
	return tx.ExecContext(tx.ctx, query, args...)
}

// queryAll runs a query and scans every row with scan. No rows give an
// empty slice, not nil, so a list printed with --json is [] and not null.
func queryAll[T any](tx *Tx, scan func(interface{ Scan(...any) error }) (T, error), query string, args ...any) ([]T, error) {
	return collect(func(add func(T) error) error { return queryEach(tx, scan, add, query, args...) })
}

// queryEach runs a query and calls fn with each row as scan reads it, so
// a list of any length is printed as it is read, never held whole.
func queryEach[T any](tx *Tx, scan func(interface{ Scan(...any) error }) (T, error), fn func(T) error, query string, args ...any) error {
	rows, err := tx.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// collect gathers what each calls its function with into a slice (empty,
// not nil, when there is nothing), for the callers that need the whole
// list.
func collect[T any](each func(func(T) error) error) ([]T, error) {
	out := []T{}
	err := each(func(v T) error {
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// queryMap runs a query yielding a key and a value per row, into a map.
func queryMap[K comparable, V any](tx *Tx, query string, args ...any) (map[K]V, error) {
	rows, err := tx.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[K]V{}
	for rows.Next() {
		var k K
		var v V
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}
