-- A planned coffee that did not happen is cancelled, not removed: it stays
-- in the contact's history but counts nowhere. It stays planned (never
-- held), so every count that takes held coffees (planned = 0) leaves it
-- out as it leaves out plans; only a plan can be cancelled.
ALTER TABLE coffees ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0
    CHECK (cancelled IN (0, 1) AND (cancelled = 0 OR planned = 1));
