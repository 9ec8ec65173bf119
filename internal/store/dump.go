package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/kith"
)

// DumpFormat identifies kith's whole-database JSON; it changes only if the
// layout of the file itself changes, not with the schema.
const DumpFormat = 1

// Dump writes every table of the database — whatever tables the
// migrations have made, found in sqlite_master — as JSON: the schema
// version, then each table by name with its columns and its rows in rowid
// order, one row a line. It reads one snapshot, so the dump is consistent
// while other commands write.
func (db *DB) Dump(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	err := db.read(ctx, func(tx *Tx) error {
		var version int
		if err := tx.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		tables, err := tx.tableNames()
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "{\n  \"kith_export\": %d,\n  \"schema_version\": %d,\n  \"tables\": [", DumpFormat, version)
		for i, t := range tables {
			if i > 0 {
				bw.WriteString(",")
			}
			if err := tx.dumpTable(bw, t); err != nil {
				return err
			}
		}
		_, err = bw.WriteString("\n  ]\n}\n")
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// tableNames lists the database's own tables, by name.
func (tx *Tx) tableNames() ([]string, error) {
	rows, err := tx.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// tableColumns lists a table's columns in order.
func (tx *Tx) tableColumns(table string) ([]string, error) {
	rows, err := tx.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// quoteIdent quotes a table or column name read from the schema itself.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func (tx *Tx) dumpTable(w *bufio.Writer, table string) error {
	cols, err := tx.tableColumns(table)
	if err != nil {
		return err
	}
	head, _ := json.Marshal(map[string]any{"name": table, "columns": cols})
	// {"columns":[...],"name":"t"} with "rows" added before the closing brace
	fmt.Fprintf(w, "\n    %s,\"rows\": [", head[:len(head)-1])
	rows, err := tx.Query("SELECT * FROM " + quoteIdent(table) + " ORDER BY rowid")
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = map[string]string{"blob": base64.StdEncoding.EncodeToString(b)}
			}
		}
		line, err := json.Marshal(vals)
		if err != nil {
			return err
		}
		if n > 0 {
			w.WriteString(",")
		}
		n++
		w.WriteString("\n      ")
		w.Write(line)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n > 0 {
		w.WriteString("\n    ")
	}
	_, err = w.WriteString("]}")
	return err
}

// Restore loads a Dump into this database, which must be empty (just
// created or migrated, no rows anywhere). Everything goes in as one
// transaction; foreign keys are checked at the end, so tables may come in
// any order. name is how errors refer to the input.
func (db *DB) Restore(ctx context.Context, r io.Reader, name string) error {
	return db.write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec("PRAGMA defer_foreign_keys = ON"); err != nil {
			return err
		}
		tables, err := tx.tableNames()
		if err != nil {
			return err
		}
		known := map[string]map[string]bool{}
		for _, t := range tables {
			var used bool
			if err := tx.QueryRow("SELECT EXISTS (SELECT 1 FROM " + quoteIdent(t) + ")").Scan(&used); err != nil {
				return err
			}
			if used {
				return kith.Errorf(kith.Conflict, "the database %s is not empty (%s has rows)", db.path, t).
					WithHint("kith import restores into a new database: pass --db with a new path")
			}
			cols, err := tx.tableColumns(t)
			if err != nil {
				return err
			}
			known[t] = map[string]bool{}
			for _, c := range cols {
				known[t][c] = true
			}
		}
		if err := tx.restore(json.NewDecoder(bufio.NewReaderSize(r, 64<<10)), name, known); err != nil {
			return err
		}
		// an export from before the keys were normalised carries its old
		// keys; fold them as the migration that normalised them does
		return tx.refoldKeys()
	})
}

// dumpError says the input is not what kith export writes.
func dumpError(name, format string, args ...any) error {
	return kith.Errorf(kith.Invalid, "%s: %s", name, fmt.Sprintf(format, clip.Args(format, args)...)).
		WithHint("kith import reads the JSON that kith export writes; for contacts from other tools use kith contact import")
}

func (tx *Tx) restore(dec *json.Decoder, name string, known map[string]map[string]bool) error {
	dec.UseNumber()
	expect := func(want json.Delim) error {
		tok, err := dec.Token()
		if err != nil {
			return dumpError(name, "%s", jsonProblem(err))
		}
		if d, ok := tok.(json.Delim); !ok || d != want {
			return dumpError(name, "expected %q at byte %d", want, dec.InputOffset())
		}
		return nil
	}
	if err := expect('{'); err != nil {
		return err
	}
	sawFormat := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return dumpError(name, "%s", jsonProblem(err))
		}
		switch key {
		case "kith_export":
			var v int
			if err := dec.Decode(&v); err != nil || v != DumpFormat {
				return dumpError(name, "kith_export %d is not a format this kith reads", v)
			}
			sawFormat = true
		case "schema_version":
			var v int
			if err := dec.Decode(&v); err != nil {
				return dumpError(name, "bad schema_version")
			}
			if v > SchemaVersion() {
				return kith.Errorf(kith.Conflict, "%s comes from schema version %d, newer than this kith understands (%d)", name, v, SchemaVersion()).
					WithHint("upgrade kith to import it")
			}
		case "tables":
			if !sawFormat {
				return dumpError(name, "not a kith export (no kith_export key first)")
			}
			if err := expect('['); err != nil {
				return err
			}
			for dec.More() {
				if err := tx.restoreTable(dec, name, known); err != nil {
					return err
				}
			}
			if err := expect(']'); err != nil {
				return err
			}
		default:
			return dumpError(name, "unexpected key %v", key)
		}
	}
	if !sawFormat {
		return dumpError(name, "not a kith export (no kith_export key)")
	}
	if err := expect('}'); err != nil {
		return err
	}
	// a second export after the first (two files joined) would otherwise
	// be dropped unread
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return dumpError(name, "more after the end of the export at byte %d (two files joined?)", end+1)
	}
	return nil
}

