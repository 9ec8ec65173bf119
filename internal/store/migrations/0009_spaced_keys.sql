-- Keys now count a run of white space as one space (kith.Fold), so "Ana  Lima"
-- matches "Ana Lima" as imports tidy it. Recompute the keys stored before, as
-- 0008 did; kith_fold is kith.Fold.
UPDATE contacts SET name_key = kith_fold(name) WHERE name_key <> kith_fold(name);
UPDATE contacts SET company_key = kith_fold(company) WHERE company_key <> kith_fold(company);
UPDATE contacts SET category_key = kith_fold(category) WHERE category_key <> kith_fold(category);
UPDATE contact_emails SET email_key = kith_fold(email) WHERE email_key <> kith_fold(email);
UPDATE OR IGNORE contact_tags SET tag_key = kith_fold(tag) WHERE tag_key <> kith_fold(tag);
UPDATE OR IGNORE targets SET name_key = kith_fold(name) WHERE name_key <> kith_fold(name);
