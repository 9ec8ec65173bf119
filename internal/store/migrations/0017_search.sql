-- The search index (kith search, contact list --search, REF resolution
-- and completion): one FTS5 table per kind of record, each row keyed by
-- the record's id. The tokenizer folds case and removes diacritics, so
-- "jurgen" finds "Jürgen" and "sao paulo" finds "São Paulo".
--
-- The tables are contentless (the text stays in the records' own tables;
-- a search reads the ids and then the records), with contentless_delete so
-- a row can be removed or replaced by its id alone. What each row indexes
-- is one view per kind (*_search_docs), used by the triggers below, by
-- this migration's first fill and by the contact import, which fills the
-- index in bulk (store/search_index.go). The triggers keep the index in the
-- same transaction as every write, whoever makes it: a command, an undo,
-- a restore.

CREATE VIRTUAL TABLE contact_search USING fts5(
    name, company, title, category, emails, tags, met_at, topic, idea, notes,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE coffee_search USING fts5(
    place, topic, notes,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE intro_search USING fts5(
    people, notes,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE followup_search USING fts5(
    text,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

CREATE VIEW contact_search_docs (id, name, company, title, category, emails, tags, met_at, topic, idea, notes) AS
SELECT c.id, c.name, c.company, c.title, c.category,
    (SELECT group_concat(e.email, ' ') FROM contact_emails e WHERE e.contact_id = c.id),
    (SELECT group_concat(t.tag, ' ') FROM contact_tags t WHERE t.contact_id = c.id),
    c.met_at, c.topic, c.idea, c.notes
FROM contacts c;
CREATE VIEW coffee_search_docs (id, place, topic, notes) AS
SELECT id, place, topic, notes FROM coffees;
CREATE VIEW intro_search_docs (id, people, notes) AS
SELECT i.id, a.name || ' ' || b.name, i.notes
FROM introductions i JOIN contacts a ON a.id = i.from_id JOIN contacts b ON b.id = i.to_id;
CREATE VIEW followup_search_docs (id, text) AS
SELECT id, text FROM followups;

-- contacts: the row itself, and its emails and tags, which are part of it
CREATE TRIGGER search_contacts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id = NEW.id;
END;
CREATE TRIGGER search_contacts_update AFTER UPDATE OF name, company, title, category, met_at, topic, idea, notes ON contacts BEGIN
    DELETE FROM contact_search WHERE rowid = OLD.id;
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id = NEW.id;
END;
CREATE TRIGGER search_contacts_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM contact_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER search_contact_emails_insert AFTER INSERT ON contact_emails BEGIN
    DELETE FROM contact_search WHERE rowid = NEW.contact_id;
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id = NEW.contact_id;
END;
CREATE TRIGGER search_contact_emails_update AFTER UPDATE ON contact_emails BEGIN
    DELETE FROM contact_search WHERE rowid IN (OLD.contact_id, NEW.contact_id);
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id IN (OLD.contact_id, NEW.contact_id);
END;
CREATE TRIGGER search_contact_emails_delete AFTER DELETE ON contact_emails BEGIN
    DELETE FROM contact_search WHERE rowid = OLD.contact_id;
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id = OLD.contact_id;
END;
CREATE TRIGGER search_contact_tags_insert AFTER INSERT ON contact_tags BEGIN
    DELETE FROM contact_search WHERE rowid = NEW.contact_id;
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id = NEW.contact_id;
END;
CREATE TRIGGER search_contact_tags_update AFTER UPDATE ON contact_tags BEGIN
    DELETE FROM contact_search WHERE rowid IN (OLD.contact_id, NEW.contact_id);
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id IN (OLD.contact_id, NEW.contact_id);
END;
CREATE TRIGGER search_contact_tags_delete AFTER DELETE ON contact_tags BEGIN
    DELETE FROM contact_search WHERE rowid = OLD.contact_id;
    INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
    SELECT * FROM contact_search_docs WHERE id = OLD.contact_id;
END;
-- an introduction indexes its people's names
CREATE TRIGGER search_contacts_rename AFTER UPDATE OF name ON contacts BEGIN
    DELETE FROM intro_search WHERE rowid IN (SELECT id FROM introductions WHERE from_id = NEW.id OR to_id = NEW.id);
    INSERT INTO intro_search (rowid, people, notes)
    SELECT * FROM intro_search_docs WHERE id IN (SELECT id FROM introductions WHERE from_id = NEW.id OR to_id = NEW.id);
END;

CREATE TRIGGER search_coffees_insert AFTER INSERT ON coffees BEGIN
    INSERT INTO coffee_search (rowid, place, topic, notes) SELECT * FROM coffee_search_docs WHERE id = NEW.id;
END;
CREATE TRIGGER search_coffees_update AFTER UPDATE OF place, topic, notes ON coffees BEGIN
    DELETE FROM coffee_search WHERE rowid = OLD.id;
    INSERT INTO coffee_search (rowid, place, topic, notes) SELECT * FROM coffee_search_docs WHERE id = NEW.id;
END;
CREATE TRIGGER search_coffees_delete AFTER DELETE ON coffees BEGIN
    DELETE FROM coffee_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_introductions_insert AFTER INSERT ON introductions BEGIN
    INSERT INTO intro_search (rowid, people, notes) SELECT * FROM intro_search_docs WHERE id = NEW.id;
END;
CREATE TRIGGER search_introductions_update AFTER UPDATE OF from_id, to_id, notes ON introductions BEGIN
    DELETE FROM intro_search WHERE rowid = OLD.id;
    INSERT INTO intro_search (rowid, people, notes) SELECT * FROM intro_search_docs WHERE id = NEW.id;
END;
CREATE TRIGGER search_introductions_delete AFTER DELETE ON introductions BEGIN
    DELETE FROM intro_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_followups_insert AFTER INSERT ON followups BEGIN
    INSERT INTO followup_search (rowid, text) SELECT * FROM followup_search_docs WHERE id = NEW.id;
END;
CREATE TRIGGER search_followups_update AFTER UPDATE OF text ON followups BEGIN
    DELETE FROM followup_search WHERE rowid = OLD.id;
    INSERT INTO followup_search (rowid, text) SELECT * FROM followup_search_docs WHERE id = NEW.id;
END;
CREATE TRIGGER search_followups_delete AFTER DELETE ON followups BEGIN
    DELETE FROM followup_search WHERE rowid = OLD.id;
END;

-- the records stored before this version
INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
SELECT * FROM contact_search_docs;
INSERT INTO coffee_search (rowid, place, topic, notes) SELECT * FROM coffee_search_docs;
INSERT INTO intro_search (rowid, people, notes) SELECT * FROM intro_search_docs;
INSERT INTO followup_search (rowid, text) SELECT * FROM followup_search_docs;