// restoreTable reads one {"columns":[...],"name":"t","rows":[...]} and
// inserts its rows.
func (tx *Tx) restoreTable(dec *json.Decoder, name string, known map[string]map[string]bool) error {
	tok, err := dec.Token()
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '{' {
		return dumpError(name, "expected a table object at byte %d", dec.InputOffset())
	}
	var table string
	var cols []string
	var ins *sql.Stmt
	defer func() {
		if ins != nil {
			ins.Close()
		}
	}()
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return dumpError(name, "%s", jsonProblem(err))
		}
		switch key {
		case "name":
			if err := dec.Decode(&table); err != nil {
				return dumpError(name, "bad table name")
			}
			if known[table] == nil {
				return dumpError(name, "unknown table %q", table)
			}
		case "columns":
			if err := dec.Decode(&cols); err != nil {
				return dumpError(name, "bad columns of %s", table)
			}
		case "rows":
			if table == "" || len(cols) == 0 {
				return dumpError(name, "a table's name and columns must come before its rows")
			}
			if ins, err = tx.prepareRestore(table, cols, known[table]); err != nil {
				return dumpError(name, "%v", err)
			}
			if err := restoreRows(dec, name, table, cols, ins); err != nil {
				return err
			}
		default:
			return dumpError(name, "unexpected key %v in table %s", key, table)
		}
	}
	if _, err = dec.Token(); err != nil {
		return dumpError(name, "%s", jsonProblem(err))
	}
	return nil
}

func (tx *Tx) prepareRestore(table string, cols []string, known map[string]bool) (*sql.Stmt, error) {
	quoted := make([]string, len(cols))
	for i, c := range cols {
		if !known[c] {
			return nil, fmt.Errorf("table %s has no column %q", table, c)
		}
		quoted[i] = quoteIdent(c)
	}
	return tx.PrepareContext(tx.ctx, "INSERT INTO "+quoteIdent(table)+" ("+strings.Join(quoted, ", ")+") VALUES "+placeholders(len(cols), 1))
}

func restoreRows(dec *json.Decoder, name, table string, cols []string, ins *sql.Stmt) error {
	tok, err := dec.Token()
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '[' {
		return dumpError(name, "rows of %s should be an array", table)
	}
	for n := 1; dec.More(); n++ {
		var row []any
		if err := dec.Decode(&row); err != nil {
			return dumpError(name, "row %d of %s: %v", n, table, jsonProblem(err))
		}
		if len(row) != len(cols) {
			return dumpError(name, "row %d of %s has %d values for %d columns", n, table, len(row), len(cols))
		}
		for i, v := range row {
			row[i], err = sqlValue(v)
			if err != nil {
				return dumpError(name, "row %d of %s: %v", n, table, err)
			}
		}
		if _, err := ins.Exec(row...); err != nil {
			return kith.Errorf(kith.Invalid, "%s: row %d of %s %s", name, n, table, constraintProblem(err)).
				WithHint("kith import restores only what kith export wrote, unchanged: export the original database again")
		}
	}
	if _, err = dec.Token(); err != nil {
		return dumpError(name, "%s", jsonProblem(err))
	}
	return nil
}

// sqlValue turns a decoded JSON value back into what was stored.
func sqlValue(v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, nil
		}
		return x.Float64()
	case map[string]any:
		if s, ok := x["blob"].(string); ok && len(x) == 1 {
			return base64.StdEncoding.DecodeString(s)
		}
		return nil, errors.New("an object is not a value")
	case []any:
		return nil, errors.New("an array is not a value")
	}
	return v, nil
}

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

// sqliteConstraint matches SQLite's constraint messages, e.g. "NOT NULL
// constraint failed: contacts.name_key (1299)".
// A UNIQUE index over two columns names both: "t.a, t.b".
var sqliteConstraint = regexp.MustCompile(`(NOT NULL|UNIQUE|CHECK|FOREIGN KEY) constraint failed(?:: ([^ ,]+(?:, \w+\.\w+)*))?`)

// constraintProblem says in words what a row broke, instead of SQLite's
// message and code.
func constraintProblem(err error) string {
	m := sqliteConstraint.FindStringSubmatch(err.Error())
	if m == nil {
		return "cannot be stored: " + err.Error()
	}
	col := m[2]
	if _, c, ok := strings.Cut(col, "."); ok {
		col = c
	}
	switch m[1] {
	case "NOT NULL":
		return fmt.Sprintf("has no value for %s, which every row needs", col)
	case "UNIQUE":
		return fmt.Sprintf("repeats the %s of an earlier row", strings.ReplaceAll(m[2], ",", " and"))
	case "CHECK":
		return fmt.Sprintf("has a value %s does not allow", firstOr(col, "the table"))
	}
	return "refers to a row that is not in the export"
}

func firstOr(s, alt string) string {
	if s != "" {
		return s
	}
	return alt
}

// jsonProblem words encoding/json's errors for a person: a file cut short
// says so rather than "unexpected EOF".
func jsonProblem(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the file ends in the middle (was it copied completely?)"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}
