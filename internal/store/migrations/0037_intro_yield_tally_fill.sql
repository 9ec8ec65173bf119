-- Fills the introduction yield tally (0036) from the records. kith import
-- runs this again over what it restored: its tables come in any order,
-- and an introduction restored before its introducer finds no category
-- to count in.
DELETE FROM intro_yield_tally;
INSERT INTO intro_yield_tally (day, category_key, made, won, won_cents)
SELECT y.day, x.category_key, sum(y.made), sum(y.won), sum(y.cents) FROM intro_yields y JOIN contacts x ON x.id = y.from_id
GROUP BY y.day, x.category_key;
