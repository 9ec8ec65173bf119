-- The report credits each introduction received to its introducer's
-- napkin category: those made in the period, and the value of those won
-- in it. It summed them by introducer, sorted, and looked up each
-- introducer's category: 5,500 introductions and 600 page reads in a
-- quarter of the benchmark data. This tally keeps, for each day and
-- category, the introductions received made that day and those won that
-- day with their value, by the introducer's category as it is now, as the
-- lookup had it.
--
-- Values are kept in whole cents (a float that is added to and taken from
-- would drift): a value with fractions of a cent counts to the nearest
-- cent here, as the report prints it.
--
-- Like the other tallies (0025, 0029-0034) it is made from the records
-- by the triggers below, in every write's transaction, and is neither
-- journaled nor exported; 0037 fills it, and fills it again after kith
-- import.
CREATE TABLE intro_yield_tally (
    day          TEXT NOT NULL,
    category_key TEXT NOT NULL,
    made         INTEGER NOT NULL,
    won          INTEGER NOT NULL,
    won_cents    INTEGER NOT NULL,
    PRIMARY KEY (day, category_key)
) WITHOUT ROWID;

-- What one introduction adds is a made on its made day and a won (with
-- its value) on its closed day, when it was received, in the category of
-- whoever introduced it. An introducer being removed has counted off
-- their introductions already (below), and is gone by the time those go
-- with them, so they find nothing to count off twice.
CREATE TRIGGER tally_intro_yield_insert AFTER INSERT ON introductions WHEN NEW.direction = 'received' BEGIN
    INSERT INTO intro_yield_tally (day, category_key, made, won, won_cents)
    SELECT s.day, x.category_key, s.made, s.won, s.cents FROM contacts x, (
        SELECT NEW.made_on AS day, 1 AS made, 0 AS won, 0 AS cents WHERE NEW.made_on IS NOT NULL
        UNION ALL SELECT NEW.closed_on, 0, 1, CAST(round(coalesce(NEW.value, 0) * 100) AS INTEGER)
            WHERE NEW.status = 'won' AND NEW.closed_on IS NOT NULL) s
    WHERE x.id = NEW.from_id
    ON CONFLICT (day, category_key) DO UPDATE
        SET made = made + excluded.made, won = won + excluded.won, won_cents = won_cents + excluded.won_cents;
END;
CREATE TRIGGER tally_intro_yield_delete AFTER DELETE ON introductions WHEN OLD.direction = 'received' BEGIN
    INSERT INTO intro_yield_tally (day, category_key, made, won, won_cents)
    SELECT s.day, x.category_key, -s.made, -s.won, -s.cents FROM contacts x, (
        SELECT OLD.made_on AS day, 1 AS made, 0 AS won, 0 AS cents WHERE OLD.made_on IS NOT NULL
        UNION ALL SELECT OLD.closed_on, 0, 1, CAST(round(coalesce(OLD.value, 0) * 100) AS INTEGER)
            WHERE OLD.status = 'won' AND OLD.closed_on IS NOT NULL) s
    WHERE x.id = OLD.from_id
    ON CONFLICT (day, category_key) DO UPDATE
        SET made = made + excluded.made, won = won + excluded.won, won_cents = won_cents + excluded.won_cents;
END;
CREATE TRIGGER tally_intro_yield_update AFTER UPDATE OF from_id, direction, made_on, closed_on, status, value ON introductions
WHEN OLD.from_id IS NOT NEW.from_id OR OLD.direction IS NOT NEW.direction OR OLD.made_on IS NOT NEW.made_on
    OR OLD.closed_on IS NOT NEW.closed_on OR OLD.status IS NOT NEW.status OR OLD.value IS NOT NEW.value BEGIN
    INSERT INTO intro_yield_tally (day, category_key, made, won, won_cents)
    SELECT s.day, x.category_key, -s.made, -s.won, -s.cents FROM contacts x, (
        SELECT OLD.made_on AS day, 1 AS made, 0 AS won, 0 AS cents WHERE OLD.made_on IS NOT NULL
        UNION ALL SELECT OLD.closed_on, 0, 1, CAST(round(coalesce(OLD.value, 0) * 100) AS INTEGER)
            WHERE OLD.status = 'won' AND OLD.closed_on IS NOT NULL) s
    WHERE x.id = OLD.from_id AND OLD.direction = 'received'
    ON CONFLICT (day, category_key) DO UPDATE
        SET made = made + excluded.made, won = won + excluded.won, won_cents = won_cents + excluded.won_cents;
    INSERT INTO intro_yield_tally (day, category_key, made, won, won_cents)
    SELECT s.day, x.category_key, s.made, s.won, s.cents FROM contacts x, (
        SELECT NEW.made_on AS day, 1 AS made, 0 AS won, 0 AS cents WHERE NEW.made_on IS NOT NULL
        UNION ALL SELECT NEW.closed_on, 0, 1, CAST(round(coalesce(NEW.value, 0) * 100) AS INTEGER)
            WHERE NEW.status = 'won' AND NEW.closed_on IS NOT NULL) s
    WHERE x.id = NEW.from_id AND NEW.direction = 'received'
    ON CONFLICT (day, category_key) DO UPDATE
        SET made = made + excluded.made, won = won + excluded.won, won_cents = won_cents + excluded.won_cents;
END;

-- intro_yields is what each introducer's introductions received add, by
-- day, for the triggers on contacts below and for 0037.
CREATE VIEW intro_yields (from_id, day, made, won, cents) AS
    SELECT from_id, made_on, 1, 0, 0 FROM introductions WHERE direction = 'received' AND made_on IS NOT NULL
    UNION ALL SELECT from_id, closed_on, 0, 1, CAST(round(coalesce(value, 0) * 100) AS INTEGER) FROM introductions
        WHERE direction = 'received' AND status = 'won' AND closed_on IS NOT NULL;

-- An introducer's category changed: their introductions move with them.
CREATE TRIGGER tally_intro_yield_category AFTER UPDATE OF category_key ON contacts
WHEN OLD.category_key IS NOT NEW.category_key BEGIN
    INSERT INTO intro_yield_tally (day, category_key, made, won, won_cents)
    SELECT day, OLD.category_key, -sum(made), -sum(won), -sum(cents) FROM intro_yields WHERE from_id = OLD.id GROUP BY day
    ON CONFLICT (day, category_key) DO UPDATE
        SET made = made + excluded.made, won = won + excluded.won, won_cents = won_cents + excluded.won_cents;
    INSERT INTO intro_yield_tally (day, category_key, made, won, won_cents)
    SELECT day, NEW.category_key, sum(made), sum(won), sum(cents) FROM intro_yields WHERE from_id = NEW.id GROUP BY day
    ON CONFLICT (day, category_key) DO UPDATE
        SET made = made + excluded.made, won = won + excluded.won, won_cents = won_cents + excluded.won_cents;
END;
-- An introducer removed: their introductions counted off before they go.
CREATE TRIGGER tally_intro_yield_contact_delete BEFORE DELETE ON contacts
WHEN EXISTS (SELECT 1 FROM introductions WHERE from_id = OLD.id AND direction = 'received') BEGIN
    INSERT INTO intro_yield_tally (day, category_key, made, won, won_cents)
    SELECT day, OLD.category_key, -sum(made), -sum(won), -sum(cents) FROM intro_yields WHERE from_id = OLD.id GROUP BY day
    ON CONFLICT (day, category_key) DO UPDATE
        SET made = made + excluded.made, won = won + excluded.won, won_cents = won_cents + excluded.won_cents;
END;
