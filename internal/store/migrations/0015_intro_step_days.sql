-- Gives each introduction without step days the days its status and
-- dates imply: the status date becomes the current step's day (never
-- before the first), and the earlier steps take the introduction's first
-- day (intro_on). A made introduction whose status date is after its first
-- day was a promise made later: promised on the first day. A lost one was
-- counted as made and met before, and stays so: whether it was ever made
-- cannot be told. kith import runs this again over an older export.
UPDATE introductions SET status_on = intro_on
WHERE promised_on IS NULL AND made_on IS NULL AND met_on IS NULL AND closed_on IS NULL
    AND (status_on < intro_on OR status = 'promised');

UPDATE introductions SET
    promised_on = CASE
        WHEN status = 'promised' THEN intro_on
        WHEN status = 'made' AND intro_on < status_on THEN intro_on
    END,
    made_on = CASE status WHEN 'promised' THEN NULL WHEN 'made' THEN status_on ELSE intro_on END,
    met_on = CASE status WHEN 'met' THEN status_on WHEN 'won' THEN intro_on WHEN 'lost' THEN intro_on END,
    closed_on = CASE WHEN status IN ('won', 'lost') THEN status_on END
WHERE promised_on IS NULL AND made_on IS NULL AND met_on IS NULL AND closed_on IS NULL;
