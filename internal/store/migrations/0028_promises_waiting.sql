-- The promises not yet kept, which kith today lists oldest first: each
-- with what its line needs, so the digest reads this index alone rather
-- than the row of every introduction ever promised.
CREATE INDEX introductions_waiting ON introductions (promised_on, direction, kind, from_id, to_id, status)
    WHERE status = 'promised';
