-- Covering indexes for the report, so a quarter's scorecard reads index
-- entries in date order instead of looking up every row it counts.

-- Funnel moves by day, with what moved where: clients won, new contacts.
CREATE INDEX stage_moves_day ON stage_moves (moved_on, to_stage, from_stage, contact_id);
DROP INDEX stage_moves_moved_on;

-- Introductions by day with everything the counts and categories read.
CREATE INDEX introductions_day ON introductions (intro_on, direction, status, asked, from_id);
DROP INDEX introductions_intro_on;

-- Who introduced a contact, and how far it got: clients from introductions.
CREATE INDEX introductions_to_status ON introductions (to_id, direction, status, from_id);
DROP INDEX introductions_to;

-- Wins by the day they were won.
CREATE INDEX introductions_won ON introductions (status_on) WHERE status = 'won';

-- What a contact introduced, and how far it got: advocacy is derived from
-- these columns for every contact shown, and the report dates it.
CREATE INDEX introductions_from_status ON introductions (from_id, direction, status, asked, intro_on);
DROP INDEX introductions_from;

-- Coffees held (not planned) by day: the report counts these.
CREATE INDEX coffees_held ON coffees (planned, held_on);
