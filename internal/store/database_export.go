package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// DumpFormat identifies kith's whole-database JSON; it changes only if the
// layout of the file itself changes, not with the schema.
const DumpFormat = 1

// ExportDatabase writes every table of the database — whatever tables the
// migrations have made, found in sqlite_master — as JSON: the schema
// version, each table's id sequence, then each table by name with its
// columns and its rows in rowid order, one row a line. It reads one snapshot, so the dump is consistent
// while other commands write.
func (db *DB) ExportDatabase(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	err := db.scan(ctx, "export database", func(tx *Tx) error {
		var version int
		if err := tx.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		tables, err := tx.tableNames()
		if err != nil {
			return err
		}
		seqs, err := tx.sequences()
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "{\n  \"kith_export\": %d,\n  \"schema_version\": %d,\n  \"sequences\": %s,\n  \"tables\": [", DumpFormat, version, seqs)
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

// sequences returns, as a JSON object by table name, the largest id SQLite
// ever gave in each table (sqlite_sequence), so a restore goes on giving ids
// above them: an id removed before the export stays unused after it.
func (tx *Tx) sequences() ([]byte, error) {
	var seqs []byte
	err := tx.QueryRow("SELECT json_group_object(name, seq) FROM (SELECT name, seq FROM sqlite_sequence ORDER BY name)").Scan(&seqs)
	return seqs, err
}

// tableNames lists the database's own tables, by name: the ordinary
// tables that hold records, not SQLite's, nor the search index's virtual
// tables and the shadow tables behind them, nor the tallies (*_tally),
// which are made from the records (their triggers keep them, and a
// restore makes them anew).
func (tx *Tx) tableNames() ([]string, error) {
	rows, err := tx.Query(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE '%\_tally' ESCAPE '\' ORDER BY name`)
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

// scanStrings reads a one-column result of text.
func scanStrings(rows *sql.Rows) ([]string, error) { return scanColumn[string](rows) }

// scanColumn reads every row of a one-column result and closes rows.
func scanColumn[T any](rows *sql.Rows) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		var s T
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

// sqliteConstraint matches SQLite's constraint messages, e.g. "NOT NULL
// constraint failed: contacts.name_key (1299)".
// A UNIQUE index over two columns names both: "t.a, t.b".
var sqliteConstraint = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(NOT NULL|UNIQUE|CHECK|FOREIGN KEY) constraint failed(?:: ([^ ,]+(?:, \w+\.\w+)*))?`)
})
