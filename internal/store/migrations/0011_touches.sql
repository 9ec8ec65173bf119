-- A touch is a message, an email or a call note that keeps a relationship
-- warm without being a meeting: it restarts the contact's stay-in-touch
-- cadence (kith touch, followup done c12) but never counts as a coffee
-- and leaves last_contact, the last meeting, alone.
CREATE TABLE touches (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    touched_on TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX touches_contact ON touches (contact_id, touched_on);

-- A snoozed stay-in-touch item (followup snooze c12): not due before
-- until_on. One per contact; a touch ends it.
CREATE TABLE cadence_snoozes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts (id) ON DELETE CASCADE,
    until_on   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
