package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/kith-crm/kith/internal/kith"
)

// Entry is one journal entry: one command that changed the database.
type Entry struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	Command   []string  `json:"command"` // the arguments as typed, without "kith"
	Operation string    `json:"operation"`
	Summary   string    `json:"summary"`
	// Counts are the rows added, changed and removed, by table.
	Counts map[string]TableCounts `json:"counts"`
	// Undoes is the entry this one reversed (kith undo), 0 for others.
	Undoes int64 `json:"undoes,omitempty"`
	// UndoneBy is the undo that reversed this entry, when nothing has
	// redone it since; 0 otherwise.
	UndoneBy int64 `json:"undone_by,omitempty"`

	firstChange, lastChange int64
}

// CommandLine is the command as typed, quoted where the shell needs it:
// kith contact add 'Ana Lima'.
func (e Entry) CommandLine() string { return kith.CommandLine(e.Command) }

// entryColumns are what scanEntry reads.
const entryColumns = "id, at, command, operation, summary, counts, COALESCE(undoes, 0), first_change, last_change"

func scanEntry(s interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	var at, command, counts string
	if err := s.Scan(&e.ID, &at, &command, &e.Operation, &e.Summary, &counts, &e.Undoes, &e.firstChange, &e.lastChange); err != nil {
		return e, err
	}
	var err error
	if e.At, err = time.Parse(time.RFC3339, at); err != nil {
		return e, err
	}
	if err := json.Unmarshal([]byte(command), &e.Command); err != nil {
		return e, err
	}
	return e, json.Unmarshal([]byte(counts), &e.Counts)
}

// entry reads entry id; id 0 is the latest. A missing one is NotFound.
func (tx *Tx) entry(id int64) (Entry, error) {
	row := tx.QueryRow("SELECT "+entryColumns+" FROM journal WHERE id = ?", id)
	if id == 0 {
		row = tx.QueryRow("SELECT " + entryColumns + " FROM journal ORDER BY id DESC LIMIT 1")
	}
	e, err := scanEntry(row)
	switch {
	case errors.Is(err, sql.ErrNoRows) && id == 0:
		return e, kith.Errorf(kith.NotFound, "nothing to undo: the journal is empty")
	case errors.Is(err, sql.ErrNoRows):
		return e, kith.Errorf(kith.NotFound, "no journal entry #%d", id).WithHint("kith history lists the entries")
	}
	return e, err
}

// entriesAfter reads the entries after id, oldest first.
func (tx *Tx) entriesAfter(id int64) ([]Entry, error) {
	return queryAll(tx, scanEntry, "SELECT "+entryColumns+" FROM journal WHERE id > ? ORDER BY id", id)
}

// cancelledPairs finds, among entries (oldest first), each undo that no
// later undo reversed, with the entry it reversed when that is among them
// too: the pair left the records as they were, so neither counts as a
// later change. undoneBy maps an entry to the live undo that reversed it.
func cancelledPairs(entries []Entry) (cancelled map[int64]bool, undoneBy map[int64]int64) {
	cancelled = map[int64]bool{}
	undoneBy = map[int64]int64{}
	inRange := map[int64]bool{}
	for _, e := range entries {
		inRange[e.ID] = true
	}
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		if e.Undoes == 0 || cancelled[e.ID] {
			continue
		}
		undoneBy[e.Undoes] = e.ID
		if inRange[e.Undoes] {
			cancelled[e.ID], cancelled[e.Undoes] = true, true
		}
	}
	return cancelled, undoneBy
}

// entryOfChange finds the entry a change belongs to.
func (tx *Tx) entryOfChange(changeID int64) (Entry, error) {
	return scanEntry(tx.QueryRow("SELECT "+entryColumns+" FROM journal WHERE last_change >= ? ORDER BY last_change LIMIT 1", changeID))
}

// lastEntryTouching finds the latest entry that added, changed or removed
// row id of table.
func (tx *Tx) lastEntryTouching(table string, id int64) (Entry, error) {
	var changeID int64
	err := tx.QueryRow(`SELECT id FROM journal_changes WHERE tbl = ?1 AND first_row <= ?2 AND last_row >= ?2
		ORDER BY id DESC LIMIT 1`, table, id).Scan(&changeID)
	if err != nil {
		return Entry{}, err
	}
	return tx.entryOfChange(changeID)
}
