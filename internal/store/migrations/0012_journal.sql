-- The journal: every command that changes the database is one entry,
-- written in the same transaction as its change, with enough to reverse it
-- (kith undo) and to tell what happened (kith history). See journal.go.
CREATE TABLE journal (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,    -- when, RFC 3339 in UTC
    command      TEXT NOT NULL,    -- the command line as typed: a JSON array of its arguments
    operation    TEXT NOT NULL,    -- what the store did: "add contact", "undo"
    summary      TEXT NOT NULL,    -- "added contact Ana Lima"
    counts       TEXT NOT NULL,    -- rows added, changed and removed by table, as JSON
    undoes       INTEGER REFERENCES journal (id),  -- the entry an undo reversed
    -- the entry's changes are the journal_changes with ids in this range
    first_change INTEGER NOT NULL,
    last_change  INTEGER NOT NULL
);
CREATE INDEX journal_last_change ON journal (last_change);
CREATE INDEX journal_undoes ON journal (undoes) WHERE undoes IS NOT NULL;

-- What each entry changed, row by row or by ranges of ids:
--   insert: the rows first_row..last_row of tbl were added (ids are never
--           given twice, so the ids above a table's sequence when the write
--           began are exactly the rows it added; no row-by-row record);
--   update: row first_row (= last_row) was changed; old holds the changed
--           columns' values before, as a JSON object;
--   delete: row first_row was removed; old holds the whole row.
-- Triggers made from the schema (journal_triggers.go) write the updates
-- and deletes; the store writes the insert ranges when the write ends.
-- Ids here are internal (entries refer to ranges of them): no AUTOINCREMENT,
-- whose bookkeeping would cost every row a trigger writes.
CREATE TABLE journal_changes (
    id        INTEGER PRIMARY KEY,
    tbl       TEXT NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    first_row INTEGER NOT NULL,
    last_row  INTEGER NOT NULL,
    old       TEXT
);
