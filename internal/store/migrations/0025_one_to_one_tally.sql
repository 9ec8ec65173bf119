-- The report's one-to-ones per napkin category joined every meeting of
-- the period to each person at it, and each person to their category:
-- two index lookups per person met, most of the report's time on a
-- million coffees. This tally keeps, for each day and category, how many
-- people were met at the one-to-ones held that day (coffee, lunch or call,
-- neither planned nor cancelled: kith.CoffeeKind.OneToOne), so a period
-- reads one row per day and category. A category is the person's as it is
-- now, as the join had it.
--
-- It is made from the records, not one of them (like the search index):
-- the triggers below keep it in the same transaction as every write,
-- whoever makes it (a command, an undo); it is neither journaled nor
-- exported (store.tableNames leaves out every *_tally), and 0026 fills it,
-- and fills it again after kith import.
CREATE TABLE one_to_one_tally (
    held_on      TEXT NOT NULL,
    category_key TEXT NOT NULL,
    people       INTEGER NOT NULL,
    PRIMARY KEY (held_on, category_key)
) WITHOUT ROWID;

-- Someone put at a meeting, or taken from it, or moved between meetings
-- or people (a merge). A meeting or person being removed has counted off
-- its attendance already (below), and is gone by the time its attendance
-- goes with it, so that finds nothing to count off twice.
CREATE TRIGGER tally_attendance_insert AFTER INSERT ON coffee_contacts BEGIN
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, c.category_key, 1 FROM coffees k, contacts c
    WHERE k.id = NEW.coffee_id AND c.id = NEW.contact_id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + 1;
END;
CREATE TRIGGER tally_attendance_delete AFTER DELETE ON coffee_contacts BEGIN
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, c.category_key, -1 FROM coffees k, contacts c
    WHERE k.id = OLD.coffee_id AND c.id = OLD.contact_id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people - 1;
END;
CREATE TRIGGER tally_attendance_update AFTER UPDATE OF coffee_id, contact_id ON coffee_contacts BEGIN
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, c.category_key, -1 FROM coffees k, contacts c
    WHERE k.id = OLD.coffee_id AND c.id = OLD.contact_id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people - 1;
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, c.category_key, 1 FROM coffees k, contacts c
    WHERE k.id = NEW.coffee_id AND c.id = NEW.contact_id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + 1;
END;

-- A meeting held, moved to another day or kind, or planned again.
CREATE TRIGGER tally_coffees_update AFTER UPDATE OF held_on, kind, planned ON coffees
WHEN OLD.held_on IS NOT NEW.held_on OR OLD.kind IS NOT NEW.kind OR OLD.planned IS NOT NEW.planned BEGIN
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT OLD.held_on, c.category_key, -count(*) FROM coffee_contacts a JOIN contacts c ON c.id = a.contact_id
    WHERE a.coffee_id = OLD.id AND OLD.planned = 0 AND OLD.kind IN ('coffee', 'lunch', 'call')
    GROUP BY c.category_key
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + excluded.people;
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT NEW.held_on, c.category_key, count(*) FROM coffee_contacts a JOIN contacts c ON c.id = a.contact_id
    WHERE a.coffee_id = NEW.id AND NEW.planned = 0 AND NEW.kind IN ('coffee', 'lunch', 'call')
    GROUP BY c.category_key
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + excluded.people;
END;
-- A meeting removed: its attendance counted off before it goes (its
-- attendance goes with it, before an AFTER trigger could see it).
CREATE TRIGGER tally_coffees_delete BEFORE DELETE ON coffees BEGIN
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT OLD.held_on, c.category_key, -count(*) FROM coffee_contacts a JOIN contacts c ON c.id = a.contact_id
    WHERE a.coffee_id = OLD.id AND OLD.planned = 0 AND OLD.kind IN ('coffee', 'lunch', 'call')
    GROUP BY c.category_key
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + excluded.people;
END;

-- A person's category changed: their one-to-ones move with them.
CREATE TRIGGER tally_contacts_category AFTER UPDATE OF category_key ON contacts
WHEN OLD.category_key IS NOT NEW.category_key BEGIN
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, OLD.category_key, -count(*) FROM coffee_contacts a JOIN coffees k ON k.id = a.coffee_id
    WHERE a.contact_id = OLD.id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    GROUP BY k.held_on
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + excluded.people;
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, NEW.category_key, count(*) FROM coffee_contacts a JOIN coffees k ON k.id = a.coffee_id
    WHERE a.contact_id = NEW.id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    GROUP BY k.held_on
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + excluded.people;
END;
-- A person removed: their one-to-ones counted off before they go.
CREATE TRIGGER tally_contacts_delete BEFORE DELETE ON contacts BEGIN
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, OLD.category_key, -count(*) FROM coffee_contacts a JOIN coffees k ON k.id = a.coffee_id
    WHERE a.contact_id = OLD.id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    GROUP BY k.held_on
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + excluded.people;
END;
