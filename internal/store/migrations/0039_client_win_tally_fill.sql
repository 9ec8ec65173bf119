-- Fills the client win tallies (0038) from the records. kith import runs
-- this again over what it restored: its tables come in any order, and a
-- win or an introduction restored before a row it is counted by finds
-- nothing to count.
DELETE FROM client_win_tally;
DELETE FROM client_credit_tally;
DELETE FROM client_rewin_tally;
DELETE FROM client_recredit_tally;
INSERT INTO client_win_tally (won_on, won, introduced)
SELECT won_on, count(*), sum(introduced) FROM client_wins GROUP BY won_on;
INSERT INTO client_credit_tally (won_on, category_key, clients)
SELECT won_on, category_key, count(*) FROM client_win_credits GROUP BY won_on, category_key;
INSERT INTO client_rewin_tally (move_id, contact_id, won_on, prior_on)
SELECT move_id, contact_id, won_on, prior_on FROM client_rewins;
