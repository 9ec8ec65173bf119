-- Ids are never given again: an id in last week's cron mail or a script's
-- log names the same record or none. Every table gets an INTEGER PRIMARY
-- KEY AUTOINCREMENT id (SQLite then never hands out an id it gave before,
-- even after the row with the largest one is removed); the tables that were
-- keyed by their columns keep that key as UNIQUE. The journal relies on
-- these ids too: the rows a write added are the ids above each table's
-- sequence when it began.
--
-- AUTOINCREMENT needs a new table. This follows SQLite's documented
-- procedure for changing a table: the store runs migrations with foreign
-- keys off on their own connection (a DROP TABLE would otherwise delete
-- every child row through ON DELETE CASCADE) and checks every reference
-- before it commits. Rows keep their ids (the old rowids of the keyed
-- tables become their ids), so nothing that points at them changes.

-- The copies below name every column. A migration landed before this one
-- that added a column would lose it here, so the upgrade stops instead.
CREATE TEMP TABLE migration_check (tbl TEXT NOT NULL, columns_as_0010_knows INTEGER NOT NULL CHECK (columns_as_0010_knows));
WITH t (name, cols) AS (VALUES
    ('contacts', 'id,name,name_key,company,company_key,title,category,category_key,stage,advocacy,met_at,topic,idea,cadence_days,linkedin_url,birthday,source,last_contact,notes,created_at,updated_at'),
    ('contact_emails', 'contact_id,position,email,email_key'),
    ('contact_phones', 'contact_id,position,phone,digits'),
    ('contact_tags', 'contact_id,tag,tag_key'),
    ('stage_moves', 'id,contact_id,from_stage,to_stage,moved_on,created_at'),
    ('coffees', 'id,kind,held_on,place,topic,notes,planned,created_at,updated_at'),
    ('coffee_contacts', 'coffee_id,contact_id'),
    ('introductions', 'id,from_id,to_id,direction,kind,asked,status,value,intro_on,status_on,coffee_id,notes,created_at,updated_at'),
    ('followups', 'id,contact_id,text,due_on,source,coffee_id,snoozed,done_at,created_at,updated_at,contact_name'),
    ('targets', 'id,name,name_key,segment,notes,created_at'),
    ('goals', 'name,value,updated_at'))
INSERT INTO migration_check
SELECT t.name, (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info(t.name) ORDER BY cid)) = t.cols
FROM t;
DROP TABLE migration_check;

CREATE TABLE new_contacts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO new_contacts (id, name, name_key, company, company_key, title, category, category_key, stage,
    advocacy, met_at, topic, idea, cadence_days, linkedin_url, birthday, source, last_contact, notes,
    created_at, updated_at)
SELECT id, name, name_key, company, company_key, title, category, category_key, stage,
    advocacy, met_at, topic, idea, cadence_days, linkedin_url, birthday, source, last_contact, notes,
    created_at, updated_at FROM contacts;

CREATE TABLE new_contact_emails (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    email      TEXT NOT NULL,
    email_key  TEXT NOT NULL,
    UNIQUE (contact_id, position)
);
INSERT INTO new_contact_emails (id, contact_id, position, email, email_key)
SELECT rowid, contact_id, position, email, email_key FROM contact_emails;

CREATE TABLE new_contact_phones (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    phone      TEXT NOT NULL,
    digits     TEXT NOT NULL,
    UNIQUE (contact_id, position)
);
INSERT INTO new_contact_phones (id, contact_id, position, phone, digits)
SELECT rowid, contact_id, position, phone, digits FROM contact_phones;

CREATE TABLE new_contact_tags (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    tag_key    TEXT NOT NULL,
    UNIQUE (contact_id, tag_key)
);
INSERT INTO new_contact_tags (id, contact_id, tag, tag_key)
SELECT rowid, contact_id, tag, tag_key FROM contact_tags;

-- Every funnel move, including the first placement (from_stage NULL).
CREATE TABLE new_stage_moves (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    from_stage TEXT CHECK (from_stage IN ('halo', 'lead', 'client', 'past_client')),
    to_stage   TEXT NOT NULL CHECK (to_stage IN ('halo', 'lead', 'client', 'past_client')),
    moved_on   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO new_stage_moves (id, contact_id, from_stage, to_stage, moved_on, created_at)
SELECT id, contact_id, from_stage, to_stage, moved_on, created_at FROM stage_moves;

CREATE TABLE new_coffees (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO new_coffees (id, kind, held_on, place, topic, notes, planned, created_at, updated_at)
SELECT id, kind, held_on, place, topic, notes, planned, created_at, updated_at FROM coffees;

CREATE TABLE new_coffee_contacts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    coffee_id  INTEGER NOT NULL REFERENCES coffees (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    UNIQUE (coffee_id, contact_id)
);
INSERT INTO new_coffee_contacts (id, coffee_id, contact_id)
SELECT rowid, coffee_id, contact_id FROM coffee_contacts;

-- received: from_id introduced to_id to the user (from_id is the introducer).
-- given: the user introduced from_id to to_id.
CREATE TABLE new_introductions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO new_introductions (id, from_id, to_id, direction, kind, asked, status, value, intro_on, status_on,
    coffee_id, notes, created_at, updated_at)
SELECT id, from_id, to_id, direction, kind, asked, status, value, intro_on, status_on,
    coffee_id, notes, created_at, updated_at FROM introductions;

CREATE TABLE new_followups (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    text         TEXT NOT NULL CHECK (text <> ''),
    due_on       TEXT NOT NULL,
    -- manual, card (a card's follow-up idea) or coffee (a coffee's next step)
    source       TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'card', 'coffee')),
    coffee_id    INTEGER REFERENCES coffees (id) ON DELETE SET NULL,
    snoozed      INTEGER NOT NULL DEFAULT 0 CHECK (snoozed IN (0, 1)),
    done_at      TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    -- the contact's name, kept by the triggers below (see 0005)
    contact_name TEXT NOT NULL DEFAULT ''
);
INSERT INTO new_followups (id, contact_id, text, due_on, source, coffee_id, snoozed, done_at, created_at,
    updated_at, contact_name)
