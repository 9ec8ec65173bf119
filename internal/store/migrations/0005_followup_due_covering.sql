-- `followup due` must stay instant with tens of thousands of items due: it
-- reads only covering indexes, never the tables.
--
-- A follow-up carries its contact's name, kept by triggers in the same
-- statement that changes it, so it cannot drift from contacts.name. This
-- spares one contact lookup per due follow-up, which was most of the cost.
ALTER TABLE followups ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
UPDATE followups SET contact_name = (SELECT name FROM contacts WHERE contacts.id = followups.contact_id);

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

-- the open follow-ups by due day, with everything the due list prints
DROP INDEX followups_open_due;
CREATE INDEX followups_open_due ON followups (due_on, contact_name, contact_id, text, done_at)
    WHERE done_at IS NULL;

-- contacts with their own cadence by due day, with what a due item needs
DROP INDEX contacts_cadence_due;
CREATE INDEX contacts_cadence_due ON contacts
    (julianday(COALESCE(last_contact, substr(created_at, 1, 10))) + cadence_days,
     name, last_contact, created_at, cadence_days)
    WHERE cadence_days IS NOT NULL;
