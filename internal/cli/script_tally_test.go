package cli_test

import (
	"database/sql"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"
)

// tallyDrift lists what the one-to-one tally of the database at path
// holds that a count from the records does not, and the other way round,
// one "day category people" a line: "" when they agree or the file has
// no tally (no database, another program's, one kith refused to touch).
const tallyDrift = `WITH counted AS (
		SELECT k.held_on, c.category_key, count(*) AS people FROM coffees k
		JOIN coffee_contacts a ON a.coffee_id = k.id JOIN contacts c ON c.id = a.contact_id
		WHERE k.planned = 0 AND k.kind IN ('coffee', 'lunch', 'call') GROUP BY k.held_on, c.category_key),
	kept AS (SELECT held_on, category_key, people FROM one_to_one_tally WHERE people <> 0)
	SELECT COALESCE(group_concat(side || ' ' || held_on || ' ' || category_key || ' ' || people, char(10)), '') FROM (
		SELECT 'counted' AS side, * FROM (SELECT * FROM counted EXCEPT SELECT * FROM kept)
		UNION ALL SELECT 'tallied', * FROM (SELECT * FROM kept EXCEPT SELECT * FROM counted))`

// checkTallyAfter makes the script fail if, when it ends, the one-to-one
// tally of its database ($KITH_DB) is not what its records count: every
// script's writes (logs, edits, merges, removals, undos, imports) keep it
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
		var has bool
		if db.QueryRow("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'one_to_one_tally')").Scan(&has); !has {
			return
		}
		var drift string
		if err := db.QueryRow(tallyDrift).Scan(&drift); err != nil {
			env.T().Fatal(err)
		}
		if drift != "" {
			env.T().Fatal("the one-to-one tally is not what the records count:\n" + drift)
		}
	})
}
