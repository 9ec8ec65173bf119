-- Imports find a person again by exact name and company. With name_key
-- alone, a common name sends every lookup through all its namesakes'
-- rows; this index goes straight to the one. It starts with name_key, so it
-- serves everything contacts_name_key did (REF lookups, prefix ranges).
CREATE INDEX contacts_name_company ON contacts (name_key, company_key);
DROP INDEX contacts_name_key;
