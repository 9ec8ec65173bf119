-- Dates that matter. A contact's anniversaries (LABEL:DATE each, see
-- kith.ParseAnniversary) are a JSON array of text, '' when there are none:
-- a short list always read with the contact, like the birthday.
ALTER TABLE contacts ADD COLUMN anniversaries TEXT NOT NULL DEFAULT '';

-- The coming week's birthdays (kith today) are found by month and day.
-- Birthdays are stored YYYY-MM-DD or --MM-DD, so the last five characters
-- are the month and day; queries must say exactly substr(birthday, -5).
CREATE INDEX contacts_birthday_day ON contacts (substr(birthday, -5), name, birthday) WHERE birthday <> '';

-- The few contacts with anniversaries, without reading the others.
CREATE INDEX contacts_anniversaries ON contacts (name, anniversaries) WHERE anniversaries <> '';