SELECT id, contact_id, text, due_on, source, coffee_id, snoozed, done_at, created_at,
    updated_at, contact_name FROM followups;

CREATE TABLE new_targets (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL CHECK (name <> ''),
    name_key   TEXT NOT NULL UNIQUE,
    segment    TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
INSERT INTO new_targets (id, name, name_key, segment, notes, created_at)
SELECT id, name, name_key, segment, notes, created_at FROM targets;

-- Objectives: coffees-per-week, clients-per-quarter, revenue-per-quarter, ...
CREATE TABLE new_goals (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    value      REAL NOT NULL CHECK (value >= 0),
    updated_at TEXT NOT NULL
);
INSERT INTO new_goals (id, name, value, updated_at) SELECT rowid, name, value, updated_at FROM goals;

DROP TABLE contacts;
DROP TABLE contact_emails;
DROP TABLE contact_phones;
DROP TABLE contact_tags;
DROP TABLE stage_moves;
DROP TABLE coffees;
DROP TABLE coffee_contacts;
DROP TABLE introductions;
DROP TABLE followups;
DROP TABLE targets;
DROP TABLE goals;
ALTER TABLE new_contacts RENAME TO contacts;
ALTER TABLE new_contact_emails RENAME TO contact_emails;
ALTER TABLE new_contact_phones RENAME TO contact_phones;
ALTER TABLE new_contact_tags RENAME TO contact_tags;
ALTER TABLE new_stage_moves RENAME TO stage_moves;
ALTER TABLE new_coffees RENAME TO coffees;
ALTER TABLE new_coffee_contacts RENAME TO coffee_contacts;
ALTER TABLE new_introductions RENAME TO introductions;
ALTER TABLE new_followups RENAME TO followups;
ALTER TABLE new_targets RENAME TO targets;
ALTER TABLE new_goals RENAME TO goals;

-- The indexes and triggers went with the old tables: the same again, as
-- migrations 0001 to 0009 left them.
CREATE INDEX contacts_company_key ON contacts (company_key);
CREATE INDEX contacts_linkedin_url ON contacts (linkedin_url) WHERE linkedin_url <> '';
CREATE INDEX contacts_category_seen ON contacts (category_key, last_contact);
CREATE INDEX contacts_category_base ON contacts
    (category_key, COALESCE(last_contact, substr(created_at, 1, 10)))
    WHERE cadence_days IS NULL;
CREATE INDEX contacts_base ON contacts
    (COALESCE(last_contact, substr(created_at, 1, 10)))
    WHERE cadence_days IS NULL;
CREATE INDEX contacts_cadence_due ON contacts
    (julianday(COALESCE(last_contact, substr(created_at, 1, 10))) + cadence_days,
     name, last_contact, created_at, cadence_days)
    WHERE cadence_days IS NOT NULL;
CREATE INDEX contacts_name_company ON contacts (name_key, company_key);
CREATE INDEX contact_emails_key ON contact_emails (email_key);
CREATE INDEX contact_phones_tail ON contact_phones (substr(digits, -9), contact_id);
CREATE INDEX contact_tags_key ON contact_tags (tag_key);
CREATE INDEX stage_moves_contact ON stage_moves (contact_id);
CREATE INDEX stage_moves_day ON stage_moves (moved_on, to_stage, from_stage, contact_id);
CREATE INDEX coffees_held_on ON coffees (held_on);
CREATE INDEX coffees_held ON coffees (planned, held_on);
CREATE INDEX coffee_contacts_contact ON coffee_contacts (contact_id, coffee_id);
CREATE INDEX introductions_day ON introductions (intro_on, direction, status, asked, from_id);
CREATE INDEX introductions_to_status ON introductions (to_id, direction, status, from_id);
CREATE INDEX introductions_won ON introductions (status_on) WHERE status = 'won';
CREATE INDEX introductions_from_status ON introductions (from_id, direction, status, asked, intro_on);
CREATE INDEX followups_contact ON followups (contact_id);
CREATE INDEX followups_open_due ON followups (due_on, contact_name, contact_id, text, done_at)
    WHERE done_at IS NULL;

CREATE TRIGGER followups_contact_name_insert AFTER INSERT ON followups BEGIN
    UPDATE followups SET contact_name = (SELECT name FROM contacts WHERE id = NEW.contact_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER followups_contact_name_move AFTER UPDATE OF contact_id, contact_name ON followups BEGIN
    UPDATE followups SET contact_name = (SELECT name FROM contacts WHERE id = NEW.contact_id)
    WHERE id = NEW.id AND contact_name IS NOT (SELECT name FROM contacts WHERE id = NEW.contact_id);
END;
CREATE TRIGGER contacts_name_to_followups AFTER UPDATE OF name ON contacts
WHEN NEW.name IS NOT OLD.name BEGIN
    UPDATE followups SET contact_name = NEW.name WHERE contact_id = NEW.id;
END;
