-- The napkin shows, for each category, the people most and least recently
-- met: this index hands both ends over without sorting the category, and
-- counts each category without reading the table. It starts with
-- category_key, so it also serves everything contacts_category_key did.
CREATE INDEX contacts_category_seen ON contacts (category_key, last_contact);
DROP INDEX contacts_category_key;
