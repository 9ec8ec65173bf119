-- The report counts the meetings held on each day of its period and of
-- the weeks its chart shows, by kind: a quarter and its chart read some
-- 45,000 index entries on a million coffees. This tally keeps how many
-- meetings of each kind were held each day (planned and cancelled ones
-- are not held), so they read one row per day and kind.
--
-- Like the one-to-one tally (0025) it is made from the records: the
-- triggers below keep it in every write's transaction, whoever makes it,
-- and it is neither journaled nor exported. A meeting counts on its own
-- row alone, so a restore, whatever order its rows come in, counts it
-- through the same triggers.
CREATE TABLE meeting_tally (
    held_on  TEXT NOT NULL,
    kind     TEXT NOT NULL,
    meetings INTEGER NOT NULL,
    PRIMARY KEY (held_on, kind)
) WITHOUT ROWID;

CREATE TRIGGER tally_meetings_insert AFTER INSERT ON coffees WHEN NEW.planned = 0 BEGIN
    INSERT INTO meeting_tally (held_on, kind, meetings) VALUES (NEW.held_on, NEW.kind, 1)
    ON CONFLICT (held_on, kind) DO UPDATE SET meetings = meetings + 1;
END;
CREATE TRIGGER tally_meetings_delete AFTER DELETE ON coffees WHEN OLD.planned = 0 BEGIN
    UPDATE meeting_tally SET meetings = meetings - 1 WHERE held_on = OLD.held_on AND kind = OLD.kind;
END;
CREATE TRIGGER tally_meetings_update AFTER UPDATE OF held_on, kind, planned ON coffees
WHEN OLD.held_on IS NOT NEW.held_on OR OLD.kind IS NOT NEW.kind OR OLD.planned IS NOT NEW.planned BEGIN
    UPDATE meeting_tally SET meetings = meetings - 1
    WHERE OLD.planned = 0 AND held_on = OLD.held_on AND kind = OLD.kind;
    INSERT INTO meeting_tally (held_on, kind, meetings) SELECT NEW.held_on, NEW.kind, 1 WHERE NEW.planned = 0
    ON CONFLICT (held_on, kind) DO UPDATE SET meetings = meetings + 1;
END;

INSERT INTO meeting_tally (held_on, kind, meetings)
SELECT held_on, kind, count(*) FROM coffees WHERE planned = 0 GROUP BY held_on, kind;
