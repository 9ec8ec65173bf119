-- An archived contact is hidden from the lists people read (contact list,
-- the napkin, reconnect, fans), from completion and from what is due,
-- while their history stays and the reports count it: the way to put away
-- someone whose introductions or wins the scorecard stands on, where
-- removing them would take those with them. archived_on is the day they
-- were archived, NULL for everyone else.
ALTER TABLE contacts ADD COLUMN archived_on TEXT;

-- The few archived contacts, which queries leave out by id
-- (archivedIDs in store/archive.go) without reading any other contact's row.
CREATE INDEX contacts_archived ON contacts (archived_on) WHERE archived_on IS NOT NULL;
