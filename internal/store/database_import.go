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
	"strings"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/kith"
)

// ImportDatabase loads what ExportDatabase wrote into this database, which must be empty (just
// created or migrated, no rows anywhere). Everything goes in as one
// transaction; foreign keys are checked at the end, so tables may come in
// any order. name is how errors refer to the input.
func (db *DB) ImportDatabase(ctx context.Context, r io.Reader, name string) error {
	return db.write(ctx, opImportDatabase, func(tx *Tx) error {
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
		// keys, and one from before step days has none: bring both up to
		// date as the migrations that introduced them do (the restore is
		// not a journal entry: the export brought its journal)
		return tx.unjournaled(tx.rerunMigrations)
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
	var seqs map[string]int64
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
		case "sequences":
			if err := dec.Decode(&seqs); err != nil {
				return dumpError(name, "bad sequences: %v", jsonProblem(err))
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
	if err := tx.restoreSequences(seqs, name, known); err != nil {
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

// restoreSequences sets each table's id sequence to what the export
// recorded, unless the rows restored already took it higher. An export from
// before sequences were kept has none: ids then go on from the largest
// restored.
func (tx *Tx) restoreSequences(seqs map[string]int64, name string, known map[string]map[string]bool) error {
	for table, seq := range seqs {
		if known[table] == nil {
			return dumpError(name, "a sequence for unknown table %q", table)
		}
		if _, err := tx.Exec(`UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1`, table, seq); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO sqlite_sequence (name, seq) SELECT ?1, ?2
			WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?1)`, table, seq); err != nil {
			return err
		}
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

// constraintProblem says in words what a row broke, instead of SQLite's
// message and code.
func constraintProblem(err error) string {
	m := sqliteConstraint().FindStringSubmatch(err.Error())
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
