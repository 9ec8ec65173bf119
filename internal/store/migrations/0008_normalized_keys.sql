-- Keys are now folded to Unicode NFC as well as lower case (kith.Fold), so a
-- name stored as "e" + combining accent matches "é" typed as one character.
-- Recompute the keys an older kith stored; kith_fold is kith.Fold. A tag or
-- target whose new key another already has keeps its old key (OR IGNORE)
-- rather than failing the upgrade.
UPDATE contacts SET name_key = kith_fold(name) WHERE name_key <> kith_fold(name);
UPDATE contacts SET company_key = kith_fold(company) WHERE company_key <> kith_fold(company);
UPDATE contacts SET category_key = kith_fold(category) WHERE category_key <> kith_fold(category);
UPDATE contact_emails SET email_key = kith_fold(email) WHERE email_key <> kith_fold(email);
UPDATE OR IGNORE contact_tags SET tag_key = kith_fold(tag) WHERE tag_key <> kith_fold(tag);
UPDATE OR IGNORE targets SET name_key = kith_fold(name) WHERE name_key <> kith_fold(name);
