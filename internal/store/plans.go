package store

// QueryPlan returns the steps SQLite's planner chooses for q (EXPLAIN QUERY
// PLAN), for the tests that hold a query to reading an index.
func (db *DB) QueryPlan(q string, args ...any) ([]string, error) {
	rows, err := db.sql.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return nil, err
		}
		plan = append(plan, detail)
	}
	return plan, rows.Err()
}
