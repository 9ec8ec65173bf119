-- Each step of an introduction keeps its own day, so reports count a step
-- on the day it happened: promised_on, made_on, met_on and closed_on (won
-- or lost). A step not reached is NULL; a promise lost unmade has no
-- made_on, so it never counts as made nor as evidence of advocacy.
-- intro_on stays the first step's day and status_on the current step's.
-- The days are filled by the next migration (0015_intro_step_days), which
-- kith import runs again over an export from before these columns.
ALTER TABLE introductions ADD COLUMN promised_on TEXT;
ALTER TABLE introductions ADD COLUMN made_on TEXT;
ALTER TABLE introductions ADD COLUMN met_on TEXT;
ALTER TABLE introductions ADD COLUMN closed_on TEXT;

-- The report counts each step in a period by its own day.
CREATE INDEX introductions_promised ON introductions (promised_on, direction, asked) WHERE promised_on IS NOT NULL;
CREATE INDEX introductions_made ON introductions (made_on, direction, asked, from_id) WHERE made_on IS NOT NULL;
CREATE INDEX introductions_met ON introductions (met_on, direction) WHERE met_on IS NOT NULL;
CREATE INDEX introductions_closed ON introductions (closed_on, status, direction, from_id, value)
    WHERE closed_on IS NOT NULL;
DROP INDEX introductions_won;

-- What a contact introduced that was made: advocacy is derived from these
-- columns for every contact shown, and dated by made_on.
CREATE INDEX introductions_from_made ON introductions (from_id, direction, asked, made_on, status);
DROP INDEX introductions_from_status;

-- Who introduced a contact, and whether it was made: clients through
-- introductions, introductions given.
CREATE INDEX introductions_to_made ON introductions (to_id, direction, made_on, from_id);
DROP INDEX introductions_to_status;
