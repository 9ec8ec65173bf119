-- The whole domain from the start, so later commands add queries, not tables.
-- Dates are TEXT 'YYYY-MM-DD' (local calendar days); timestamps are TEXT
-- RFC 3339 in UTC. Both sort correctly as text.
-- *_key columns hold the case-folded form (Go's strings.ToLower, which folds
-- all of Unicode where SQLite's lower() folds only ASCII) for lookups.

CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (name <> ''),
    name_key     TEXT NOT NULL,
    company      TEXT NOT NULL DEFAULT '',
    company_key  TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT '',
    category_key TEXT NOT NULL DEFAULT '',
    stage        TEXT NOT NULL DEFAULT 'halo'
                 CHECK (stage IN ('halo', 'lead', 'client', 'past_client')),
    -- NULL: derived from introductions received; otherwise set by the user.
    advocacy     TEXT CHECK (advocacy IN ('none', 'advocate', 'raving_fan')),
    met_at       TEXT NOT NULL DEFAULT '',
    topic        TEXT NOT NULL DEFAULT '',
    idea         TEXT NOT NULL DEFAULT '',
    cadence_days INTEGER CHECK (cadence_days > 0),
    linkedin_url TEXT NOT NULL DEFAULT '',
    birthday     TEXT NOT NULL DEFAULT '',
    -- where the contact came from: manual, import:linkedin, intro, ...
    source       TEXT NOT NULL DEFAULT '',
    -- the day of the latest coffee with them, kept by the store on every
    -- coffee write so "who is overdue" needs no scan of coffees.
    last_contact TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX contacts_name_key ON contacts (name_key);
CREATE INDEX contacts_company_key ON contacts (company_key);
CREATE INDEX contacts_category_key ON contacts (category_key);
CREATE INDEX contacts_linkedin_url ON contacts (linkedin_url) WHERE linkedin_url <> '';

CREATE TABLE contact_emails (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    email      TEXT NOT NULL,
    email_key  TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
);
CREATE INDEX contact_emails_key ON contact_emails (email_key);

CREATE TABLE contact_phones (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    phone      TEXT NOT NULL,
    digits     TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
);
CREATE INDEX contact_phones_digits ON contact_phones (digits);

CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    tag_key    TEXT NOT NULL,
    PRIMARY KEY (contact_id, tag_key)
);
CREATE INDEX contact_tags_key ON contact_tags (tag_key);

-- Every funnel move, including the first placement (from_stage NULL).
CREATE TABLE stage_moves (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    from_stage TEXT CHECK (from_stage IN ('halo', 'lead', 'client', 'past_client')),
    to_stage   TEXT NOT NULL CHECK (to_stage IN ('halo', 'lead', 'client', 'past_client')),
    moved_on   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX stage_moves_contact ON stage_moves (contact_id);
CREATE INDEX stage_moves_moved_on ON stage_moves (moved_on);

CREATE TABLE coffees (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL DEFAULT 'coffee'
               CHECK (kind IN ('coffee', 'lunch', 'call', 'event', 'other')),
    held_on    TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    topic      TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    planned    INTEGER NOT NULL DEFAULT 0 CHECK (planned IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX coffees_held_on ON coffees (held_on);

CREATE TABLE coffee_contacts (
    coffee_id  INTEGER NOT NULL REFERENCES coffees (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (coffee_id, contact_id)
);
CREATE INDEX coffee_contacts_contact ON coffee_contacts (contact_id, coffee_id);

-- received: from_id introduced to_id to the user (from_id is the introducer).
-- given: the user introduced from_id to to_id.
CREATE TABLE introductions (
    id         INTEGER PRIMARY KEY,
    from_id    INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    to_id      INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    direction  TEXT NOT NULL CHECK (direction IN ('received', 'given')),
    kind       TEXT NOT NULL CHECK (kind IN ('alliance', 'client', 'coffee')),
    asked      INTEGER NOT NULL DEFAULT 1 CHECK (asked IN (0, 1)),
    status     TEXT NOT NULL DEFAULT 'made'
               CHECK (status IN ('promised', 'made', 'met', 'won', 'lost')),
    -- revenue when won, in the user's currency
    value      REAL CHECK (value >= 0),
    intro_on   TEXT NOT NULL,
    status_on  TEXT NOT NULL,
    coffee_id  INTEGER REFERENCES coffees (id) ON DELETE SET NULL,
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (from_id <> to_id)
);
CREATE INDEX introductions_from ON introductions (from_id);
CREATE INDEX introductions_to ON introductions (to_id);
CREATE INDEX introductions_intro_on ON introductions (intro_on);

CREATE TABLE followups (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    text       TEXT NOT NULL CHECK (text <> ''),
    due_on     TEXT NOT NULL,
    -- manual, card (a card's follow-up idea) or coffee (a coffee's next step)
    source     TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'card', 'coffee')),
    coffee_id  INTEGER REFERENCES coffees (id) ON DELETE SET NULL,
    snoozed    INTEGER NOT NULL DEFAULT 0 CHECK (snoozed IN (0, 1)),
    done_at    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX followups_open_due ON followups (due_on) WHERE done_at IS NULL;
CREATE INDEX followups_contact ON followups (contact_id);

CREATE TABLE targets (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (name <> ''),
    name_key   TEXT NOT NULL UNIQUE,
    segment    TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

-- Objectives: coffees-per-week, clients-per-quarter, revenue-per-quarter, ...
CREATE TABLE goals (
    name       TEXT PRIMARY KEY,
    value      REAL NOT NULL CHECK (value >= 0),
    updated_at TEXT NOT NULL
);
