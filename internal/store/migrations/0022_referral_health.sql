-- The report's referral health reads two things on every run that had
-- no index: the clients and past clients now (a few of 100,000 contacts),
-- and the category of each person met in the period's one-to-ones, which
-- contacts_category_of answers without reading the contacts' rows.
CREATE INDEX contacts_clients ON contacts (stage) WHERE stage IN ('client', 'past_client');
CREATE INDEX contacts_category_of ON contacts (id, category_key);
