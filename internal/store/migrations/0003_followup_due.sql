-- Indexes that let `followup due` find the contacts a cadence makes due
-- without scanning every contact. A cadence item falls due on the contact's
-- base day (last contact, or the day they were added) plus the cadence.
-- The store filters the exact local day in Go, so the UTC day of
-- created_at is close enough here.

-- Contacts with their own cadence: indexed by the due day itself, as a
-- julian day number.
CREATE INDEX contacts_cadence_due ON contacts
    (julianday(COALESCE(last_contact, substr(created_at, 1, 10))) + cadence_days)
    WHERE cadence_days IS NOT NULL;

-- Contacts without one take their cadence from the config, per category or
-- by default: indexed by base day, per category and overall.
CREATE INDEX contacts_category_base ON contacts
    (category_key, COALESCE(last_contact, substr(created_at, 1, 10)))
    WHERE cadence_days IS NULL;
CREATE INDEX contacts_base ON contacts
    (COALESCE(last_contact, substr(created_at, 1, 10)))
    WHERE cadence_days IS NULL;
