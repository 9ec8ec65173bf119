-- A phone matches the same number written with or without a country code
-- (+1 415 555 0100 is 415-555-0100; see kith.SamePhoneDigits). Two such
-- numbers always share their last nine digits, so imports and dupes look
-- phones up by that tail, and check the rule on the few rows it finds.
-- The expression must stay exactly substr(digits, -9) in every query for
-- SQLite to use this index. It replaces the index on the whole digits,
-- which nothing looks up any more.
CREATE INDEX contact_phones_tail ON contact_phones (substr(digits, -9), contact_id);
DROP INDEX IF EXISTS contact_phones_digits;
