package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// TableCounts says how many rows of one table an entry added, changed and
// removed. A row added and removed in the same entry counts nowhere.
type TableCounts struct {
	Added   int `json:"added,omitempty"`
	Changed int `json:"changed,omitempty"`
	Removed int `json:"removed,omitempty"`
}

func (c TableCounts) total() int { return c.Added + c.Changed + c.Removed }

// rangeSet is a table's added rows as sorted, non-overlapping ranges.
type rangeSet []change

func newRangeSet(cs []change) rangeSet {
	rs := append(rangeSet(nil), cs...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].first < rs[j].first })
	return rs
}

// has reports whether id is in one of the ranges.
func (rs rangeSet) has(id int64) bool {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].last >= id })
	return i < len(rs) && rs[i].first <= id
}

// addedRows groups an entry's insert changes by table.
func addedRows(changes []change) map[string]rangeSet {
	byTable := map[string][]change{}
	for _, c := range changes {
		if c.op == "insert" {
			byTable[c.table] = append(byTable[c.table], c)
		}
	}
	out := map[string]rangeSet{}
	for t, cs := range byTable {
		out[t] = newRangeSet(cs)
	}
	return out
}

// countChanges counts what an entry's changes did, table by table: rows
// added (those still there at its end), and rows that were there before it
// and that it changed or removed.
func (tx *Tx) countChanges(changes []change) (map[string]TableCounts, error) {
	added := addedRows(changes)
	counts := map[string]TableCounts{}
	changed := map[string]map[int64]bool{}
	removed := map[string]map[int64]bool{}
	mark := func(m map[string]map[int64]bool, c change) {
		if m[c.table] == nil {
			m[c.table] = map[int64]bool{}
		}
		m[c.table][c.first] = true
	}
	for _, c := range changes {
		switch {
		case c.op == "insert":
			var n int
			if err := tx.QueryRow("SELECT count(*) FROM "+quoteIdent(c.table)+" WHERE id BETWEEN ? AND ?", c.first, c.last).Scan(&n); err != nil {
				return nil, err
			}
			tc := counts[c.table]
			tc.Added += n
			counts[c.table] = tc
		case added[c.table].has(c.first):
			// added by this entry: its later changes are part of adding it
		case c.op == "delete":
			mark(removed, c)
		default:
			mark(changed, c)
		}
	}
	for t, rows := range changed {
		for id := range rows {
			if !removed[t][id] {
				tc := counts[t]
				tc.Changed++
				counts[t] = tc
			}
		}
	}
	for t, rows := range removed {
		tc := counts[t]
		tc.Removed += len(rows)
		counts[t] = tc
	}
	for t, tc := range counts {
		if tc.total() == 0 {
			delete(counts, t)
		}
	}
	return counts, nil
}

// mainTables are the records a person thinks in, in the order a summary
// prefers them when the operation's name does not say.
var mainTables = []string{"contacts", "coffees", "introductions", "followups", "targets", "goals"}

// opWords are the words of operation names that name a table by another
// name: ask records its answers as promised introductions.
var opWords = map[string]string{"answers": "introductions"}

// mainTable picks the table a summary is about: the one the operation
// names ("log coffee" is about coffees), else the first main table it
// touched, else the first table by name.
func mainTable(op string, counts map[string]TableCounts) string {
	for _, w := range strings.Fields(op) {
		if t, ok := opWords[w]; ok {
			w = t
		}
		for t := range counts {
			if t == w || t == w+"s" {
				return t
			}
		}
	}
	var tables []string
	for t := range counts {
		tables = append(tables, t)
	}
	SortTables(tables)
	if len(tables) == 0 {
		return ""
	}
	return tables[0]
}

// SortTables puts table names in the order summaries name them: the
// records a person thinks in first (contacts, coffees, introductions,
// follow-ups, targets, goals), then the rest by name.
func SortTables(tables []string) {
	rank := func(t string) int {
		for i, m := range mainTables {
			if t == m {
				return i
			}
		}
		return len(mainTables)
	}
	sort.Slice(tables, func(i, j int) bool {
		if a, b := rank(tables[i]), rank(tables[j]); a != b {
			return a < b
		}
		return tables[i] < tables[j]
	})
}

// nouns names a table's rows in summaries; others are named after the
// table.
var nouns = map[string]string{
	"followups": "follow-up", "stage_moves": "funnel move", "contact_emails": "email",
	"contact_phones": "phone", "contact_tags": "tag", "coffee_contacts": "coffee attendee",
	"touches": "touch", "cadence_snoozes": "stay-in-touch snooze", "followup_people": "follow-up link",
}

// Noun names n rows of a table as a person would: "contact", "follow-ups",
// "emails".
func Noun(table string, n int) string {
	s, ok := nouns[table]
	if !ok {
		s = strings.TrimSuffix(strings.ReplaceAll(table, "_", " "), "s")
	}
	switch {
	case n == 1:
		return s
	case strings.HasSuffix(s, "ch") || strings.HasSuffix(s, "sh") || strings.HasSuffix(s, "s") || strings.HasSuffix(s, "x"):
		return s + "es"
	}
	return s + "s"
}

