-- Fills the last-coffee tally (0032) from the records. kith import runs
-- this again over what it restored: a meeting's attendance comes in
-- before the meeting, which the triggers cannot see.
DELETE FROM last_coffee_tally;
INSERT INTO last_coffee_tally SELECT * FROM last_coffee_held;
