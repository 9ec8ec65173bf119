-- Fills the one-to-one tally (0025) from the records. kith import runs
-- this again over what it restored: its tables come in by name, a
-- meeting's attendance before the meeting and the people, which the
-- triggers cannot count.
DELETE FROM one_to_one_tally;
INSERT INTO one_to_one_tally (held_on, category_key, people)
SELECT k.held_on, c.category_key, count(*) FROM coffees k
JOIN coffee_contacts a ON a.coffee_id = k.id
JOIN contacts c ON c.id = a.contact_id
WHERE k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call')
GROUP BY k.held_on, c.category_key;
