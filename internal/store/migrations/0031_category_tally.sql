-- The report and the napkin count the contacts of each napkin category,
-- and of them those never met, which read the whole contacts_category_seen
-- index (100,000 entries on the benchmark data) every time. This tally
-- keeps both counts by category, archived contacts aside.
--
-- Like the other tallies (0025, 0029, 0030) it is made from the records
-- by the triggers below, in every write's transaction, and is neither
-- journaled nor exported. A contact counts on its own row alone, so a
-- restore counts it through the same triggers. Logging a coffee writes
-- the contact's last_contact, which changes the tally only the first time.
CREATE TABLE category_tally (
    category_key TEXT PRIMARY KEY,
    contacts     INTEGER NOT NULL,
    never_met    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER tally_category_insert AFTER INSERT ON contacts WHEN NEW.archived_on IS NULL BEGIN
    INSERT INTO category_tally (category_key, contacts, never_met) VALUES (NEW.category_key, 1, NEW.last_contact IS NULL)
    ON CONFLICT (category_key) DO UPDATE SET contacts = contacts + 1, never_met = never_met + excluded.never_met;
END;
CREATE TRIGGER tally_category_delete AFTER DELETE ON contacts WHEN OLD.archived_on IS NULL BEGIN
    UPDATE category_tally SET contacts = contacts - 1, never_met = never_met - (OLD.last_contact IS NULL)
    WHERE category_key = OLD.category_key;
END;
CREATE TRIGGER tally_category_update AFTER UPDATE OF category_key, last_contact, archived_on ON contacts
WHEN OLD.category_key IS NOT NEW.category_key OR (OLD.last_contact IS NULL) <> (NEW.last_contact IS NULL)
    OR (OLD.archived_on IS NULL) <> (NEW.archived_on IS NULL) BEGIN
    UPDATE category_tally SET contacts = contacts - 1, never_met = never_met - (OLD.last_contact IS NULL)
    WHERE OLD.archived_on IS NULL AND category_key = OLD.category_key;
    INSERT INTO category_tally (category_key, contacts, never_met)
    SELECT NEW.category_key, 1, NEW.last_contact IS NULL WHERE NEW.archived_on IS NULL
    ON CONFLICT (category_key) DO UPDATE SET contacts = contacts + 1, never_met = never_met + excluded.never_met;
END;

INSERT INTO category_tally (category_key, contacts, never_met)
SELECT category_key, count(*), count(*) - count(last_contact) FROM contacts WHERE archived_on IS NULL GROUP BY category_key;
