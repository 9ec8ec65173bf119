-- The report's clients won took each contact who moved into client in the
-- period (from halo, lead or past client), looked up who introduced them
-- and the category of each: 6,000 clients and 2,500 page reads in a
-- quarter of the benchmark data. These tallies keep, for each day, the
-- wins of that day and those of clients someone introduced, and each
-- category's credits: a client counts once in the category of each
-- person who introduced them, or in their own when nobody did. A person's
-- category and introductions are theirs as they are now, as the lookups
-- had them.
--
-- A contact who wins twice in one period (leaves and comes back) is one
-- client won: client_rewin_tally holds each win that had one before it,
-- with the day of that one, so a period takes off the wins whose earlier
-- win is in it too.
--
-- Like the other tallies (0025, 0029-0036) they are made from the records
-- by the triggers below, in every write's transaction, and are neither
-- journaled nor exported; 0039 fills them, and fills them again after
-- kith import.
CREATE TABLE client_win_tally (
    won_on     TEXT PRIMARY KEY,
    won        INTEGER NOT NULL,
    introduced INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE client_credit_tally (
    won_on       TEXT NOT NULL,
    category_key TEXT NOT NULL,
    clients      INTEGER NOT NULL,
    PRIMARY KEY (won_on, category_key)
) WITHOUT ROWID;
CREATE TABLE client_rewin_tally (
    move_id    INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL,
    won_on     TEXT NOT NULL,
    prior_on   TEXT NOT NULL
);
CREATE INDEX client_rewin_tally_contact ON client_rewin_tally (contact_id);
CREATE INDEX client_rewin_tally_prior ON client_rewin_tally (prior_on, won_on, move_id);
-- The clients whose credits wait for an introducer's removal to finish
-- (the triggers on contacts below); empty between statements.
CREATE TABLE client_recredit_tally (contact_id INTEGER PRIMARY KEY);

-- client_wins are the wins, each with whether someone introduced the
-- client, and client_win_credits each win's credited categories. Both
-- leave out a contact being removed (their row is gone first), and read a
-- win, or a contact's wins, through indexes when asked for one.
CREATE VIEW client_wins (contact_id, move_id, won_on, introduced) AS
    SELECT w.contact_id, w.id, w.moved_on, EXISTS (SELECT 1 FROM introductions i JOIN contacts x ON x.id = i.from_id
            WHERE i.to_id = w.contact_id AND i.direction = 'received' AND i.made_on IS NOT NULL)
    FROM stage_moves w JOIN contacts c ON c.id = w.contact_id
    WHERE w.to_stage = 'client' AND w.from_stage IN ('halo', 'lead', 'past_client');
CREATE VIEW client_win_credits (contact_id, move_id, won_on, category_key) AS
    SELECT w.contact_id, w.id, w.moved_on, x.category_key FROM stage_moves w
        JOIN contacts c ON c.id = w.contact_id
        JOIN introductions i ON i.to_id = w.contact_id AND i.direction = 'received' AND i.made_on IS NOT NULL
        JOIN contacts x ON x.id = i.from_id
    WHERE w.to_stage = 'client' AND w.from_stage IN ('halo', 'lead', 'past_client')
    UNION
    SELECT w.contact_id, w.id, w.moved_on, c.category_key FROM stage_moves w JOIN contacts c ON c.id = w.contact_id
    WHERE w.to_stage = 'client' AND w.from_stage IN ('halo', 'lead', 'past_client')
        AND NOT EXISTS (SELECT 1 FROM introductions i JOIN contacts x ON x.id = i.from_id
            WHERE i.to_id = w.contact_id AND i.direction = 'received' AND i.made_on IS NOT NULL);
-- client_rewins are the wins that had one before them, with its day.
CREATE VIEW client_rewins (move_id, contact_id, won_on, prior_on) AS
    SELECT id, contact_id, moved_on, prior_on FROM (
        SELECT id, contact_id, moved_on, lag(moved_on) OVER (PARTITION BY contact_id ORDER BY moved_on, id) AS prior_on
        FROM stage_moves WHERE to_stage = 'client' AND from_stage IN ('halo', 'lead', 'past_client'))
    WHERE prior_on IS NOT NULL;

-- A win written, removed or changed: counted off while it is there,
-- counted on once it is, and its contact's rewins made again.
CREATE TRIGGER tally_client_move_insert AFTER INSERT ON stage_moves
WHEN NEW.to_stage = 'client' AND NEW.from_stage IN ('halo', 'lead', 'past_client') BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, count(*), sum(introduced) FROM client_wins WHERE move_id = NEW.id GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, count(*) FROM client_win_credits WHERE move_id = NEW.id GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
    DELETE FROM client_rewin_tally WHERE contact_id = NEW.contact_id;
    INSERT INTO client_rewin_tally SELECT * FROM client_rewins WHERE contact_id = NEW.contact_id;
END;
CREATE TRIGGER tally_client_move_before_delete BEFORE DELETE ON stage_moves
WHEN OLD.to_stage = 'client' AND OLD.from_stage IN ('halo', 'lead', 'past_client') BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, -count(*), -sum(introduced) FROM client_wins WHERE move_id = OLD.id GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, -count(*) FROM client_win_credits WHERE move_id = OLD.id GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
CREATE TRIGGER tally_client_move_delete AFTER DELETE ON stage_moves
WHEN OLD.to_stage = 'client' AND OLD.from_stage IN ('halo', 'lead', 'past_client') BEGIN
    DELETE FROM client_rewin_tally WHERE contact_id = OLD.contact_id;
    INSERT INTO client_rewin_tally SELECT * FROM client_rewins WHERE contact_id = OLD.contact_id;
END;
CREATE TRIGGER tally_client_move_before_update BEFORE UPDATE OF contact_id, from_stage, to_stage, moved_on ON stage_moves
WHEN OLD.contact_id IS NOT NEW.contact_id OR OLD.from_stage IS NOT NEW.from_stage OR OLD.to_stage IS NOT NEW.to_stage
    OR OLD.moved_on IS NOT NEW.moved_on BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, -count(*), -sum(introduced) FROM client_wins WHERE move_id = OLD.id GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, -count(*) FROM client_win_credits WHERE move_id = OLD.id GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
CREATE TRIGGER tally_client_move_update AFTER UPDATE OF contact_id, from_stage, to_stage, moved_on ON stage_moves
WHEN OLD.contact_id IS NOT NEW.contact_id OR OLD.from_stage IS NOT NEW.from_stage OR OLD.to_stage IS NOT NEW.to_stage
    OR OLD.moved_on IS NOT NEW.moved_on BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, count(*), sum(introduced) FROM client_wins WHERE move_id = NEW.id GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, count(*) FROM client_win_credits WHERE move_id = NEW.id GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
    DELETE FROM client_rewin_tally WHERE contact_id IN (OLD.contact_id, NEW.contact_id);
    INSERT INTO client_rewin_tally SELECT * FROM client_rewins WHERE contact_id IN (OLD.contact_id, NEW.contact_id);
END;

-- An introduction that happened written, removed or changed: the client's
-- wins counted off with the credits they had, and on with those they have.
-- An introducer being removed is gone first, so a removal of theirs counts
-- the same off and on (the triggers on contacts below move the credits).
CREATE TRIGGER tally_client_intro_before_insert BEFORE INSERT ON introductions
WHEN NEW.direction = 'received' AND NEW.made_on IS NOT NULL BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, -count(*), -sum(introduced) FROM client_wins WHERE contact_id = NEW.to_id GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, -count(*) FROM client_win_credits WHERE contact_id = NEW.to_id GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
CREATE TRIGGER tally_client_intro_insert AFTER INSERT ON introductions
WHEN NEW.direction = 'received' AND NEW.made_on IS NOT NULL BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, count(*), sum(introduced) FROM client_wins WHERE contact_id = NEW.to_id GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, count(*) FROM client_win_credits WHERE contact_id = NEW.to_id GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
CREATE TRIGGER tally_client_intro_before_delete BEFORE DELETE ON introductions
WHEN OLD.direction = 'received' AND OLD.made_on IS NOT NULL BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, -count(*), -sum(introduced) FROM client_wins WHERE contact_id = OLD.to_id GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, -count(*) FROM client_win_credits WHERE contact_id = OLD.to_id GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
CREATE TRIGGER tally_client_intro_delete AFTER DELETE ON introductions
WHEN OLD.direction = 'received' AND OLD.made_on IS NOT NULL BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, count(*), sum(introduced) FROM client_wins WHERE contact_id = OLD.to_id GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, count(*) FROM client_win_credits WHERE contact_id = OLD.to_id GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
CREATE TRIGGER tally_client_intro_before_update BEFORE UPDATE OF from_id, to_id, direction, made_on ON introductions
WHEN (OLD.from_id IS NOT NEW.from_id OR OLD.to_id IS NOT NEW.to_id OR OLD.direction IS NOT NEW.direction
        OR (OLD.made_on IS NULL) <> (NEW.made_on IS NULL))
    AND ((OLD.direction = 'received' AND OLD.made_on IS NOT NULL) OR (NEW.direction = 'received' AND NEW.made_on IS NOT NULL)) BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, -count(*), -sum(introduced) FROM client_wins WHERE contact_id IN (OLD.to_id, NEW.to_id) GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, -count(*) FROM client_win_credits WHERE contact_id IN (OLD.to_id, NEW.to_id)
    GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
CREATE TRIGGER tally_client_intro_update AFTER UPDATE OF from_id, to_id, direction, made_on ON introductions
WHEN (OLD.from_id IS NOT NEW.from_id OR OLD.to_id IS NOT NEW.to_id OR OLD.direction IS NOT NEW.direction
        OR (OLD.made_on IS NULL) <> (NEW.made_on IS NULL))
    AND ((OLD.direction = 'received' AND OLD.made_on IS NOT NULL) OR (NEW.direction = 'received' AND NEW.made_on IS NOT NULL)) BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, count(*), sum(introduced) FROM client_wins WHERE contact_id IN (OLD.to_id, NEW.to_id) GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, count(*) FROM client_win_credits WHERE contact_id IN (OLD.to_id, NEW.to_id)
    GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;

-- A contact's category changed: their own wins' credits (when nobody
-- introduced them) and those of the clients they introduced move with it.
CREATE TRIGGER tally_client_category_before BEFORE UPDATE OF category_key ON contacts
WHEN OLD.category_key IS NOT NEW.category_key BEGIN
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, -count(*) FROM client_win_credits WHERE contact_id IN (SELECT OLD.id
        UNION SELECT to_id FROM introductions WHERE from_id = OLD.id AND direction = 'received' AND made_on IS NOT NULL)
    GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
CREATE TRIGGER tally_client_category AFTER UPDATE OF category_key ON contacts
WHEN OLD.category_key IS NOT NEW.category_key BEGIN
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, count(*) FROM client_win_credits WHERE contact_id IN (SELECT NEW.id
        UNION SELECT to_id FROM introductions WHERE from_id = NEW.id AND direction = 'received' AND made_on IS NOT NULL)
    GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
-- A contact removed: their own wins counted off while they are there, and
-- the clients they introduced counted off, then on again once they and
-- their introductions are gone. Most people removed have neither (an
-- import undone), and pass by at the cost of two index lookups.
CREATE TRIGGER tally_client_contact_before_delete BEFORE DELETE ON contacts
WHEN EXISTS (SELECT 1 FROM stage_moves WHERE contact_id = OLD.id AND to_stage = 'client')
    OR EXISTS (SELECT 1 FROM introductions WHERE from_id = OLD.id AND direction = 'received') BEGIN
    INSERT OR IGNORE INTO client_recredit_tally (contact_id)
    SELECT to_id FROM introductions WHERE from_id = OLD.id AND direction = 'received' AND made_on IS NOT NULL AND to_id <> OLD.id;
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, -count(*), -sum(introduced) FROM client_wins
    WHERE contact_id IN (SELECT OLD.id UNION SELECT contact_id FROM client_recredit_tally) GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, -count(*) FROM client_win_credits
    WHERE contact_id IN (SELECT OLD.id UNION SELECT contact_id FROM client_recredit_tally) GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
END;
CREATE TRIGGER tally_client_contact_delete AFTER DELETE ON contacts
WHEN EXISTS (SELECT 1 FROM client_recredit_tally) BEGIN
    INSERT INTO client_win_tally (won_on, won, introduced)
    SELECT won_on, count(*), sum(introduced) FROM client_wins
    WHERE contact_id IN (SELECT contact_id FROM client_recredit_tally) GROUP BY won_on
    ON CONFLICT (won_on) DO UPDATE SET won = won + excluded.won, introduced = introduced + excluded.introduced;
    INSERT INTO client_credit_tally (won_on, category_key, clients)
    SELECT won_on, category_key, count(*) FROM client_win_credits
    WHERE contact_id IN (SELECT contact_id FROM client_recredit_tally) GROUP BY won_on, category_key
    ON CONFLICT (won_on, category_key) DO UPDATE SET clients = clients + excluded.clients;
    DELETE FROM client_recredit_tally;
END;
