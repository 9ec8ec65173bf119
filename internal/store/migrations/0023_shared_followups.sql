-- One follow-up for several people: the next step of a coffee with three
-- people is one thing to do, not three. followups.contact_id stays the
-- person a follow-up is for first; followup_people holds the others, in
-- the order they were added (by id), never the first person again.
CREATE TABLE followup_people (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    followup_id INTEGER NOT NULL REFERENCES followups (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    UNIQUE (followup_id, contact_id)
);
CREATE INDEX followup_people_contact ON followup_people (contact_id);

-- contact_name (0005) now names everyone a follow-up is for, the first
-- person then the others ("Ana Lima, Bo Chen"), so the due list, read
-- from its covering index alone, shows a shared follow-up once with
-- all of them. The triggers that keep it follow the others too. (The
-- names are ordered in a subquery, not by group_concat's own ORDER BY,
-- which SQLite before 3.44 cannot read: an older sqlite3 shell would call
-- the whole schema malformed.)
CREATE VIEW followup_names (id, names) AS
SELECT f.id, (SELECT name FROM contacts WHERE id = f.contact_id) || COALESCE(
    (SELECT ', ' || group_concat(name, ', ') FROM (SELECT c.name FROM followup_people p
        JOIN contacts c ON c.id = p.contact_id WHERE p.followup_id = f.id ORDER BY p.id)), '')
FROM followups f;

DROP TRIGGER followups_contact_name_insert;
DROP TRIGGER followups_contact_name_move;
DROP TRIGGER contacts_name_to_followups;

CREATE TRIGGER followups_contact_name_insert AFTER INSERT ON followups BEGIN
    UPDATE followups SET contact_name = (SELECT names FROM followup_names WHERE id = NEW.id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER followups_contact_name_move AFTER UPDATE OF contact_id, contact_name ON followups BEGIN
    UPDATE followups SET contact_name = (SELECT names FROM followup_names WHERE id = NEW.id)
    WHERE id = NEW.id AND contact_name IS NOT (SELECT names FROM followup_names WHERE id = NEW.id);
END;
CREATE TRIGGER contacts_name_to_followups AFTER UPDATE OF name ON contacts
WHEN NEW.name IS NOT OLD.name BEGIN
    UPDATE followups SET contact_name = (SELECT names FROM followup_names n WHERE n.id = followups.id)
    WHERE contact_id = NEW.id OR id IN (SELECT followup_id FROM followup_people WHERE contact_id = NEW.id);
END;
CREATE TRIGGER followup_people_insert AFTER INSERT ON followup_people BEGIN
    UPDATE followups SET contact_name = (SELECT names FROM followup_names WHERE id = NEW.followup_id)
    WHERE id = NEW.followup_id;
END;
CREATE TRIGGER followup_people_update AFTER UPDATE ON followup_people BEGIN
    UPDATE followups SET contact_name = (SELECT names FROM followup_names n WHERE n.id = followups.id)
    WHERE id IN (OLD.followup_id, NEW.followup_id);
END;
CREATE TRIGGER followup_people_delete AFTER DELETE ON followup_people BEGIN
    UPDATE followups SET contact_name = (SELECT names FROM followup_names WHERE id = OLD.followup_id)
    WHERE id = OLD.followup_id;
END;
