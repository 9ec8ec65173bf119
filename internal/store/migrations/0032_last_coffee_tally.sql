-- The 211° list (kith fans) and kith reconnect show the topic of each
-- person's latest meeting held. Found from each person's meetings, the
-- whole list (19,000 people on the benchmark data) read and sorted their
-- 333,000 places at meetings every time: a second of CPU. This tally keeps,
-- for each person met at a meeting held (neither planned nor cancelled),
-- which meeting was their latest: the one held last, and of those held
-- that day, the one logged last. The list reads a row a person, and their
-- meeting by id.
--
-- Like the other tallies (0025, 0029, 0030, 0031) it is made from the
-- records by the triggers below, in every write's transaction, and is
-- neither journaled nor exported. A restore puts a meeting's attendance in
-- before the meeting, which the triggers cannot see: 0033 fills the tally,
-- and fills it again after kith import.
CREATE TABLE last_coffee_tally (
    contact_id INTEGER PRIMARY KEY,
    held_on    TEXT NOT NULL,
    coffee_id  INTEGER NOT NULL
);

-- Each person's latest meeting held, looked up in their own meetings
-- (coffee_contacts_contact). A person being removed is gone before their
-- attendance goes with them, and has none.
CREATE VIEW last_coffee_held AS
SELECT c.id AS contact_id, k.held_on, k.id AS coffee_id FROM contacts c JOIN coffees k
ON k.id = (SELECT f.id FROM coffee_contacts a CROSS JOIN coffees f ON f.id = a.coffee_id
    WHERE a.contact_id = c.id AND f.planned = 0 ORDER BY f.held_on DESC, f.id DESC LIMIT 1);

-- Someone put at a meeting held (or moved to one, or a person merged into
-- another taking their place at it): it is their latest if it is later
-- than the one they had.
CREATE TRIGGER tally_last_coffee_attendance_insert AFTER INSERT ON coffee_contacts BEGIN
    INSERT INTO last_coffee_tally (contact_id, held_on, coffee_id)
    SELECT NEW.contact_id, k.held_on, k.id FROM coffees k WHERE k.id = NEW.coffee_id AND k.planned = 0
    ON CONFLICT (contact_id) DO UPDATE SET held_on = excluded.held_on, coffee_id = excluded.coffee_id
    WHERE (excluded.held_on, excluded.coffee_id) > (held_on, coffee_id);
END;
CREATE TRIGGER tally_last_coffee_attendance_moved_to AFTER UPDATE OF coffee_id, contact_id ON coffee_contacts BEGIN
    INSERT INTO last_coffee_tally (contact_id, held_on, coffee_id)
    SELECT NEW.contact_id, k.held_on, k.id FROM coffees k WHERE k.id = NEW.coffee_id AND k.planned = 0
    ON CONFLICT (contact_id) DO UPDATE SET held_on = excluded.held_on, coffee_id = excluded.coffee_id
    WHERE (excluded.held_on, excluded.coffee_id) > (held_on, coffee_id);
END;

-- Someone no longer at their latest meeting (taken off it, moved, or the
-- meeting or they removed): theirs is looked up anew.
CREATE TRIGGER tally_last_coffee_attendance_delete AFTER DELETE ON coffee_contacts
WHEN OLD.coffee_id = (SELECT coffee_id FROM last_coffee_tally WHERE contact_id = OLD.contact_id) BEGIN
    DELETE FROM last_coffee_tally WHERE contact_id = OLD.contact_id;
    INSERT INTO last_coffee_tally SELECT * FROM last_coffee_held WHERE contact_id = OLD.contact_id;
END;
CREATE TRIGGER tally_last_coffee_attendance_moved_from AFTER UPDATE OF coffee_id, contact_id ON coffee_contacts
WHEN OLD.coffee_id = (SELECT coffee_id FROM last_coffee_tally WHERE contact_id = OLD.contact_id) BEGIN
    DELETE FROM last_coffee_tally WHERE contact_id = OLD.contact_id;
    INSERT INTO last_coffee_tally SELECT * FROM last_coffee_held WHERE contact_id = OLD.contact_id;
END;

-- A meeting moved to another day, held, or planned again: the latest of
-- everyone at it is looked up anew.
CREATE TRIGGER tally_last_coffee_update AFTER UPDATE OF held_on, planned ON coffees
WHEN OLD.held_on IS NOT NEW.held_on OR OLD.planned IS NOT NEW.planned BEGIN
    DELETE FROM last_coffee_tally WHERE contact_id IN (SELECT contact_id FROM coffee_contacts WHERE coffee_id = NEW.id);
    INSERT INTO last_coffee_tally
    SELECT * FROM last_coffee_held WHERE contact_id IN (SELECT contact_id FROM coffee_contacts WHERE coffee_id = NEW.id);
END;
