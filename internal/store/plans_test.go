package store_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/store"
)

// queryPlan returns the steps SQLite's planner chooses for q.
func queryPlan(t *testing.T, db *store.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.SQL().Query("EXPLAIN QUERY PLAN "+q, args...)
	require.NoError(t, err)
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
		plan = append(plan, detail)
	}
	require.NoError(t, rows.Err())
	return plan
}

// TestMeasureQueriesUseIndexes checks the plan of every query behind
// report, napkin and path: none may scan a whole table, since each must
// stay fast on 100,000 contacts and 1,000,000 coffees. A query may scan
// what it materialized itself (a CTE, a subquery), and the category
// tally, which holds a row per napkin category.
func TestMeasureQueriesUseIndexes(t *testing.T) {
	db, _ := openTemp(t)
	for name, q := range store.MeasureQueries {
		t.Run(name, func(t *testing.T) {
			args := make([]any, strings.Count(q, "?"))
			for i := range args {
				args[i] = "[1]" // a date, an id list or a key: the plan is the same
			}
			plan := queryPlan(t, db, q, args...)
			built := map[string]bool{} // what the query materialized itself, scanned by name
			for _, step := range plan {
				for _, made := range []string{"MATERIALIZE ", "CO-ROUTINE "} {
					if name, ok := strings.CutPrefix(step, made); ok {
						built[name] = true
					}
				}
			}
			for _, step := range plan {
				if !strings.HasPrefix(step, "SCAN ") || strings.Contains(step, "VIRTUAL TABLE") ||
					strings.HasPrefix(step, "SCAN (subquery") || step == "SCAN CONSTANT ROW" ||
					built[strings.TrimPrefix(step, "SCAN ")] || step == "SCAN category_tally" {
					continue
				}
				assert.Fail(t, "scans", "%s scans: %s\nplan: %s", name, step, strings.Join(plan, "; "))
			}
		})
	}
}

// TestListQueriesNeedNoSort keeps the queries that read a listing's lists
// on their indexes: each reads its table, or the ids it looks up, in
// contact id order without sorting.
func TestListQueriesNeedNoSort(t *testing.T) {
	db, _ := openTemp(t)
	for name, q := range store.ListQueries {
		args := make([]any, strings.Count(q, "?"))
		for i := range args {
			args[i] = "[1, 2]"
		}
		plan := strings.Join(queryPlan(t, db, q, args...), "; ")
		assert.NotContains(t, plan, "TEMP B-TREE", "%s: %s", name, plan)
	}
}

// TestDraftLastMeetingStartsFromTheContact holds the draft's last-meeting
// query to the contact's own coffees: starting from coffees by date is a
// range search, not a scan, yet for someone never met it reads every
// coffee (0.4 s on a million).
func TestDraftLastMeetingStartsFromTheContact(t *testing.T) {
	db, _ := openTemp(t)
	plan := queryPlan(t, db, store.MeasureQueries["draftLastMeeting"], 1, "2026-03-02")
	require.NotEmpty(t, plan)
	assert.Contains(t, plan[0], "coffee_contacts_contact (contact_id=?)", "plan: %s", strings.Join(plan, "; "))
	assert.Contains(t, strings.Join(plan, "; "), "SEARCH k USING INTEGER PRIMARY KEY")
}

// TestGraphWalksNeedNoSort keeps the whole graph's reads in the order of
// their tables: a sort would hold every person or introduction before
// the first is drawn.
func TestGraphWalksNeedNoSort(t *testing.T) {
	db, _ := openTemp(t)
	for name, q := range store.GraphWalks {
		plan := strings.Join(queryPlan(t, db, q), "; ")
		assert.NotContains(t, plan, "TEMP B-TREE", "%s: %s", name, plan)
	}
}
