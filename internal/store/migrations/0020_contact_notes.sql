-- Notes that grow: each is dated and kept. kith note and contact edit
-- --note add one; no command rewrites or replaces one (contacts.notes
-- stays the notes a contact came with, from contact add or an import).
CREATE TABLE contact_notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    noted_on   TEXT NOT NULL,
    text       TEXT NOT NULL CHECK (text <> ''),
    created_at TEXT NOT NULL
);
CREATE INDEX contact_notes_contact ON contact_notes (contact_id, noted_on);

-- A contact's dated notes are searched as its notes (0017_search.sql):
-- the view that indexes a contact reads them too, and a note added,
-- changed or removed indexes its contact anew.
DROP VIEW contact_search_docs;
CREATE VIEW contact_search_docs (id, name, company, title, category, emails, tags, met_at, topic, idea, notes) AS
SELECT c.id, c.name, c.company, c.title, c.category,
    (SELECT group_concat(e.email, ' ') FROM contact_emails e WHERE e.contact_id = c.id),
    (SELECT group_concat(t.tag, ' ') FROM contact_tags t WHERE t.contact_id = c.id),
    c.met_at, c.topic, c.idea,
    c.notes || COALESCE(' ' || (SELECT group_concat(n.text, ' ') FROM contact_notes n WHERE n.contact_id = c.id), '')
FROM contacts c;

CREATE TRIGGER search_contact_notes_insert AFTER INSERT ON contact_notes BEGIN
    DELETE FROM contact_search WHERE rowid = NEW.contact_id;
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id = NEW.contact_id;
END;
CREATE TRIGGER search_contact_notes_update AFTER UPDATE ON contact_notes BEGIN
    DELETE FROM contact_search WHERE rowid IN (OLD.contact_id, NEW.contact_id);
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id IN (OLD.contact_id, NEW.contact_id);
END;
CREATE TRIGGER search_contact_notes_delete AFTER DELETE ON contact_notes BEGIN
    DELETE FROM contact_search WHERE rowid = OLD.contact_id;
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id = OLD.contact_id;
END;
