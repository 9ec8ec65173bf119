-- The report finds who became an advocate or a raving fan in its period,
-- and how many clients refer the user, from the introductions each person
-- made: it looked up every introducer of the period's introductions (some
-- 4,000 in a quarter on the benchmark data) and read all of theirs. This
-- tally keeps, for each person who made an introduction to the user that
-- happened, the day of the first (when they became an advocate) and of the
-- first made without being asked (a raving fan), so the report reads the
-- people whose day falls in its period from an index.
--
-- Like the other tallies (0025, 0029) it is made from the records by the
-- triggers below, in every write's transaction, and is neither journaled
-- nor exported. A person's row is counted again from their introductions
-- (the introductions_from_made index) whenever one of theirs changes, so
-- it holds whatever order a restore writes them in.
CREATE TABLE introducer_tally (
    contact_id    INTEGER PRIMARY KEY,
    first_made    TEXT NOT NULL,
    first_unasked TEXT
);
CREATE INDEX introducer_tally_made ON introducer_tally (first_made, first_unasked);
CREATE INDEX introducer_tally_unasked ON introducer_tally (first_unasked, first_made) WHERE first_unasked IS NOT NULL;

CREATE VIEW introducer_count AS
SELECT from_id AS contact_id, min(made_on) AS first_made, min(CASE WHEN asked = 0 THEN made_on END) AS first_unasked
FROM introductions WHERE direction = 'received' AND made_on IS NOT NULL GROUP BY from_id;

CREATE TRIGGER tally_introducer_insert AFTER INSERT ON introductions
WHEN NEW.direction = 'received' AND NEW.made_on IS NOT NULL BEGIN
    REPLACE INTO introducer_tally SELECT * FROM introducer_count WHERE contact_id = NEW.from_id;
END;
CREATE TRIGGER tally_introducer_delete AFTER DELETE ON introductions
WHEN OLD.direction = 'received' AND OLD.made_on IS NOT NULL BEGIN
    DELETE FROM introducer_tally WHERE contact_id = OLD.from_id;
    INSERT INTO introducer_tally SELECT * FROM introducer_count WHERE contact_id = OLD.from_id;
END;
CREATE TRIGGER tally_introducer_update AFTER UPDATE OF from_id, direction, asked, made_on ON introductions
WHEN (OLD.direction = 'received' AND OLD.made_on IS NOT NULL) OR (NEW.direction = 'received' AND NEW.made_on IS NOT NULL) BEGIN
    DELETE FROM introducer_tally WHERE contact_id IN (OLD.from_id, NEW.from_id);
    INSERT INTO introducer_tally SELECT * FROM introducer_count WHERE contact_id IN (OLD.from_id, NEW.from_id);
END;

INSERT INTO introducer_tally SELECT * FROM introducer_count;
