-- The 211° list (kith fans, kith today) reads everyone who made an
-- introduction, thousands of contacts, for their name, last contact,
-- advocacy and whether they are archived, and promises waiting read the
-- names of both people of each. Read from their rows, each read faults in
-- a part of the contacts table; this index holds only those columns, in
-- id order, and is a tenth of its size.
CREATE INDEX contacts_ladder ON contacts (id, name, last_contact, advocacy, archived_on);

-- The few contacts whose advocacy the user set, which the 211° list reads
-- beside those who made introductions, without walking every contact.
CREATE INDEX contacts_advocacy_set ON contacts (advocacy) WHERE advocacy IS NOT NULL;
