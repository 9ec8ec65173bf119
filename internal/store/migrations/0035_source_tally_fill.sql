-- Fills the source tally (0034) from the records. kith import runs this
-- again over what it restored: its tables come in any order, and a first
-- placement restored before its contact finds no source to count.
DELETE FROM source_tally;
INSERT INTO source_tally (added_on, source, contacts)
SELECT m.moved_on, c.source, count(*) FROM stage_moves m JOIN contacts c ON c.id = m.contact_id
WHERE m.from_stage IS NULL GROUP BY m.moved_on, c.source;
