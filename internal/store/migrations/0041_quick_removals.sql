-- Removing a meeting cleared the meeting from the introductions and
-- follow-ups that came out of it (ON DELETE SET NULL), and neither had an
-- index on it: each meeting removed read all 150,000 of them on the
-- benchmark data, 50 ms a meeting, two seconds for a person removed with
-- their meetings. These partial indexes hold only the few rows that came
-- out of a meeting.
CREATE INDEX introductions_coffee ON introductions (coffee_id) WHERE coffee_id IS NOT NULL;
CREATE INDEX followups_coffee ON followups (coffee_id) WHERE coffee_id IS NOT NULL;

-- When a person's category changed or they were removed, the one-to-one
-- tally's triggers (0025) counted their meetings by joining coffee_contacts
-- to coffees, and SQLite chose to walk every meeting held (a million on
-- the benchmark data) and look each one up for that person: a category
-- edit took a second. The same counts now start from the person's own
-- meetings (CROSS JOIN keeps that order), read through
-- coffee_contacts_contact.
DROP TRIGGER tally_contacts_category;
DROP TRIGGER tally_contacts_delete;

CREATE TRIGGER tally_contacts_category AFTER UPDATE OF category_key ON contacts
WHEN OLD.category_key IS NOT NEW.category_key BEGIN
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, OLD.category_key, -count(*) FROM coffee_contacts a CROSS JOIN coffees k ON k.id = a.coffee_id
    WHERE a.contact_id = OLD.id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    GROUP BY k.held_on
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + excluded.people;
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, NEW.category_key, count(*) FROM coffee_contacts a CROSS JOIN coffees k ON k.id = a.coffee_id
    WHERE a.contact_id = NEW.id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    GROUP BY k.held_on
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + excluded.people;
END;
CREATE TRIGGER tally_contacts_delete BEFORE DELETE ON contacts BEGIN
    INSERT INTO one_to_one_tally (held_on, category_key, people)
    SELECT k.held_on, OLD.category_key, -count(*) FROM coffee_contacts a CROSS JOIN coffees k ON k.id = a.coffee_id
    WHERE a.contact_id = OLD.id AND k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
    GROUP BY k.held_on
    ON CONFLICT (held_on, category_key) DO UPDATE SET people = people + excluded.people;
END;
