package cli_test

import (
	"database/sql"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"
)

// tallyDrifts are, by tally, what the tally of a database holds that a
// count from the records does not, and the other way round, one "side
// key count" a line: "" when they agree.
var tallyDrifts = map[string]string{
	"one_to_one_tally": drift(`SELECT k.held_on, c.category_key, count(*) FROM coffees k
		JOIN coffee_contacts a ON a.coffee_id = k.id JOIN contacts c ON c.id = a.contact_id
		WHERE k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call') GROUP BY k.held_on, c.category_key`,
		`SELECT held_on, category_key, people FROM one_to_one_tally WHERE people <> 0`),
	"meeting_tally": drift(`SELECT held_on, kind, count(*) FROM coffees WHERE planned = 0 GROUP BY held_on, kind`,
		`SELECT held_on, kind, meetings FROM meeting_tally WHERE meetings <> 0`),
	"introducer_tally": drift(`SELECT from_id, min(made_on), COALESCE(min(CASE WHEN asked = 0 THEN made_on END), '-') FROM introductions
		WHERE direction = 'received' AND made_on IS NOT NULL GROUP BY from_id`,
		`SELECT contact_id, first_made, COALESCE(first_unasked, '-') FROM introducer_tally`),
	"category_tally": drift(`SELECT category_key, count(*), count(*) - count(last_contact) FROM contacts
		WHERE archived_on IS NULL GROUP BY category_key`,
		`SELECT category_key, contacts, never_met FROM category_tally WHERE contacts <> 0`),
	"source_tally": drift(`SELECT m.moved_on, c.source, count(*) FROM stage_moves m JOIN contacts c ON c.id = m.contact_id
		WHERE m.from_stage IS NULL GROUP BY m.moved_on, c.source`,
		`SELECT added_on, source, contacts FROM source_tally WHERE contacts <> 0`),
	"intro_yield_tally": drift(`SELECT y.day, x.category_key, sum(y.made) || ' ' || sum(y.won) || ' ' || sum(y.cents)
		FROM (SELECT from_id, made_on AS day, 1 AS made, 0 AS won, 0 AS cents FROM introductions
				WHERE direction = 'received' AND made_on IS NOT NULL
			UNION ALL SELECT from_id, closed_on, 0, 1, CAST(round(coalesce(value, 0) * 100) AS INTEGER) FROM introductions
				WHERE direction = 'received' AND status = 'won' AND closed_on IS NOT NULL) y
		JOIN contacts x ON x.id = y.from_id GROUP BY y.day, x.category_key`,
		`SELECT day, category_key, made || ' ' || won || ' ' || won_cents FROM intro_yield_tally
		WHERE made <> 0 OR won <> 0 OR won_cents <> 0`),
	"client_win_tally": drift(`SELECT moved_on, 'won', count(*) || ' ' || count(*) FILTER (WHERE contact_id IN (
			SELECT i.to_id FROM introductions i JOIN contacts x ON x.id = i.from_id WHERE i.direction = 'received' AND i.made_on IS NOT NULL))
		FROM stage_moves WHERE to_stage = 'client' AND from_stage IN ('halo', 'lead', 'past_client') GROUP BY moved_on`,
		`SELECT won_on, 'won', won || ' ' || introduced FROM client_win_tally WHERE won <> 0`),
	"client_credit_tally": drift(`SELECT moved_on, category_key, count(*) FROM (
			SELECT DISTINCT w.id, w.moved_on, COALESCE(n.category_key, c.category_key) AS category_key FROM stage_moves w
			JOIN contacts c ON c.id = w.contact_id
			LEFT JOIN (SELECT i.to_id, x.category_key FROM introductions i JOIN contacts x ON x.id = i.from_id
				WHERE i.direction = 'received' AND i.made_on IS NOT NULL) n ON n.to_id = w.contact_id
			WHERE w.to_stage = 'client' AND w.from_stage IN ('halo', 'lead', 'past_client'))
		GROUP BY moved_on, category_key`,
		`SELECT won_on, category_key, clients FROM client_credit_tally WHERE clients <> 0`),
	"client_rewin_tally": drift(`SELECT moved_on, id, prior FROM (SELECT id, moved_on,
			lag(moved_on) OVER (PARTITION BY contact_id ORDER BY moved_on, id) AS prior
		FROM stage_moves WHERE to_stage = 'client' AND from_stage IN ('halo', 'lead', 'past_client')) WHERE prior IS NOT NULL`,
		`SELECT won_on, move_id, prior_on FROM client_rewin_tally`),
	"advocate_tally": drift(`SELECT id, 'counts', sum(made) || ' ' || sum(unasked) || ' ' || sum(promised) || ' ' || sum(given) FROM (
			SELECT from_id AS id, direction = 'received' AND made_on IS NOT NULL AS made,
				direction = 'received' AND made_on IS NOT NULL AND asked = 0 AS unasked,
				direction = 'received' AND status = 'promised' AS promised, direction = 'given' AND made_on IS NOT NULL AS given
			FROM introductions
			UNION ALL SELECT to_id, 0, 0, 0, direction = 'given' AND made_on IS NOT NULL FROM introductions)
		GROUP BY id HAVING sum(made) > 0 OR sum(promised) > 0 OR sum(given) > 0`,
		`SELECT contact_id, 'counts', made || ' ' || unasked || ' ' || promised || ' ' || given FROM advocate_tally`),
	"last_coffee_tally": drift(`SELECT contact_id, held_on, coffee_id FROM (SELECT a.contact_id, k.held_on, k.id AS coffee_id,
			row_number() OVER (PARTITION BY a.contact_id ORDER BY k.held_on DESC, k.id DESC) AS latest
		FROM coffee_contacts a JOIN coffees k ON k.id = a.coffee_id WHERE k.planned = 0) WHERE latest = 1`,
		`SELECT contact_id, held_on, coffee_id FROM last_coffee_tally`),
}

// drift compares a count from the records with a tally, both as rows of
// three columns (day, key, count, or the like).
func drift(counted, kept string) string {
	return `WITH counted (day, key, n) AS (` + counted + `), kept (day, key, n) AS (` + kept + `)
	SELECT COALESCE(group_concat(side || ' ' || day || ' ' || key || ' ' || n, char(10)), '') FROM (
		SELECT 'counted' AS side, * FROM (SELECT * FROM counted EXCEPT SELECT * FROM kept)
		UNION ALL SELECT 'tallied', * FROM (SELECT * FROM kept EXCEPT SELECT * FROM counted))`
}

// checkTallyAfter makes the script fail if, when it ends, a tally of its
// database ($KITH_DB) is not what its records count: every script's
// writes (logs, edits, merges, removals, undos, imports) keep them
// through the triggers alone.
func checkTallyAfter(env *testscript.Env) {
	path := env.Getenv("KITH_DB")
	env.Defer(func() {
		if _, err := os.Stat(path); err != nil {
			return
		}
		db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=query_only(1)&_pragma=busy_timeout(10000)")
		if err != nil {
			env.T().Fatal(err)
		}
		defer db.Close()
		for tally, q := range tallyDrifts {
			var has bool
			if db.QueryRow("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?)", tally).Scan(&has); !has {
				continue // no kith database, or one from before the tally
			}
			var drift string
			if err := db.QueryRow(q).Scan(&drift); err != nil {
				env.T().Fatal(err)
			}
			if drift != "" {
				env.T().Fatal(tally + " is not what the records count:\n" + drift)
			}
		}
	})
}
