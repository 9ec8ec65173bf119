-- The 211° list (kith fans, and the one advocate kith today shows) counted
-- everyone's introductions in one pass over all of them, grouped by
-- introducer, and counted the ones given for each person apart: 50,000
-- introductions for 19,000 advocates on the benchmark data, most of a
-- morning digest's time. This tally keeps those counts per person: the
-- introductions received from them that happened (made or later), of those
-- the unasked, those they promised that are still promised, and those the
-- user gave with them on either side that happened.
--
-- It counts introductions alone, so the triggers below keep it whatever
-- order rows arrive in (a restore, an undo with foreign keys off); a row
-- counted down to nothing goes. Like the other tallies it is neither
-- journaled nor exported.
CREATE TABLE advocate_tally (
    contact_id INTEGER PRIMARY KEY,
    made       INTEGER NOT NULL,
    unasked    INTEGER NOT NULL,
    promised   INTEGER NOT NULL,
    given      INTEGER NOT NULL
);

CREATE TRIGGER tally_advocate_insert AFTER INSERT ON introductions BEGIN
    INSERT INTO advocate_tally (contact_id, made, unasked, promised, given)
    SELECT id, made, unasked, promised, given FROM (
        SELECT NEW.from_id AS id, NEW.direction = 'received' AND NEW.made_on IS NOT NULL AS made,
            NEW.direction = 'received' AND NEW.made_on IS NOT NULL AND NEW.asked = 0 AS unasked,
            NEW.direction = 'received' AND NEW.status = 'promised' AS promised,
            NEW.direction = 'given' AND NEW.made_on IS NOT NULL AS given
        UNION ALL SELECT NEW.to_id, 0, 0, 0, NEW.direction = 'given' AND NEW.made_on IS NOT NULL)
    WHERE made OR promised OR given
    ON CONFLICT (contact_id) DO UPDATE SET made = made + excluded.made, unasked = unasked + excluded.unasked,
        promised = promised + excluded.promised, given = given + excluded.given;
END;
CREATE TRIGGER tally_advocate_delete AFTER DELETE ON introductions BEGIN
    UPDATE advocate_tally SET made = made - (OLD.direction = 'received' AND OLD.made_on IS NOT NULL),
        unasked = unasked - (OLD.direction = 'received' AND OLD.made_on IS NOT NULL AND OLD.asked = 0),
        promised = promised - (OLD.direction = 'received' AND OLD.status = 'promised'),
        given = given - (OLD.direction = 'given' AND OLD.made_on IS NOT NULL)
    WHERE contact_id = OLD.from_id;
    UPDATE advocate_tally SET given = given - (OLD.direction = 'given' AND OLD.made_on IS NOT NULL)
    WHERE contact_id = OLD.to_id;
    DELETE FROM advocate_tally WHERE contact_id IN (OLD.from_id, OLD.to_id) AND made = 0 AND promised = 0 AND given = 0;
END;
CREATE TRIGGER tally_advocate_update AFTER UPDATE OF from_id, to_id, direction, made_on, asked, status ON introductions
WHEN OLD.from_id IS NOT NEW.from_id OR OLD.to_id IS NOT NEW.to_id OR OLD.direction IS NOT NEW.direction
    OR (OLD.made_on IS NULL) <> (NEW.made_on IS NULL) OR OLD.asked IS NOT NEW.asked OR OLD.status IS NOT NEW.status BEGIN
    UPDATE advocate_tally SET made = made - (OLD.direction = 'received' AND OLD.made_on IS NOT NULL),
        unasked = unasked - (OLD.direction = 'received' AND OLD.made_on IS NOT NULL AND OLD.asked = 0),
        promised = promised - (OLD.direction = 'received' AND OLD.status = 'promised'),
        given = given - (OLD.direction = 'given' AND OLD.made_on IS NOT NULL)
    WHERE contact_id = OLD.from_id;
    UPDATE advocate_tally SET given = given - (OLD.direction = 'given' AND OLD.made_on IS NOT NULL)
    WHERE contact_id = OLD.to_id;
    DELETE FROM advocate_tally WHERE contact_id IN (OLD.from_id, OLD.to_id) AND made = 0 AND promised = 0 AND given = 0;
    INSERT INTO advocate_tally (contact_id, made, unasked, promised, given)
    SELECT id, made, unasked, promised, given FROM (
        SELECT NEW.from_id AS id, NEW.direction = 'received' AND NEW.made_on IS NOT NULL AS made,
            NEW.direction = 'received' AND NEW.made_on IS NOT NULL AND NEW.asked = 0 AS unasked,
            NEW.direction = 'received' AND NEW.status = 'promised' AS promised,
            NEW.direction = 'given' AND NEW.made_on IS NOT NULL AS given
        UNION ALL SELECT NEW.to_id, 0, 0, 0, NEW.direction = 'given' AND NEW.made_on IS NOT NULL)
    WHERE made OR promised OR given
    ON CONFLICT (contact_id) DO UPDATE SET made = made + excluded.made, unasked = unasked + excluded.unasked,
        promised = promised + excluded.promised, given = given + excluded.given;
END;

INSERT INTO advocate_tally (contact_id, made, unasked, promised, given)
SELECT id, sum(made), sum(unasked), sum(promised), sum(given) FROM (
    SELECT from_id AS id, direction = 'received' AND made_on IS NOT NULL AS made,
        direction = 'received' AND made_on IS NOT NULL AND asked = 0 AS unasked,
        direction = 'received' AND status = 'promised' AS promised,
        direction = 'given' AND made_on IS NOT NULL AS given
    FROM introductions
    UNION ALL SELECT to_id, 0, 0, 0, direction = 'given' AND made_on IS NOT NULL FROM introductions)
GROUP BY id HAVING sum(made) > 0 OR sum(promised) > 0 OR sum(given) > 0;
