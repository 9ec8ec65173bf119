-- The report's new contacts by source joined each first placement of the
-- period (a stage move from no stage, the day a contact was added) to its
-- contact for the source, and sorted them: 8,000 lookups in a quarter of
-- the benchmark data. This tally keeps, for each day and source, how many
-- first placements were made that day, by the contact's source as it is
-- now, as the join had it.
--
-- Like the other tallies (0025, 0029-0032) it is made from the records
-- by the triggers below, in every write's transaction, and is neither
-- journaled nor exported; 0035 fills it, and fills it again after kith
-- import. A bulk contact import drops the insert trigger and counts its
-- rows in one pass (contact_import_bulk.go).
CREATE TABLE source_tally (
    added_on TEXT NOT NULL,
    source   TEXT NOT NULL,
    contacts INTEGER NOT NULL,
    PRIMARY KEY (added_on, source)
) WITHOUT ROWID;

-- A first placement written, removed or changed. A contact being removed
-- has counted off its placements already (below), and is gone by the time
-- they go with it, so those find nothing to count off twice.
CREATE TRIGGER tally_source_insert AFTER INSERT ON stage_moves WHEN NEW.from_stage IS NULL BEGIN
    INSERT INTO source_tally (added_on, source, contacts)
    SELECT NEW.moved_on, c.source, 1 FROM contacts c WHERE c.id = NEW.contact_id
    ON CONFLICT (added_on, source) DO UPDATE SET contacts = contacts + 1;
END;
CREATE TRIGGER tally_source_delete AFTER DELETE ON stage_moves WHEN OLD.from_stage IS NULL BEGIN
    UPDATE source_tally SET contacts = contacts - 1
    WHERE added_on = OLD.moved_on AND source = (SELECT c.source FROM contacts c WHERE c.id = OLD.contact_id);
END;
CREATE TRIGGER tally_source_update AFTER UPDATE OF contact_id, from_stage, moved_on ON stage_moves
WHEN OLD.contact_id IS NOT NEW.contact_id OR OLD.from_stage IS NOT NEW.from_stage OR OLD.moved_on IS NOT NEW.moved_on BEGIN
    UPDATE source_tally SET contacts = contacts - 1
    WHERE OLD.from_stage IS NULL AND added_on = OLD.moved_on
        AND source = (SELECT c.source FROM contacts c WHERE c.id = OLD.contact_id);
    INSERT INTO source_tally (added_on, source, contacts)
    SELECT NEW.moved_on, c.source, 1 FROM contacts c WHERE c.id = NEW.contact_id AND NEW.from_stage IS NULL
    ON CONFLICT (added_on, source) DO UPDATE SET contacts = contacts + 1;
END;

-- A contact's source changed: their placements move with it.
CREATE TRIGGER tally_source_contact_update AFTER UPDATE OF source ON contacts WHEN OLD.source IS NOT NEW.source BEGIN
    INSERT INTO source_tally (added_on, source, contacts)
    SELECT moved_on, OLD.source, -count(*) FROM stage_moves WHERE contact_id = OLD.id AND from_stage IS NULL
    GROUP BY moved_on
    ON CONFLICT (added_on, source) DO UPDATE SET contacts = contacts + excluded.contacts;
    INSERT INTO source_tally (added_on, source, contacts)
    SELECT moved_on, NEW.source, count(*) FROM stage_moves WHERE contact_id = NEW.id AND from_stage IS NULL
    GROUP BY moved_on
    ON CONFLICT (added_on, source) DO UPDATE SET contacts = contacts + excluded.contacts;
END;
-- A contact removed: their placements counted off before they go.
CREATE TRIGGER tally_source_contact_delete BEFORE DELETE ON contacts BEGIN
    INSERT INTO source_tally (added_on, source, contacts)
    SELECT moved_on, OLD.source, -count(*) FROM stage_moves WHERE contact_id = OLD.id AND from_stage IS NULL
    GROUP BY moved_on
    ON CONFLICT (added_on, source) DO UPDATE SET contacts = contacts + excluded.contacts;
END;