// summarize describes an entry in a few words: "added contact #12 Ana
// Lima", "added 100000 contacts, changed 12".
func (tx *Tx) summarize(op string, changes []change, counts map[string]TableCounts) (string, error) {
	table := mainTable(op, counts)
	tc := counts[table]
	if tc.total() != 1 {
		var parts []string
		for _, p := range []struct {
			verb string
			n    int
		}{{"added", tc.Added}, {"changed", tc.Changed}, {"removed", tc.Removed}} {
			if p.n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d %s", p.verb, p.n, Noun(table, p.n)))
			}
		}
		if len(parts) == 0 {
			return "no lasting change", nil
		}
		return strings.Join(parts, ", "), nil
	}
	verb, row, err := tx.theOneRow(table, changes, tc)
	if err != nil {
		return "", err
	}
	desc, err := tx.describeRow(table, row)
	return verb + " " + Noun(table, 1) + " " + desc, err
}

// theOneRow finds the row of table an entry with one effect there added,
// changed or removed, as it is now (or was, when removed).
func (tx *Tx) theOneRow(table string, changes []change, tc TableCounts) (verb string, row map[string]any, err error) {
	added := addedRows(changes)[table]
	for _, c := range changes {
		if c.table != table {
			continue
		}
		switch {
		case tc.Added == 1 && c.op == "insert":
			var id int64
			err := tx.QueryRow("SELECT id FROM "+quoteIdent(table)+" WHERE id BETWEEN ? AND ? ORDER BY id LIMIT 1", c.first, c.last).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return "", nil, err
			}
			row, err := tx.currentRow(table, id)
			return "added", row, err
		case tc.Removed == 1 && c.op == "delete" && !added.has(c.first):
			row, err := tx.changeImage(c.id)
			return "removed", row, err
		case tc.Changed == 1 && c.op == "update" && !added.has(c.first):
			row, err := tx.currentRow(table, c.first)
			return "changed", row, err
		}
	}
	return "", nil, fmt.Errorf("summary: no change of %s found", table)
}

// currentRow reads a row of table as column → value.
func (tx *Tx) currentRow(table string, id int64) (map[string]any, error) {
	rows, err := tx.Query("SELECT * FROM "+quoteIdent(table)+" WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		return map[string]any{"id": id}, rows.Err() // gone since: the id tells what it was
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	row := map[string]any{}
	for i, c := range cols {
		row[c] = vals[i]
	}
	return row, rows.Err()
}

// changeImage reads the row image a change recorded.
func (tx *Tx) changeImage(id int64) (map[string]any, error) {
	var old sql.NullString
	if err := tx.QueryRow("SELECT old FROM journal_changes WHERE id = ?", id).Scan(&old); err != nil {
		return nil, err
	}
	return decodeImage(old.String)
}

// decodeImage reads a JSON row image, numbers as json.Number.
func decodeImage(s string) (map[string]any, error) {
	row := map[string]any{}
	if s == "" {
		return row, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	return row, dec.Decode(&row)
}

// describeRow names a row the way a person would recognise it.
func (tx *Tx) describeRow(table string, row map[string]any) (string, error) {
	id := fmt.Sprintf("#%v", row["id"])
	switch table {
	case "contacts", "targets":
		return strings.TrimSpace(id + " " + text(row["name"])), nil
	case "goals":
		return fmt.Sprintf("%s = %v", text(row["name"]), text(row["value"])), nil
	case "followups":
		return fmt.Sprintf("%s %q for %s", id, text(row["text"]), text(row["contact_name"])), nil
	case "coffees":
		var names sql.NullString
		err := tx.QueryRow(`SELECT group_concat(name, ', ') FROM (SELECT c.name FROM coffee_contacts cc
			JOIN contacts c ON c.id = cc.contact_id WHERE cc.coffee_id = ? ORDER BY c.name)`, row["id"]).Scan(&names)
		s := fmt.Sprintf("%s, %s on %s", id, text(row["kind"]), text(row["held_on"]))
		if names.String != "" {
			s += " with " + names.String
		}
		return s, err
	case "introductions":
		var from, to sql.NullString
		err := tx.QueryRow(`SELECT (SELECT name FROM contacts WHERE id = ?), (SELECT name FROM contacts WHERE id = ?)`,
			row["from_id"], row["to_id"]).Scan(&from, &to)
		return fmt.Sprintf("%s %s → %s", id, orID(from, row["from_id"]), orID(to, row["to_id"])), err
	}
	return id, nil
}

// text is a value as text ("" for NULL); a number from a JSON image reads
// as the stored number would (6, not 6.0).
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case json.Number:
		if n, err := sqlValue(x); err == nil {
			return fmt.Sprint(n)
		}
	}
	return fmt.Sprint(v)
}

// orID is a contact's name, or its id when it is gone.
func orID(name sql.NullString, id any) string {
	if name.Valid {
		return name.String
	}
	return fmt.Sprintf("#%v", id)
}
