-- The report counts the meetings held by day and by kind: one-to-ones
-- (coffee, lunch, call) toward the coffee objective, events and other
-- meetings apart. With the kind in the index a quarter's count reads index
-- entries only, as it did before kinds were told apart.
CREATE INDEX coffees_held_kind ON coffees (planned, held_on, kind);
DROP INDEX coffees_held;
